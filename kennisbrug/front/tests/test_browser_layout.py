"""Pages fit the screen: on a phone and on a laptop, nothing makes the whole page scroll
sideways; a wide table scrolls in its own box instead."""

import pytest
from django.urls import reverse

from kennisbrug.events.models import Event
from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def wide_pages() -> list[str]:
    """Pages with wide tables, graphs, long theme names or long select options."""
    return [
        reverse("front:home"),
        reverse("front:werkplaats", args=["wsd-noord"]),
        reverse("front:agendas"),
        reverse("monitoring:dashboard"),
        reverse("network:graph"),
        reverse("network:map"),
        reverse("radar:network"),
        reverse("radar:werkplaats", args=["wsd-arnhem-nijmegen"]),
        reverse("radar:side-by-side") + "?w=wsd-twente&w=wsd-noord",
        reverse("programmes:programme", args=["city-deal-kennis-maken"]),
        Event.objects.order_by("pk").first().get_absolute_url(),
        Product.objects.published().order_by("pk").first().get_absolute_url(),
        Intervention.objects.active().exclude(evidence_level="").first().get_absolute_url(),
        reverse("search:results") + "?q=eenzaamheid+ouderen",
    ]


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_scrolls_sideways(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    too_wide = []
    for url in wide_pages():
        assert page.goto(url).status == 200, url
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide.append(f"{url}: {scroll_width}px")
    assert not too_wide, f"wider than {width}px: {too_wide}"


def _header_rows(page) -> dict:
    """How the header's parts lie: the menu's rows, and whether the brand's band (brand,
    tagline, search, language) is one row with the search box beside the brand."""
    return page.evaluate(
        """() => {
          const box = (s) => document.querySelector(s).getBoundingClientRect();
          const rows = (s) => new Set([...document.querySelectorAll(s)]
            .map(e => Math.round(e.getBoundingClientRect().top))).size;
          const brand = box('.brand'), form = box('.site-search');
          return {menuRows: rows('.header-nav nav li'),
                  topOneRow: [...document.querySelectorAll('.header-top > *')]
                    .every(e => e.getBoundingClientRect().top < brand.bottom),
                  searchBesideBrand: form.top < brand.bottom && form.bottom > brand.top};
        }"""
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("width", [1280, 1440])
def test_the_header_search_box_does_not_wrap_on_a_laptop(page, site_url, width, language):
    page.set_viewport_size({"width": width, "height": 900})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site_url}])
    assert page.goto(reverse("front:themes")).status == 200

    rows = _header_rows(page)

    assert rows == {"menuRows": 1, "topOneRow": True, "searchBesideBrand": True}, f"{width}px"


@pytest.mark.parametrize("width", [390, 800])
def test_on_a_narrow_screen_the_search_box_has_a_row_of_its_own(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    assert page.goto(reverse("front:themes")).status == 200

    rows = _header_rows(page)
    form = page.locator(".site-search").bounding_box()

    assert not rows["searchBesideBrand"]
    assert form["width"] >= width - 60  # the whole width of the band, less its padding
