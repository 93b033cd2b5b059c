"""The SKOS exports parse as RDF and say exactly what the database holds."""

import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from kennisbrug.thesaurus import skos
from kennisbrug.thesaurus.models import Concept, Label

pytestmark = [
    pytest.mark.django_db,
    # rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph; not ours to fix.
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]


def turtle_graph() -> Graph:
    return Graph().parse(data=skos.to_turtle(skos.build_scheme()), format="turtle")


def jsonld_graph() -> Graph:
    return Graph().parse(data=skos.jsonld_text(skos.build_scheme()), format="json-ld")


def uri(slug: str) -> URIRef:
    return URIRef(f"http://127.0.0.1:8000/thesaurus/{slug}/")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"


@pytest.mark.parametrize("graph", [turtle_graph, jsonld_graph], ids=["turtle", "jsonld"])
def test_the_export_has_a_concept_per_row_and_every_label_and_link(graph):
    g = graph()
    count = Concept.objects.count()

    def triples(predicate, language=None):
        return [o for o in g.objects(None, predicate) if language is None or o.language == language]

    assert len(set(g.subjects(RDF.type, SKOS.Concept))) == count
    assert len(triples(SKOS.prefLabel, "nl")) == count
    assert len(triples(SKOS.prefLabel, "en")) == Concept.objects.exclude(pref_label_en="").count()
    assert len(triples(SKOS.altLabel)) == Label.objects.filter(kind="alt").count()
    assert len(triples(SKOS.hiddenLabel)) == Label.objects.filter(kind="hidden").count()
    assert len(triples(SKOS.definition)) == Concept.objects.exclude(definition="").count()
    links = Concept.broader.through.objects.count()
    assert len(triples(SKOS.broader)) == links == len(triples(SKOS.narrower))
    assert len(triples(SKOS.related)) == Concept.related.through.objects.count()
    assert len(triples(SKOS.inScheme)) == count
    assert (uri("kinderarmoede"), SKOS.broader, uri("armoede")) in g
    assert (uri("armoede"), SKOS.narrower, uri("kinderarmoede")) in g
    assert (uri("sociaal-isolement"), SKOS.related, uri("eenzaamheid")) in g
    assert (uri("schuldhulpverlening"), SKOS.hiddenLabel, Literal("SHV", lang="nl")) in g


@pytest.mark.parametrize("graph", [turtle_graph, jsonld_graph], ids=["turtle", "jsonld"])
def test_the_scheme_lists_the_concepts_without_broader_as_top_concepts(graph):
    g = graph()
    scheme = URIRef("http://127.0.0.1:8000/thesaurus/")
    tops = {uri(slug) for slug in Concept.objects.top().values_list("slug", flat=True)}

    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    assert set(g.objects(scheme, SKOS.hasTopConcept)) == tops
    assert set(g.subjects(SKOS.topConceptOf, scheme)) == tops


def test_turtle_and_json_ld_hold_the_same_triples():
    assert set(turtle_graph()) == set(jsonld_graph())


def test_quotes_backslashes_and_control_characters_survive_the_round_trip(settings):
    settings.SITE_URL = "https://kennisbrug.example.org/"
    awkward = 'de "zorg" \\ (\'t) \n tweede regel\t\x01 – ë 𝄞 """'
    concept = Concept.objects.create(slug="lastig", pref_label=awkward, definition=awkward)
    Label.objects.create(concept=concept, text=awkward + " alt", kind="alt")
    subject = URIRef("https://kennisbrug.example.org/thesaurus/lastig/")

    for g in (turtle_graph(), jsonld_graph()):
        assert g.value(subject, SKOS.prefLabel) == Literal(awkward, lang="nl")
        assert g.value(subject, SKOS.definition) == Literal(awkward, lang="nl")
        assert g.value(subject, SKOS.altLabel) == Literal(awkward + " alt", lang="nl")


def test_the_scheme_is_read_in_four_queries(django_assert_num_queries):
    with django_assert_num_queries(4):
        skos.build_scheme()
