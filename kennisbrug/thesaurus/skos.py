"""The thesaurus as SKOS, in Turtle and JSON-LD, written by hand (no RDF library at run time).

The scheme is ``<SITE_URL>/thesaurus/`` and each concept ``<SITE_URL>/thesaurus/<slug>/``, so
the identifiers stay stable if concepts get pages of their own later. Concepts without a broader
concept are the top concepts of the scheme.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings

from kennisbrug.thesaurus.models import Concept, Label

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
TITLE = {"nl": "Thesaurus van het sociaal domein", "en": "Thesaurus of the social domain"}
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


@dataclass
class SkosConcept:
    uri: str
    pref_labels: dict[str, str]
    definition: str = ""
    alt_labels: list[tuple[str, str]] = field(default_factory=list)  # (text, language)
    hidden_labels: list[tuple[str, str]] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    narrower: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)

    @property
    def is_top(self) -> bool:
        return not self.broader


@dataclass
class Scheme:
    uri: str
    concepts: list[SkosConcept]
    modified: datetime.datetime | None = None
    title: dict[str, str] = field(default_factory=lambda: dict(TITLE))  # language → title

    @property
    def top_concepts(self) -> list[str]:
        return [concept.uri for concept in self.concepts if concept.is_top]


# Characters an IRI may not hold as they are; they are percent-encoded.
_NOT_IN_IRI = set('<>"{}|^`\\')


def _safe_iri(text: str) -> str:
    return "".join(
        quote(char, safe="") if char in _NOT_IN_IRI or ord(char) <= 0x20 else char for char in text
    )


def scheme_uri() -> str:
    site = getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL
    return _safe_iri(site.rstrip("/") + "/thesaurus/")


def build_scheme() -> Scheme:
    """Read the whole thesaurus in four queries."""
    base = scheme_uri()
    # Sorted here, not in SQL: databases disagree on where capitals go.
    concepts = sorted(Concept.objects.all(), key=lambda c: (c.pref_label.casefold(), c.slug))
    uri_of = {concept.pk: f"{base}{_safe_iri(concept.slug)}/" for concept in concepts}
    by_id = {
        concept.pk: SkosConcept(
            uri=uri_of[concept.pk],
            pref_labels={"nl": concept.pref_label}
            | ({"en": concept.pref_label_en} if concept.pref_label_en else {}),
            definition=concept.definition,
        )
        for concept in concepts
    }
    labels = Label.objects.order_by("concept_id", "language", "text")
    for concept_id, kind, text, language in labels.values_list(
        "concept_id", "kind", "text", "language"
    ):
        target = by_id[concept_id]
        kind_list = target.alt_labels if kind == Label.Kind.ALT else target.hidden_labels
        kind_list.append((text, language))
    broader_links = Concept.broader.through.objects.values_list("from_concept_id", "to_concept_id")
    for narrower_id, broader_id in broader_links:
        by_id[narrower_id].broader.append(uri_of[broader_id])
        by_id[broader_id].narrower.append(uri_of[narrower_id])
    # Django stores a symmetrical link in both directions, so each side sees it.
    related_links = Concept.related.through.objects.values_list("from_concept_id", "to_concept_id")
    for source_id, target_id in related_links:
        by_id[source_id].related.append(uri_of[target_id])
    for concept in by_id.values():
        concept.broader.sort()
        concept.narrower.sort()
        concept.related.sort()
    modified = max((concept.updated_at for concept in concepts), default=None)
    return Scheme(uri=base, concepts=list(by_id.values()), modified=modified)


def _xsd_datetime(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- Turtle --------------------------------------------------------------------------------

_TURTLE_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def turtle_string(text: str) -> str:
    """A Turtle string literal: quotes, backslashes and control characters escaped."""
    escaped = []
    for char in text:
        if char in _TURTLE_ESCAPES:
            escaped.append(_TURTLE_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04X}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def _literal(text: str, language: str) -> str:
    return f"{turtle_string(text)}@{language}"


def _statements(subject: str, pairs: list[tuple[str, list[str]]]) -> str:
    lines = [f"<{subject}>"]
    present = [(predicate, objects) for predicate, objects in pairs if objects]
    for index, (predicate, objects) in enumerate(present):
        end = " ." if index == len(present) - 1 else " ;"
        # Long lists get a line per object, which reads and diffs better.
        separator = ",\n        " if len(objects) > 3 else ", "
        lines.append(f"    {predicate} {separator.join(objects)}{end}")
    return "\n".join(lines)


def to_turtle(scheme: Scheme) -> str:
    blocks = [
        "\n".join(
            [
                f"@prefix skos: <{SKOS}> .",
                f"@prefix dct: <{DCT}> .",
                f"@prefix xsd: <{XSD}> .",
            ]
        )
    ]
    modified = [f'"{_xsd_datetime(scheme.modified)}"^^xsd:dateTime'] if scheme.modified else []
    blocks.append(
        _statements(
            scheme.uri,
            [
                ("a", ["skos:ConceptScheme"]),
                (
                    "dct:title",
                    [_literal(text, language) for language, text in scheme.title.items()],
                ),
                ("dct:modified", modified),
                ("skos:hasTopConcept", [f"<{uri}>" for uri in scheme.top_concepts]),
            ],
        )
    )
    for concept in scheme.concepts:
        blocks.append(
            _statements(
                concept.uri,
                [
                    ("a", ["skos:Concept"]),
                    ("skos:inScheme", [f"<{scheme.uri}>"]),
                    ("skos:topConceptOf", [f"<{scheme.uri}>"] if concept.is_top else []),
                    (
                        "skos:prefLabel",
                        [_literal(text, lang) for lang, text in concept.pref_labels.items()],
                    ),
                    ("skos:altLabel", [_literal(text, lang) for text, lang in concept.alt_labels]),
                    (
                        "skos:hiddenLabel",
                        [_literal(text, lang) for text, lang in concept.hidden_labels],
                    ),
                    (
                        "skos:definition",
                        [_literal(concept.definition, "nl")] if concept.definition else [],
                    ),
                    ("skos:broader", [f"<{uri}>" for uri in concept.broader]),
                    ("skos:narrower", [f"<{uri}>" for uri in concept.narrower]),
                    ("skos:related", [f"<{uri}>" for uri in concept.related]),
                ],
            )
        )
    return "\n\n".join(blocks) + "\n"


# --- JSON-LD -------------------------------------------------------------------------------

CONTEXT = {
    "skos": SKOS,
    "dct": DCT,
    "xsd": XSD,
    "Concept": "skos:Concept",
    "ConceptScheme": "skos:ConceptScheme",
    "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
    "altLabel": {"@id": "skos:altLabel", "@container": "@language"},
    "hiddenLabel": {"@id": "skos:hiddenLabel", "@container": "@language"},
    "definition": {"@id": "skos:definition", "@container": "@language"},
    "broader": {"@id": "skos:broader", "@type": "@id"},
    "narrower": {"@id": "skos:narrower", "@type": "@id"},
    "related": {"@id": "skos:related", "@type": "@id"},
    "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
    "topConceptOf": {"@id": "skos:topConceptOf", "@type": "@id"},
    "hasTopConcept": {"@id": "skos:hasTopConcept", "@type": "@id"},
    "title": {"@id": "dct:title", "@container": "@language"},
    "modified": {"@id": "dct:modified", "@type": "xsd:dateTime"},
}


def _language_map(labels: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_language: dict[str, list[str]] = {}
    for text, language in labels:
        by_language.setdefault(language, []).append(text)
    return by_language


def to_jsonld(scheme: Scheme) -> dict:
    scheme_node: dict = {"@id": scheme.uri, "@type": "ConceptScheme", "title": dict(scheme.title)}
    if scheme.modified:
        scheme_node["modified"] = _xsd_datetime(scheme.modified)
    scheme_node["hasTopConcept"] = scheme.top_concepts
    graph = [scheme_node]
    for concept in scheme.concepts:
        node: dict = {
            "@id": concept.uri,
            "@type": "Concept",
            "inScheme": scheme.uri,
            "prefLabel": concept.pref_labels,
        }
        optional = {
            "topConceptOf": scheme.uri if concept.is_top else None,
            "altLabel": _language_map(concept.alt_labels),
            "hiddenLabel": _language_map(concept.hidden_labels),
            "definition": {"nl": concept.definition} if concept.definition else None,
            "broader": concept.broader,
            "narrower": concept.narrower,
            "related": concept.related,
        }
        node |= {key: value for key, value in optional.items() if value}
        graph.append(node)
    return {"@context": CONTEXT, "@graph": graph}


def jsonld_text(scheme: Scheme) -> str:
    return json.dumps(to_jsonld(scheme), ensure_ascii=False, indent=2) + "\n"
