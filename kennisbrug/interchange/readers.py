"""Read import files into (line number, row) pairs, one format at a time."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from kennisbrug.interchange.errors import LineError

FORMATS = ("jsonl", "csv", "cbs")


def guess_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in {"jsonl", "ndjson", "json"}:
        return "jsonl"
    if suffix == "csv":
        return "csv"
    raise LineError(0, None, f"kan het formaat niet afleiden uit {path.name!r}; geef --format op")


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LineError(0, None, f"kan het bestand niet lezen: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LineError(line, None, "het bestand is geen UTF-8") from None


def read_jsonl(text: str) -> Iterator[tuple[int, dict]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LineError(
                number, None, f"geen geldige JSON ({exc.msg}, kolom {exc.colno})"
            ) from None
        if not isinstance(row, dict):
            raise LineError(number, None, "elke regel moet één JSON-object zijn")
        yield number, row


def read_csv(text: str, delimiter: str | None = None) -> Iterator[tuple[int, dict]]:
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    for row in reader:
        if None in row:
            raise LineError(reader.line_num, None, "meer cellen dan kolomnamen in de kopregel")
        if not any((value or "").strip() for value in row.values()):
            continue
        yield reader.line_num, {key.strip(): value for key, value in row.items() if key}
