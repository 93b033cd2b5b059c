from __future__ import annotations

import datetime

from django.apps import apps
from django.core.cache import cache
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kennisbrug.front.themes_index import root_of
from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme

UPCOMING_EVENTS = 3


def _per(queryset, field: str) -> dict[int, int]:
    """How many rows of the queryset per value of ``field``, in one grouped query."""
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))


#: Overview figures may be this many seconds old: counting 100k rows on every view is not
#: worth it for a figure that changes a few times a day.
FIGURES_MAX_AGE = 60


def _cached(key: str, compute):
    return cache.get_or_set(f"front:{key}", compute, FIGURES_MAX_AGE)


def werkplaatsen_with_counts() -> list[Werkplaats]:
    # Counted apart: one query joining products and projects would multiply their rows.
    products = _cached(
        "products-per-werkplaats", lambda: _per(Product.objects.published(), "werkplaats")
    )
    projects = _cached("projects-per-werkplaats", lambda: _per(Project.objects.all(), "werkplaats"))
    werkplaatsen = list(Werkplaats.objects.prefetch_related("provinces"))
    for werkplaats in werkplaatsen:
        werkplaats.product_count = products.get(werkplaats.pk, 0)
        werkplaats.project_count = projects.get(werkplaats.pk, 0)
    return werkplaatsen


def themes_with_counts() -> list[Theme]:
    """The top-level themes with the published products and projects on them or below them."""
    roots = root_of()
    products = _cached(
        "products-per-theme",
        lambda: _per(
            Product.themes.through.objects.filter(product__status=Product.Status.PUBLISHED),
            "theme",
        ),
    )
    projects = _cached(
        "projects-per-theme", lambda: _per(Project.themes.through.objects.all(), "theme")
    )
    themes = list(Theme.objects.filter(parent__isnull=True).prefetch_related("children"))
    for theme in themes:
        family = [pk for pk, root in roots.items() if root == theme.pk]
        # A record on a theme and on its subtheme counts twice; rare, and only a guide figure.
        theme.product_count = sum(products.get(pk, 0) for pk in family)
        theme.project_count = sum(projects.get(pk, 0) for pk in family)
    return themes


def upcoming_events() -> list | None:
    """The next events, once an events app exists (None: no such app, so no section).

    The contract for that app: ``kennisbrug.events.models.Event.objects.upcoming()`` ordered
    by start, each event with ``title``, ``start`` and ``get_absolute_url()``.
    """
    if not apps.is_installed("kennisbrug.events"):
        return None
    event_model = apps.get_model("events", "Event")
    upcoming = getattr(event_model.objects, "upcoming", None)
    return list(upcoming()[:UPCOMING_EVENTS]) if upcoming else None


def home(request: HttpRequest) -> HttpResponse:
    werkplaatsen = list(werkplaatsen_with_counts())
    themes = themes_with_counts()
    return render(
        request,
        "front/home.html",
        {
            "title": _("Praktijkkennis van het sociaal domein"),
            "active": [w for w in werkplaatsen if w.status == Werkplaats.Status.ACTIVE],
            "preparing": [w for w in werkplaatsen if w.status == Werkplaats.Status.PREPARING],
            "recent": _cached(
                "recent",
                lambda: list(
                    Product.objects.published()
                    .select_related("werkplaats")
                    .order_by("-published_on", "-pk")[:6]
                ),
            ),
            "started": Project.objects.select_related("werkplaats")
            .filter(start__lte=datetime.date.today())
            .order_by("-start", "-pk")[:3],
            "themes": themes,
            "events": upcoming_events(),
            "counts": _cached(
                "counts",
                lambda: {
                    "products": Product.objects.published().count(),
                    "projects": Project.objects.count(),
                    "interventions": Intervention.objects.active().count(),
                },
            ),
        },
    )
