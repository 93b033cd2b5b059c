"""Is a werkplaats on track? The network's rules on co-financing and national relevance."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP

from django.conf import settings
from django.utils.translation import gettext as _

from kennisbrug.monitoring.models import (
    CENT,
    FundingPeriod,
)
from kennisbrug.monitoring.money import ledgers, werkplaatsen_in
from kennisbrug.monitoring.selection import Selection
from kennisbrug.monitoring.tables import euro, percent
from kennisbrug.registry.models import Werkplaats


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
