"""A record that one person's data was erased: when and by whom, without the data itself."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Erasure(models.Model):
    """Accountability for an erasure request (AVG art. 17); the address is kept only as a hash."""

    email_hash = models.CharField(_("SHA-256 van het e-mailadres"), max_length=64, db_index=True)
    erased_by = models.CharField(_("gewist door"), max_length=150)
    erased_at = models.DateTimeField(_("gewist op"), auto_now_add=True)
    summary = models.JSONField(_("wat is gewist"), default=dict)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("wisverzoek")
        verbose_name_plural = _("wisverzoeken")

    def __str__(self) -> str:
        return f"{self.erased_at:%Y-%m-%d %H:%M} ({self.erased_by})"
