"""The figures of monitoring and evaluation, as tables, for any selection.

One selection (werkplaats, theme, years) gives every table; the dashboard, the CSV and XLSX
exports and the PDF report all render these same Table objects, so they cannot disagree.

Ledger money is summed in Python with Decimal (SQLite would sum decimals as floats). Counts of
projects, products and people are counted by the database.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import BigIntegerField, CharField, Count, F, Q, QuerySet, Sum
from django.db.models.functions import Cast, Round, Substr
from django.utils.translation import gettext as _

from kennisbrug.front.templatetags.front import naam
from kennisbrug.monitoring.models import (
    CENT,
    ZERO,
    CoFinancing,
    FundingPeriod,
    ProjectFunding,
    Subsidy,
    value_of,
)
from kennisbrug.products.models import Product
from kennisbrug.projects.models import ParticipantCount, Project
from kennisbrug.registry.models import Organisation, Werkplaats
from kennisbrug.themes.models import Theme

TEXT, COUNT, MONEY, HOURS, RATIO = "text", "count", "money", "hours", "ratio"


@dataclass(frozen=True)
class Selection:
    """What the figures are about: one werkplaats or all, one theme or all, a span of years."""

    werkplaats: Werkplaats | None = None
    theme: Theme | None = None
    first_year: int | None = None
    last_year: int | None = None
    period: FundingPeriod | None = None

    @classmethod
    def for_period(cls, period: FundingPeriod | None, **kwargs: Any) -> Selection:
        if period is None:
            return cls(**kwargs)
        return cls(first_year=period.start_year, last_year=period.end_year, period=period, **kwargs)

    @classmethod
    def for_year(cls, year: int, **kwargs: Any) -> Selection:
        period = FundingPeriod.objects.covering(year).first()
        return cls(first_year=year, last_year=year, period=period, **kwargs)

    def years_overlap(self, start: int, end: int) -> int:
        """How many years of [start, end] fall within the selection."""
        lo = max(start, self.first_year) if self.first_year else start
        hi = min(end, self.last_year) if self.last_year else end
        return max(0, hi - lo + 1)

    def has_year(self, year: int | None) -> bool:
        if year is None:
            return self.first_year is None and self.last_year is None
        if self.first_year and year < self.first_year:
            return False
        return not (self.last_year and year > self.last_year)

    @property
    def years_label(self) -> str:
        if self.first_year and self.first_year == self.last_year:
            return str(self.first_year)
        if self.first_year and self.last_year:
            return f"{self.first_year}–{self.last_year}"
        return _("alle jaren")

    @property
    def label(self) -> str:
        parts = [str(self.werkplaats) if self.werkplaats else _("het hele netwerk")]
        if self.theme:
            parts.append(_("thema %(theme)s") % {"theme": naam(self.theme)})
        parts.append(self.years_label)
        return ", ".join(parts)

    # --- the records in the selection --------------------------------------------------
    def theme_ids(self) -> list[int]:
        """The theme and everything nested under it."""
        if self.theme is None:
            return []
        ids, frontier = [self.theme.pk], [self.theme.pk]
        while frontier:
            frontier = list(Theme.objects.filter(parent__in=frontier).values_list("pk", flat=True))
            ids += frontier
        return ids

    def projects(self) -> QuerySet[Project]:
        """Projects running at some time in the selected years (all of them without years)."""
        qs = Project.objects.all()
        if self.werkplaats:
            qs = qs.filter(werkplaats=self.werkplaats)
        if self.theme:
            qs = qs.filter(
                pk__in=Project.themes.through.objects.filter(theme_id__in=self.theme_ids()).values(
                    "project_id"
                )
            )
        if self.last_year:
            qs = qs.filter(start__lte=datetime.date(self.last_year, 12, 31))
        if self.first_year:
            qs = qs.filter(Q(end__isnull=True) | Q(end__gte=datetime.date(self.first_year, 1, 1)))
        return qs

    @property
    def narrows_projects(self) -> bool:
        return bool(self.werkplaats or self.theme or self.first_year or self.last_year)

    def of_projects(self, qs: QuerySet) -> QuerySet:
        """Rows that belong to a selected project (all rows when nothing narrows)."""
        if not self.narrows_projects:
            return qs  # spares the database a semi-join with every project
        return qs.filter(project__in=self.projects().values("pk"))

    def products(self) -> QuerySet[Product]:
        """Published products that appeared in the selected years."""
        qs = Product.objects.published()
        if self.werkplaats:
            qs = qs.filter(werkplaats=self.werkplaats)
        if self.theme:
            qs = qs.filter(
                pk__in=Product.themes.through.objects.filter(theme_id__in=self.theme_ids()).values(
                    "product_id"
                )
            )
        if self.first_year:
            qs = qs.filter(year__gte=self.first_year)
        if self.last_year:
            qs = qs.filter(year__lte=self.last_year)
        return qs


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


# --- money ------------------------------------------------------------------------------


def share_of(amount: Decimal, part_years: int, all_years: int) -> Decimal:
    """The part of a period's amount that belongs to some of its years, to the cent."""
    if part_years >= all_years:
        return amount
    return (amount * part_years / all_years).quantize(CENT, rounding=ROUND_HALF_UP)


def ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part / whole).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


@dataclass
class Ledger:
    """Subsidy and co-financing of one werkplaats (or the network) in the selection."""

    subsidy: Decimal = ZERO
    impulse: Decimal = ZERO
    planned: Decimal = ZERO
    realised: Decimal = ZERO
    hours_planned: Decimal = ZERO
    hours_realised: Decimal = ZERO
    money_realised: Decimal = ZERO
    national: Decimal = ZERO
    funded_projects: Decimal = ZERO

    @property
    def total_subsidy(self) -> Decimal:
        return self.subsidy + self.impulse

    @property
    def cofinancing_ratio(self) -> Decimal | None:
        return ratio(self.realised, self.total_subsidy)

    @property
    def national_share(self) -> Decimal | None:
        return ratio(self.national, self.total_subsidy)

    def add(self, other: Ledger) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def subsidy_in(selection: Selection, subsidy: Subsidy) -> Decimal:
    period = subsidy.period
    years = selection.years_overlap(period.start_year, period.end_year)
    return share_of(subsidy.amount, years, period.end_year - period.start_year + 1)


_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar("ledger_memo", default=None)


@contextlib.contextmanager
def one_view() -> Iterator[None]:
    """Within one page or report, compute each ledger selection once (tables and checks)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def ledgers(selection: Selection) -> dict[int, Ledger]:
    memo = _memo.get()
    if memo is None:
        return _ledgers(selection)
    key = (
        selection.werkplaats.pk if selection.werkplaats else None,
        selection.first_year,
        selection.last_year,
    )
    if key not in memo:
        memo[key] = _ledgers(selection)
    return memo[key]


def _ledgers(selection: Selection) -> dict[int, Ledger]:
    """Ledger figures per werkplaats id, for the selected werkplaats or all of them.

    The theme does not narrow the ledger: subsidy and co-financing belong to a werkplaats.
    Project funding is summed by the database in whole cents, which both engines add exactly
    (SQLite would add the decimals themselves as floats).
    """
    result: dict[int, Ledger] = defaultdict(Ledger)
    subsidies = Subsidy.objects.select_related("period")
    lines = CoFinancing.objects.all()
    funding = ProjectFunding.objects.all()
    if selection.werkplaats:
        subsidies = subsidies.filter(werkplaats=selection.werkplaats)
        lines = lines.filter(werkplaats=selection.werkplaats)
        funding = funding.filter(project__werkplaats=selection.werkplaats)
    if selection.first_year:
        lines = lines.filter(year__gte=selection.first_year)
        funding = funding.filter(year__gte=selection.first_year)
        subsidies = subsidies.filter(period__end_year__gte=selection.first_year)
    if selection.last_year:
        lines = lines.filter(year__lte=selection.last_year)
        funding = funding.filter(year__lte=selection.last_year)
        subsidies = subsidies.filter(period__start_year__lte=selection.last_year)
    for subsidy in subsidies:
        amount = subsidy_in(selection, subsidy)
        if subsidy.kind == Subsidy.Kind.BASIS:
            result[subsidy.werkplaats_id].subsidy += amount
        else:
            result[subsidy.werkplaats_id].impulse += amount
    for line in line_values(lines):
        ledger = result[line.werkplaats_id]
        ledger.planned += line.value_planned
        ledger.realised += line.value_realised
        ledger.hours_planned += line.hours_planned
        ledger.hours_realised += line.hours_realised
        ledger.money_realised += line.money_realised
    sums = (
        funding.values_list("project__werkplaats_id", "project__nationally_relevant")
        .annotate(cents=Sum(Cast(Round(F("amount") * 100), BigIntegerField())))
        .order_by()
    )
    for werkplaats_id, national, cents in sums:
        amount = Decimal(cents) / 100
        result[werkplaats_id].funded_projects += amount
        if national:
            result[werkplaats_id].national += amount
    return result


def werkplaatsen_in(selection: Selection) -> list[Werkplaats]:
    if selection.werkplaats:
        return [selection.werkplaats]
    return list(Werkplaats.objects.exclude(status=Werkplaats.Status.PREPARING))


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


@dataclass
class LineValue:
    werkplaats_id: int
    partner_kind: str
    year: int
    hours_planned: Decimal
    hours_realised: Decimal
    money_realised: Decimal
    value_planned: Decimal
    value_realised: Decimal


def line_values(lines: QuerySet[CoFinancing]) -> Iterable[LineValue]:
    """Ledger lines as plain values: thousands of them cost no model instances."""
    for w, kind, year, h_plan, h_real, rate, m_plan, m_real in lines.values_list(
        "werkplaats_id",
        "partner__kind",
        "year",
        "hours_planned",
        "hours_realised",
        "hourly_rate",
        "money_planned",
        "money_realised",
    ):
        yield LineValue(
            w,
            kind,
            year,
            h_plan,
            h_real,
            m_real,
            value_of(h_plan, rate, m_plan),
            value_of(h_real, rate, m_real),
        )


def _cofinancing_lines(selection: Selection) -> QuerySet[CoFinancing]:
    lines = CoFinancing.objects.all()
    if selection.werkplaats:
        lines = lines.filter(werkplaats=selection.werkplaats)
    if selection.first_year:
        lines = lines.filter(year__gte=selection.first_year)
    if selection.last_year:
        lines = lines.filter(year__lte=selection.last_year)
    return lines


def cofinancing_by_partner_kind(selection: Selection) -> Table:
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO, ZERO])
    for line in line_values(_cofinancing_lines(selection)):
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
    for line in line_values(_cofinancing_lines(selection)):
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


# --- on track? ---------------------------------------------------------------------------


@dataclass
class OffTrack:
    werkplaats: Werkplaats
    message: str


@dataclass
class TrackCheck:
    """The network's rules applied to one period, up to a reference year."""

    period: FundingPeriod
    up_to: int
    warnings: list[OffTrack] = field(default_factory=list)


