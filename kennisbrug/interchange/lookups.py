"""Resolve the human references in import files (names, aliases, codes) to primary keys."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Model

from kennisbrug.interventions.models import Databank
from kennisbrug.projects.models import WorkForm
from kennisbrug.registry.models import Municipality, Organisation, Person, Province, Werkplaats
from kennisbrug.themes.models import Theme


class Unknown(Exception):
    pass


class Lookups:
    """Reference tables, built once per import so a file costs a handful of queries."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, list[int]]] = {}
        self._sourced: dict[tuple[type[Model], str], dict[str, int]] = {}

    def _build(self, kind: str) -> dict[str, list[int]]:
        table: dict[str, list[int]] = defaultdict(list)

        def add(key: str | None, pk: int) -> None:
            if key and pk not in table[key.casefold()]:
                table[key.casefold()].append(pk)

        if kind == "werkplaats":
            for w in Werkplaats.objects.prefetch_related("names"):
                for key in (w.name, w.short_name, w.slug, w.source_id):
                    add(key, w.pk)
                for other in w.names.all():
                    add(other.name, w.pk)
        elif kind == "organisation":
            for pk, name, source_id in Organisation.objects.values_list("pk", "name", "source_id"):
                add(name, pk)
                add(source_id, pk)
        elif kind == "municipality":
            for pk, name, code in Municipality.objects.values_list("pk", "name", "code"):
                add(name, pk)
                add(code, pk)
        elif kind == "province":
            for pk, name, code in Province.objects.values_list("pk", "name", "code"):
                add(name, pk)
                add(code, pk)
        elif kind == "theme":
            for pk, name, slug in Theme.objects.values_list("pk", "name", "slug"):
                add(slug, pk)
                add(name, pk)
        elif kind == "workform":
            for pk, name, slug in WorkForm.objects.values_list("pk", "name", "slug"):
                add(slug, pk)
                add(name, pk)
        elif kind == "databank":
            for pk, slug in Databank.objects.values_list("pk", "slug"):
                add(slug, pk)
        elif kind == "person":
            for pk, name, source_id in Person.objects.values_list("pk", "name", "source_id"):
                add(name, pk)
                add(source_id, pk)
        else:  # pragma: no cover - a programming error, not bad input
            raise ValueError(kind)
        return table

    def resolve(self, kind: str, value: str) -> int:
        table = self._tables.get(kind)
        if table is None:
            table = self._tables[kind] = self._build(kind)
        found = table.get(value.strip().casefold(), [])
        if not found:
            raise Unknown(f"onbekend: {value!r}")
        if len(found) > 1:
            raise Unknown(
                f"{value!r} is niet eenduidig ({len(found)} treffers); gebruik de source_id"
            )
        return found[0]

    def forget(self, kind: str) -> None:
        self._tables.pop(kind, None)

    def sourced(self, model: type[Model], source: str, source_id: str) -> int | None:
        """The pk of ``model``'s record (source, source_id): one query per source, not per row."""
        table = self._sourced.get((model, source))
        if table is None:
            rows = model._default_manager.filter(source=source).values_list("source_id", "pk")
            table = self._sourced[(model, source)] = dict(rows)
        return table.get(source_id)
