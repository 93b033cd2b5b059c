"""Building blocks shared by every domain app."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

#: The ``source`` of records made inside Kennisbrug itself (not imported).
LOCAL_SOURCE = "kennisbrug"


def new_source_id() -> str:
    return uuid.uuid4().hex


class Sourced(models.Model):
    """A record that remembers where it came from.

    Imports are idempotent on (source, source_id): the same line imported twice updates
    one row instead of making two.
    """

    source = models.CharField(
        _("bron"),
        max_length=100,
        default=LOCAL_SOURCE,
        help_text=_("Waar het record vandaan komt, bijv. een databank of werkplaats."),
    )
    source_id = models.CharField(
        _("id in de bron"), max_length=200, default=new_source_id, help_text=_("Id in de bron.")
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        abstract = True
        constraints = []

    @classmethod
    def origin_constraint(cls, name: str) -> models.UniqueConstraint:
        return models.UniqueConstraint(fields=["source", "source_id"], name=name)
