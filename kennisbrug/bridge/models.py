"""Judged links between regional work and national interventions (or other regional work).

A suggestion costs nothing to store: it is computed when a page asks for it. Only an
editor's judgement is stored: *confirmed* (shown on both sides, and a hint for later
suggestions) or *rejected* (never suggested again for this pair).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kennisbrug.registry.models import Werkplaats


class ItemKind(models.TextChoices):
    """The records a link can join; the same values as the search index's kinds."""

    PRODUCT = "product", _("kennisproduct")
    PROJECT = "project", _("project")
    INTERVENTION = "interventie", _("interventie")


REGIONAL_KINDS = (ItemKind.PRODUCT, ItemKind.PROJECT)


class LinkQuerySet(models.QuerySet):
    def confirmed(self) -> LinkQuerySet:
        return self.filter(status=Link.Status.CONFIRMED)

    def rejected(self) -> LinkQuerySet:
        return self.filter(status=Link.Status.REJECTED)

    def touching(self, kind: str, object_id: int) -> LinkQuerySet:
        return self.filter(
            models.Q(subject_kind=kind, subject_id=object_id)
            | models.Q(target_kind=kind, target_id=object_id)
        )


class Link(models.Model):
    """An editor's judgement of one suggestion: subject (regional, the page it was judged
    on) → target (an intervention or another werkplaats's work)."""

    class Status(models.TextChoices):
        CONFIRMED = "bevestigd", _("bevestigd")
        REJECTED = "afgewezen", _("afgewezen")

    subject_kind = models.CharField(_("soort onderwerp"), max_length=12, choices=ItemKind)
    subject_id = models.PositiveIntegerField(_("onderwerp"))
    target_kind = models.CharField(_("soort verwant item"), max_length=12, choices=ItemKind)
    target_id = models.PositiveIntegerField(_("verwant item"))
    # The werkplaats whose editors judge this link (the subject's): scoping and audit.
    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.CASCADE,
        related_name="bridge_links",
        verbose_name=_("werkplaats"),
    )
    status = models.CharField(_("oordeel"), max_length=10, choices=Status)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), default=timezone.now)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("verband")
        verbose_name_plural = _("verbanden")
        constraints = [
            models.UniqueConstraint(
                fields=["subject_kind", "subject_id", "target_kind", "target_id"],
                name="one_judgement_per_pair",
            ),
            models.CheckConstraint(
                condition=models.Q(subject_kind__in=["product", "project"]),
                name="link_subject_is_regional",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.subject_kind} {self.subject_id} → {self.target_kind} {self.target_id}"
            f" ({self.get_status_display()})"
        )
