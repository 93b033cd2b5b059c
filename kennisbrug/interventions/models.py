"""Recognised interventions from the national databanks."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Sourced
from kennisbrug.registry.models import Organisation
from kennisbrug.themes.models import TargetGroup, Theme


class EvidenceLevel(models.TextChoices):
    """The recognition levels of the Erkenning van Interventies (SEI)."""

    GOED_BESCHREVEN = "goed-beschreven", _("Goed beschreven")
    GOED_ONDERBOUWD = "goed-onderbouwd", _("Goed onderbouwd")
    EFFECTIEF_EERSTE = "effectief-eerste", _("Effectief – eerste aanwijzingen")
    EFFECTIEF_GOEDE = "effectief-goede", _("Effectief – goede aanwijzingen")
    EFFECTIEF_STERKE = "effectief-sterke", _("Effectief – sterke aanwijzingen")


class Databank(models.Model):
    """A national databank of interventions; its slug is the ``source`` of its interventions."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    institute = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("beheerd door"),
        limit_choices_to={"kind": Organisation.Kind.KENNISINSTITUUT},
    )
    url = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("databank")
        verbose_name_plural = _("databanken")

    def __str__(self) -> str:
        return self.name


class InterventionQuerySet(models.QuerySet):
    def active(self) -> InterventionQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class Intervention(Sourced):
    """An intervention as described in a databank, with its recognition level."""

    databank = models.ForeignKey(
        Databank, on_delete=models.PROTECT, related_name="interventions", verbose_name=_("databank")
    )
    title = models.CharField(_("naam"), max_length=300)
    summary = models.TextField(_("korte beschrijving"), blank=True)
    goal = models.TextField(_("doel"), blank=True)
    target_group_text = models.TextField(_("doelgroep"), blank=True)
    approach = models.TextField(_("aanpak"), blank=True)
    active_elements = models.TextField(_("werkzame elementen"), blank=True)
    rationale = models.TextField(_("onderbouwing"), blank=True)
    providers = models.TextField(_("uitvoerende organisaties"), blank=True)
    body = models.TextField(_("uitgebreide beschrijving"), blank=True)
    keywords = models.JSONField(_("trefwoorden"), default=list, blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="interventions", verbose_name=_("thema's")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="interventions", verbose_name=_("doelgroepen")
    )
    evidence_level = models.CharField(
        _("erkenningsniveau"), max_length=20, choices=EvidenceLevel, blank=True
    )
    recognised_on = models.DateField(_("erkend op"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    url = models.URLField(_("link naar de databank"), blank=True)
    werkplaats = models.ForeignKey(
        "registry.Werkplaats",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name=_("ontwikkeld met werkplaats"),
    )
    # Set when an intervention disappears from its databank's export; never deleted.
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        constraints = [Sourced.origin_constraint("intervention_origin")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("front:intervention", args=[self.pk])
