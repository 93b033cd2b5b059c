"""Write an entity as JSON Lines, CSV or XLSX, in exactly the shape the importer reads."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, BinaryIO, TextIO

from django.db.models import QuerySet

from kennisbrug.interchange.entities import ENTITIES
from kennisbrug.interchange.fields import LIST_SEPARATOR


def export_rows(entity_name: str, queryset: QuerySet | None = None) -> Iterator[dict[str, Any]]:
    """Every row (or those of ``queryset``, e.g. only what the public may see)."""
    entity = ENTITIES[entity_name]
    for obj in (entity.queryset() if queryset is None else queryset).iterator(chunk_size=1000):
        yield {fl.name: fl.dump(obj) for fl in entity.fields}


def _csv_cell(entity_name: str, name: str, value: Any) -> str:
    fl = next(fl for fl in ENTITIES[entity_name].fields if fl.name == name)
    if value is None:
        return ""
    if fl.kind == "extra":
        return fl.dump_csv(value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def write_export(
    entity_name: str, out: TextIO, fmt: str = "jsonl", queryset: QuerySet | None = None
) -> int:
    count = 0
    if fmt == "csv":
        names = ENTITIES[entity_name].field_names
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for row in export_rows(entity_name, queryset):
            writer.writerow({k: _csv_cell(entity_name, k, v) for k, v in row.items()})
            count += 1
    else:
        for row in export_rows(entity_name, queryset):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_xlsx(entity_name: str, out: BinaryIO, queryset: QuerySet | None = None) -> int:
    """One sheet with the CSV's header and cells, so it can be saved as CSV and imported."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(entity_name[:31])
    names = ENTITIES[entity_name].field_names
    sheet.append(names)
    count = 0
    for row in export_rows(entity_name, queryset):
        cells = []
        for name, value in row.items():
            cell = WriteOnlyCell(sheet, _xlsx_text(_csv_cell(entity_name, name, value)))
            # Always text: a cell starting with "=" must stay data, never become a formula.
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(out)
    return count


def _xlsx_text(text: str) -> str:
    # XLSX cannot hold control characters other than tab and line breaks.
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)
