"""The figures of monitoring and evaluation, as tables, for any selection.

One selection (werkplaats, theme, years) gives every table; the dashboard, the CSV and XLSX
exports and the PDF report all render these same Table objects, so they cannot disagree.

Ledger money is summed in Python with Decimal (SQLite would sum decimals as floats). Counts of
projects, products and people are counted by the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import CharField, Count, Q, Sum
from django.db.models.functions import Cast, Substr
from django.utils.translation import gettext as _

from kennisbrug.monitoring.models import (
    ZERO,
    Subsidy,
)
from kennisbrug.monitoring.money import (
    Ledger,
    cofinancing_lines,
    ledgers,
    line_values,
    share_of,
    werkplaatsen_in,
)
from kennisbrug.monitoring.selection import Selection
from kennisbrug.monitoring.tables import COUNT, HOURS, MONEY, RATIO, TEXT, Column, Table, euro
from kennisbrug.products.models import Product
from kennisbrug.projects.models import ParticipantCount, Project
from kennisbrug.registry.models import Organisation


def funding_table(selection: Selection) -> Table:
    by_werkplaats = ledgers(selection)
    total = Ledger()
    rows = []
    for werkplaats in werkplaatsen_in(selection):
        ledger = by_werkplaats.get(werkplaats.pk, Ledger())
        total.add(ledger)
        rows.append([str(werkplaats), *_ledger_cells(ledger)])
    return Table(
        "financiering",
        _("Subsidie en cofinanciering per werkplaats"),
        [
            Column(_("Werkplaats"), TEXT, "nl"),
            Column(_("Subsidie"), MONEY),
            Column(_("Waarvan extra impuls"), MONEY),
            Column(_("Cofinanciering gepland"), MONEY),
            Column(_("Cofinanciering gerealiseerd"), MONEY),
            Column(_("Uren gerealiseerd"), HOURS),
            Column(_("Cofinanciering per euro subsidie"), RATIO),
            Column(_("Besteed aan landelijk relevante projecten"), MONEY),
            Column(_("Aandeel landelijk relevant"), RATIO),
        ],
        rows,
        total=[_("Totaal"), *_ledger_cells(total)],
        chart="bar",
        chart_column=4,
        note=_(
            "Subsidie van een periode telt naar rato van de gekozen jaren. Uren tellen mee tegen "
            "het uurtarief van de regel (standaard %(rate)s)."
        )
        % {"rate": euro(settings.MONITORING_HOURLY_RATE)},
    )


def _ledger_cells(ledger: Ledger) -> list[Any]:
    return [
        ledger.total_subsidy,
        ledger.impulse,
        ledger.planned,
        ledger.realised,
        ledger.hours_realised,
        ledger.cofinancing_ratio,
        ledger.national,
        ledger.national_share,
    ]


def cofinancing_by_partner_kind(selection: Selection) -> Table:
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO, ZERO])
    for line in line_values(cofinancing_lines(selection)):
        cell = sums[line.partner_kind]
        cell[0] += line.hours_realised
        cell[1] += line.money_realised
        cell[2] += line.value_realised
        cell[3] += line.value_planned
    labels = dict(Organisation.Kind.choices)
    rows = sorted(
        ([str(labels.get(kind, kind)), *values] for kind, values in sums.items()),
        key=lambda row: (-row[3], row[0]),
    )
    return Table(
        "cofinanciering-partners",
        _("Cofinanciering naar soort partner"),
        [
            Column(_("Soort partner"), TEXT),
            Column(_("Uren gerealiseerd"), HOURS),
            Column(_("Geld gerealiseerd"), MONEY),
            Column(_("Waarde gerealiseerd"), MONEY),
            Column(_("Waarde gepland"), MONEY),
        ],
        rows,
        total=_totals(rows, 4),
        chart="bar",
        chart_column=3,
    )


def cofinancing_by_year(selection: Selection) -> Table:
    years: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    for line in line_values(cofinancing_lines(selection)):
        years[line.year][1] += line.value_planned
        years[line.year][2] += line.value_realised
    subsidies = Subsidy.objects.select_related("period")
    if selection.werkplaats:
        subsidies = subsidies.filter(werkplaats=selection.werkplaats)
    for subsidy in subsidies:
        period = subsidy.period
        for year in period.years:
            if selection.has_year(year):
                years[year][0] += share_of(subsidy.amount, 1, len(period.years))
    rows = [[str(year), *values] for year, values in sorted(years.items())]
    return Table(
        "financiering-jaren",
        _("Subsidie en cofinanciering per jaar"),
        [
            Column(_("Jaar"), TEXT),
            Column(_("Subsidie"), MONEY),
            Column(_("Cofinanciering gepland"), MONEY),
            Column(_("Cofinanciering gerealiseerd"), MONEY),
        ],
        rows,
        total=_totals(rows, 3),
        chart="column",
        chart_column=3,
        note=_("Subsidie per jaar: het bedrag van de periode gedeeld door het aantal jaren."),
    )


def _totals(rows: list[list[Any]], numbers: int) -> list[Any]:
    total: list[Any] = [_("Totaal")]
    for index in range(1, numbers + 1):
        total.append(sum((row[index] for row in rows), ZERO if rows else 0))
    return total


# --- outputs and reach -------------------------------------------------------------------


def _count_table(
    slug: str,
    title: str,
    label: str,
    counted: str,
    pairs: Iterable[tuple[Any, int]],
    labels: dict[Any, str] | Callable[[Any], str] | None = None,
    chart: str | None = "bar",
    note: str = "",
    lang: str = "",
) -> Table:
    def name(key: Any) -> str:
        if callable(labels):
            return labels(key)
        if labels:
            return str(labels.get(key, key))
        return str(key)

    rows = [[name(key), int(n)] for key, n in pairs if n]
    if chart == "bar":
        rows.sort(key=lambda row: (-row[1], row[0]))
    return Table(
        slug,
        title,
        [Column(label, TEXT, lang), Column(counted, COUNT)],
        rows,
        total=[_("Totaal"), sum(row[1] for row in rows)],
        chart=chart,
        note=note,
    )


def products_by_kind(selection: Selection) -> Table:
    pairs = selection.products().values_list("kind").annotate(n=Count("pk")).order_by()
    return _count_table(
        "producten-soort",
        _("Kennisproducten naar soort"),
        _("Soort"),
        _("Producten"),
        pairs,
        dict(Product.Kind.choices),
        note=_("Gepubliceerde producten die in de gekozen jaren verschenen."),
    )


def products_by_year(selection: Selection) -> Table:
    pairs = (
        selection.products()
        .exclude(year__isnull=True)
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    return _count_table(
        "producten-jaar",
        _("Publicaties per jaar"),
        _("Jaar"),
        _("Producten"),
        pairs,
        chart="column",
    )


def projects_by_kind(selection: Selection) -> Table:
    pairs = selection.projects().values_list("kind").annotate(n=Count("pk")).order_by()
    return _count_table(
        "projecten-soort",
        _("Vormen van leren, ontwikkelen en onderzoeken"),
        _("Soort project"),
        _("Projecten"),
        pairs,
        dict(Project.Kind.choices),
        note=_("Projecten die in de gekozen jaren liepen."),
    )


def projects_by_form(selection: Selection) -> Table:
    pairs = (
        selection.of_projects(Project.forms.through.objects)
        .values_list("workform__name")
        .annotate(n=Count("project_id"))
        .order_by()
    )
    return _count_table(
        "projecten-werkvorm",
        _("Projecten naar werkvorm"),
        _("Werkvorm"),
        _("Projecten"),
        pairs,
        lang="nl",
        note=_("Een project kan meer werkvormen hebben."),
    )


def projects_by_year(selection: Selection) -> Table:
    # The year as the date's first four characters: SQLite's year extraction calls Python
    # for every row.
    start_year = Substr(Cast("start", CharField()), 1, 4)
    pairs = (
        selection.projects()
        .exclude(start__isnull=True)
        .annotate(start_year=start_year)
        .values_list("start_year")
        .annotate(n=Count("pk"))
        .order_by("start_year")
    )
    return _count_table(
        "projecten-jaar",
        _("Gestarte projecten per jaar"),
        _("Jaar"),
        _("Projecten"),
        pairs,
        chart="column",
    )


def participants_by_role(selection: Selection) -> Table:
    pairs = (
        selection.of_projects(ParticipantCount.objects)
        .values_list("role")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return _count_table(
        "deelnemers-rol",
        _("Deelnemers naar rol"),
        _("Rol"),
        _("Deelnemers"),
        pairs,
        dict(ParticipantCount.Role.choices),
        note=_("Opgeteld over projecten; wie aan twee projecten meedoet, telt twee keer."),
    )


def beneficiary_groups(selection: Selection) -> Table:
    pairs = (
        selection.of_projects(Project.beneficiary_groups.through.objects)
        .values_list("targetgroup__name")
        .annotate(n=Count("project_id"))
        .order_by()
    )
    return _count_table(
        "doelgroepen",
        _("Projecten naar doelgroep"),
        _("Doelgroep"),
        _("Projecten"),
        pairs,
        lang="nl",
    )


def partners_by_kind(selection: Selection) -> Table:
    pairs = (
        selection.of_projects(Project.partners.through.objects)
        .values_list("organisation__kind")
        .annotate(n=Count("organisation_id", distinct=True))
        .order_by()
    )
    return _count_table(
        "partners-soort",
        _("Partners naar soort"),
        _("Soort organisatie"),
        _("Organisaties"),
        pairs,
        dict(Organisation.Kind.choices),
        note=_("Verschillende organisaties die partner zijn in de projecten."),
    )


def municipalities_by_province(selection: Selection) -> Table:
    pairs = (
        selection.of_projects(Project.municipalities.through.objects)
        .values_list("municipality__province__name")
        .annotate(n=Count("municipality_id", distinct=True))
        .order_by()
    )
    return _count_table(
        "gemeenten",
        _("Bereikte gemeenten per provincie"),
        _("Provincie"),
        _("Gemeenten"),
        pairs,
        lang="nl",
        note=_("Verschillende gemeenten waar de projecten werken."),
    )


def werkplaats_outputs(selection: Selection) -> Table:
    projects = selection.projects()
    project_counts = {
        w: (n, national)
        for w, n, national in projects.values_list("werkplaats_id")
        .annotate(n=Count("pk"), national=Count("pk", filter=Q(nationally_relevant=True)))
        .order_by()
    }
    product_counts = dict(
        selection.products().values_list("werkplaats_id").annotate(n=Count("pk")).order_by()
    )
    people = dict(
        selection.of_projects(ParticipantCount.objects)
        .values_list("project__werkplaats_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    places = dict(
        selection.of_projects(Project.municipalities.through.objects)
        .values_list("project__werkplaats_id")
        .annotate(n=Count("municipality_id", distinct=True))
        .order_by()
    )
    rows = [
        [
            str(w),
            project_counts.get(w.pk, (0, 0))[0],
            project_counts.get(w.pk, (0, 0))[1],
            product_counts.get(w.pk, 0),
            int(people.get(w.pk) or 0),
            places.get(w.pk, 0),
        ]
        for w in werkplaatsen_in(selection)
    ]
    # Totals over every werkplaats (also one in preparation), and each municipality once.
    total = [
        _("Totaal"),
        sum(n for n, _national in project_counts.values()),
        sum(national for _n, national in project_counts.values()),
        sum(product_counts.values()),
        int(sum(n or 0 for n in people.values())),
        selection.of_projects(Project.municipalities.through.objects)
        .values("municipality_id")
        .distinct()
        .count(),
    ]
    return Table(
        "opbrengsten",
        _("Opbrengsten en bereik per werkplaats"),
        [
            Column(_("Werkplaats"), TEXT, "nl"),
            Column(_("Projecten")),
            Column(_("Waarvan landelijk relevant")),
            Column(_("Kennisproducten")),
            Column(_("Deelnemers")),
            Column(_("Gemeenten bereikt")),
        ],
        rows,
        total=total,
        chart="bar",
        chart_column=3,
        note=_("Het totaal telt een gemeente die meer werkplaatsen bereiken één keer."),
    )


def publications(selection: Selection, limit: int | None = None) -> Table:
    products = selection.products().order_by("-year", "title")
    count = products.count() if limit is not None else None
    if limit is not None:
        products = products[:limit]
    labels = {key: str(label) for key, label in Product.Kind.choices}
    rows = [
        [title, labels.get(kind, kind), year, werkplaats or ""]
        for title, kind, year, werkplaats in products.values_list(
            "title", "kind", "year", "werkplaats__short_name"
        )
    ]
    return Table(
        "publicaties",
        _("Publicaties"),
        [
            Column(_("Titel"), TEXT, "nl"),
            Column(_("Soort"), TEXT),
            Column(_("Jaar"), TEXT),
            Column(_("Werkplaats"), TEXT, "nl"),
        ],
        rows,
        truncated=count - len(rows) if count is not None else 0,
    )


#: Every table, in the order the dashboard, the exports and the report show them.
TABLES: dict[str, Callable[[Selection], Table]] = {
    "financiering": funding_table,
    "financiering-jaren": cofinancing_by_year,
    "cofinanciering-partners": cofinancing_by_partner_kind,
    "opbrengsten": werkplaats_outputs,
    "projecten-soort": projects_by_kind,
    "projecten-werkvorm": projects_by_form,
    "projecten-jaar": projects_by_year,
    "producten-soort": products_by_kind,
    "producten-jaar": products_by_year,
    "deelnemers-rol": participants_by_role,
    "doelgroepen": beneficiary_groups,
    "partners-soort": partners_by_kind,
    "gemeenten": municipalities_by_province,
    "publicaties": publications,
}


def all_tables(selection: Selection, publication_limit: int | None = None) -> list[Table]:
    tables = []
    for slug, build in TABLES.items():
        if slug == "publicaties":
            tables.append(publications(selection, publication_limit))
        else:
            tables.append(build(selection))
    return tables
