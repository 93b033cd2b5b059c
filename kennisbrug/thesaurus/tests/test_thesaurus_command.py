"""`kennisbrug thesaurus load` and `export`: all or nothing, idempotent, line and field on error."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kennisbrug.thesaurus.loader import BUNDLED_FILE
from kennisbrug.thesaurus.models import Concept, Label

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Every row of the thesaurus, with primary keys and timestamps, to compare before and after."""
    return {
        "concepts": sorted(
            Concept.objects.values_list(
                "pk", "slug", "pref_label", "pref_label_en", "definition", "updated_at"
            )
        ),
        "labels": sorted(Label.objects.values_list("pk", "concept_id", "text", "kind", "language")),
        "broader": sorted(
            Concept.broader.through.objects.values_list("pk", "from_concept_id", "to_concept_id")
        ),
        "related": sorted(
            Concept.related.through.objects.values_list("pk", "from_concept_id", "to_concept_id")
        ),
    }


def bundled_lines() -> list[dict]:
    return [json.loads(line) for line in BUNDLED_FILE.read_text(encoding="utf-8").splitlines()]


FIRST_SLUG = bundled_lines()[0]["slug"]


def write_lines(path: Path, concepts: list[dict]) -> Path:
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in concepts))
    return path


def load(*args: str) -> str:
    out = StringIO()
    call_command("thesaurus", "load", *args, stdout=out)
    return out.getvalue()


def test_loading_the_bundled_thesaurus_again_changes_no_row():
    before = snapshot()

    output = load()

    assert f"0 nieuw, 0 bijgewerkt, {len(bundled_lines())} ongewijzigd" in output
    assert snapshot() == before


def test_a_changed_file_updates_terms_definition_and_links_of_the_changed_concepts_only(tmp_path):
    concepts = bundled_lines()
    loneliness = next(c for c in concepts if c["slug"] == "eenzaamheid")
    loneliness["definition"] = "Een nieuwe definitie."
    loneliness["alt_labels"] = [*loneliness["alt_labels"], "gevoel van eenzaamheid"]
    loneliness["hidden_labels"].remove("eenzaamheit")
    loneliness["related"] = ["sociaal-isolement"]  # no longer related to ontmoeting
    before = {c.slug: c.updated_at for c in Concept.objects.all()}

    output = load(str(write_lines(tmp_path / "thesaurus.jsonl", concepts)))

    assert "0 nieuw, 2 bijgewerkt" in output  # eenzaamheid, and ontmoeting on the other end
    concept = Concept.objects.get(slug="eenzaamheid")
    assert concept.definition == "Een nieuwe definitie."
    assert concept.labels.filter(text="gevoel van eenzaamheid", kind=Label.Kind.ALT).exists()
    assert not concept.labels.filter(text="eenzaamheit").exists()
    assert not concept.related.filter(slug="ontmoeting").exists()
    assert not Concept.objects.get(slug="ontmoeting").related.filter(slug="eenzaamheid").exists()
    changed = {c.slug for c in Concept.objects.all() if c.updated_at != before[c.slug]}
    assert changed == {"eenzaamheid", "ontmoeting"}


def test_a_new_concept_in_the_file_is_added_with_its_links(tmp_path):
    concepts = [
        *bundled_lines(),
        {
            "slug": "buurtzorg-voor-elkaar",
            "pref_label": "buurtzorg voor elkaar",
            "hidden_labels": ["omzien in de straat"],
            "broader": ["informele-zorg"],
            "related": ["burenhulp"],
        },
    ]

    output = load(str(write_lines(tmp_path / "thesaurus.jsonl", concepts)))

    assert "1 nieuw, 2 bijgewerkt" in output  # informele-zorg and burenhulp each gain a link
    concept = Concept.objects.get(slug="buurtzorg-voor-elkaar")
    assert list(concept.broader.values_list("slug", flat=True)) == ["informele-zorg"]
    assert Concept.objects.get(slug="burenhulp").related.filter(pk=concept.pk).exists()


