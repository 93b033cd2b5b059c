"""Tables as the monitoring shows them, and how their cells are written.

The dashboard, the CSV and XLSX exports and the PDF report all render these same Table
objects, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

TEXT, COUNT, MONEY, HOURS, RATIO = "text", "count", "money", "hours", "ratio"


@dataclass
class Column:
    label: str
    kind: str = COUNT
    lang: str = ""  # "nl" when its values are record text (names, titles): WCAG 3.1.2


@dataclass
class Table:
    """A titled table; the first column labels the rows, ``chart`` names the charted column."""

    slug: str
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    total: list[Any] | None = None
    chart: str | None = None  # "bar" (categories) or "column" (years)
    chart_column: int = 1
    note: str = ""
    truncated: int = 0  # rows left out of a long list

    def chart_items(self) -> list[tuple[str, Decimal | int]]:
        return [(str(row[0]), row[self.chart_column] or 0) for row in self.rows]


def euro(value: Decimal) -> str:
    from django.utils.formats import number_format

    return "€ " + number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)


def percent(value: Decimal | None) -> str:
    from django.utils.formats import number_format

    if value is None:
        return "–"
    pct = (value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number_format(pct, decimal_pos=1, use_l10n=True) + "%"


def format_cell(value: Any, kind: str) -> str:
    from django.utils.formats import number_format

    if value is None:
        return "–"
    if kind == MONEY:
        return euro(value)
    if kind == HOURS:
        # Hours are kept to a tenth, but nearly always whole: "4.852", not "4.852,0".
        whole = Decimal(value) == Decimal(value).to_integral_value()
        return number_format(
            value, decimal_pos=0 if whole else 1, use_l10n=True, force_grouping=True
        )
    if kind == RATIO:
        return percent(value)
    if kind == COUNT:
        return number_format(value, use_l10n=True, force_grouping=True)
    return str(value)
