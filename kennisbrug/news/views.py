"""News and dossier: the list, an article, and an RSS feed (per werkplaats or theme if asked)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from kennisbrug.news.models import Article


def article_list(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.published().select_related("werkplaats")
    kind = request.GET.get("soort", "")
    if kind in Article.Kind.values:
        articles = articles.filter(kind=kind)
    page = Paginator(articles, 20).get_page(request.GET.get("pagina"))
    return render(
        request,
        "news/article_list.html",
        {"page": page, "kind": kind, "kinds": Article.Kind.choices},
    )


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.published()
        .select_related("werkplaats")
        .prefetch_related("themes", "products"),
        slug=slug,
    )
    return render(request, "news/article_detail.html", {"article": article})


class ArticleFeed(Feed):
    """Atom feed of the latest articles; ?werkplaats=<slug> or ?thema=<slug> narrows it."""

    feed_type = Atom1Feed
    link = "/nieuws/"

    def get_object(self, request: HttpRequest, *args, **kwargs) -> dict[str, str]:
        return {
            "werkplaats": request.GET.get("werkplaats", ""),
            "thema": request.GET.get("thema", ""),
        }

    def title(self, obj) -> str:
        return _("Nieuws van de Werkplaatsen Sociaal Domein")

    def subtitle(self, obj) -> str:
        return _("Nieuws en dossierartikelen op Kennisbrug")

    def items(self, obj):
        articles = Article.objects.published()
        if obj["werkplaats"]:
            articles = articles.filter(werkplaats__slug=obj["werkplaats"])
        if obj["thema"]:
            articles = articles.filter(themes__slug=obj["thema"])
        return articles.select_related("werkplaats")[:30]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.author_name
