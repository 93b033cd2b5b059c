"""The network's working pages (monitoring, databank readiness, expert finding) in a real
browser: they load, speak Dutch, and pass axe-core like the public pages do."""

import pytest
from django.urls import reverse

from kennisbrug.products.models import Product
from kennisbrug.registry.models import Werkplaats
from kennisbrug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def tool_pages() -> list[str]:
    werkplaats = Werkplaats.objects.get(slug="wsd-noord")
    method = Product.objects.filter(status=Product.Status.PUBLISHED, werkplaats=werkplaats).first()
    return [
        reverse("monitoring:dashboard"),
        reverse("monitoring:dashboard") + f"?werkplaats={werkplaats.slug}",
        reverse("monitoring:ledger", args=[werkplaats.slug]),
        reverse("readiness:candidates"),
        reverse("readiness:check", args=[method.pk]),
        reverse("experts:experts") + "?q=eenzaamheid",
    ]


def test_the_working_pages_are_dutch_and_pass_axe(page):
    for url in tool_pages():
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("html").get_attribute("lang") == "nl", url
        assert page.locator("h1").count() == 1, url
        assert_accessible(page)


def test_a_dashboard_chart_has_a_text_alternative_and_its_table(page):
    page.goto(reverse("monitoring:dashboard"))

    chart = page.locator("main svg[role='img']").first
    assert chart.get_attribute("aria-labelledby") or chart.get_attribute("aria-label")
    assert page.locator("main table").count() >= 1
