"""Import a file into one entity: check everything first, then write it all or nothing.

1. Read the rows (JSON Lines or CSV) and parse every field, collecting errors with their line
   and field; unknown columns and duplicate keys are errors too.
2. If anything is wrong, raise ImportRejected: nothing has been written.
3. Otherwise write all rows in one transaction, parents before children, saving a row only when
   something in it changed, so importing the same file twice changes nothing. Entities marked
   ``bulk`` (products, interventions) are written per file by ``interchange.bulk`` with the
   same result; the others row by row here (``write_row``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kennisbrug.audit.context import acting_as
from kennisbrug.core.models import LOCAL_SOURCE
from kennisbrug.interchange import readers
from kennisbrug.interchange.bulk import write_bulk
from kennisbrug.interchange.entities import ENTITIES, Entity
from kennisbrug.interchange.errors import ImportRejected, LineError
from kennisbrug.interchange.fields import FieldError
from kennisbrug.interchange.lookups import Lookups, Unknown
from kennisbrug.search import indexer as search_indexer

MAX_ERRORS = 25


@dataclass
class ParsedRow:
    line: int
    values: dict[str, Any]  # by import field name
    derived: dict[str, Any] = field(default_factory=dict)  # by model attribute

    def key(self, entity: Entity) -> tuple:
        return tuple(self.values[name] for name in entity.key)


@dataclass
class ImportResult:
    entity: str
    counts: Counter = field(default_factory=Counter)

    def __str__(self) -> str:
        c = self.counts
        return (
            f"{self.entity}: {c['created']} nieuw, {c['updated']} bijgewerkt, "
            f"{c['unchanged']} ongewijzigd"
        )


def parse_rows(
    entity: Entity, rows: Iterable[tuple[int, dict]], csv: bool, lookups: Lookups
) -> list[ParsedRow]:
    parsed: list[ParsedRow] = []
    errors: list[LineError] = []
    first_line_of: dict[tuple, int] = {}
    try:
        for line, row in rows:
            unknown = [name for name in row if name not in entity.field_names]
            for name in unknown:
                errors.append(
                    LineError(
                        line, name, f"onbekend veld; bekend zijn: {', '.join(entity.field_names)}"
                    )
                )
            values: dict[str, Any] = {}
            for fl in entity.fields:
                try:
                    values[fl.name] = fl.parse(row.get(fl.name), csv, lookups)
                except FieldError as exc:
                    errors.append(LineError(line, fl.name, str(exc)))
            if "source" in entity.field_names and not values.get("source"):
                values["source"] = LOCAL_SOURCE
            if len(values) == len(entity.fields):
                item = ParsedRow(line, values)
                key = item.key(entity)
                if key in first_line_of:
                    errors.append(
                        LineError(
                            line,
                            entity.key[-1],
                            _("staat al op regel %(line)d") % {"line": first_line_of[key]},
                        )
                    )
                first_line_of.setdefault(key, line)
                if entity.derive:
                    try:
                        item.derived = entity.derive(values, lookups)
                    except FieldError as exc:
                        errors.append(LineError(line, exc.field or entity.key[-1], str(exc)))
                parsed.append(item)
            if len(errors) >= MAX_ERRORS:
                break
    except LineError as exc:  # the file itself cannot be read further
        errors.append(exc)
    if not errors:
        errors.extend(check_self_refs(entity, parsed, lookups))
    if errors:
        raise ImportRejected("", errors[:MAX_ERRORS])
    return parsed


def check_self_refs(entity: Entity, parsed: list[ParsedRow], lookups: Lookups) -> list[LineError]:
    """A parent must exist already or be defined in the same file."""
    if not entity.self_ref:
        return []
    in_file = {
        str(v).casefold() for p in parsed for k, v in p.values.items() if k in ("source_id", "name")
    }
    errors = []
    for item in parsed:
        wanted = item.values[entity.self_ref]
        if not wanted or wanted.casefold() in in_file:
            continue
        try:
            lookups.resolve(entity.self_ref_kind, wanted)
        except Unknown as exc:
            errors.append(LineError(item.line, entity.self_ref, str(exc)))
    return errors


def parents_first(entity: Entity, parsed: list[ParsedRow]) -> list[ParsedRow]:
    if not entity.self_ref:
        return parsed
    by_key = {}
    for item in parsed:
        by_key[item.values["source_id"].casefold()] = item
        by_key.setdefault(str(item.values.get("name", "")).casefold(), item)
    ordered: list[ParsedRow] = []
    placed: set[int] = set()

    def place(item: ParsedRow, trail: tuple[int, ...]) -> None:
        if item.line in placed:
            return
        if item.line in trail:
            raise ImportRejected("", [LineError(item.line, entity.self_ref, "kringverwijzing")])
        parent = by_key.get(str(item.values[entity.self_ref]).casefold())
        if parent is not None and parent is not item:
            place(parent, (*trail, item.line))
        placed.add(item.line)
        ordered.append(item)

    for item in parsed:
        place(item, ())
    return ordered


def write_row(entity: Entity, item: ParsedRow, lookups: Lookups) -> str:
    model = entity.model
    key = {
        entity_field.attr: item.values[entity_field.name]
        for entity_field in entity.fields
        if entity_field.name in entity.key
    }
    obj = model._default_manager.filter(**key).first()
    created = obj is None
    if created:
        obj = model(**key)
    scalars = {
        fl.attr: item.values[fl.name]
        for fl in entity.fields
        if fl.kind == "scalar" and fl.name not in entity.key and fl.name != entity.self_ref
    }
    scalars.update(item.derived)
    if entity.self_ref:
        wanted = item.values[entity.self_ref]
        scalars[f"{entity.self_ref}_id"] = (
            lookups.resolve(entity.self_ref_kind, wanted) if wanted else None
        )
    changed = created
    for attr, value in scalars.items():
        if getattr(obj, attr) != value:
            setattr(obj, attr, value)
            changed = True
    if changed:
        obj.full_clean(validate_unique=False)
        obj.save()
    for fl in entity.fields:
        value = item.values[fl.name]
        if fl.kind == "m2m":
            manager = getattr(obj, fl.attr)
            current = set() if created else set(manager.values_list("pk", flat=True))
            if current != set(value):
                manager.set(value)
                changed = True
        elif fl.kind == "extra":
            try:
                if fl.write(obj, value, item.values.get("source", LOCAL_SOURCE)):
                    changed = True
            except FieldError as exc:
                raise LineError(item.line, fl.name, str(exc)) from None
    if created and entity.lookup_kind:
        lookups.forget(entity.lookup_kind)
    return "created" if created else "updated" if changed else "unchanged"


def import_rows(
    entity_name: str,
    rows: Iterable[tuple[int, dict]],
    *,
    csv: bool,
    filename: str = "",
    bulk: bool | None = None,
) -> ImportResult:
    """Check and write one file's rows. ``bulk`` chooses the write path (default: the
    entity's own choice); both give the same records, audit entries and errors."""
    entity = ENTITIES[entity_name]
    lookups = Lookups()
    kept: list[tuple[int, dict]] = []  # so the row path can retry what the bulk path refused

    def keeping() -> Iterator[tuple[int, dict]]:
        for row in rows:
            kept.append(row)
            yield row

    try:
        parsed = parents_first(entity, parse_rows(entity, keeping(), csv, lookups))
    except ImportRejected as exc:
        raise ImportRejected(filename, exc.errors) from None
    use_bulk = entity.bulk if bulk is None else bulk and entity.bulk
    result = ImportResult(entity_name)
    current: ParsedRow | None = None

    def line_of(exc: Exception) -> int:
        return getattr(exc, "error_line", current.line if current else 0)

    try:
        # The search index is written once for the whole file, inside the same transaction.
        with transaction.atomic(), search_indexer.deferred():
            if use_bulk:
                result.counts.update(write_bulk(entity, parsed, lookups))
            else:
                for current in parsed:
                    result.counts[write_row(entity, current, lookups)] += 1
    except LineError as exc:
        raise ImportRejected(filename, [exc]) from None
    except ValidationError as exc:
        errors = [
            LineError(line_of(exc), name if name != "__all__" else None, " ".join(messages))
            for name, messages in exc.message_dict.items()
        ]
        raise ImportRejected(filename, errors) from None
    except (IntegrityError, Unknown) as exc:
        if use_bulk and not hasattr(exc, "error_line"):
            # A statement for many rows failed (another writer got in between): everything
            # was rolled back; the row path finds the line at fault, or succeeds after all.
            return import_rows(entity_name, kept, csv=csv, filename=filename, bulk=False)
        raise ImportRejected(filename, [LineError(line_of(exc), None, str(exc))]) from None
    return result


def import_file(
    entity_name: str, path: Path, fmt: str | None = None, actor: str | None = None
) -> ImportResult:
    """Import one file; raises ImportRejected (and writes nothing) when anything is wrong."""
    if entity_name not in ENTITIES:
        raise ImportRejected(
            path.name,
            [
                LineError(
                    0, None, f"onbekende soort {entity_name!r}; kies uit: {', '.join(ENTITIES)}"
                )
            ],
        )
    try:
        fmt = fmt or readers.guess_format(path)
        text = readers.read_text(path)
    except LineError as exc:
        raise ImportRejected(path.name, [exc]) from None
    if fmt == "cbs":
        from kennisbrug.interchange.cbs import cbs_rows

        rows, csv = cbs_rows(text), True
        if entity_name != "municipalities":
            raise ImportRejected(
                path.name, [LineError(0, None, "--format cbs is alleen voor municipalities")]
            )
    elif fmt == "csv":
        rows, csv = readers.read_csv(text), True
    else:
        rows, csv = readers.read_jsonl(text), False
    with acting_as(actor or f"import {path.name}"):
        return import_rows(entity_name, rows, csv=csv, filename=path.name)
