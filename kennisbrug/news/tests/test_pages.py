import pytest
from django.urls import reverse
from django.utils import timezone

from kennisbrug.news.models import Article

pytestmark = pytest.mark.django_db


def test_the_news_page_lists_published_articles_and_filters_the_dossier(client):
    everything = client.get(reverse("news:list")).content.decode()
    dossier = client.get(reverse("news:list") + "?soort=dossier").content.decode()

    assert "Leerateliers in Groningen halverwege" in everything
    assert "Dossier bestaanszekerheid" in dossier
    assert "Leerateliers in Groningen halverwege" not in dossier


def test_an_article_shows_its_linked_products(client):
    article = Article.objects.get(slug="dossier-bestaanszekerheid-wat-werkt")

    page = client.get(article.get_absolute_url()).content.decode()

    assert article.products.exists()
    for product in article.products.all():
        assert product.title in page


def test_a_concept_or_future_article_is_not_public(client):
    concept = Article.objects.create(title="Nog niet af", slug="nog-niet-af", summary="x", body="x")
    future = Article.objects.create(
        title="Morgen",
        slug="morgen",
        summary="x",
        body="x",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timezone.timedelta(days=1),
    )

    assert client.get(concept.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404
    assert "Morgen" not in client.get(reverse("news:list")).content.decode()


def test_the_feed_is_atom_and_narrows_to_a_werkplaats(client):
    feed = client.get(reverse("news:feed")).content.decode()
    noord = client.get(reverse("news:feed") + "?werkplaats=wsd-noord").content.decode()

    assert feed.startswith("<?xml") and "http://www.w3.org/2005/Atom" in feed
    assert "Drie gemeenten in Zuid-Limburg" in feed
    assert "Leerateliers in Groningen" in noord and "Zuid-Limburg" not in noord


def test_a_contributor_cannot_publish_an_article(contributor_a_client, werkplaats_a):
    contributor_a_client.post(
        reverse("admin:news_article_add"),
        {
            "title": "Bijdrage",
            "slug": "bijdrage",
            "kind": "nieuws",
            "summary": "Kort.",
            "body": "Tekst.",
            "werkplaats": werkplaats_a.pk,
            "status": "gepubliceerd",
            "published_at_0": "2026-01-01",
            "published_at_1": "10:00",
        },
    )

    assert Article.objects.get(slug="bijdrage").status == Article.Status.CONCEPT
