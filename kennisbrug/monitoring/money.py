"""Subsidy and co-financing summed per werkplaats: the ledger behind the money tables and checks.

Ledger money is summed in Python with Decimal (SQLite would sum decimals as floats).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BigIntegerField, F, QuerySet, Sum
from django.db.models.functions import Cast, Round

from kennisbrug.monitoring.models import (
    CENT,
    ZERO,
    CoFinancing,
    ProjectFunding,
    Subsidy,
    value_of,
)
from kennisbrug.monitoring.selection import Selection
from kennisbrug.registry.models import Werkplaats


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


def cofinancing_lines(selection: Selection) -> QuerySet[CoFinancing]:
    lines = CoFinancing.objects.all()
    if selection.werkplaats:
        lines = lines.filter(werkplaats=selection.werkplaats)
    if selection.first_year:
        lines = lines.filter(year__gte=selection.first_year)
    if selection.last_year:
        lines = lines.filter(year__lte=selection.last_year)
    return lines
