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
