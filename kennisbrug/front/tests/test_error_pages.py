"""A missing page and a server error answer in the reader's language, not Django's English."""

from __future__ import annotations

from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error


def test_a_missing_page_is_explained_in_dutch_with_ways_on(client, settings):
    settings.DEBUG = False
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert 'href="/zoeken/"' in html and "Zoek wat je nodig hebt" in html
    assert "Not Found" not in html


def test_a_missing_page_speaks_english_to_an_english_reader(client, settings):
    settings.DEBUG = False
    client.cookies["django_language"] = "en"
    html = client.get("/bestaat-niet/").content.decode()

    assert '<html lang="en">' in html
    assert "Page not found" in html


def test_a_server_error_page_needs_no_request_context_and_speaks_the_language(db):
    request = RequestFactory().get("/")
    response = server_error(request)
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()

    with translation.override("en"):
        html = server_error(request).content.decode()
    assert "Something went wrong" in html and 'lang="en"' in html
