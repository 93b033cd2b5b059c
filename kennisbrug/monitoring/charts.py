"""Charts as inline SVG, drawn on the server: no script, no chart service, printable in a PDF.

Each chart is an image with a title and a description for screen readers; the numbers
themselves are in the data table printed beside every chart, so the chart adds nothing that a
reader without sight would miss.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kennisbrug.monitoring.tables import Table, format_cell

BAR = "#0b5394"  # 7.7:1 against white, so bars and their outlines stand out (WCAG 1.4.11)
INK = "#1b1b1f"
GRID = "#6b7280"
WIDTH = 640


def _scale(values: list[Decimal | int]) -> Decimal:
    top = max((Decimal(v) for v in values), default=Decimal(0))
    return top if top > 0 else Decimal(1)


def _shorten(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _frame(chart_id: str, title: str, height: int, body: list[str]) -> SafeString:
    desc = _("Diagram; de cijfers staan in de tabel eronder.")
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def bar_chart(table: Table, chart_id: str) -> SafeString:
    """Horizontal bars, one per row: for categories with long names."""
    items = table.chart_items()
    kind = table.columns[table.chart_column].kind
    label_width, value_width, row = 230, 110, 26
    bar_space = WIDTH - label_width - value_width
    top = _scale([value for _label, value in items])
    height = max(row * len(items) + 10, 40)
    body = []
    for index, (label, value) in enumerate(items):
        y = 5 + index * row
        length = int(Decimal(value) / top * bar_space) if value else 0
        body.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" fill="{INK}" '
            f'font-size="13">{escape(_shorten(label))}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{max(length, 1)}" height="{row - 8}" '
            f'fill="{BAR}"/>'
            f'<text x="{label_width + length + 6}" y="{y + 17}" fill="{INK}" font-size="13">'
            f"{escape(format_cell(value, kind))}</text>"
        )
    if not items:
        body.append(
            f'<text x="10" y="25" fill="{INK}" font-size="13">{escape(_("Geen gegevens"))}</text>'
        )
    return _frame(chart_id, table.title, height, body)


def column_chart(table: Table, chart_id: str) -> SafeString:
    """Vertical columns, one per year: for developments over time."""
    items = table.chart_items()
    kind = table.columns[table.chart_column].kind
    height, base, top_margin = 240, 205, 25
    top = _scale([value for _label, value in items])
    slot = (WIDTH - 20) / max(len(items), 1)
    width = min(int(slot * 0.7), 60)
    body = [
        f'<line x1="10" y1="{base}" x2="{WIDTH - 10}" y2="{base}" stroke="{GRID}" '
        f'stroke-width="1"/>'
    ]
    for index, (label, value) in enumerate(items):
        x = 10 + index * slot + (slot - width) / 2
        length = int(Decimal(value) / top * (base - top_margin)) if value else 0
        middle = x + width / 2
        body.append(
            f'<rect x="{x:.1f}" y="{base - length}" width="{width}" height="{max(length, 1)}" '
            f'fill="{BAR}"/>'
            f'<text x="{middle:.1f}" y="{base + 18}" text-anchor="middle" fill="{INK}" '
            f'font-size="13">{escape(label)}</text>'
        )
        if len(items) <= 12:
            body.append(
                f'<text x="{middle:.1f}" y="{base - length - 6}" text-anchor="middle" '
                f'fill="{INK}" font-size="11">{escape(format_cell(value, kind))}</text>'
            )
    return _frame(chart_id, table.title, height, body)


def chart_for(table: Table) -> SafeString | None:
    if table.chart == "bar":
        return bar_chart(table, f"grafiek-{table.slug}")
    if table.chart == "column":
        return column_chart(table, f"grafiek-{table.slug}")
    return None
