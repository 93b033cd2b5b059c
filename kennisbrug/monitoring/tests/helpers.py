"""Reading figures back out of the dashboard, the XLSX and the PDF, and computing them anew.

The expected figures are computed here from the records themselves, with plain Python loops,
without the code under test (kennisbrug.monitoring.figures).
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from openpyxl import load_workbook
from pypdf import PdfReader

CENT = Decimal("0.01")


class TableReader(HTMLParser):
    """Collect each dashboard section's table as {row label: [data-value, ...]}."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, dict[str, list[str]]] = {}
        self.section: str | None = None
        self.row: list[str] | None = None
        self.label: list[str] | None = None
        self.in_row_header = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and (attrs.get("aria-labelledby") or "").startswith("tabel-"):
            self.section = attrs["aria-labelledby"].removeprefix("tabel-")
            self.tables[self.section] = {}
        elif tag == "tr" and self.section:
            self.row, self.label = [], []
        elif tag == "th" and self.row is not None and attrs.get("scope") == "row":
            self.in_row_header = True
        elif tag == "td" and self.row is not None and "data-value" in attrs:
            self.row.append(attrs["data-value"])

    def handle_endtag(self, tag):
        if tag == "th":
            self.in_row_header = False
        elif tag == "tr" and self.row is not None and self.section:
            if self.label:
                self.tables[self.section]["".join(self.label).strip()] = self.row
            self.row = self.label = None
        elif tag == "section":
            self.section = None

    def handle_data(self, data):
        if self.in_row_header and self.label is not None:
            self.label.append(data)


def dashboard_tables(html: str) -> dict[str, dict[str, list[str]]]:
    reader = TableReader()
    reader.feed(html)
    return reader.tables


def xlsx_tables(data: bytes) -> dict[str, dict[str, list]]:
    """Each sheet as {row label: [values]}, keyed by the table title in A1."""
    workbook = load_workbook(io.BytesIO(data), data_only=True)
    tables = {}
    for sheet in workbook.worksheets:
        rows = {}
        for row in sheet.iter_rows(min_row=5, values_only=True):
            if row[0] is not None and len(row) > 1:
                rows[str(row[0])] = list(row[1:])
        tables[sheet["A1"].value] = rows
    return tables


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def euro_nl(value: Decimal) -> str:
    with translation.override("nl"):
        return "€ " + number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)


def int_nl(value: int) -> str:
    with translation.override("nl"):
        return number_format(value, use_l10n=True, force_grouping=True)


# --- expected figures, from the records ------------------------------------------------


def line_value(hours: Decimal, rate: Decimal | None, money: Decimal) -> Decimal:
    rate = settings.MONITORING_HOURLY_RATE if rate is None else rate
    return (hours * rate).quantize(CENT, rounding=ROUND_HALF_UP) + money


def expected_ledger(subsidies, lines, funding, first: int, last: int) -> dict[str, Decimal]:
    """subsidies: (amount, start, end, is_impulse); lines: CoFinancing-like objects;
    funding: (year, amount, nationally_relevant)."""
    total = {"subsidy": Decimal(0), "impulse": Decimal(0)}
    for amount, start, end, is_impulse in subsidies:
        years = len(set(range(start, end + 1)) & set(range(first, last + 1)))
        part = (amount * years / (end - start + 1)).quantize(CENT, rounding=ROUND_HALF_UP)
        if years == end - start + 1:
            part = amount
        total["subsidy"] += part
        if is_impulse:
            total["impulse"] += part
    planned = realised = Decimal(0)
    for line in lines:
        if first <= line.year <= last:
            planned += line_value(line.hours_planned, line.hourly_rate, line.money_planned)
            realised += line_value(line.hours_realised, line.hourly_rate, line.money_realised)
    national = sum(
        (amount for year, amount, relevant in funding if relevant and first <= year <= last),
        Decimal(0),
    )
    total.update(planned=planned, realised=realised, national=national)
    return total


def expected_outputs(projects, products, first: int, last: int) -> dict:
    """projects: dicts with start/end years, kind, participants {role: n}, municipalities;
    products: dicts with year, kind, published."""
    running = [p for p in projects if p["start"] <= last and p["end"] >= first]
    participants: Counter = Counter()
    places: set = set()
    for p in running:
        participants.update(p["participants"])
        places.update(p["municipalities"])
    published = [p for p in products if p["published"] and first <= p["year"] <= last]
    by_kind: dict[str, int] = defaultdict(int)
    for p in published:
        by_kind[p["kind"]] += 1
    return {
        "projects": len(running),
        "national": sum(1 for p in running if p.get("national")),
        "project_kinds": Counter(p["kind"] for p in running),
        "participants": participants,
        "municipalities": len(places),
        "products": len(published),
        "product_kinds": dict(by_kind),
    }
