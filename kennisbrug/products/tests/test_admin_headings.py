"""Small things of the beheer as an editor sees it."""

from __future__ import annotations

import re

from django.urls import reverse


def test_an_empty_value_in_a_filter_is_named_in_words(admin_client_):
    html = admin_client_.get(reverse("admin:products_product_changelist")).content.decode()

    filter_links = re.findall(r'<li[^>]*>\s*<a href="\?[^"]*"[^>]*>([^<]*)</a>', html)
    assert "(geen)" in filter_links  # "Op werkplaats": products that belong to none
    assert "-" not in filter_links


def test_the_heading_of_an_add_form_starts_with_a_capital(admin_client_):
    html = admin_client_.get(reverse("admin:products_product_add")).content.decode()

    # Django's Dutch says "kennisproduct toevoegen"; the beheer's style capitalises headings.
    assert "<h1>kennisproduct toevoegen</h1>" in html
    assert "#content > h1::first-letter { text-transform: uppercase; }" in html
