"""External programmes (City Deal Kennis Maken, Kenniswerkplaatsen Jeugd …) and their projects.

They are not part of the network of werkplaatsen, but they work on the same questions in the
same cities; the radar (kennisbrug.radar) looks for the places where the two meet.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Sourced
from kennisbrug.registry.models import Municipality, Organisation
from kennisbrug.themes.models import Theme


class Programme(Sourced):
    """A programme outside the network, with projects of its own."""

    class Kind(models.TextChoices):
        CITY_DEAL = "city-deal", _("City Deal")
        KENNISWERKPLAATS_JEUGD = "kenniswerkplaats-jeugd", _("Regionale Kenniswerkplaats Jeugd")
        ACADEMISCHE_WERKPLAATS = "academische-werkplaats", _("academische werkplaats")
        OTHER = "overig", _("ander programma")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind, default=Kind.OTHER)
    description = models.TextField(_("beschrijving"), blank=True)
    funder = models.CharField(_("financier of opdrachtgever"), max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(_("beginjaar"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("eindjaar"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("extern programma")
        verbose_name_plural = _("externe programma's")
        constraints = [
            Sourced.origin_constraint("programme_origin"),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="programme_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme", args=[self.slug])


class ExternalProjectQuerySet(models.QuerySet):
    def running(self, on: datetime.date | None = None) -> ExternalProjectQuerySet:
        on = on or datetime.date.today()
        return self.filter(Q(end__isnull=True) | Q(end__gte=on))


class ExternalProject(Sourced):
    """A project of an external programme: where it runs, on what, with whom, until when."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="projects", verbose_name=_("programma")
    )
    title = models.CharField(_("titel"), max_length=300)
    summary = models.TextField(_("samenvatting"), blank=True)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="external_projects", verbose_name=_("gemeenten")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="external_projects", verbose_name=_("thema's")
    )
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="external_projects",
        verbose_name=_("partners"),
        help_text=_("Hogescholen, universiteiten, mbo-instellingen en andere partners."),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("einde"), null=True, blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    url = models.URLField(_("link"), blank=True)

    objects = ExternalProjectQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "title"]
        verbose_name = _("extern project")
        verbose_name_plural = _("externe projecten")
        constraints = [
            Sourced.origin_constraint("externalproject_origin"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="externalproject_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes:project", args=[self.pk])

    @property
    def has_ended(self) -> bool:
        return self.end is not None and self.end < datetime.date.today()
