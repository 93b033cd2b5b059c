"""The public pages in a real headless Chromium: reachable, in Dutch, and free of serious
or critical WCAG violations according to axe-core."""

import pytest
from django.urls import reverse

from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.testing.browser import assert_accessible, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def public_pages() -> list[str]:
    product = Product.objects.filter(status=Product.Status.PUBLISHED).first()
    return [
        reverse("front:home"),
        reverse("front:werkplaatsen"),
        reverse("front:werkplaats", args=["wsd-noord"]),
        reverse("front:themes"),
        product.get_absolute_url(),
        Project.objects.first().get_absolute_url(),
        Intervention.objects.active().first().get_absolute_url(),
        reverse("search:results") + "?q=eenzaamheid+ouderen",
    ]


def test_every_page_type_is_dutch_and_passes_axe(page):
    for url in public_pages():
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("html").get_attribute("lang") == "nl", url
        assert page.locator("main").count() == 1, url
        assert_accessible(page)


def test_search_works_without_javascript(js_off_page):
    js_off_page.goto(reverse("front:home"))
    js_off_page.get_by_role("searchbox").first.fill("geldzorgen jongeren")
    js_off_page.get_by_role("searchbox").first.press("Enter")
    js_off_page.wait_for_url("**/zoeken/**")

    assert "geldzorgen" in js_off_page.url
    results = js_off_page.locator("main h2, main h3")
    assert results.count() > 0


def test_the_accessibility_check_catches_a_broken_page(page):
    # Guards the guard: an unlabelled field and an image without alt text must be reported.
    page.set_content(
        '<html lang="nl"><body><main><h1>Proef</h1><input type="text">'
        '<img src="x.png"></main></body></html>'
    )

    found = {violation["id"] for violation in axe_violations(page)}

    assert {"label", "image-alt"} <= found
