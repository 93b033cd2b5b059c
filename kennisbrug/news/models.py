"""Short articles by editors: news, and dossier articles that go deeper into one subject."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kennisbrug.products.models import Product
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
    class Kind(models.TextChoices):
        NEWS = "nieuws", _("nieuws")
        DOSSIER = "dossier", _("dossierartikel")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        PUBLISHED = "gepubliceerd", _("gepubliceerd")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind, default=Kind.NEWS)
    summary = models.TextField(
        _("samenvatting"), help_text=_("Eén of twee zinnen, ook voor de nieuwsbrief.")
    )
    body = models.TextField(_("tekst"))
    author_name = models.CharField(_("auteur"), max_length=200, blank=True)
    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("werkplaats"),
        help_text=_("Leeg voor een artikel van het landelijke netwerk."),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="articles", verbose_name=_("thema's")
    )
    products = models.ManyToManyField(
        Product, blank=True, related_name="articles", verbose_name=_("kennisproducten")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.CONCEPT)
    published_at = models.DateTimeField(_("gepubliceerd op"), default=timezone.now)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("artikel")
        verbose_name_plural = _("artikelen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:detail", args=[self.slug])
