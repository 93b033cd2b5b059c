"""Public pages of the external programmes and their projects."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kennisbrug.programmes.models import ExternalProject, Programme


def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.annotate(project_count=Count("projects"))
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    projects = programme.projects.prefetch_related("municipalities", "themes").order_by(
        "-start", "title"
    )
    return render(
        request,
        "programmes/programme_detail.html",
        {"programme": programme, "projects": projects},
    )


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        ExternalProject.objects.select_related("programme").prefetch_related(
            "municipalities", "themes", "partners"
        ),
        pk=pk,
    )
    overlaps = []
    # The radar app is optional for this page: without it there is just no list of overlaps.
    from django.apps import apps

    if apps.is_installed("kennisbrug.radar"):
        from kennisbrug.radar.overlaps import matches_for_external

        overlaps = matches_for_external(project)
    return render(
        request,
        "programmes/project_detail.html",
        {"project": project, "overlaps": overlaps},
    )
