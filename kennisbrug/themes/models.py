"""The national theme taxonomy, target groups, and each werkplaats's regional agendas."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Sourced
from kennisbrug.registry.models import Werkplaats


class Theme(Sourced):
    """A theme of the national taxonomy; themes nest (armoede > schulden)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    name_en = models.CharField(_("naam (Engels)"), max_length=120, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("valt onder"),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        constraints = [Sourced.origin_constraint("theme_origin")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # Walk up the tree so an editor cannot make a theme its own ancestor.
        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError({"parent": _("Een thema kan niet onder zichzelf vallen.")})
            node = node.parent


class TargetGroup(models.Model):
    """A doelgroep (target or beneficiary group), shared by products, projects, interventions."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")

    def __str__(self) -> str:
        return self.name


class AgendaQuerySet(models.QuerySet):
    def current(self, year: int | None = None) -> AgendaQuerySet:
        year = year or datetime.date.today().year
        return self.filter(start_year__lte=year, end_year__gte=year)


class Agenda(Sourced):
    """A werkplaats's regional knowledge agenda for one period (start and end year)."""

    werkplaats = models.ForeignKey(
        Werkplaats, on_delete=models.CASCADE, related_name="agendas", verbose_name=_("werkplaats")
    )
    title = models.CharField(_("titel"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("beginjaar"))
    end_year = models.PositiveSmallIntegerField(_("eindjaar"))
    summary = models.TextField(_("samenvatting"), blank=True)

    objects = AgendaQuerySet.as_manager()

    class Meta:
        ordering = ["werkplaats", "-start_year"]
        verbose_name = _("regionale agenda")
        verbose_name_plural = _("regionale agenda's")
        constraints = [
            Sourced.origin_constraint("agenda_origin"),
            models.UniqueConstraint(
                fields=["werkplaats", "start_year"], name="one_agenda_per_start"
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="agenda_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.werkplaats} {self.start_year}–{self.end_year}"


class Vraagstuk(Sourced):
    """A question on an agenda, typed as in the network's evaluation."""

    class Kind(models.TextChoices):
        HANDELING = "handelingsvraagstuk", _("handelingsvraagstuk")
        WERKPROCESSEN = "werkprocessen-clientperspectief", _("werkprocessen en cliëntperspectief")
        ACTOREN = "meerdere-actoren", _("meerdere actoren")
        MONITORING = "zichtbaarheid-monitoring", _("zichtbaarheid, meetbaarheid en monitoring")

    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, related_name="vraagstukken", verbose_name=_("agenda")
    )
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)
    kind = models.CharField(_("soort vraagstuk"), max_length=40, choices=Kind)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="vraagstukken", verbose_name=_("thema's")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["agenda", "position", "id"]
        verbose_name = _("vraagstuk")
        verbose_name_plural = _("vraagstukken")
        constraints = [Sourced.origin_constraint("vraagstuk_origin")]

    def __str__(self) -> str:
        return self.title
