"""Projects and learning communities: werkteams, leerateliers, research and development."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Sourced
from kennisbrug.registry.models import Municipality, Organisation, Person, Werkplaats
from kennisbrug.themes.models import TargetGroup, Theme


class WorkForm(models.Model):
    """A werkvorm from the network's controlled vocabulary (leeratelier, actieonderzoek …)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("werkvorm")
        verbose_name_plural = _("werkvormen")

    def __str__(self) -> str:
        return self.name


class Project(Sourced):
    class Kind(models.TextChoices):
        WERKTEAM = "werkteam", _("werkteam")
        LEERATELIER = "leeratelier", _("leeratelier")
        LEERGEMEENSCHAP = "leergemeenschap", _("lerende gemeenschap")
        ONDERZOEK = "onderzoek", _("onderzoeksproject")
        ONTWIKKELING = "ontwikkeling", _("ontwikkelproject")
        ONDERWIJS = "onderwijs", _("onderwijsproject")

    class Status(models.TextChoices):
        PLANNED = "gepland", _("gepland")
        RUNNING = "lopend", _("lopend")
        FINISHED = "afgerond", _("afgerond")
        STOPPED = "gestopt", _("gestopt")

    werkplaats = models.ForeignKey(
        Werkplaats, on_delete=models.PROTECT, related_name="projects", verbose_name=_("werkplaats")
    )
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind)
    forms = models.ManyToManyField(WorkForm, blank=True, verbose_name=_("werkvormen"))
    practice_question = models.TextField(_("praktijkvraag"))
    summary = models.TextField(_("samenvatting"), blank=True)
    body = models.TextField(_("beschrijving"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="projects", verbose_name=_("thema's")
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="projects", verbose_name=_("gemeenten")
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="projects", verbose_name=_("partners")
    )
    beneficiary_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="projects", verbose_name=_("voor wie (doelgroepen)")
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("einde"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.RUNNING)
    nationally_relevant = models.BooleanField(
        _("landelijk relevant"),
        default=False,
        help_text=_("Telt mee voor het deel van de subsidie voor landelijk relevante projecten."),
    )
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["-start", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projecten")
        constraints = [
            Sourced.origin_constraint("project_origin"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="project_ends_after_start",
            ),
        ]
        indexes = [
            # The few running or planned projects ("now", on several pages) among many
            # finished ones, and "newest first" lists.
            models.Index(fields=["status"], name="project_status"),
            models.Index(fields=["start", "id"], name="project_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("front:project", args=[self.pk])


class ParticipantCount(models.Model):
    """How many people of one role take part in a project."""

    class Role(models.TextChoices):
        BELEIDSMEDEWERKER = "beleidsmedewerker", _("beleidsmedewerker")
        PROFESSIONAL = "professional", _("professional")
        DOCENT = "docent", _("docent")
        ONDERZOEKER = "onderzoeker", _("onderzoeker")
        STUDENT = "student", _("student")
        VRIJWILLIGER = "vrijwilliger", _("vrijwilliger")
        BURGER = "burger", _("burger")
        ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("ervaringsdeskundige")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participant_counts"
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role)
    count = models.PositiveIntegerField(_("aantal"))

    class Meta:
        ordering = ["project", "role"]
        verbose_name = _("deelnemers per rol")
        verbose_name_plural = _("deelnemers per rol")
        constraints = [
            models.UniqueConstraint(fields=["project", "role"], name="one_count_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.get_role_display()}"


class ProjectPerson(models.Model):
    """A named participant of a project, where known."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="projects")
    role = models.CharField(_("rol"), max_length=30, choices=ParticipantCount.Role)
    is_lead = models.BooleanField(_("projectleider"), default=False)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers met naam")
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="person_once_per_project"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
