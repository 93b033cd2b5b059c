"""Import a national databank's export of its interventions.

A databank export is a full list: every intervention the databank holds now. So besides
creating and updating interventions (through the interchange importer, all or nothing), an
import marks the databank's interventions that are no longer in the export as withdrawn,
and clears the mark of one that has come back. Nothing is deleted: regional work may link
to a withdrawn intervention, and its page says it left the databank.

Exports name their columns in Dutch ("naam", "doel", "werkzame elementen") or as our own
interchange fields ("title", "goal", "active_elements"); both are understood, and a
recognition level may be written as its label ("Goed onderbouwd").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from kennisbrug.audit.context import acting_as
from kennisbrug.interchange import readers
from kennisbrug.interchange.errors import ImportRejected, LineError
from kennisbrug.interchange.importer import import_rows
from kennisbrug.interventions.models import Databank, EvidenceLevel

#: Column names seen in databank exports → our interchange field names.
ALIASES = {
    "id": "source_id",
    "nummer": "source_id",
    "bron": "source",
    "naam": "title",
    "titel": "title",
    "naam interventie": "title",
    "samenvatting": "summary",
    "korte beschrijving": "summary",
    "beschrijving": "body",
    "uitgebreide beschrijving": "body",
    "doel": "goal",
    "doelen": "goal",
    "doelgroep": "target_group_text",
    "aanpak": "approach",
    "werkzame elementen": "active_elements",
    "onderbouwing": "rationale",
    "theoretische onderbouwing": "rationale",
    "uitvoerende organisaties": "providers",
    "uitvoerders": "providers",
    "trefwoorden": "keywords",
    "themas": "themes",
    "thema's": "themes",
    "doelgroepen": "target_groups",
    "erkenningsniveau": "evidence_level",
    "niveau": "evidence_level",
    "erkend op": "recognised_on",
    "datum erkenning": "recognised_on",
    "jaar": "year",
    "link": "url",
    "website": "url",
    "soort": "kind",
}
LEVEL_BY_LABEL = {str(label).casefold(): value for value, label in EvidenceLevel.choices}


def canonical_column(name: str) -> str:
    key = re.sub(r"[\s_-]+", " ", name.strip().casefold())
    return ALIASES.get(key, name.strip())


@dataclass
class DatabankImportResult:
    databank: str
    counts: Counter = field(default_factory=Counter)
    withdrawn: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        c = self.counts
        return (
            f"{self.databank}: {c['created']} nieuw, {c['updated']} bijgewerkt, "
            f"{c['unchanged']} ongewijzigd, {len(self.withdrawn)} ingetrokken, "
            f"{len(self.restored)} weer opgenomen"
        )


def _normalised_rows(databank: Databank, rows, filename: str) -> list[tuple[int, dict]]:
    out: list[tuple[int, dict]] = []
    errors: list[LineError] = []
    for line, row in rows:
        mapped = {canonical_column(name): value for name, value in row.items()}
        source = mapped.get("source")
        if source in (None, ""):
            mapped["source"] = databank.slug
        elif source != databank.slug:
            errors.append(
                LineError(line, "source", f"hoort bij {source!r}, niet bij {databank.slug!r}")
            )
        level = mapped.get("evidence_level")
        if isinstance(level, str) and level.strip().casefold() in LEVEL_BY_LABEL:
            mapped["evidence_level"] = LEVEL_BY_LABEL[level.strip().casefold()]
        out.append((line, mapped))
    if errors:
        raise ImportRejected(filename, errors[:25])
    return out


def import_databank_export(
    databank: Databank,
    path: Path,
    fmt: str | None = None,
    *,
    full: bool = True,
    actor: str | None = None,
) -> DatabankImportResult:
    """Import one export file of ``databank``; all or nothing (ImportRejected names the
    line and field). With ``full`` (the default) the file is the databank's complete list."""
    try:
        fmt = fmt or readers.guess_format(path)
        text = readers.read_text(path)
        raw = readers.read_csv(text) if fmt == "csv" else readers.read_jsonl(text)
        rows = _normalised_rows(databank, list(raw), path.name)
    except LineError as exc:
        raise ImportRejected(path.name, [exc]) from None
    if full and not rows:
        raise ImportRejected(
            path.name,
            [
                LineError(
                    0,
                    None,
                    "het bestand is leeg; een volledige export zonder interventies "
                    "zou alles intrekken (gebruik --partial voor een deel)",
                )
            ],
        )
    result = DatabankImportResult(databank.name)
    with acting_as(actor or f"databank-import {path.name}"), transaction.atomic():
        imported = import_rows("interventions", rows, csv=fmt == "csv", filename=path.name)
        result.counts = imported.counts
        present = {str(row.get("source_id", "")).strip() for _line, row in rows}
        for intervention in databank.interventions.filter(
            withdrawn_at__isnull=False, source_id__in=present
        ):
            intervention.withdrawn_at = None
            intervention.save(update_fields=["withdrawn_at", "updated_at"])
            result.restored.append(intervention.source_id)
        if full:
            now = timezone.now()
            gone = databank.interventions.filter(withdrawn_at__isnull=True).exclude(
                source_id__in=present
            )
            for intervention in gone.order_by("source_id"):
                intervention.withdrawn_at = now
                intervention.save(update_fields=["withdrawn_at", "updated_at"])
                result.withdrawn.append(intervention.source_id)
    return result
