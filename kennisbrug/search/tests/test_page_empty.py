"""When nothing is found, the page says what to try next, in the visitor's language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NOTHING = "qqqzzzxxy"  # no record holds it, nor anything within typo distance


def test_nothing_found_offers_the_themes_to_browse(client):
    html = client.get(reverse("search:results"), {"q": NOTHING}).content.decode()

    assert "Niets gevonden." in html
    assert f'href="{reverse("front:themes")}">Of blader per thema.' in html
    assert "Nederlandse woorden" not in html


def test_an_english_visitor_who_finds_nothing_is_told_to_search_in_dutch(client):
    client.cookies["django_language"] = "en"

    html = client.get(reverse("search:results"), {"q": NOTHING}).content.decode()

    assert "Nothing found." in html
    assert "written in Dutch" in html
