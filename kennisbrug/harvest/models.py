"""Repositories we harvest, each harvest run, and every record we took (with its origins)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kennisbrug.products.models import Product
from kennisbrug.registry.models import Werkplaats


class HarvestSource(models.Model):
    """One OAI-PMH endpoint (and optionally one set of it) that we harvest regularly."""

    url = models.URLField(_("OAI-PMH-adres"), max_length=500)
    set_spec = models.CharField(_("set"), max_length=200, blank=True)
    metadata_prefix = models.CharField(_("formaat"), max_length=50, default="oai_dc")
    #: The ``source`` of the products made from this repository's records.
    slug = models.SlugField(_("bron"), max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=300, blank=True)
    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("werkplaats van de producten"),
    )
    publish = models.BooleanField(
        _("direct publiceren"),
        default=True,
        help_text=_("Anders komen geoogste producten ter review binnen."),
    )
    #: Harvested completely up to here (the server's responseDate); the next run asks from it.
    harvested_until = models.CharField(max_length=20, blank=True)
    #: While a run is unfinished: where to go on, and where that run began.
    resumption_token = models.TextField(blank=True)
    pending_from = models.CharField(max_length=20, blank=True)
    pending_until = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("oogstbron")
        verbose_name_plural = _("oogstbronnen")
        constraints = [
            models.UniqueConstraint(fields=["url", "set_spec"], name="one_source_per_url_and_set")
        ]

    def __str__(self) -> str:
        return self.name or self.url


class HarvestRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "bezig", _("bezig")
        DONE = "klaar", _("klaar")
        FAILED = "mislukt", _("mislukt")

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(_("begonnen"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar om"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.RUNNING)
    resumed = models.BooleanField(_("hervat"), default=False)
    requested_from = models.CharField(_("vanaf"), max_length=20, blank=True)
    pages = models.PositiveIntegerField(_("pagina's"), default=0)
    created = models.PositiveIntegerField(_("nieuw"), default=0)
    updated = models.PositiveIntegerField(_("bijgewerkt"), default=0)
    unchanged = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    withdrawn = models.PositiveIntegerField(_("ingetrokken"), default=0)
    error = models.TextField(_("fout"), blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("oogstronde")
        verbose_name_plural = _("oogstrondes")

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class HarvestedRecord(models.Model):
    """The link between a remote record and our product, with the origin of each field.

    ``origins`` maps a product field to the element it came from and the value we wrote, so
    a later harvest can tell a field an editor changed here (kept) from one it may refresh.
    """

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="records")
    identifier = models.CharField(_("OAI-identifier"), max_length=300)
    product = models.ForeignKey(
        Product, on_delete=models.SET_NULL, null=True, blank=True, related_name="harvested_from"
    )
    datestamp = models.CharField(max_length=20)
    deleted = models.BooleanField(_("verwijderd bij de bron"), default=False)
    origins = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("geoogst record")
        verbose_name_plural = _("geoogste records")
        constraints = [
            models.UniqueConstraint(fields=["source", "identifier"], name="harvested_once")
        ]

    def __str__(self) -> str:
        return self.identifier
