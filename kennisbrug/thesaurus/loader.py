"""Load the thesaurus from JSON Lines: check the whole file first, then write it all or nothing.

One JSON object per line (see docs/thesaurus.md)::

    {"slug": "eenzaamheid", "pref_label": "eenzaamheid", "pref_label_en": "loneliness",
     "definition": "...", "alt_labels": [...], "hidden_labels": [...],
     "broader": ["sociale-relaties"], "related": ["sociaal-isolement"]}

1. Parse every line and collect errors with their line and field. Links must name a concept in
   the same file; broader links must not go round in a circle, and a concept cannot be related
   to one of its own broader concepts (both are SKOS integrity rules).
2. If anything is wrong, raise ThesaurusRejected: nothing has been written.
3. Otherwise, in one transaction, make the database match the file for the concepts it names:
   their fields, their Dutch terms and the links between them. Rows are written only where
   something differs, so loading the same file twice changes nothing. Concepts that are not in
   the file, their links and English terms added in the beheer stay (``prune`` removes such
   concepts).

The model classes are arguments, so the data migration can pass its historical models.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from kennisbrug.interchange.errors import LineError

BUNDLED_FILE = Path(__file__).resolve().parent / "data" / "thesaurus.jsonl"
FIELDS = (
    "slug",
    "pref_label",
    "pref_label_en",
    "definition",
    "alt_labels",
    "hidden_labels",
    "broader",
    "related",
)
MAX_ERRORS = 25
MAX_LABEL_LENGTH = 200
MAX_SLUG_LENGTH = 100
SLUG = re.compile(r"[-a-zA-Z0-9_]+")

# Stored values of Label.kind and Label.language; historical models know no enums.
ALT, HIDDEN = "alt", "hidden"
DUTCH = "nl"


@dataclass(frozen=True)
class ConceptRecord:
    line: int
    slug: str
    pref_label: str
    pref_label_en: str = ""
    definition: str = ""
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


class ThesaurusRejected(Exception):
    """A file was refused; nothing was written. Holds the problems found (up to a limit)."""

    def __init__(self, errors: list[LineError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    pruned: int = 0
    not_in_file: int = 0

    def __str__(self) -> str:
        text = (
            f"thesaurus: {self.created} nieuw, {self.updated} bijgewerkt, "
            f"{self.unchanged} ongewijzigd"
        )
        if self.pruned:
            text += f", {self.pruned} verwijderd"
        if self.not_in_file:
            text += (
                f"; {self.not_in_file} begrippen in de database staan niet in het bestand "
                "(verwijder ze met --prune)"
            )
        return text


# --- Reading and checking ------------------------------------------------------------------


def read_file(path: Path) -> list[ConceptRecord]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ThesaurusRejected([LineError(0, None, "geen geldige UTF-8")]) from None
    # Split on newlines only: JSON strings may hold U+2028 and friends, which splitlines() eats.
    return parse_lines(text.split("\n"))


def parse_lines(lines: Iterable[str]) -> list[ConceptRecord]:
    records: list[ConceptRecord] = []
    errors: list[LineError] = []
    first_line_of: dict[str, int] = {}
    for number, text in enumerate(lines, start=1):
        if len(errors) >= MAX_ERRORS:
            break
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            errors.append(LineError(number, None, f"geen geldige JSON ({exc.msg})"))
            continue
        if not isinstance(data, dict):
            errors.append(LineError(number, None, "verwacht een JSON-object {...}"))
            continue
        slug = data.get("slug")
        slug = slug.strip() if isinstance(slug, str) else None
        if slug in first_line_of:
            errors.append(
                LineError(
                    number, "slug", f"begrip '{slug}' staat al op regel {first_line_of[slug]}"
                )
            )
            continue
        record = _parse_record(number, data, errors)
        if slug and SLUG.fullmatch(slug):
            # Known even if another field is wrong, so links to it are not reported as unknown.
            first_line_of[slug] = number
        if record is not None:
            records.append(record)
    if not records and not errors:
        # Refused, so that `load --prune` cannot empty the thesaurus by accident.
        errors.append(LineError(0, None, "geen begrippen gevonden"))
    _check_links(records, set(first_line_of), errors)
    if not errors:
        _check_broader_cycles(records, errors)
    if not errors:
        _check_related_is_not_broader(records, errors)
    if errors:
        errors.sort(key=lambda error: error.line)
        raise ThesaurusRejected(errors[:MAX_ERRORS])
    return records


class _FieldError(Exception):
    pass


def _text(data: dict[str, Any], field: str, *, required: bool = False) -> str:
    value = data.get(field)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _FieldError("verwacht tekst")
    value = value.strip()
    if required and not value:
        raise _FieldError("verplicht")
    if field != "definition" and len(value) > MAX_LABEL_LENGTH:
        raise _FieldError(f"langer dan {MAX_LABEL_LENGTH} tekens")
    return value


def _texts(data: dict[str, Any], field: str) -> tuple[str, ...]:
    value = data.get(field)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _FieldError("verwacht een lijst van teksten")
    items = [item.strip() for item in value]
    if not all(items):
        raise _FieldError("lege tekst in de lijst")
    too_long = [item for item in items if len(item) > MAX_LABEL_LENGTH]
    if too_long:
        raise _FieldError(f"'{too_long[0][:40]}…' is langer dan {MAX_LABEL_LENGTH} tekens")
    return tuple(items)


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise _FieldError(f"ongeldige slug '{value}': alleen letters, cijfers, - en _")
    if len(value) > MAX_SLUG_LENGTH:
        raise _FieldError(f"slug langer dan {MAX_SLUG_LENGTH} tekens")
    return value


def _parse_record(line: int, data: dict[str, Any], errors: list[LineError]) -> ConceptRecord | None:
    values: dict[str, Any] = {}
    failed = False
    for name in data:
        if name not in FIELDS:
            errors.append(LineError(line, name, f"onbekend veld; bekend zijn: {', '.join(FIELDS)}"))
            failed = True
    for name in FIELDS:
        try:
            if name == "slug":
                values[name] = _slug(_text(data, name, required=True))
            elif name == "pref_label":
                values[name] = _text(data, name, required=True)
            elif name in ("pref_label_en", "definition"):
                values[name] = _text(data, name)
            elif name in ("alt_labels", "hidden_labels"):
                values[name] = _texts(data, name)
            else:
                values[name] = tuple(dict.fromkeys(_slug(slug) for slug in _texts(data, name)))
        except _FieldError as exc:
            errors.append(LineError(line, name, str(exc)))
            failed = True
    if failed:
        return None
    failed = _check_terms(line, values, errors)
    for name, message in (
        ("broader", "een begrip kan niet onder zichzelf vallen"),
        ("related", "een begrip kan niet aan zichzelf verwant zijn"),
    ):
        if values["slug"] in values[name]:
            errors.append(LineError(line, name, message))
            failed = True
    return None if failed else ConceptRecord(line=line, **values)


def _check_terms(line: int, values: dict[str, Any], errors: list[LineError]) -> bool:
    """A term appears once per concept, whatever its case (SKOS keeps the label kinds apart)."""
    seen = {values["pref_label"].casefold(): "pref_label"}
    failed = False
    for name in ("alt_labels", "hidden_labels"):
        for term in values[name]:
            key = term.casefold()
            if key in seen:
                errors.append(LineError(line, name, f"'{term}' staat al in {seen[key]}"))
                failed = True
            seen.setdefault(key, name)
    return failed


def _check_links(records: list[ConceptRecord], known: set[str], errors: list[LineError]) -> None:
    for record in records:
        for name in ("broader", "related"):
            for slug in getattr(record, name):
                if slug not in known:
                    errors.append(LineError(record.line, name, f"onbekend begrip '{slug}'"))


def _check_broader_cycles(records: list[ConceptRecord], errors: list[LineError]) -> None:
    by_slug = {record.slug: record for record in records}
    done: set[str] = set()
    for start in by_slug:
        if start in done:
            continue
        # Depth-first walk up the broader links; a link back into the current path is a cycle.
        path: list[str] = []
        on_path: set[str] = set()
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            slug, index = stack.pop()
            if index == 0:
                path.append(slug)
                on_path.add(slug)
            parents = by_slug[slug].broader
            if index < len(parents):
                stack.append((slug, index + 1))
                parent = parents[index]
                if parent in on_path:
                    circle = [*path[path.index(parent) :], parent]
                    line = by_slug[slug].line
                    errors.append(
                        LineError(line, "broader", "kringverwijzing: " + " → ".join(circle))
                    )
                    return
                if parent not in done:
                    stack.append((parent, 0))
            else:
                path.pop()
                on_path.discard(slug)
                done.add(slug)


def _check_related_is_not_broader(records: list[ConceptRecord], errors: list[LineError]) -> None:
    by_slug = {record.slug: record for record in records}
    ancestors: dict[str, set[str]] = {}

    def ancestors_of(slug: str) -> set[str]:
        if slug not in ancestors:
            found: set[str] = set()
            for parent in by_slug[slug].broader:
                found |= {parent} | ancestors_of(parent)
            ancestors[slug] = found
        return ancestors[slug]

    for record in records:
        for other in record.related:
            if other in ancestors_of(record.slug) or record.slug in ancestors_of(other):
                errors.append(
                    LineError(
                        record.line,
                        "related",
                        f"'{other}' ligt al boven of onder '{record.slug}' (gebruik broader)",
                    )
                )


# --- Writing -------------------------------------------------------------------------------


def load(
    records: list[ConceptRecord], concept_model: Any, label_model: Any, *, prune: bool = False
) -> LoadResult:
    """Make the database match the records, in one transaction (see the module docstring)."""
    with transaction.atomic():
        return _write(records, concept_model, label_model, prune)


def _write(records: list[ConceptRecord], Concept: Any, Label: Any, prune: bool) -> LoadResult:
    result = LoadResult()
    existing = {concept.slug: concept for concept in Concept.objects.all()}
    touched: set[str] = set()

    # 1. Concepts and their own fields.
    new = []
    for record in records:
        concept = existing.get(record.slug)
        fields = {
            "pref_label": record.pref_label,
            "pref_label_en": record.pref_label_en,
            "definition": record.definition,
        }
        if concept is None:
            new.append(Concept(slug=record.slug, **fields))
            continue
        for name, value in fields.items():
            if getattr(concept, name) != value:
                setattr(concept, name, value)
                touched.add(record.slug)
    Concept.objects.bulk_create(new)
    result.created = len(new)
    in_file = [record.slug for record in records]
    ids = dict(Concept.objects.filter(slug__in=in_file).values_list("slug", "pk"))
    slug_of = {pk: slug for slug, pk in ids.items()}
    file_ids = set(ids.values())

    # 2. Dutch terms. Terms in other languages come from the beheer and are left alone.
    have: dict[int, dict[str, tuple[int, str, str]]] = defaultdict(dict)
    for pk, concept_id, text, kind, language in Label.objects.filter(
        concept_id__in=file_ids
    ).values_list("pk", "concept_id", "text", "kind", "language"):
        have[concept_id][text] = (pk, kind, language)
    to_create, to_update, to_delete = [], [], []
    for record in records:
        concept_id = ids[record.slug]
        wanted = {text: ALT for text in record.alt_labels}
        wanted |= {text: HIDDEN for text in record.hidden_labels}
        current = have[concept_id]
        for text, kind in wanted.items():
            if text not in current:
                to_create.append(Label(concept_id=concept_id, text=text, kind=kind))
            elif current[text][1:] != (kind, DUTCH):
                pk = current[text][0]
                to_update.append(
                    Label(pk=pk, concept_id=concept_id, text=text, kind=kind, language=DUTCH)
                )
            else:
                continue
            touched.add(record.slug)
        for text, (pk, _kind, language) in current.items():
            if text not in wanted and language == DUTCH:
                to_delete.append(pk)
                touched.add(record.slug)
    Label.objects.filter(pk__in=to_delete).delete()
    Label.objects.bulk_update(to_update, ["kind", "language"])
    Label.objects.bulk_create(to_create, batch_size=500)

    # 3. Links between concepts of the file; links to concepts outside it stay.
    for name in ("broader", "related"):
        through = Concept._meta.get_field(name).remote_field.through
        rows = through.objects.filter(from_concept_id__in=file_ids, to_concept_id__in=file_ids)
        current_links = {
            (source, target): pk
            for pk, source, target in rows.values_list("pk", "from_concept_id", "to_concept_id")
        }
        wanted_links = {(ids[r.slug], ids[other]) for r in records for other in getattr(r, name)}
        if name == "related":
            # Symmetrical: Django stores both directions, and the file may name only one.
            wanted_links |= {(target, source) for source, target in wanted_links}
        added = wanted_links - current_links.keys()
        removed = current_links.keys() - wanted_links
        through.objects.filter(pk__in=[current_links[link] for link in removed]).delete()
        through.objects.bulk_create(
            [through(from_concept_id=source, to_concept_id=target) for source, target in added],
            batch_size=500,
        )
        for source, target in added | removed:
            touched |= {slug_of[source], slug_of[target]}

    # 4. Save changed concepts, so updated_at tells the search engine what to re-read.
    created = {concept.slug for concept in new}
    for slug in sorted(touched - created):
        existing[slug].save()
    result.updated = len(touched - created)
    result.unchanged = len(records) - result.created - result.updated

    stale = Concept.objects.exclude(slug__in=in_file)
    if prune:
        result.pruned = stale.count()
        stale.delete()
    else:
        result.not_in_file = stale.count()
    return result
