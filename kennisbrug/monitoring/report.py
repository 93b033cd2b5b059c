"""The annual report as a PDF: cover, key figures, charts, tables, the year's projects and products.

The report is an HTML page printed by WeasyPrint, so it shows exactly the tables the dashboard
shows. Building it takes seconds at most, so it runs inline (from the command and the dashboard).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from kennisbrug.monitoring import figures
from kennisbrug.monitoring.display import show
from kennisbrug.monitoring.money import one_view
from kennisbrug.monitoring.selection import Selection
from kennisbrug.monitoring.tracking import check_on_track
from kennisbrug.registry.models import Werkplaats


def report_context(werkplaats: Werkplaats | None, year: int) -> dict:
    selection = Selection.for_year(year, werkplaats=werkplaats)
    limit = settings.MONITORING_REPORT_MAX_ITEMS
    tables = figures.all_tables(selection, publication_limit=limit)
    by_slug = {table.slug: table for table in tables}
    projects = selection.projects().select_related("werkplaats").order_by("werkplaats", "title")
    check = check_on_track(selection.period, werkplaats, up_to=year) if selection.period else None
    return {
        "selection": selection,
        "werkplaats": werkplaats,
        "year": year,
        "made_on": datetime.date.today(),
        "funding": by_slug["financiering"],
        "outputs": by_slug["opbrengsten"],
        "tables": [show(t) for t in tables if t.slug != "publicaties"],
        "publications": show(by_slug["publicaties"], with_chart=False),
        "projects": projects[:limit],
        "projects_left_out": max(0, projects.count() - limit),
        "check": check,
    }


def render_report_html(werkplaats: Werkplaats | None, year: int) -> str:
    with one_view():
        return render_to_string("monitoring/report.html", report_context(werkplaats, year))


def render_report_pdf(werkplaats: Werkplaats | None, year: int, language: str = "nl") -> bytes:
    from weasyprint import HTML  # imported late: it loads pango, which the pages never need

    with translation.override(language):
        html = render_report_html(werkplaats, year)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
