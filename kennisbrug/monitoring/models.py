"""The subsidy and co-financing ledger, and the share of the subsidy spent per project.

Amounts are exact decimals in euros. Hours count as co-financing at an hourly rate, so a line
can be valued in money whether the partner gave hours, money or both.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Organisation, Werkplaats

ZERO = Decimal("0")
CENT = Decimal("0.01")
non_negative = MinValueValidator(ZERO, message=_("Mag niet negatief zijn."))


def money_field(label: str, **kwargs) -> models.DecimalField:
    kwargs.setdefault("default", ZERO)
    return models.DecimalField(
        label, max_digits=12, decimal_places=2, validators=[non_negative], **kwargs
    )


class FundingPeriodQuerySet(models.QuerySet):
    def covering(self, year: int) -> FundingPeriodQuerySet:
        return self.filter(start_year__lte=year, end_year__gte=year)


class FundingPeriod(models.Model):
    """A subsidy period of the network (2020–2022, 2023–2026 …); they are not all three years."""

    slug = models.SlugField(_("code"), max_length=20, unique=True, help_text=_("Bijv. 2023-2026."))
    start_year = models.PositiveSmallIntegerField(_("beginjaar"))
    end_year = models.PositiveSmallIntegerField(_("eindjaar"))

    objects = FundingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["start_year"]
        verbose_name = _("subsidieperiode")
        verbose_name_plural = _("subsidieperiodes")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Het eindjaar ligt voor het beginjaar.")})
        overlapping = FundingPeriod.objects.filter(
            start_year__lte=self.end_year, end_year__gte=self.start_year
        ).exclude(pk=self.pk)
        if self.start_year and self.end_year and overlapping.exists():
            raise ValidationError(_("Deze periode overlapt met %s.") % overlapping.first())


class Subsidy(models.Model):
    """The subsidy a werkplaats receives for a period: the basic grant or an extra impulse."""

    class Kind(models.TextChoices):
        BASIS = "basis", _("basissubsidie")
        IMPULS = "impuls", _("extra impuls")

    werkplaats = models.ForeignKey(
        Werkplaats, on_delete=models.CASCADE, related_name="subsidies", verbose_name=_("werkplaats")
    )
    period = models.ForeignKey(
        FundingPeriod,
        on_delete=models.PROTECT,
        related_name="subsidies",
        verbose_name=_("periode"),
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind, default=Kind.BASIS)
    title = models.CharField(_("omschrijving"), max_length=200, blank=True)
    funder = models.CharField(_("financier"), max_length=200, default="Ministerie van VWS")
    amount = money_field(_("bedrag (€)"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["werkplaats", "period", "kind", "title"]
        verbose_name = _("subsidie")
        verbose_name_plural = _("subsidies")
        constraints = [
            models.UniqueConstraint(
                fields=["werkplaats", "period", "kind", "title"], name="one_subsidy_per_title"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="subsidy_not_negative"),
        ]

    def __str__(self) -> str:
        label = self.title or self.get_kind_display()
        return f"{self.werkplaats} {self.period}: {label}"


def check_year_in_period(werkplaats_id: int | None, year: int | None, field: str) -> None:
    """A ledger year must fall in a subsidy period in which the werkplaats has a subsidy."""
    if not werkplaats_id or not year:
        return
    if not FundingPeriod.objects.covering(year).exists():
        raise ValidationError({field: _("Er is geen subsidieperiode met het jaar %s.") % year})
    if not Subsidy.objects.filter(
        werkplaats_id=werkplaats_id, period__start_year__lte=year, period__end_year__gte=year
    ).exists():
        raise ValidationError(
            {field: _("De werkplaats heeft geen subsidie in de periode van %s.") % year}
        )


def value_of(hours: Decimal, rate: Decimal | None, money: Decimal) -> Decimal:
    """What a contribution is worth: hours at the rate (to the cent, half up) plus money."""
    if rate is None:
        rate = settings.MONITORING_HOURLY_RATE
    return (hours * rate).quantize(CENT, ROUND_HALF_UP) + money


class CoFinancing(models.Model):
    """What one partner contributes to a werkplaats in one year, planned and realised.

    Hours are valued at the hourly rate; money counts as it is.
    """

    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.CASCADE,
        related_name="cofinancing",
        verbose_name=_("werkplaats"),
    )
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="cofinancing",
        verbose_name=_("partner"),
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    hours_planned = models.DecimalField(
        _("uren gepland"), max_digits=9, decimal_places=1, default=ZERO, validators=[non_negative]
    )
    hours_realised = models.DecimalField(
        _("uren gerealiseerd"),
        max_digits=9,
        decimal_places=1,
        default=ZERO,
        validators=[non_negative],
    )
    hourly_rate = models.DecimalField(
        _("uurtarief (€)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[non_negative],
        help_text=_("Leeg: het standaardtarief van het netwerk."),
    )
    money_planned = money_field(_("geld gepland (€)"))
    money_realised = money_field(_("geld gerealiseerd (€)"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["werkplaats", "year", "partner__name"]
        verbose_name = _("cofinanciering")
        verbose_name_plural = _("cofinanciering")
        constraints = [
            models.UniqueConstraint(
                fields=["werkplaats", "partner", "year"], name="one_cofinancing_line_per_year"
            ),
            models.CheckConstraint(
                condition=Q(hours_planned__gte=0)
                & Q(hours_realised__gte=0)
                & Q(money_planned__gte=0)
                & Q(money_realised__gte=0),
                name="cofinancing_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.werkplaats} {self.year}"

    @property
    def rate(self) -> Decimal:
        if self.hourly_rate is not None:
            return self.hourly_rate
        return settings.MONITORING_HOURLY_RATE

    @property
    def value_planned(self) -> Decimal:
        return value_of(self.hours_planned, self.hourly_rate, self.money_planned)

    @property
    def value_realised(self) -> Decimal:
        return value_of(self.hours_realised, self.hourly_rate, self.money_realised)

    def clean(self) -> None:
        if self.partner_id is None and any(
            [self.hours_planned, self.hours_realised, self.money_planned, self.money_realised]
        ):
            raise ValidationError({"partner": _("Een bedrag of uren horen bij een partner.")})
        check_year_in_period(self.werkplaats_id, self.year, "year")


class ProjectFunding(models.Model):
    """The part of the subsidy spent on one project in one year.

    Projects say whether they are nationally relevant; this says how much money went to them,
    so the share of the subsidy spent on nationally relevant projects can be measured.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="funding", verbose_name=_("project")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = money_field(_("bedrag uit de subsidie (€)"))

    class Meta:
        ordering = ["project", "year"]
        verbose_name = _("subsidiebesteding aan een project")
        verbose_name_plural = _("subsidiebesteding aan projecten")
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="one_funding_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"

    def clean(self) -> None:
        werkplaats_id = self.project.werkplaats_id if self.project_id else None
        check_year_in_period(werkplaats_id, self.year, "year")
