"""Public pages: the network at a glance, each werkplaats, and the records behind them."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Membership, Werkplaats
from kennisbrug.search.engine import similar
from kennisbrug.search.models import SearchEntry
from kennisbrug.themes.models import Theme


def _werkplaatsen_with_counts():
    return Werkplaats.objects.prefetch_related("provinces").annotate(
        product_count=Count(
            "products", filter=Q(products__status=Product.Status.PUBLISHED), distinct=True
        ),
        project_count=Count("projects", distinct=True),
    )


def home(request: HttpRequest) -> HttpResponse:
    werkplaatsen = list(_werkplaatsen_with_counts())
    return render(
        request,
        "front/home.html",
        {
            "active": [w for w in werkplaatsen if w.status == Werkplaats.Status.ACTIVE],
            "preparing": [w for w in werkplaatsen if w.status == Werkplaats.Status.PREPARING],
            "recent": Product.objects.published()
            .select_related("werkplaats")
            .order_by("-published_on", "-pk")[:6],
            "counts": {
                "products": Product.objects.published().count(),
                "projects": Project.objects.count(),
                "interventions": Intervention.objects.active().count(),
            },
        },
    )


def werkplaats_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "front/werkplaats_list.html", {"werkplaatsen": _werkplaatsen_with_counts()}
    )


def werkplaats_detail(request: HttpRequest, slug: str) -> HttpResponse:
    werkplaats = get_object_or_404(
        Werkplaats.objects.prefetch_related("provinces", "names"), slug=slug
    )
    memberships = (
        werkplaats.memberships.current()
        .select_related("organisation", "organisation__parent")
        .order_by("organisation__kind", "organisation__name")
    )
    agenda = (
        werkplaats.agendas.current()
        .prefetch_related("vraagstukken__themes")
        .order_by("-start_year")
        .first()
    ) or werkplaats.agendas.prefetch_related("vraagstukken__themes").order_by("-start_year").first()
    groups: dict[str, list[Membership]] = {}
    for membership in memberships:
        groups.setdefault(membership.organisation.get_kind_display(), []).append(membership)
    return render(
        request,
        "front/werkplaats_detail.html",
        {
            "werkplaats": werkplaats,
            "member_groups": groups,
            "municipalities": werkplaats.municipalities(),
            "agenda": agenda,
            "projects": werkplaats.projects.order_by("-start"),
            "products": werkplaats.products.published().order_by("-published_on")[:20],
            "people": werkplaats.person_roles.current().select_related(
                "person", "person__organisation"
            ),
        },
    )


def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(
        Product.objects.published()
        .select_related("werkplaats", "project")
        .prefetch_related(
            "themes", "target_groups", "attachments", Prefetch("authorship_set__person")
        ),
        pk=pk,
    )
    return render(
        request,
        "front/product_detail.html",
        {"product": product, "similar": similar(SearchEntry.Kind.PRODUCT, product.pk)},
    )


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        Project.objects.select_related("werkplaats").prefetch_related(
            "forms",
            "themes",
            "municipalities",
            "partners",
            "beneficiary_groups",
            "participant_counts",
            "people__person",
        ),
        pk=pk,
    )
    return render(
        request,
        "front/project_detail.html",
        {
            "project": project,
            "products": project.products.published(),
            "similar": similar(SearchEntry.Kind.PROJECT, project.pk),
        },
    )


def intervention_detail(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = get_object_or_404(
        Intervention.objects.select_related("databank", "werkplaats").prefetch_related(
            "themes", "target_groups"
        ),
        pk=pk,
    )
    return render(
        request,
        "front/intervention_detail.html",
        {
            "intervention": intervention,
            "similar": similar(SearchEntry.Kind.INTERVENTION, intervention.pk),
        },
    )


def theme_list(request: HttpRequest) -> HttpResponse:
    themes = Theme.objects.filter(parent__isnull=True).prefetch_related("children")
    return render(request, "front/theme_list.html", {"themes": themes})
