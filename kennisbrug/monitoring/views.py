"""The monitoring dashboard, its exports and the annual report; a werkplaats's ledger."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kennisbrug.accounts.scope import is_network_admin, may_publish
from kennisbrug.interchange.errors import ImportRejected
from kennisbrug.monitoring import figures
from kennisbrug.monitoring.display import show
from kennisbrug.monitoring.exports import table_csv, tables_xlsx
from kennisbrug.monitoring.forms import LedgerImportForm, SelectionForm
from kennisbrug.monitoring.ledger_import import import_ledger
from kennisbrug.monitoring.models import CoFinancing, FundingPeriod, Subsidy
from kennisbrug.monitoring.money import one_view
from kennisbrug.monitoring.report import render_report_pdf
from kennisbrug.monitoring.selection import Selection
from kennisbrug.monitoring.tables import Table, format_cell
from kennisbrug.monitoring.tracking import TrackCheck, check_on_track, reference_year
from kennisbrug.registry.models import Werkplaats


def _selection(request: HttpRequest) -> tuple[SelectionForm, Selection]:
    form = SelectionForm.from_request(request.GET)
    return form, form.selection()


def _filename(selection: Selection, stem: str, suffix: str) -> str:
    scope = selection.werkplaats.slug if selection.werkplaats else "netwerk"
    parts = [stem, scope, slugify(selection.years_label)]
    if selection.theme:
        parts.append(selection.theme.slug)
    return "-".join(parts) + suffix


def _check_for(selection: Selection) -> TrackCheck | None:
    period = selection.period or FundingPeriod.objects.covering(datetime.date.today().year).first()
    if period is None:
        return None
    up_to = selection.last_year if selection.first_year == selection.last_year else None
    return check_on_track(period, selection.werkplaats, up_to=up_to)


def key_figures(funding: Table, outputs: Table) -> list[dict]:
    """The headline numbers: totals of the funding and the outputs tables."""
    wanted = [
        (funding, 1, "subsidie", _("subsidie")),
        (funding, 4, "cofinanciering", _("cofinanciering gerealiseerd")),
        (funding, 6, "verhouding", _("cofinanciering per euro subsidie")),
        (funding, 8, "landelijk", _("van de subsidie naar landelijk relevante projecten")),
        (outputs, 1, "projecten", _("projecten")),
        (outputs, 3, "producten", _("kennisproducten")),
        (outputs, 4, "deelnemers", _("deelnemers")),
        (outputs, 5, "gemeenten", _("gemeenten bereikt")),
    ]
    return [
        {
            "key": key,
            "label": label,
            "text": format_cell(table.total[index], table.columns[index].kind),
        }
        for table, index, key, label in wanted
    ]


def dashboard(request: HttpRequest) -> HttpResponse:
    with one_view():
        return _dashboard(request)


def _dashboard(request: HttpRequest) -> HttpResponse:
    form, selection = _selection(request)
    tables = figures.all_tables(selection, publication_limit=50)
    by_slug = {table.slug: table for table in tables}
    query = request.GET.urlencode() or (
        f"periode={selection.period.slug}" if selection.period else ""
    )
    report_year = selection.last_year if selection.first_year == selection.last_year else None
    if report_year is None:
        # The last completed year: of the chosen period, or else simply last year.
        report_year = (
            reference_year(selection.period) if selection.period else datetime.date.today().year - 1
        )
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "form": form,
            "selection": selection,
            "check": _check_for(selection),
            "funding": by_slug["financiering"],
            "outputs": by_slug["opbrengsten"],
            "tables": [show(table) for table in tables],
            "key_figures": key_figures(by_slug["financiering"], by_slug["opbrengsten"]),
            "query": query,
            "report_year": report_year,
        },
    )


def table_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if slug not in figures.TABLES:
        raise Http404(_("Deze tabel bestaat niet."))
    _form, selection = _selection(request)
    table = figures.TABLES[slug](selection)
    if fmt == "csv":
        response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            tables_xlsx([table], selection.label),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(selection, slug, "." + fmt)}"'
    )
    return response


def workbook_export(request: HttpRequest) -> HttpResponse:
    _form, selection = _selection(request)
    response = HttpResponse(
        tables_xlsx(figures.all_tables(selection), selection.label),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = _filename(selection, "monitoring", ".xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def annual_report(request: HttpRequest) -> HttpResponse:
    form = SelectionForm(request.GET)
    if not form.is_valid() or not form.cleaned_data.get("jaar"):
        raise Http404(_("Kies een jaar voor het jaarverslag."))
    werkplaats = form.cleaned_data.get("werkplaats")
    year = form.cleaned_data["jaar"]
    pdf = render_report_pdf(werkplaats, year, request.LANGUAGE_CODE)
    response = HttpResponse(pdf, content_type="application/pdf")
    scope = werkplaats.slug if werkplaats else "netwerk"
    response["Content-Disposition"] = f'inline; filename="jaarverslag-{scope}-{year}.pdf"'
    return response


def _may_edit(request: HttpRequest, werkplaats: Werkplaats) -> bool:
    return request.user.is_authenticated and may_publish(request.user, werkplaats.pk)


def ledger(request: HttpRequest, slug: str) -> HttpResponse:
    werkplaats = get_object_or_404(Werkplaats, slug=slug)
    lines = (
        CoFinancing.objects.filter(werkplaats=werkplaats)
        .select_related("partner")
        .order_by("-year", "partner__name")
    )
    subsidies = Subsidy.objects.filter(werkplaats=werkplaats).select_related("period")
    return render(
        request,
        "monitoring/ledger.html",
        {
            "werkplaats": werkplaats,
            "subsidies": subsidies.order_by("-period__start_year", "kind", "title"),
            "lines": lines,
            "may_edit": _may_edit(request, werkplaats),
            "form": LedgerImportForm(),
        },
    )


@login_required
def ledger_import(request: HttpRequest, slug: str) -> HttpResponse:
    werkplaats = get_object_or_404(Werkplaats, slug=slug)
    if not _may_edit(request, werkplaats):
        raise PermissionDenied(_("Je mag de cofinanciering van deze werkplaats niet bewerken."))
    form = LedgerImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        allowed = None if is_network_admin(request.user) else {werkplaats.pk}
        try:
            result = import_ledger(
                upload.name, upload.read(), werkplaats=werkplaats, allowed=allowed
            )
        except ImportRejected as exc:
            errors = [str(error) for error in exc.errors]
        else:
            counts = result.counts
            messages.success(
                request,
                _("Ingelezen: %(new)s nieuw, %(changed)s bijgewerkt, %(same)s ongewijzigd.")
                % {
                    "new": counts["created"],
                    "changed": counts["updated"],
                    "same": counts["unchanged"],
                },
            )
            return redirect("monitoring:ledger", slug=werkplaats.slug)
    status = 400 if errors else 200
    return render(
        request,
        "monitoring/ledger_import.html",
        {"werkplaats": werkplaats, "form": form, "errors": errors},
        status=status,
    )


def ledger_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The ledger lines in exactly the columns the import reads, so a file can go round."""
    from kennisbrug.interchange.entities import ENTITIES
    from kennisbrug.monitoring.exports import rows_csv, rows_xlsx

    werkplaats = get_object_or_404(Werkplaats, slug=slug)
    entity = ENTITIES["cofinancing"]
    lines = (
        CoFinancing.objects.filter(werkplaats=werkplaats)
        .select_related("werkplaats", "partner")
        .order_by("year", "partner__name")
    )
    rows = [[fl.dump(line) for fl in entity.fields] for line in lines]
    name = f"cofinanciering-{werkplaats.slug}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(
            rows_csv(entity.field_names, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            rows_xlsx(entity.field_names, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
