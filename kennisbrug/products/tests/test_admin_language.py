"""The beheer speaks Dutch all the way, also in the two-box selector for themes and groups."""

import pytest
from django.urls import reverse

from kennisbrug.products.tests.test_admin_scope import change_url, form_data, make_product

pytestmark = pytest.mark.django_db


def test_the_theme_and_target_group_selectors_are_named_in_dutch(editor_a_client):
    page = editor_a_client.get(reverse("admin:products_product_add")).content.decode()

    # The selector's JavaScript builds "Beschikbare …" / "Gekozen …" from this name.
    assert 'data-field-name="thema&#x27;s"' in page
    assert 'data-field-name="doelgroepen"' in page
    assert 'data-field-name="themes"' not in page


def test_the_selectors_texts_that_django_leaves_english_are_dutch(editor_a_client):
    catalogue = editor_a_client.get(reverse("admin:jsi18n")).content.decode()

    assert '"Choose all %s": "Alle %s kiezen"' in catalogue
    assert '"Remove all %s": "Alle %s verwijderen"' in catalogue


def test_the_saved_message_needs_no_article_so_het_words_read_right(editor_a_client, werkplaats_a):
    # Django's own Dutch says "De kennisproduct … is met succes gewijzigd"; it is hét kennisproduct.
    product = make_product(werkplaats_a, "Eigen factsheet")

    response = editor_a_client.post(
        change_url(product), form_data(product, title="Bijgewerkt"), follow=True
    )

    html = response.content.decode()
    assert "Bijgewerkt</a>’ (kennisproduct) is gewijzigd." in html  # the title links to it
    assert "De kennisproduct" not in html