def test_concepts_and_english_terms_from_the_beheer_stay_unless_pruned():
    extra = Concept.objects.create(slug="proefbegrip", pref_label="proefbegrip")
    english = Label.objects.create(
        concept=Concept.objects.get(slug="eenzaamheid"), text="solitude", language="en"
    )

    output = load()

    assert "1 begrippen in de database staan niet in het bestand" in output
    assert Concept.objects.filter(pk=extra.pk).exists()
    assert Label.objects.filter(pk=english.pk).exists()

    output = load(str(BUNDLED_FILE), "--prune")

    assert "1 verwijderd" in output
    assert not Concept.objects.filter(pk=extra.pk).exists()


BAD_FILES = {
    "invalid JSON": (
        lambda lines: [lines[0], '{"slug": "kapot", "pref_label": ', *lines[1:]],
        "regel 2: geen geldige JSON",
    ),
    "missing pref_label": (
        lambda lines: [{k: v for k, v in lines[0].items() if k != "pref_label"}, *lines[1:]],
        "regel 1, veld pref_label: verplicht",
    ),
    "unknown broader slug": (
        lambda lines: [{**lines[0], "broader": ["bestaat-niet"]}, *lines[1:]],
        "regel 1, veld broader: onbekend begrip 'bestaat-niet'",
    ),
    "duplicate slug": (
        lambda lines: [lines[0], {**lines[1], "slug": lines[0]["slug"]}, *lines[2:]],
        f"regel 2, veld slug: begrip '{FIRST_SLUG}' staat al op regel 1",
    ),
    "unknown field": (
        lambda lines: [{**lines[0], "narrower": []}, *lines[1:]],
        "regel 1, veld narrower: onbekend veld",
    ),
    "broader cycle": (
        lambda lines: [
            {**line, "broader": ["armoede"]} if line["slug"] == "bestaanszekerheid" else line
            for line in lines
        ],
        "veld broader: kringverwijzing",
    ),
    "related to its own broader concept": (
        lambda lines: [
            {**line, "related": ["armoede"]} if line["slug"] == "kinderarmoede" else line
            for line in lines
        ],
        "veld related: 'armoede' ligt al boven of onder 'kinderarmoede'",
    ),
    "a concept under itself": (
        lambda lines: [{**lines[0], "broader": [lines[0]["slug"]]}, *lines[1:]],
        "regel 1, veld broader: een begrip kan niet onder zichzelf vallen",
    ),
    "an empty file": (lambda lines: [], "bestand: geen begrippen gevonden"),
    "the same term twice in one concept": (
        lambda lines: [
            {**lines[0], "hidden_labels": [*lines[0]["hidden_labels"], lines[0]["alt_labels"][0]]},
            *lines[1:],
        ],
        "regel 1, veld hidden_labels:",
    ),
}


@pytest.mark.parametrize("problem", BAD_FILES)
def test_a_bad_file_is_refused_with_line_and_field_and_changes_nothing(tmp_path, problem):
    make, message = BAD_FILES[problem]
    concepts = bundled_lines()
    # A change that would be written if the file were accepted.
    concepts[5] = {**concepts[5], "definition": "Gewijzigd."}
    lines = make(concepts)
    path = tmp_path / "thesaurus.jsonl"
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    )
    before = snapshot()

    with pytest.raises(CommandError) as caught:
        load(str(path))

    assert message in str(caught.value)
    assert str(caught.value).startswith("Niets geladen.\nthesaurus.jsonl: ")
    assert caught.value.returncode == 2
    assert snapshot() == before


def test_a_missing_file_is_reported_plainly(tmp_path):
    with pytest.raises(CommandError, match="Kan .*bestaat-niet.jsonl niet lezen"):
        load(str(tmp_path / "bestaat-niet.jsonl"))


def test_export_writes_turtle_to_a_file_and_json_ld_to_stdout(tmp_path):
    target = tmp_path / "thesaurus.ttl"
    err = StringIO()

    call_command("thesaurus", "export", "--format", "turtle", "-o", str(target), stderr=err)
    out = StringIO()
    call_command("thesaurus", "export", "--format", "jsonld", stdout=out)

    assert target.read_text(encoding="utf-8").startswith("@prefix skos:")
    assert f"{Concept.objects.count()} begrippen naar" in err.getvalue()
    assert not (tmp_path / "thesaurus.ttl.partial").exists()
    assert json.loads(out.getvalue())["@graph"][0]["@type"] == "ConceptScheme"
