"""Subscribers (double opt-in, consent recorded), issues composed from what is new, and one
delivery row per recipient so sending can stop and resume without sending anything twice."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme


def new_key() -> str:
    return secrets.token_urlsafe(16)


class SubscriberQuerySet(models.QuerySet):
    def active(self) -> SubscriberQuerySet:
        return self.filter(status=Subscriber.Status.ACTIVE)


class Subscriber(models.Model):
    """Someone who wants the newsletter; no account, only an address and interests."""

    class Status(models.TextChoices):
        PENDING = "onbevestigd", _("wacht op bevestiging")
        ACTIVE = "actief", _("actief")
        UNSUBSCRIBED = "afgemeld", _("afgemeld")

    email = models.EmailField(_("e-mailadres"), unique=True)
    name = models.CharField(_("naam"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PENDING)
    whole_network = models.BooleanField(_("nieuwsbrief van het hele netwerk"), default=True)
    werkplaatsen = models.ManyToManyField(
        Werkplaats, blank=True, related_name="subscribers", verbose_name=_("werkplaatsen")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="subscribers", verbose_name=_("thema's")
    )
    #: Part of every personal link; a new key makes all earlier links invalid.
    key = models.CharField(max_length=40, default=new_key, editable=False)
    consent_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    consent_text = models.TextField(_("tekst waarmee toestemming is gegeven"), blank=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    created_at = models.DateTimeField(_("ingeschreven op"), auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")

    def __str__(self) -> str:
        return self.email


class IssueQuerySet(models.QuerySet):
    def sent(self) -> IssueQuerySet:
        return self.filter(status=Issue.Status.SENT).order_by("-sent_at")


class Issue(models.Model):
    """One newsletter: a period, an introduction and the items composed from that period."""

    class Status(models.TextChoices):
        DRAFT = "concept", _("concept")
        SENDING = "verzenden", _("wordt verzonden")
        SENT = "verzonden", _("verzonden")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    period_start = models.DateField(_("nieuw vanaf"))
    period_end = models.DateField(_("nieuw tot en met"))
    intro = models.TextField(_("inleiding"), blank=True)
    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="newsletter_issues",
        verbose_name=_("werkplaats"),
        help_text=_("Leeg: de nieuwsbrief van het hele netwerk."),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="newsletter_issues",
        verbose_name=_("thema"),
        help_text=_("Alleen voor een themanieuwsbrief."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    sending_started_at = models.DateTimeField(_("verzending gestart"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("nieuwsbrief")
        verbose_name_plural = _("nieuwsbrieven")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="issue_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newsletter:issue", args=[self.slug])

    def recipients(self) -> SubscriberQuerySet:
        """Active subscribers who asked for this kind of issue (see docs/dissemination.md)."""
        wanted = Q()
        if self.werkplaats_id is None and self.theme_id is None:
            wanted |= Q(whole_network=True)
        if self.werkplaats_id:
            wanted |= Q(werkplaatsen=self.werkplaats_id)
        if self.theme_id:
            wanted |= Q(themes=self.theme_id) | Q(themes__children=self.theme_id)
        return Subscriber.objects.active().filter(wanted).distinct()


class IssueItem(models.Model):
    """A snapshot of one thing in an issue, so the archive shows what was actually sent."""

    class Kind(models.TextChoices):
        NEWS = "nieuws", _("Nieuws en dossier")
        EVENT = "evenement", _("Evenementen")
        PRODUCT = "product", _("Nieuwe kennisproducten")
        PROJECT = "project", _("Projecten")
        INTERVENTION = "interventie", _("Interventies")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("rubriek"), max_length=12, choices=Kind)
    title = models.CharField(_("titel"), max_length=300)
    summary = models.TextField(_("korte tekst"), blank=True)
    meta = models.CharField(_("bijschrift"), max_length=200, blank=True)
    path = models.CharField(_("link"), max_length=300, help_text=_("Pad op Kennisbrug."))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen (sleep niet: pas de volgorde-nummers aan)")

    def __str__(self) -> str:
        return self.title

    @property
    def url(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.path


class Delivery(models.Model):
    """One issue to one address: claimed with a conditional UPDATE, sent at most once."""

    class Status(models.TextChoices):
        PENDING = "wachtrij", _("in de wachtrij")
        SENDING = "bezig", _("wordt verzonden")
        SENT = "verzonden", _("verzonden")
        FAILED = "mislukt", _("mislukt")
        SKIPPED = "overgeslagen", _("overgeslagen (afgemeld)")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, related_name="deliveries"
    )
    email = models.EmailField(_("e-mailadres"))
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    claimed_at = models.DateTimeField(_("opgepakt op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        constraints = [
            models.UniqueConstraint(fields=["issue", "email"], name="one_delivery_per_address")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.issue} → {self.email}"
