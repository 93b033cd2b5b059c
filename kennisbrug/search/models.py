"""The search index's own tables.

``SearchEntry`` is one findable thing (a product, intervention, project, agenda vraagstuk or
werkplaats) with what the result list shows and filters on. Its words live beside it in the
engine's full-text index: an FTS5 table on SQLite, a ``tsvector`` column with a GIN index on
PostgreSQL (see ``backends.py``); both are written in the same transaction as the entry.

``SearchModel`` holds what the corpus taught us at the last rebuild: the latent semantic
model, document frequencies, and the corpus vocabulary for compound splitting and spelling.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        PRODUCT = "product", _("kennisproduct")
        INTERVENTION = "interventie", _("interventie")
        PROJECT = "project", _("project")
        VRAAGSTUK = "vraagstuk", _("agendavraagstuk")
        WERKPLAATS = "werkplaats", _("werkplaats")

    kind = models.CharField(_("soort"), max_length=12, choices=Kind)
    object_id = models.PositiveIntegerField(_("record"))
    source = models.CharField(_("bron"), max_length=100)
    source_id = models.CharField(_("id bij de bron"), max_length=200)
    subtype = models.CharField(_("nadere soort"), max_length=200, blank=True)
    title = models.CharField(_("titel"), max_length=300)
    url = models.CharField(_("adres"), max_length=300)
    # What snippets are cut from: the readable text, not the analysed terms.
    text = models.TextField(_("tekst"), blank=True)
    werkplaats = models.ForeignKey(
        "registry.Werkplaats", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Facet values as small integer lists; the serving process holds them in arrays.
    theme_ids = models.JSONField(default=list, blank=True)
    target_group_ids = models.JSONField(default=list, blank=True)
    concept_ids = models.JSONField(default=list, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    evidence_level = models.CharField(max_length=20, blank=True)
    # float16 latent semantic vector; empty until the first semantic model is trained.
    vector = models.BinaryField(null=True, blank=True)
    # Increases on every write, so a serving process refreshes only what changed.
    seq = models.BigIntegerField(db_index=True, default=0)

    class Meta:
        verbose_name = _("zoekindexregel")
        verbose_name_plural = _("zoekindex")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class SearchModel(models.Model):
    """What the last rebuild learned from the corpus; the newest row is the one in use."""

    created_at = models.DateTimeField(auto_now_add=True)
    documents = models.PositiveIntegerField()
    # numpy .npz: terms, document frequencies, idf, the LSA projection, corpus vocabulary.
    data = models.BinaryField()

    class Meta:
        get_latest_by = "created_at"
        verbose_name = _("zoekmodel")
        verbose_name_plural = _("zoekmodellen")

    def __str__(self) -> str:
        return f"zoekmodel {self.pk} ({self.documents} documenten)"


class Sequence(models.Model):
    """One counter row. ``value`` grows with every index write (serving processes then load
    the entries with a higher ``seq``); ``resets`` grows when entries are removed or the
    index is rebuilt (serving processes then reload everything)."""

    value = models.BigIntegerField(default=0)
    resets = models.BigIntegerField(default=0)
    # Random per write: a rolled-back write followed by another one gives the same
    # ``value`` twice, but never the same nonce, so a process that saw the first reloads.
    nonce = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.value}/{self.resets}"
