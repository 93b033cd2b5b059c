from __future__ import annotations

import datetime

from django.apps import apps
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme

UPCOMING_EVENTS = 3


def werkplaatsen_with_counts():
    return Werkplaats.objects.prefetch_related("provinces").annotate(
        product_count=Count(
            "products", filter=Q(products__status=Product.Status.PUBLISHED), distinct=True
        ),
        project_count=Count("projects", distinct=True),
    )


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
    themes = Theme.objects.filter(parent__isnull=True).annotate(
        project_count=Count("projects", distinct=True) + Count("children__projects", distinct=True),
    )
    return render(
        request,
        "front/home.html",
        {
            "title": _("Praktijkkennis van het sociaal domein"),
            "active": [w for w in werkplaatsen if w.status == Werkplaats.Status.ACTIVE],
            "preparing": [w for w in werkplaatsen if w.status == Werkplaats.Status.PREPARING],
            "recent": Product.objects.published()
            .select_related("werkplaats")
            .order_by("-published_on", "-pk")[:6],
            "started": Project.objects.select_related("werkplaats")
            .filter(start__lte=datetime.date.today())
            .order_by("-start", "-pk")[:3],
            "themes": themes,
            "events": upcoming_events(),
            "counts": {
                "products": Product.objects.published().count(),
                "projects": Project.objects.count(),
                "interventions": Intervention.objects.active().count(),
            },
        },
    )
