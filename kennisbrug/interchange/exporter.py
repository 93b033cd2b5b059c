"""Write an entity as JSON Lines or CSV, in exactly the shape the importer reads."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from kennisbrug.interchange.entities import ENTITIES
from kennisbrug.interchange.fields import LIST_SEPARATOR


def export_rows(entity_name: str) -> Iterator[dict[str, Any]]:
    entity = ENTITIES[entity_name]
    for obj in entity.queryset().iterator(chunk_size=1000):
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


def write_export(entity_name: str, out: TextIO, fmt: str = "jsonl") -> int:
    count = 0
    if fmt == "csv":
        names = ENTITIES[entity_name].field_names
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for row in export_rows(entity_name):
            writer.writerow({k: _csv_cell(entity_name, k, v) for k, v in row.items()})
            count += 1
    else:
        for row in export_rows(entity_name):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count
