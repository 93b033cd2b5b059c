"""Wie weet hier meer van: people and organisations ranked by their work, with that work."""

import re

import pytest
from django.urls import reverse

from kennisbrug.experts.finder import find_experts
from kennisbrug.products.models import Authorship, Product
from kennisbrug.registry.models import Person
from kennisbrug.themes.models import Theme

pytestmark = pytest.mark.django_db


def test_people_are_ranked_by_their_work_on_the_topic_and_show_it():
    result = find_experts("eenzaamheid ouderen")

    assert result.people and result.organisations
    scores = [e.score for e in result.people]
    assert scores == sorted(scores, reverse=True)
    first = result.people[0]
    assert first.shown_works and all(w.url for w in first.shown_works)
    assert first.shown_works[0].role in {"auteur", "projectleider", "betrokkene"}


def test_a_new_author_on_the_topic_is_found_with_that_work(werkplaats_a):
    person = Person.objects.create(name="Sanne Testema")
    product = Product.objects.create(
        source_id="ex-1",
        kind="artikel",
        title="Kbexperttest over jonge mantelzorgers",
        summary="Kbexperttest: wat jonge mantelzorgers op school nodig hebben.",
        werkplaats=werkplaats_a,
        status=Product.Status.PUBLISHED,
    )
    Authorship.objects.create(product=product, person=person)

    result = find_experts("kbexperttest")

    assert [e.name for e in result.people] == ["Sanne Testema"]
    assert result.people[0].works[0].title == product.title


def test_a_theme_alone_is_a_topic():
    theme = Theme.objects.get(slug="armoede")

    result = find_experts("", theme.pk)

    assert result.works_considered > 0 and result.people


def test_the_page_has_a_query_box_and_lists_people_and_organisations(client):
    page = client.get(reverse("experts:experts"), {"q": "geldzorgen"}).content.decode()

    assert len(re.findall(r"<h1[\s>]", page)) == 1
    assert 'name="q"' in page and 'value="geldzorgen"' in page
    assert 'id="mensen"' in page and 'id="organisaties"' in page
    assert "/producten/" in page or "/projecten/" in page


def test_the_theme_page_links_each_theme_to_its_experts(client):
    theme = Theme.objects.filter(parent__isnull=True).first()

    page = client.get(reverse("front:theme", args=[theme.slug])).content.decode()

    assert f'{reverse("experts:experts")}?thema={theme.slug}"' in page


def test_an_empty_question_shows_only_the_form(client):
    page = client.get(reverse("experts:experts")).content.decode()

    assert 'id="mensen"' not in page and 'name="q"' in page
