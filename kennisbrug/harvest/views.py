from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kennisbrug.harvest.models import HarvestRun, HarvestSource


def log(request: HttpRequest) -> HttpResponse:
    """Every source with where it stands, and the latest runs."""
    return render(
        request,
        "harvest/log.html",
        {
            "sources": HarvestSource.objects.select_related("werkplaats"),
            "runs": HarvestRun.objects.select_related("source")[:100],
        },
    )
