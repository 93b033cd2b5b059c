"""The pages of single records: a knowledge product, a project, an intervention."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kennisbrug.front import structured
from kennisbrug.interventions.models import EvidenceLevel, Intervention
from kennisbrug.products.models import Authorship, Product
from kennisbrug.projects.models import Project
from kennisbrug.search.engine import similar
from kennisbrug.search.models import SearchEntry

MEDIA_TYPE_LABELS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
}


def _search_url(**params: str | int) -> str:
    return reverse("search:results") + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def evidence_scale(level: str) -> list[tuple[str, bool, bool]]:
    """The five recognition levels in order: (label, reached, is this one)."""
    levels = list(EvidenceLevel)
    index = levels.index(EvidenceLevel(level)) if level in EvidenceLevel.values else -1
    return [(lv.label, i <= index, i == index) for i, lv in enumerate(levels)]


def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(
        Product.objects.published()
        .select_related("werkplaats", "project")
        .prefetch_related(
            "themes",
            "target_groups",
            "attachments",
            Prefetch("authorship_set", Authorship.objects.select_related("person__organisation")),
        ),
        pk=pk,
    )
    attachments = [
        (a, MEDIA_TYPE_LABELS.get(a.media_type, a.media_type)) for a in product.attachments.all()
    ]
    crumbs = [(_("Werkplaatsen"), reverse("front:werkplaatsen"))]
    if product.werkplaats:
        crumbs.append((product.werkplaats.short_name, product.werkplaats.get_absolute_url()))
    return render(
        request,
        "front/product_detail.html",
        {
            "title": product.title,
            "breadcrumbs": crumbs,
            "product": product,
            "attachments": attachments,
            "licence_url": structured.LICENCE_URLS.get(product.licence),
            "evidence_scale": evidence_scale(product.evidence_level)
            if product.evidence_level
            else None,
            "similar": similar(SearchEntry.Kind.PRODUCT, product.pk),
            "kind_search_url": _search_url(soort="product"),
            "structured_data": structured.product(product),
        },
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
            "title": project.title,
            "breadcrumbs": [
                (_("Werkplaatsen"), reverse("front:werkplaatsen")),
                (project.werkplaats.short_name, project.werkplaats.get_absolute_url()),
            ],
            "project": project,
            "participant_total": sum(c.count for c in project.participant_counts.all()),
            "products": project.products.published(),
            "similar": similar(SearchEntry.Kind.PROJECT, project.pk),
            "structured_data": structured.project(project),
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
            "title": intervention.title,
            "breadcrumbs": [
                (_("Erkende interventies"), _search_url(soort="interventie")),
            ],
            "intervention": intervention,
            "evidence_scale": evidence_scale(intervention.evidence_level),
            "similar": similar(SearchEntry.Kind.INTERVENTION, intervention.pk),
            "structured_data": structured.intervention(intervention),
        },
    )
