"""What the radar remembers: the overlaps it has seen, who follows what, and the alerts sent.

The overlaps themselves are computed (kennisbrug.radar.overlaps); an Overlap row records that
one was seen, so that "new" has a meaning and every alert is sent once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kennisbrug.programmes.models import ExternalProject
from kennisbrug.registry.models import Municipality, Werkplaats
from kennisbrug.themes.models import Theme


class Overlap(models.Model):
    """A werkplaats and an external project that meet in place and topic, as first seen."""

    werkplaats = models.ForeignKey(
        Werkplaats, on_delete=models.CASCADE, related_name="overlaps", verbose_name=_("werkplaats")
    )
    external_project = models.ForeignKey(
        ExternalProject,
        on_delete=models.CASCADE,
        related_name="overlaps",
        verbose_name=_("extern project"),
    )
    score = models.FloatField(_("score"), default=0)
    #: The reason as last computed (municipalities, themes, concepts, our projects), for
    #: e-mails and the dashboard; the radar page always recomputes it.
    reason = models.JSONField(_("reden"), default=dict, blank=True)
    first_seen_at = models.DateTimeField(_("voor het eerst gezien"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("laatst gezien"), auto_now=True)
    active = models.BooleanField(_("bestaat nog"), default=True)

    class Meta:
        ordering = ["-first_seen_at", "-score"]
        verbose_name = _("overlap")
        verbose_name_plural = _("overlappen")
        constraints = [
            models.UniqueConstraint(
                fields=["werkplaats", "external_project"], name="one_overlap_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.werkplaats} ↔ {self.external_project}"


class Subscription(models.Model):
    """Someone follows a werkplaats, a theme or a municipality (exactly one of them)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="radar_subscriptions",
        verbose_name=_("gebruiker"),
    )
    werkplaats = models.ForeignKey(
        Werkplaats, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("werkplaats")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("thema")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("gemeente")
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["user", "created_at"]
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        constraints = [
            models.CheckConstraint(
                condition=Q(werkplaats__isnull=False, theme__isnull=True, municipality__isnull=True)
                | Q(werkplaats__isnull=True, theme__isnull=False, municipality__isnull=True)
                | Q(werkplaats__isnull=True, theme__isnull=True, municipality__isnull=False),
                name="subscription_has_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "werkplaats"],
                condition=Q(werkplaats__isnull=False),
                name="follow_werkplaats_once",
            ),
            models.UniqueConstraint(
                fields=["user", "theme"], condition=Q(theme__isnull=False), name="follow_theme_once"
            ),
            models.UniqueConstraint(
                fields=["user", "municipality"],
                condition=Q(municipality__isnull=False),
                name="follow_municipality_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} volgt {self.target}"

    @property
    def target(self) -> Werkplaats | Theme | Municipality | None:
        return self.werkplaats or self.theme or self.municipality

    @property
    def kind_label(self) -> str:
        if self.werkplaats_id:
            return str(_("werkplaats"))
        if self.theme_id:
            return str(_("thema"))
        return str(_("gemeente"))


class Alert(models.Model):
    """One new overlap for one person: the unique pair makes sure it is made and mailed once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="radar_alerts",
        verbose_name=_("gebruiker"),
    )
    overlap = models.ForeignKey(
        Overlap, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("overlap")
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    #: Set when the mail is claimed for sending; a conditional UPDATE makes the claim atomic.
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        constraints = [
            models.UniqueConstraint(fields=["user", "overlap"], name="one_alert_per_overlap")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.overlap}"
