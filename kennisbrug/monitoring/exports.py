"""Tables to CSV and XLSX. Numbers stay numbers (exact decimals in CSV, numeric cells in XLSX)."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kennisbrug.monitoring.tables import COUNT, HOURS, MONEY, RATIO, Table

NUMBER_FORMATS = {MONEY: "#,##0.00", HOURS: "#,##0.0", RATIO: "0.0%", COUNT: "#,##0"}


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def table_csv(table: Table) -> str:
    """One table as CSV: a header row, the rows, and the total row when there is one."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column.label for column in table.columns])
    for row in table.rows:
        writer.writerow([_plain(value) for value in row])
    if table.total:
        writer.writerow([_plain(value) for value in table.total])
    return out.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique in the workbook.
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)[:31].strip()
    name, number = clean, 2
    while name in used:
        suffix = f" {number}"
        name = clean[: 31 - len(suffix)] + suffix
        number += 1
    used.add(name)
    return name


def tables_xlsx(tables: list[Table], heading: str) -> bytes:
    """Every table on its own sheet, with the selection as a heading above it.

    Written in openpyxl's write-only mode: a network's full list of publications runs to tens
    of thousands of rows.
    """
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)

    def cell(sheet, value, *, font=None, number_format=None):
        item = WriteOnlyCell(sheet, value=value)
        if font:
            item.font = font
        if number_format:
            item.number_format = number_format
        return item

    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        for index in range(1, len(table.columns) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 40 if index == 1 else 18
        sheet.append([cell(sheet, table.title, font=Font(bold=True, size=13))])
        sheet.append([heading])
        sheet.append([])
        sheet.append([cell(sheet, column.label, font=bold) for column in table.columns])
        formats = [NUMBER_FORMATS.get(column.kind) for column in table.columns]
        for row in table.rows:
            sheet.append(
                [
                    cell(sheet, value, number_format=fmt) if fmt and value is not None else value
                    for value, fmt in zip(row, formats, strict=True)
                ]
            )
        if table.total:
            sheet.append(
                [
                    cell(sheet, value, font=bold, number_format=fmt if value is not None else None)
                    for value, fmt in zip(table.total, formats, strict=True)
                ]
            )
        if table.note:
            sheet.append([])
            sheet.append([table.note])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rows_csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_plain(value) for value in row] for row in rows])
    return out.getvalue()


def rows_xlsx(header: list[str], rows: list[list]) -> bytes:
    """A plain sheet: a header row and the rows, numbers as numbers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([Decimal(value) if _is_number(value) else value for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _is_number(value) -> bool:
    return isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?", value) is not None
