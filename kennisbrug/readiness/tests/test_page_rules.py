"""The bridge's public pages keep the site's rules: one h1, Dutch, a skip link, a title."""

import re

import pytest
from django.urls import reverse

from kennisbrug.bridge import items

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("readiness:check", args=[items.by_source_id("wsd-noord:prod-001").pk]),
        lambda: reverse("readiness:candidates"),
        lambda: reverse("experts:experts") + "?q=eenzaamheid",
    ],
    ids=["check", "candidates", "experts"],
)
def test_each_page_has_one_h1_a_language_a_skip_link_and_a_title(client, url):
    html = client.get(url()).content.decode()

    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<html lang="nl">' in html and 'href="#inhoud"' in html
    assert re.search(r"<title>[^<]+ · Kennisbrug</title>", html)
