"""Feeds parse with an established feed parser and hold the right products."""

import feedparser
import pytest

from kennisbrug.products.models import Product

pytestmark = pytest.mark.django_db


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return feedparser.parse(response.content)


@pytest.mark.parametrize("suffix,version", [("rss", "rss20"), ("atom", "atom10")])
def test_the_main_feed_parses_and_lists_the_newest_products(client, suffix, version):
    feed = parse(client, f"/feeds/producten.{suffix}")
    newest = Product.objects.published().order_by("-published_on", "-created_at").first()

    assert not feed.bozo and feed.version == version
    assert feed.entries[0].title == newest.title
    assert feed.entries[0].id == f"kennisbrug:product:{newest.source}/{newest.source_id}"


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_a_werkplaats_feed_holds_only_its_products(client, werkplaats_a, suffix):
    feed = parse(client, f"/feeds/werkplaats/wsd-noord.{suffix}")
    expected = set(
        Product.objects.published().filter(werkplaats=werkplaats_a).values_list("title", flat=True)
    )

    assert feed.entries and {e.title for e in feed.entries} <= expected
    assert "WSD Noord" in feed.feed.title or werkplaats_a.name in feed.feed.title


def test_a_theme_feed_and_a_kind_feed(client):
    product = Product.objects.published().filter(themes__isnull=False).first()
    theme = product.themes.first()

    by_theme = parse(client, f"/feeds/thema/{theme.slug}.atom")
    by_kind = parse(client, f"/feeds/soort/{product.kind}.rss")

    assert all(theme.name in [t.term for t in e.tags] for e in by_theme.entries)
    assert by_kind.entries and all(
        product.get_kind_display() in [t.term for t in e.tags] for e in by_kind.entries
    )


@pytest.mark.parametrize("path", ["/feeds/werkplaats/bestaat-niet.rss", "/feeds/soort/roman.atom"])
def test_an_unknown_feed_is_404(client, path):
    assert client.get(path).status_code == 404


def test_the_404_of_an_unknown_feed_speaks_the_readers_language():
    # The feeds themselves are Dutch on purpose; the answer to a wrong address is not a feed.
    from django.http import Http404
    from django.utils import translation

    from kennisbrug.feeds.feeds import scope_of

    with translation.override("en"), pytest.raises(Http404) as english:
        scope_of("werkplaats", "bestaat-niet")
    with pytest.raises(Http404) as dutch:
        scope_of("werkplaats", "bestaat-niet")

    assert str(english.value) == "No feed for this choice."
    assert str(dutch.value) == "Geen feed voor deze keuze."
