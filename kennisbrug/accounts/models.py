"""Who may edit what: network admins edit everything, editors only their own werkplaats."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kennisbrug.registry.models import Werkplaats


class Editorship(models.Model):
    """A user's right to edit one werkplaats's records."""

    class Role(models.TextChoices):
        EDITOR = "redacteur", _("redacteur (mag publiceren)")
        CONTRIBUTOR = "bijdrager", _("bijdrager (levert aan ter review)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editorships",
        verbose_name=_("gebruiker"),
    )
    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.CASCADE,
        related_name="editorships",
        verbose_name=_("werkplaats"),
    )
    role = models.CharField(_("rol"), max_length=12, choices=Role, default=Role.EDITOR)

    class Meta:
        verbose_name = _("redactierecht")
        verbose_name_plural = _("redactierechten")
        constraints = [
            models.UniqueConstraint(fields=["user", "werkplaats"], name="one_editorship_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.werkplaats} ({self.get_role_display()})"
