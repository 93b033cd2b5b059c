from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from kennisbrug.thesaurus import skos


@require_safe
def skos_turtle(request: HttpRequest) -> HttpResponse:
    text = skos.to_turtle(skos.build_scheme())
    return HttpResponse(text, content_type="text/turtle; charset=utf-8")


@require_safe
def skos_jsonld(request: HttpRequest) -> HttpResponse:
    text = skos.jsonld_text(skos.build_scheme())
    return HttpResponse(text.encode("utf-8"), content_type="application/ld+json")