def reference_year(period: FundingPeriod, today: datetime.date | None = None) -> int:
    """The last completed year of the period: the running year has not been booked yet."""
    today = today or datetime.date.today()
    return min(period.end_year, today.year - 1)


def check_on_track(
    period: FundingPeriod,
    werkplaats: Werkplaats | None = None,
    up_to: int | None = None,
) -> TrackCheck:
    """Warn where co-financing or the nationally relevant share lags behind the rules.

    1. Realised co-financing up to the reference year must be at least the minimum ratio times
       the subsidy of those years.
    2. Planned co-financing for the whole period must reach the ratio times the whole subsidy.
    3. Subsidy spent on nationally relevant projects up to the reference year must be at least
       the national share of the subsidy of those years.
    """
    up_to = reference_year(period) if up_to is None else min(up_to, period.end_year)
    check = TrackCheck(period, up_to)
    min_ratio = settings.MONITORING_MIN_COFINANCING_RATIO
    national_share = settings.MONITORING_NATIONAL_SHARE
    whole = ledgers(Selection(werkplaats, first_year=period.start_year, last_year=period.end_year))
    so_far = (
        ledgers(Selection(werkplaats, first_year=period.start_year, last_year=up_to))
        if up_to >= period.start_year
        else {}
    )
    for w in werkplaatsen_in(Selection(werkplaats)):
        ledger = whole.get(w.pk)
        if ledger is None or not ledger.total_subsidy:
            continue
        needed = (ledger.total_subsidy * min_ratio).quantize(CENT, ROUND_HALF_UP)
        if ledger.planned < needed:
            check.warnings.append(
                OffTrack(
                    w,
                    _(
                        "Geplande cofinanciering %(planned)s is minder dan %(needed)s "
                        "(%(pct)s van de subsidie voor %(period)s)."
                    )
                    % {
                        "planned": euro(ledger.planned),
                        "needed": euro(needed),
                        "pct": percent(min_ratio),
                        "period": period,
                    },
                )
            )
        done = so_far.get(w.pk)
        if done is None or not done.total_subsidy:
            continue
        needed = (done.total_subsidy * min_ratio).quantize(CENT, ROUND_HALF_UP)
        if done.realised < needed:
            check.warnings.append(
                OffTrack(
                    w,
                    _(
                        "Gerealiseerde cofinanciering t/m %(year)s is %(realised)s; "
                        "nodig is minstens %(needed)s."
                    )
                    % {"year": up_to, "realised": euro(done.realised), "needed": euro(needed)},
                )
            )
        needed = (done.total_subsidy * national_share).quantize(CENT, ROUND_HALF_UP)
        if done.national < needed:
            check.warnings.append(
                OffTrack(
                    w,
                    _(
                        "Besteed aan landelijk relevante projecten t/m %(year)s: %(spent)s; "
                        "de norm is %(pct)s, dat is %(needed)s."
                    )
                    % {
                        "year": up_to,
                        "spent": euro(done.national),
                        "pct": percent(national_share),
                        "needed": euro(needed),
                    },
                )
            )
    return check


# --- formatting shared by pages, exports and the report ----------------------------------


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
