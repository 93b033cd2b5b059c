"""Tables to CSV and XLSX. Numbers stay numbers (exact decimals in CSV, numeric cells in XLSX)."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kennisbrug.monitoring.figures import COUNT, HOURS, MONEY, RATIO, Table

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
    """Every table on its own sheet, with the selection as a heading above it."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet["A1"] = table.title
        sheet["A1"].font = Font(bold=True, size=13)
        sheet["A2"] = heading
        header_row = 4
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=header_row, column=index, value=column.label)
            cell.font = bold
            sheet.column_dimensions[get_column_letter(index)].width = 40 if index == 1 else 18
        body = list(table.rows) + ([table.total] if table.total else [])
        for offset, row in enumerate(body, start=1):
            for index, (column, value) in enumerate(zip(table.columns, row, strict=True), 1):
                cell = sheet.cell(row=header_row + offset, column=index, value=value)
                if column.kind in NUMBER_FORMATS and value is not None:
                    cell.number_format = NUMBER_FORMATS[column.kind]
                if table.total and row is table.total:
                    cell.font = bold
        if table.note:
            sheet.cell(row=header_row + len(body) + 2, column=1, value=table.note)
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
