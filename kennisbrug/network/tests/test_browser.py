"""The network page and the map in a real headless Chromium: axe-clean, usable without
JavaScript, and the graph's script highlights neighbours on click and on keyboard focus."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from kennisbrug.registry.models import Werkplaats
from kennisbrug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
ROOT = Path(__file__).resolve().parents[3]


def screenshot(page, name: str) -> None:
    folder = Path(os.environ.get("KENNISBRUG_SCREENSHOTS", ROOT / "var" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("name", ["network:graph", "network:map"])
def test_the_page_is_dutch_and_passes_axe(page, name):
    page.set_viewport_size({"width": 1400, "height": 1000})
    response = page.goto(reverse(name))

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)
    screenshot(page, name.replace(":", "-"))


def test_the_table_lists_every_werkplaats(page):
    page.goto(reverse("network:graph"))

    rows = page.locator(".network-table").first.locator("tbody th[scope=row] a")
    names = set(rows.all_inner_texts())
    assert {w.name.strip() for w in Werkplaats.objects.all()} <= {n.strip() for n in names}


def test_clicking_a_werkplaats_highlights_its_neighbours(page):
    page.goto(reverse("network:graph"))

    page.locator('[data-id="w-wsd-twente"] circle').click()

    graph = page.locator("svg.network-graph")
    assert "has-selection" in graph.get_attribute("class")
    assert "is-selected" in page.locator('[data-id="w-wsd-twente"]').get_attribute("class")
    assert "is-neighbour" in page.locator('[data-id="t-schulden"]').get_attribute("class")
    assert "is-dimmed" in page.locator('[data-id="w-wsd-zuyd"]').get_attribute("class")
    assert page.locator(".edge.is-neighbour").count() >= 10
    details = page.locator("#netwerk-details")
    assert "Twente" in details.locator("h3").inner_text()
    assert "Saxion" in details.inner_text()
    # The script made the choice without a page load and kept the address shareable.
    assert "knoop=w-wsd-twente" in page.url
    assert_accessible(page)
    screenshot(page, "network-graph-selected")


def test_keyboard_focus_shows_the_details(page):
    page.goto(reverse("network:graph"))

    page.locator('[data-id="t-armoede"]').focus()

    assert "is-selected" in page.locator('[data-id="t-armoede"]').get_attribute("class")
    assert "Armoede" in page.locator("#netwerk-details h3").inner_text()
    page.keyboard.press("Escape")
    assert "has-selection" not in page.locator("svg.network-graph").get_attribute("class")


def test_the_theme_filter_updates_without_reloading(page):
    page.goto(reverse("network:graph"))

    page.get_by_label("Wie werkt aan dit thema?").select_option("t-schulden")

    assert "is-selected" in page.locator('[data-id="t-schulden"]').get_attribute("class")
    assert "Twente" in page.locator("#netwerk-details").inner_text()


def test_both_pages_work_without_javascript(js_off_page):
    js_off_page.goto(reverse("network:graph"))
    assert js_off_page.locator("svg.network-graph [data-id]").count() > 50

    # A node is a link: the server answers with the same highlighting.
    js_off_page.locator('a[data-id="w-wsd-twente"] circle').click()
    js_off_page.wait_for_url("**knoop=w-wsd-twente**")
    assert "is-neighbour" in js_off_page.locator('[data-id="t-schulden"]').get_attribute("class")
    assert "Saxion" in js_off_page.locator("#netwerk-details").inner_text()

    # The theme filter is an ordinary form.
    js_off_page.get_by_label("Wie werkt aan dit thema?").select_option("t-armoede")
    js_off_page.get_by_role("button", name="Toon").click()
    js_off_page.wait_for_url("**knoop=t-armoede**")
    assert "Armoede" in js_off_page.locator("#netwerk-details h3").inner_text()

    js_off_page.goto(reverse("network:map"))
    assert js_off_page.locator("svg.nl-map .badge").count() >= 15
    assert js_off_page.locator("#gemeenten-per-werkplaats").is_visible()


def test_the_details_the_script_draws_on_the_english_page_mark_names_dutch(page):
    page.goto(reverse("network:graph"))
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/netwerk/")

    page.locator('[data-id="w-wsd-twente"] circle').click()

    details = page.locator("#netwerk-details")
    assert details.locator("h3").get_attribute("lang") == "nl"  # drawn by network.js
    assert details.locator('li [lang="nl"]').count() >= 3  # themes and partners
    assert details.locator("h4").first.inner_text().startswith("Themes")  # ours, English
    assert_accessible(page)
