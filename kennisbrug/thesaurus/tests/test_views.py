import json

import pytest
from django.urls import reverse
from rdflib import RDF, SKOS, Graph

from kennisbrug.thesaurus.models import Concept

pytestmark = pytest.mark.django_db


def test_the_turtle_url_serves_the_thesaurus_as_turtle(client):
    response = client.get(reverse("thesaurus:skos-turtle"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=response.content.decode("utf-8"), format="turtle")
    assert len(set(graph.subjects(RDF.type, SKOS.Concept))) == Concept.objects.count()


def test_the_json_ld_url_serves_the_thesaurus_as_json_ld(client):
    response = client.get(reverse("thesaurus:skos-jsonld"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    data = json.loads(response.content)
    assert len(data["@graph"]) == Concept.objects.count() + 1


def test_the_skos_urls_are_stable():
    assert reverse("thesaurus:skos-turtle") == "/thesaurus/skos.ttl"
    assert reverse("thesaurus:skos-jsonld") == "/thesaurus/skos.jsonld"


def test_the_skos_urls_refuse_a_post(client):
    assert client.post(reverse("thesaurus:skos-turtle")).status_code == 405
