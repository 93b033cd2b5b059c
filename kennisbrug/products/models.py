"""Knowledge products of the werkplaatsen and their attachments."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Sourced
from kennisbrug.interventions.models import EvidenceLevel
from kennisbrug.lib import textextract
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Person, Werkplaats
from kennisbrug.themes.models import TargetGroup, Theme


class ProductQuerySet(models.QuerySet):
    def published(self) -> ProductQuerySet:
        return self.filter(status=Product.Status.PUBLISHED)


class Product(Sourced):
    class Kind(models.TextChoices):
        METHODE = "methode", _("methode")
        ONDERZOEKSRAPPORT = "onderzoeksrapport", _("onderzoeksrapport")
        CASUS = "casus", _("casus")
        CASUISTIEKBUNDEL = "casuistiekbundel", _("casuïstiekbundel")
        LESMATERIAAL = "lesmateriaal", _("lesmateriaal")
        FACTSHEET = "factsheet", _("factsheet")
        HANDREIKING = "handreiking", _("handreiking")
        ARTIKEL = "artikel", _("artikel")
        VIDEO = "video", _("video")
        PODCAST = "podcast", _("podcast")
        OTHER = "overig", _("overig")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        REVIEW = "ter-review", _("ter review")
        PUBLISHED = "gepubliceerd", _("gepubliceerd")

    class Licence(models.TextChoices):
        CC_BY = "cc-by-4.0", "CC BY 4.0"
        CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
        CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
        CC_BY_NC_SA = "cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"
        CC0 = "cc0-1.0", "CC0 1.0"
        RESERVED = "alle-rechten-voorbehouden", _("alle rechten voorbehouden")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind)
    title = models.CharField(_("titel"), max_length=300)
    summary = models.TextField(_("samenvatting"), blank=True)
    body = models.TextField(_("tekst"), blank=True)
    keywords = models.JSONField(_("trefwoorden"), default=list, blank=True)
    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("werkplaats"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("project"),
    )
    authors = models.ManyToManyField(
        Person, through="Authorship", blank=True, related_name="products", verbose_name=_("auteurs")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="products", verbose_name=_("thema's")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="products", verbose_name=_("doelgroepen")
    )
    published_on = models.DateField(_("verschenen op"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    licence = models.CharField(_("licentie"), max_length=30, choices=Licence, blank=True)
    evidence_level = models.CharField(
        _("erkenningsniveau"), max_length=20, choices=EvidenceLevel, blank=True
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.CONCEPT)
    url = models.URLField(_("link"), blank=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("kennisproduct")
        verbose_name_plural = _("kennisproducten")
        constraints = [Sourced.origin_constraint("product_origin")]
        # "Newest published first", network-wide and per werkplaats (home, theme and
        # werkplaats pages): read in index order and counted from the index, not sorted.
        # Not led by status: SQLite (no statistics) would then prefer it to avoid a sort even
        # where another column narrows the rows to a handful (a project's products).
        indexes = [
            models.Index(fields=["published_on", "id"], name="product_newest"),
            models.Index(
                fields=["werkplaats", "status", "published_on", "id"],
                name="product_werkplaats_newest",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("front:product", args=[self.pk])

    def save(self, *args, **kwargs) -> None:
        if self.published_on and not self.year:
            self.year = self.published_on.year
        super().save(*args, **kwargs)


class Authorship(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, verbose_name=_("auteur"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")
        constraints = [
            models.UniqueConstraint(fields=["product", "person"], name="author_once_per_product")
        ]

    def __str__(self) -> str:
        return str(self.person)


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"bijlagen/{instance.product.source_id}/{filename}"


class Attachment(models.Model):
    """A PDF or DOCX belonging to a product; its text is extracted when it is saved."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("titel"), max_length=300, blank=True)
    file = models.FileField(_("bestand"), upload_to=attachment_path)
    media_type = models.CharField(_("bestandstype"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("grootte (bytes)"), default=0, editable=False)
    text = models.TextField(_("tekst uit het bestand"), blank=True, editable=False)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.title or self.file.name

    def clean(self) -> None:
        """Refuse what is not a real PDF or DOCX, or is too large; then read its text."""
        if not self.file or getattr(self.file, "_committed", True):
            return
        if self.file.size > settings.ATTACHMENT_MAX_BYTES:
            limit = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
            raise ValidationError(
                {"file": _("Het bestand is groter dan %(mb)s MB.") % {"mb": limit}}
            )
        data = read_upload(self.file)
        try:
            self.media_type = textextract.sniff(data, self.file.name)
            self.text = textextract.extract_text(data, self.media_type)
        except textextract.UnsupportedFile as exc:
            raise ValidationError({"file": str(exc)}) from None
        self.size = len(data)


def read_upload(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data
