"""The public pages in a real headless Chromium: every page type reachable, in Dutch, free of
serious or critical WCAG violations (axe-core), light on JavaScript, described for machines;
a screenshot of each is kept for people to look at."""

import json

import pytest
from django.urls import reverse

from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.testing.browser import assert_accessible, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

JS_BUDGET = 100 * 1024  # bytes of JavaScript a page may ship


def page_types() -> dict[str, str]:
    """One address of every page type, by the name its screenshot gets."""
    product = Product.objects.published().order_by("pk").first()
    intervention = Intervention.objects.active().exclude(evidence_level="").order_by("pk").first()
    return {
        "home": reverse("front:home"),
        "werkplaatsen": reverse("front:werkplaatsen"),
        "werkplaats": reverse("front:werkplaats", args=["wsd-noord"]),
        "themas": reverse("front:themes"),
        "thema": reverse("front:theme", args=["bestaanszekerheid"]),
        "agendas": reverse("front:agendas"),
        "kennisproduct": product.get_absolute_url(),
        "project": Project.objects.order_by("pk").first().get_absolute_url(),
        "interventie": intervention.get_absolute_url(),
        "zoeken": reverse("search:results") + "?q=eenzaamheid+ouderen",
        "zoeken-gefilterd": reverse("search:results") + "?q=armoede&soort=project",
    }


def javascript_bytes(page) -> int:
    """Bytes of script the page loaded: external files plus inline code (not JSON-LD)."""
    return page.evaluate(
        """() => {
          const external = performance.getEntriesByType('resource')
            .filter(e => e.initiatorType === 'script')
            .reduce((n, e) => n + (e.decodedBodySize || e.transferSize || 0), 0);
          const inline = [...document.querySelectorAll('script:not([src])')]
            .filter(s => !/json/.test(s.type))
            .reduce((n, s) => n + s.textContent.length, 0);
          return external + inline;
        }"""
    )


def test_every_page_type_is_dutch_accessible_light_and_photographed(page, shoot):
    for name, url in page_types().items():
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("html").get_attribute("lang") == "nl", url
        assert page.locator("main").count() == 1, url
        assert page.locator("h1").count() == 1, url
        title = page.title()
        assert title.endswith(" · Kennisbrug") and len(title) > len(" · Kennisbrug") + 3, url
        assert page.locator('meta[property="og:title"]').get_attribute("content"), url
        assert javascript_bytes(page) <= JS_BUDGET, url
        shoot(page, name)  # before axe adds its own script to the page
        assert_accessible(page)


@pytest.mark.parametrize(
    "kind,schema_type",
    [
        ("werkplaats", "Organization"),
        ("project", "ResearchProject"),
        ("interventie", "CreativeWork"),
    ],
)
def test_record_pages_describe_themselves_in_json_ld(page, kind, schema_type):
    page.goto(page_types()[kind])

    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == schema_type
    assert data["name"] == page.locator("h1").inner_text().strip()


def test_an_intervention_shows_its_recognition_level_on_a_scale(page):
    intervention = Intervention.objects.active().exclude(evidence_level="").first()
    page.goto(intervention.get_absolute_url())

    current = page.locator('.evidence-scale [aria-current="step"]')

    assert current.count() == 1
    assert current.inner_text() == intervention.get_evidence_level_display()
    assert intervention.get_evidence_level_display() in page.locator(".evidence-label").inner_text()


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
