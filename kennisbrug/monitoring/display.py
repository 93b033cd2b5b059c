"""Tables ready for a template: formatted text beside the exact value, and the chart."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString

from kennisbrug.monitoring.charts import chart_for
from kennisbrug.monitoring.tables import TEXT, Table, format_cell


@dataclass
class Cell:
    text: str
    value: str  # exact, machine-readable (data-value), empty for text cells
    numeric: bool
    lang: str = ""  # the language of record text, when it is not the page's


@dataclass
class ShownTable:
    table: Table
    chart: SafeString | None
    rows: list[list[Cell]]
    total: list[Cell] | None


def _cells(row: list[Any], table: Table, total: bool = False) -> list[Cell]:
    cells = []
    for column, value in zip(table.columns, row, strict=True):
        numeric = column.kind != TEXT
        exact = ""
        if numeric and value is not None:
            exact = format(value, "f") if isinstance(value, Decimal) else str(value)
        lang = "" if total else column.lang  # a total row's label is our own ("Totaal")
        cells.append(Cell(format_cell(value, column.kind), exact, numeric, lang))
    return cells


def show(table: Table, with_chart: bool = True) -> ShownTable:
    return ShownTable(
        table,
        chart_for(table) if with_chart else None,
        [_cells(row, table) for row in table.rows],
        _cells(table.total, table, total=True) if table.total else None,
    )
