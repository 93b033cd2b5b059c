"""What the OAI-PMH provider must remember that the data itself forgets: withdrawn records."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tombstone(models.Model):
    """A product that was public and no longer is (deleted or unpublished).

    Harvesters learn of it as a deleted record, in the sets it belonged to, so their copy
    disappears too. It goes away when the product is published again.
    """

    source = models.CharField(max_length=100)
    source_id = models.CharField(max_length=200)
    set_specs = models.JSONField(default=list)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), db_index=True)

    class Meta:
        verbose_name = _("ingetrokken record")
        verbose_name_plural = _("ingetrokken records")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="tombstone_origin")
        ]

    def __str__(self) -> str:
        return f"{self.source}/{self.source_id}"
