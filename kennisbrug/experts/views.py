from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kennisbrug.experts.finder import find_experts
from kennisbrug.search.engine import MAX_QUERY_CHARS
from kennisbrug.themes.models import Theme


def experts(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:MAX_QUERY_CHARS].strip()
    theme = Theme.objects.filter(slug=request.GET.get("thema", "")).first()
    result = find_experts(query, theme.pk if theme else None) if (query or theme) else None
    return render(
        request,
        "experts/experts.html",
        {
            "query": query,
            "theme": theme,
            "themes": Theme.objects.order_by("name"),
            "result": result,
        },
    )
