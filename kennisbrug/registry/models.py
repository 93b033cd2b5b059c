"""The network registry: werkplaatsen, organisations, people, municipalities."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Sourced


class Province(models.Model):
    """One of the twelve provinces, with its CBS code (PV20 … PV31)."""

    code = models.CharField(_("CBS-code"), max_length=4, unique=True)
    name = models.CharField(_("naam"), max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A gemeente as an area, identified by its CBS code (GM0363 for Amsterdam)."""

    code = models.CharField(_("CBS-code"), max_length=6, unique=True)
    name = models.CharField(_("naam"), max_length=100, db_index=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("provincie"),
    )
    # Municipalities merge every year; a merged one stays so history keeps pointing at it.
    active = models.BooleanField(_("bestaat nog"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente (gebied)")
        verbose_name_plural = _("gemeenten (gebied)")

    def __str__(self) -> str:
        return self.name


class WerkplaatsQuerySet(models.QuerySet):
    def active(self) -> WerkplaatsQuerySet:
        return self.filter(status=Werkplaats.Status.ACTIVE)


class Werkplaats(Sourced):
    """A regional Werkplaats Sociaal Domein."""

    class Status(models.TextChoices):
        ACTIVE = "actief", _("actief")
        PREPARING = "in-voorbereiding", _("in voorbereiding")
        ENDED = "beeindigd", _("beëindigd")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.ACTIVE)
    description = models.TextField(_("beschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("gestart in"), null=True, blank=True)
    provinces = models.ManyToManyField(Province, blank=True, verbose_name=_("provincies"))

    objects = WerkplaatsQuerySet.as_manager()

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("werkplaats")
        verbose_name_plural = _("werkplaatsen")
        constraints = [Sourced.origin_constraint("werkplaats_origin")]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("front:werkplaats", args=[self.slug])

    def municipalities(self, on: datetime.date | None = None) -> models.QuerySet[Municipality]:
        """Municipalities whose gemeente takes part in this werkplaats (today by default)."""
        members = self.memberships.current(on).filter(organisation__municipality__isnull=False)
        return Municipality.objects.filter(
            pk__in=members.values("organisation__municipality")
        ).select_related("province")


class WerkplaatsName(models.Model):
    """Another name a werkplaats goes or went by (alias, or a former name with its years)."""

    class Kind(models.TextChoices):
        ALIAS = "alias", _("ook bekend als")
        FORMER = "vroeger", _("vroegere naam")

    werkplaats = models.ForeignKey(Werkplaats, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind, default=Kind.ALIAS)
    used_from = models.PositiveSmallIntegerField(_("gebruikt vanaf"), null=True, blank=True)
    used_until = models.PositiveSmallIntegerField(_("gebruikt tot en met"), null=True, blank=True)

    class Meta:
        ordering = ["used_from", "name"]
        verbose_name = _("andere naam")
        verbose_name_plural = _("andere namen")

    def __str__(self) -> str:
        return self.name


class Organisation(Sourced):
    """Any organisation in the network: a hogeschool, its lectoraten, a gemeente, a partner."""

    class Kind(models.TextChoices):
        HOGESCHOOL = "hogeschool", _("hogeschool")
        LECTORAAT = "lectoraat", _("lectoraat")
        GEMEENTE = "gemeente", _("gemeente")
        ZORG_WELZIJN = "zorg-welzijn", _("zorg- en welzijnsorganisatie")
        CLIENT = "clientenorganisatie", _("cliëntenorganisatie")
        KENNISINSTITUUT = "kennisinstituut", _("kennisinstituut")
        MBO = "mbo", _("mbo-instelling")
        UNIVERSITEIT = "universiteit", _("universiteit")
        OTHER = "overig", _("overig")

    name = models.CharField(_("naam"), max_length=200, db_index=True)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind)
    abbreviation = models.CharField(_("afkorting"), max_length=30, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("onderdeel van"),
        help_text=_("Bij een lectoraat: de hogeschool."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("gemeente (gebied)"),
        help_text=_("Bij een gemeente: het gebied met zijn CBS-code."),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [Sourced.origin_constraint("organisation_origin")]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> MembershipQuerySet:
        """Memberships running on the given day (today by default)."""
        on = on or datetime.date.today()
        return self.filter(Q(start__isnull=True) | Q(start__lte=on)).filter(
            Q(end__isnull=True) | Q(end__gte=on)
        )


class Membership(Sourced):
    """An organisation taking part in a werkplaats, in a role, for a time."""

    class Role(models.TextChoices):
        PENVOERDER = "penvoerder", _("penvoerder")
        TREKKER = "trekker", _("trekker")
        DEELNEMER = "deelnemer", _("deelnemer")
        PROJECTPARTNER = "projectpartner", _("projectpartner")
        NETWERKPARTNER = "netwerkpartner", _("netwerkpartner")
        KENNISPARTNER = "kennispartner", _("kennispartner")

    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("werkplaats"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role, default=Role.DEELNEMER)
    start = models.DateField(_("vanaf"), null=True, blank=True)
    end = models.DateField(_("tot en met"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["werkplaats", "role", "organisation__name"]
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            Sourced.origin_constraint("membership_origin"),
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.werkplaats} ({self.get_role_display()})"


class Person(Sourced):
    """A person, kept minimal: a name, optionally a work address and an organisation."""

    name = models.CharField(_("naam"), max_length=200, db_index=True)
    email = models.EmailField(_("e-mail (werk)"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisatie"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        constraints = [Sourced.origin_constraint("person_origin")]

    def __str__(self) -> str:
        return self.name


class PersonRole(Sourced):
    """The role a person has in a werkplaats, for a time."""

    class Role(models.TextChoices):
        LECTOR = "lector", _("lector")
        ASSOCIATE_LECTOR = "associate-lector", _("associate lector")
        COORDINATOR = "coordinator", _("coördinator")
        PROJECTLEIDER = "projectleider", _("projectleider")
        ONDERZOEKER = "onderzoeker", _("onderzoeker")
        DOCENT = "docent", _("docent")
        KENNISMAKELAAR = "kennismakelaar", _("kennismakelaar")
        BELEIDSMEDEWERKER = "beleidsmedewerker", _("beleidsmedewerker")
        PROFESSIONAL = "professional", _("professional")
        ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("ervaringsdeskundige")
        BESTUURDER = "bestuurder", _("bestuurder")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="roles", verbose_name=_("persoon")
    )
    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.CASCADE,
        related_name="person_roles",
        verbose_name=_("werkplaats"),
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role)
    start = models.DateField(_("vanaf"), null=True, blank=True)
    end = models.DateField(_("tot en met"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["werkplaats", "role", "person__name"]
        verbose_name = _("rol van een persoon")
        verbose_name_plural = _("rollen van personen")
        constraints = [Sourced.origin_constraint("personrole_origin")]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} ({self.werkplaats})"
