"""The bundled thesaurus file: large enough, consistent, and what a fresh install contains."""

import json
from collections import defaultdict

import pytest

from kennisbrug.thesaurus.loader import BUNDLED_FILE, FIELDS, read_file
from kennisbrug.thesaurus.models import Concept, Label


def bundled() -> list[dict]:
    lines = BUNDLED_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_the_bundled_file_has_at_least_150_concepts_on_valid_json_lines():
    concepts = bundled()

    assert len(concepts) >= 150
    assert all(set(concept) <= set(FIELDS) for concept in concepts)
    assert all(concept["pref_label"] and concept["definition"] for concept in concepts)


def test_every_link_in_the_bundled_file_names_a_concept_in_it():
    concepts = bundled()
    slugs = [concept["slug"] for concept in concepts]

    assert len(slugs) == len(set(slugs))
    unknown = [
        (concept["slug"], field, other)
        for concept in concepts
        for field in ("broader", "related")
        for other in concept[field]
        if other not in slugs
    ]
    assert not unknown


def test_broader_links_in_the_bundled_file_make_a_tree_without_cycles():
    parents = {concept["slug"]: concept["broader"] for concept in bundled()}

    def depth(slug: str, path: tuple = ()) -> int:
        assert slug not in path, f"cycle: {' → '.join((*path, slug))}"
        return 1 + max((depth(parent, (*path, slug)) for parent in parents[slug]), default=0)

    depths = {slug: depth(slug) for slug in parents}
    tops = [slug for slug, above in parents.items() if not above]
    assert 5 <= len(tops) <= 15
    assert max(depths.values()) <= 4


def test_a_term_in_the_bundled_file_belongs_to_one_concept_only():
    # The search engine maps a term to a concept; a term on two concepts would be ambiguous.
    owners = defaultdict(set)
    for concept in bundled():
        owners[concept["pref_label"].casefold()].add(concept["slug"])
        for term in concept.get("alt_labels", []) + concept.get("hidden_labels", []):
            owners[term.casefold()].add(concept["slug"])

    assert {term: slugs for term, slugs in owners.items() if len(slugs) > 1} == {}


def test_the_bundled_file_passes_the_loaders_checks():
    assert len(read_file(BUNDLED_FILE)) == len(bundled())


@pytest.mark.django_db
def test_a_fresh_database_holds_the_bundled_thesaurus_from_the_migration():
    concepts = bundled()

    assert Concept.objects.count() == len(concepts)
    assert Label.objects.count() == sum(
        len(c.get("alt_labels", [])) + len(c.get("hidden_labels", [])) for c in concepts
    )
    loneliness = Concept.objects.get(slug="eenzaamheid")
    assert loneliness.pref_label == "eenzaamheid"
    assert "sociaal-isolement" in loneliness.related.values_list("slug", flat=True)
    assert loneliness.labels.filter(text="zich alleen voelen", kind=Label.Kind.HIDDEN).exists()
