"""Downloads of everything public: import-format files, schema.org JSON-LD, SKOS."""

from __future__ import annotations

import io
import json

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kennisbrug.api.auth import Caller
from kennisbrug.api.resources import RESOURCES
from kennisbrug.exports import jsonld
from kennisbrug.exports.themes_skos import theme_scheme
from kennisbrug.interchange.exporter import export_rows, write_export, write_xlsx
from kennisbrug.thesaurus import skos

CONTENT_TYPES = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "exports/index.html",
        {"entities": RESOURCES.values(), "jsonld_kinds": jsonld.KINDS},
    )


@require_safe
def entity_file(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    """What the public may see (as the anonymous API reader), in the import format."""
    resource = RESOURCES.get(name)
    if resource is None or fmt not in CONTENT_TYPES:
        raise Http404(_("Onbekende export."))
    queryset = resource.visible(Caller())
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(name, buffer, queryset)
        response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES[fmt])
    elif fmt == "jsonl":
        lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in export_rows(name, queryset))
        response = StreamingHttpResponse(lines, content_type=CONTENT_TYPES[fmt])
    else:
        out = io.StringIO()
        write_export(name, out, "csv", queryset)
        response = HttpResponse(out.getvalue(), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="kennisbrug-{name}.{fmt}"'
    return response


@require_safe
def schema_org(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in jsonld.KINDS:
        raise Http404(_("Onbekende export."))
    text = json.dumps(jsonld.graph(kind), ensure_ascii=False, indent=1)
    return HttpResponse(text.encode("utf-8"), content_type="application/ld+json")


@require_safe
def themes_turtle(request: HttpRequest) -> HttpResponse:
    text = skos.to_turtle(theme_scheme())
    return HttpResponse(text.encode("utf-8"), content_type="text/turtle; charset=utf-8")


@require_safe
def themes_jsonld(request: HttpRequest) -> HttpResponse:
    text = skos.jsonld_text(theme_scheme())
    return HttpResponse(text.encode("utf-8"), content_type="application/ld+json")
