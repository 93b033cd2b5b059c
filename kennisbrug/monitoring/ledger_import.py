"""Import a werkplaats's co-financing ledger from XLSX or CSV: all lines or none.

The file has the columns of the ``cofinancing`` interchange entity (docs/import-formats.md);
the werkplaats column may be left out when importing on a werkplaats's own page. Every problem
is reported as ``regel N, veld F: ...``; if there is any, nothing is written.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from kennisbrug.interchange import readers
from kennisbrug.interchange.errors import ImportRejected, LineError
from kennisbrug.interchange.importer import MAX_ERRORS, ImportResult, import_rows
from kennisbrug.interchange.lookups import Lookups, Unknown
from kennisbrug.registry.models import Werkplaats

XLSX_MAGIC = b"PK\x03\x04"


def read_xlsx(data: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of the first sheet as (spreadsheet row number, {header: value})."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise LineError(0, None, _("geen leesbaar XLSX-bestand")) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise LineError(1, None, _("de eerste regel moet de kolomnamen bevatten"))
    names = [str(cell).strip() if cell is not None else "" for cell in header]
    for number, cells in enumerate(rows, start=2):
        if not any(cell not in (None, "") for cell in cells):
            continue
        row = {}
        for name, cell in zip(names, cells, strict=False):
            if not name:
                if cell not in (None, ""):
                    raise LineError(number, None, _("een cel in een kolom zonder kolomnaam"))
                continue
            row[name] = _plain_cell(cell)
        yield number, row


def _plain_cell(cell: Any) -> Any:
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, datetime.datetime | datetime.date):
        return cell.isoformat()
    return cell


def read_rows(filename: str, data: bytes) -> tuple[list[tuple[int, dict]], bool]:
    """The file's rows and whether they are CSV text (True) or typed XLSX cells (False)."""
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return list(read_xlsx(data)), False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LineError(line, None, _("het bestand is geen UTF-8 (CSV) en geen XLSX")) from None
    return list(readers.read_csv(text)), True


def scope_rows(
    rows: list[tuple[int, dict]], werkplaats: Werkplaats | None, allowed: set[int] | None
) -> list[LineError]:
    """Fill in the page's werkplaats; refuse lines of werkplaatsen the user may not edit."""
    errors = []
    lookups = Lookups()
    for line, row in rows:
        named = str(row.get("werkplaats") or "").strip()
        if not named and werkplaats is not None:
            row["werkplaats"] = werkplaats.slug
            continue
        if not named:
            continue  # the importer reports the missing werkplaats
        try:
            pk = lookups.resolve("werkplaats", named)
        except Unknown as exc:
            errors.append(LineError(line, "werkplaats", str(exc)))
            continue
        if werkplaats is not None and pk != werkplaats.pk:
            errors.append(
                LineError(
                    line,
                    "werkplaats",
                    _("deze regel hoort niet bij %(werkplaats)s") % {"werkplaats": werkplaats.slug},
                )
            )
        elif allowed is not None and pk not in allowed:
            errors.append(LineError(line, "werkplaats", _("je mag deze werkplaats niet bewerken")))
    return errors


def import_ledger(
    filename: str,
    data: bytes,
    *,
    werkplaats: Werkplaats | None = None,
    allowed: set[int] | None = None,
) -> ImportResult:
    """Import co-financing lines; raises ImportRejected (nothing written) on any problem.

    ``allowed`` limits the werkplaatsen the lines may belong to (None: any, for admins).
    """
    try:
        rows, is_csv = read_rows(filename, data)
    except LineError as exc:
        raise ImportRejected(filename, [exc]) from None
    if not rows:
        raise ImportRejected(filename, [LineError(0, None, _("het bestand bevat geen regels"))])
    errors = scope_rows(rows, werkplaats, allowed)
    if errors:
        raise ImportRejected(filename, errors[:MAX_ERRORS])
    # XLSX cells arrive typed (numbers, text); the interchange fields accept both.
    return import_rows("cofinancing", rows, csv=is_csv, filename=filename)
