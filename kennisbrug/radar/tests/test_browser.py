"""The radar's pages in a real headless Chromium: in Dutch, free of serious or critical WCAG
violations (axe-core), and usable without JavaScript."""

import pytest
from django.urls import reverse

from kennisbrug.programmes.models import ExternalProject
from kennisbrug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def radar_pages() -> list[str]:
    project = ExternalProject.objects.get(source_id="cdkm-nijmegen-wijkleerbedrijf-dukenburg")
    return [
        reverse("radar:network"),
        reverse("radar:werkplaats", args=["wsd-arnhem-nijmegen"]),
        reverse("radar:side-by-side"),
        reverse("radar:side-by-side")
        + "?w=wsd-arnhem-nijmegen&w=wsd-twente&w=wsd-utrecht-kus&programma=city-deal-kennis-maken",
        reverse("programmes:programmes"),
        project.programme.get_absolute_url(),
        project.get_absolute_url(),
    ]


def test_every_radar_page_is_dutch_and_passes_axe(page):
    for url in radar_pages():
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("html").get_attribute("lang") == "nl", url
        assert page.locator("h1").count() == 1, url
        assert_accessible(page)


def test_a_bad_choice_on_the_side_by_side_page_is_explained_accessibly(page):
    page.goto(reverse("radar:side-by-side") + "?w=wsd-twente")

    assert page.get_by_role("alert").inner_text().startswith("Kies twee tot vier")
    assert_accessible(page)


def test_agendas_side_by_side_work_without_javascript(js_off_page):
    js_off_page.goto(reverse("radar:side-by-side"))
    js_off_page.get_by_label("WSD Arnhem en Nijmegen").check()
    js_off_page.get_by_label("WSD Twente").check()
    js_off_page.get_by_label("Extern programma (niet verplicht)").select_option(
        label="City Deal Kennis Maken"
    )
    js_off_page.get_by_role("button", name="Leg naast elkaar").click()
    js_off_page.wait_for_url("**/naast-elkaar/?*")

    table = js_off_page.locator("table.side-by-side")
    assert table.locator("thead th").count() == 4  # theme + three columns
    shared = table.locator("tbody tr.shared")
    assert shared.count() > 0
    assert "gedeeld door" in shared.first.inner_text()
