"""What the monitoring figures are about: one werkplaats or all, one theme or all, a span of years.

Every table, check and export takes a Selection, so the dashboard, the exports and the PDF
report always describe the same records.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kennisbrug.front.templatetags.front import naam
from kennisbrug.monitoring.models import (
    FundingPeriod,
)
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme


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
