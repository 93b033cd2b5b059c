"""RSS and Atom feeds of new knowledge products: all, or per werkplaats, theme or kind."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from kennisbrug.products.models import Product
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme

ITEMS = 30


@dataclass
class Scope:
    """Which products a feed follows, and how it names itself."""

    kind: str  # "", "werkplaats", "thema" or "soort"
    value: str
    title: str
    page: str

    def products(self) -> QuerySet:
        qs = Product.objects.published().select_related("werkplaats")
        if self.kind == "werkplaats":
            qs = qs.filter(werkplaats__slug=self.value)
        elif self.kind == "thema":
            qs = qs.filter(pk__in=Product.objects.filter(themes__slug=self.value).values("pk"))
        elif self.kind == "soort":
            qs = qs.filter(kind=self.value)
        return qs


def scope_of(kind: str, value: str) -> Scope:
    if kind == "":
        return Scope("", "", "Nieuwe kennisproducten", reverse("front:home"))
    if kind == "werkplaats":
        werkplaats = Werkplaats.objects.filter(slug=value).first()
        if werkplaats:
            return Scope(kind, value, f"Nieuw van {werkplaats.name}", werkplaats.get_absolute_url())
    elif kind == "thema":
        theme = Theme.objects.filter(slug=value).first()
        if theme:
            return Scope(kind, value, f"Nieuw over {theme.name}", reverse("front:themes"))
    elif kind == "soort" and value in Product.Kind.values:
        label = Product.Kind(value).label
        return Scope(kind, value, f"Nieuwe kennisproducten: {label}", reverse("front:home"))
    # The feed itself is Dutch on purpose; this answer is for the person who asked.
    raise Http404(_("Geen feed voor deze keuze."))


class ProductsRss(Feed):
    feed_type = Rss201rev2Feed
    description = "Kennisproducten van de Werkplaatsen Sociaal Domein, nieuwste eerst."
    language = "nl"

    def get_object(self, request: HttpRequest, kind: str = "", value: str = "") -> Scope:
        return scope_of(kind, value)

    def title(self, scope: Scope) -> str:
        return f"{scope.title} · Kennisbrug"

    def link(self, scope: Scope) -> str:
        return scope.page

    def items(self, scope: Scope):
        return (
            scope.products()
            .prefetch_related("themes", "authorship_set__person")
            .order_by("-published_on", "-created_at")[:ITEMS]
        )

    def item_title(self, item: Product) -> str:
        return item.title

    def item_description(self, item: Product) -> str:
        return item.summary

    def item_guid(self, item: Product) -> str:
        # The stable key, so a feed reader never sees a product twice after an edit.
        return f"kennisbrug:product:{item.source}/{item.source_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Product) -> datetime.datetime:
        if item.published_on:
            return timezone.make_aware(
                datetime.datetime.combine(item.published_on, datetime.time())
            )
        return item.created_at

    def item_updateddate(self, item: Product) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: Product) -> str | None:
        names = [a.person.name for a in item.authorship_set.all()]
        return ", ".join(names) or (item.werkplaats.name if item.werkplaats else None)

    def item_categories(self, item: Product) -> list[str]:
        return [item.get_kind_display(), *(theme.name for theme in item.themes.all())]


class ProductsAtom(ProductsRss):
    feed_type = Atom1Feed

    def subtitle(self, scope: Scope) -> str:
        return self.description
