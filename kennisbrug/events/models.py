"""Events of the network (conferences, symposia, webinars …) with workshops and registrations.

Places are handed out in kennisbrug/events/registration.py, under a lock on the event row;
the models only describe and count.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme


def new_token() -> str:
    return secrets.token_urlsafe(24)


class EventQuerySet(models.QuerySet):
    def published(self) -> EventQuerySet:
        return self.filter(published=True)

    def upcoming(self) -> EventQuerySet:
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self) -> EventQuerySet:
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")


class Event(models.Model):
    class Kind(models.TextChoices):
        CONGRES = "congres", _("congres")
        SYMPOSIUM = "symposium", _("symposium")
        DEBAT = "debat", _("debat")
        WEBINAR = "webinar", _("webinar")
        WERKPLAATSEVENT = "werkplaatsevent", _("werkplaatsevent")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind)
    summary = models.TextField(_("samenvatting"), blank=True)
    body = models.TextField(_("beschrijving"), blank=True)
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    venue = models.CharField(_("locatie"), max_length=200, blank=True)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    online_url = models.URLField(_("link voor online deelname"), blank=True)
    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organiserende werkplaats"),
        help_text=_("Leeg voor een evenement van het landelijke netwerk."),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="events", verbose_name=_("thema's")
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), null=True, blank=True, help_text=_("Leeg: onbeperkt.")
    )
    registration_open = models.BooleanField(_("aanmelden mogelijk"), default=True)
    organiser_email = models.EmailField(_("e-mail van de organisator"), blank=True)
    published = models.BooleanField(_("gepubliceerd"), default=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("evenement")
        verbose_name_plural = _("evenementen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def accepts_registrations(self) -> bool:
        return self.registration_open and self.published and not self.is_past

    def confirmed_count(self) -> int:
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count(), 0)


class Round(models.Model):
    """A workshop round: the workshops of one round run side by side."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("evenement")
    )
    name = models.CharField(_("naam"), max_length=100, help_text=_("Bijv. 'Ronde 1'."))
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))

    class Meta:
        ordering = ["starts_at", "name"]
        verbose_name = _("workshopronde")
        verbose_name_plural = _("workshoprondes")

    def __str__(self) -> str:
        return f"{self.name} ({timezone.localtime(self.starts_at):%H:%M})"


class Workshop(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="workshops", verbose_name=_("ronde")
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    presenters = models.CharField(_("door"), max_length=300, blank=True)
    room = models.CharField(_("zaal"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"))

    class Meta:
        ordering = ["round__starts_at", "title"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return self.title

    def confirmed_count(self) -> int:
        return self.choices.filter(status=Registration.Status.CONFIRMED).count()


class Registration(models.Model):
    """One person's registration for an event; data kept only to run the event."""

    class Status(models.TextChoices):
        CONFIRMED = "bevestigd", _("bevestigd")
        WAITLISTED = "wachtlijst", _("op de wachtlijst")
        CANCELLED = "geannuleerd", _("geannuleerd")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("evenement")
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mail"), db_index=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status)
    #: The secret in the personal link to view or cancel the registration.
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    consent_at = models.DateTimeField(_("toestemming gegeven op"))
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("van de wachtlijst op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")

    def __str__(self) -> str:
        return f"{self.name or _('(geanonimiseerd)')} – {self.event}"

    def get_absolute_url(self) -> str:
        return reverse("events:registration", args=[self.token])


class WorkshopChoice(models.Model):
    """A registration's place (or waiting-list entry) in one workshop; one per round."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="choices")
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="choices", verbose_name=_("workshop")
    )
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Registration.Status)
    created_at = models.DateTimeField(_("gekozen op"), default=timezone.now)
    promoted_at = models.DateTimeField(_("van de wachtlijst op"), null=True, blank=True)

    class Meta:
        ordering = ["round__starts_at"]
        verbose_name = _("workshopkeuze")
        verbose_name_plural = _("workshopkeuzes")
        constraints = [
            models.UniqueConstraint(fields=["registration", "round"], name="one_workshop_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.workshop} ({self.get_status_display()})"
