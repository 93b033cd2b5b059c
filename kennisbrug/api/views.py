"""The REST API: plain Django views over the interchange entities and the search engine."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import Model, ProtectedError, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt

from kennisbrug.accounts.models import Editorship
from kennisbrug.api import params, ratelimit
from kennisbrug.api.auth import Caller, caller_of
from kennisbrug.api.errors import ApiError
from kennisbrug.api.openapi import field_schema, matches, openapi_document
from kennisbrug.api.resources import RESOURCES, Resource
from kennisbrug.audit.context import acting_as
from kennisbrug.core.models import LOCAL_SOURCE, new_source_id
from kennisbrug.interchange.errors import ImportRejected
from kennisbrug.interchange.importer import import_rows
from kennisbrug.products.models import Product
from kennisbrug.search.engine import FACETS, MAX_QUERY_CHARS, SORTS, search
from kennisbrug.search.state import EVIDENCE, KINDS

MAX_PER_PAGE = 100
MAX_BODY = 1024 * 1024

View = Callable[..., JsonResponse]


def json_response(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def api_view(methods: tuple[str, ...]):
    """Identify the caller, apply the rate limit, refuse other methods, turn errors into JSON."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            allowed = methods(*args, **kwargs) if callable(methods) else methods
            try:
                if request.method not in (*allowed, "HEAD") or (
                    request.method == "HEAD" and "GET" not in allowed
                ):
                    raise ApiError(
                        405,
                        f"Methode {request.method} is hier niet toegestaan.",
                        headers={"Allow": ", ".join(allowed)},
                    )
                caller = caller_of(request)
                ratelimit.check(request, caller)
                return view(request, caller, *args, **kwargs)
            except ApiError as exc:
                return exc.response()

        return wrapper

    return decorate


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    return ApiError(404, "Dit adres bestaat niet in de API; zie /api/openapi.json.").response()


# --- reading ---------------------------------------------------------------------------------


def _resource(name: str) -> Resource:
    resource = RESOURCES.get(name)
    if resource is None:
        raise ApiError(404, f"Onbekende soort {name!r}; kies uit: {', '.join(RESOURCES)}.")
    return resource


def api_url(request: HttpRequest, resource: str, obj: Model) -> str:
    path = reverse("api:record", args=[resource, obj.source, obj.source_id])
    return request.build_absolute_uri(path)


def record(request: HttpRequest, resource: Resource, obj: Model) -> dict:
    data = {fl.name: fl.dump(obj) for fl in resource.entity.fields}
    page = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None
    data["links"] = {
        "self": api_url(request, resource.name, obj),
        "html": request.build_absolute_uri(page) if page else None,
    }
    return data


def _page_links(request: HttpRequest, page: int, pages: int) -> tuple[str | None, str | None]:
    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(request.path + "?" + query.urlencode())

    return (link(page + 1) if page < pages else None, link(page - 1) if page > 1 else None)


def _filtered(request: HttpRequest, resource: Resource, qs: QuerySet) -> QuerySet:
    for flt in resource.filters:
        if flt.type == "integer":
            value = params.integer(request, flt.name, None, -(2**31), 2**31 - 1)
        else:
            value = params.text(request, flt.name)
        if value is None:
            continue
        if flt.through_subquery:
            matching = resource.model._default_manager.filter(**{flt.lookup: value})
            qs = qs.filter(pk__in=matching.values("pk"))
        else:
            qs = qs.filter(**{flt.lookup: value})
    since = params.moment(request, "modified_since")
    if since is not None:
        qs = qs.filter(updated_at__gte=since)
    return qs


@api_view(("GET",))
def index(request: HttpRequest, caller: Caller) -> JsonResponse:
    return json_response(
        {
            "resources": {
                name: request.build_absolute_uri(reverse("api:list", args=[name]))
                for name in RESOURCES
            },
            "search": request.build_absolute_uri(reverse("api:search")),
            "openapi": request.build_absolute_uri(reverse("api:openapi")),
        }
    )


def _list_methods(name: str) -> tuple[str, ...]:
    resource = RESOURCES.get(name)
    return ("GET", "POST") if resource is not None and resource.writable else ("GET",)


@api_view(_list_methods)
def collection(request: HttpRequest, caller: Caller, name: str) -> JsonResponse:
    resource = _resource(name)
    if request.method == "POST":
        return write(request, caller, resource, None, None)
    page = params.integer(request, "page", 1, 1, 1_000_000)
    per_page = params.integer(request, "per_page", 25, 1, MAX_PER_PAGE)
    qs = _filtered(request, resource, resource.visible(caller))
    count = qs.count()
    pages = max(1, math.ceil(count / per_page))
    objects = qs[(page - 1) * per_page : page * per_page]
    next_url, previous_url = _page_links(request, page, pages)
    return json_response(
        {
            "count": count,
            "page": page,
            "per_page": per_page,
            "pages": pages,
            "next": next_url,
            "previous": previous_url,
            "results": [record(request, resource, obj) for obj in objects],
        }
    )


def _record_methods(name: str, source: str, source_id: str) -> tuple[str, ...]:
    resource = RESOURCES.get(name)
    return ("GET", "PUT", "DELETE") if resource is not None and resource.writable else ("GET",)


@api_view(_record_methods)
def detail(
    request: HttpRequest, caller: Caller, name: str, source: str, source_id: str
) -> HttpResponse:
    resource = _resource(name)
    params.clean_text("source", source, 100)
    params.clean_text("source_id", source_id, 200)
    if request.method == "PUT":
        return write(request, caller, resource, source, source_id)
    if request.method == "DELETE":
        return delete(caller, resource, source, source_id)
    obj = resource.visible(caller).filter(source=source, source_id=source_id).first()
    if obj is None:
        raise ApiError(404, f"Geen {name} met source {source!r} en source_id {source_id!r}.")
    return json_response(record(request, resource, obj))


# --- search ------------------------------------------------------------------------------------


def _search_filters(request: HttpRequest) -> dict[str, list[str]]:
    filters = {}
    for name in FACETS:
        values = params.texts(request, name)
        for value in values:
            if name == "soort":
                ok = value in KINDS and bool(value)
            elif name == "niveau":
                ok = value in EVIDENCE and bool(value)
            else:
                ok = value.isascii() and value.isdigit() and len(value) <= 9
            if not ok:
                raise ApiError(400, f"Onbekende waarde {value!r} voor filter {name!r}.")
        if values:
            filters[name] = [str(int(v)) if v.isdigit() else v for v in values]
    return filters


@api_view(("GET",))
def search_view(request: HttpRequest, caller: Caller) -> JsonResponse:
    query = params.text(request, "q", MAX_QUERY_CHARS) or ""
    sort = params.text(request, "sort")
    sort = "relevantie" if sort is None else sort
    if sort not in SORTS:
        raise ApiError(400, f"Parameter 'sort': kies uit {', '.join(SORTS)}.")
    page = params.integer(request, "page", 1, 1, 1_000_000)
    per_page = params.integer(request, "per_page", 10, 1, MAX_PER_PAGE)
    results = search(
        query, filters=_search_filters(request), sort=sort, page=page, per_page=per_page
    )
    hits = []
    for hit in results.hits:
        item = hit.as_json()
        item["url"] = request.build_absolute_uri(hit.url)
        item["snippet"] = str(hit.snippet)
        hits.append(item)
    return json_response(
        {
            "query": results.query,
            "total": results.total,
            "page": results.page,
            "pages": results.pages,
            "per_page": results.per_page,
            "sort": results.sort,
            "corrections": results.corrections,
            "concepts": results.concepts,
            "hits": hits,
            "facets": [
                {
                    "name": facet.name,
                    "label": str(facet.label),
                    "values": [
                        {
                            "value": v.value,
                            "label": str(v.label),
                            "count": v.count,
                            "selected": v.selected,
                        }
                        for v in facet.values
                    ],
                }
                for facet in results.facets
            ],
        }
    )


# --- writing -----------------------------------------------------------------------------------


def _body(request: HttpRequest) -> dict:
    if request.content_type != "application/json":
        raise ApiError(415, "Stuur de gegevens als JSON (Content-Type: application/json).")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        raise ApiError(413, f"Het verzoek is te groot (hoogstens {MAX_BODY} bytes).")
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ApiError(400, "De inhoud is geen geldige JSON.") from None
    if not isinstance(data, dict):
        raise ApiError(400, "Verwacht één JSON-object: het record.")
    data.pop("links", None)
    for name, value in data.items():
        if not _storable(value):
            raise ApiError(
                400, "Het record is niet opgeslagen.", {name: "bevat NUL of losse surrogaten"}
            )
    return data


def _storable(value) -> bool:
    """No NUL characters and no lone surrogates: PostgreSQL can store neither."""
    if isinstance(value, str):
        return "\x00" not in value and not any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    if isinstance(value, list):
        return all(_storable(item) for item in value)
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    return True


def _check_types(resource: Resource, row: dict) -> None:
    """JSON types as the description says (the file importer is lenient, the API is not)."""
    wrong = {
        fl.name: "waarde past niet bij het schema van dit veld (zie /api/openapi.json)"
        for fl in resource.entity.fields
        if fl.name in row and not matches(row[fl.name], field_schema(fl, True))
    }
    if wrong:
        raise ApiError(400, "Het record is niet opgeslagen.", wrong)


def _check_scope(caller: Caller, resource: Resource, row: dict | None, existing) -> None:
    """Editors write their own werkplaats's records; contributors only unpublished products."""
    if caller.token is None:
        raise ApiError(401, "Schrijven vraagt een persoonlijke token (Authorization: Bearer).")
    if caller.is_admin:
        return
    roles = caller.roles()
    werkplaatsen = []
    if existing is not None:
        werkplaatsen.append(resource.werkplaats_of(existing))
    if row is not None:
        werkplaatsen.append(resource.werkplaats_of_row(row))
    for werkplaats_id in werkplaatsen:
        if werkplaats_id is None or werkplaats_id not in roles:
            raise ApiError(
                403, "Je token mag alleen records van je eigen werkplaats(en) schrijven."
            )
        if roles[werkplaats_id] == Editorship.Role.CONTRIBUTOR:
            if resource.name != "products":
                raise ApiError(403, "Als bijdrager lever je alleen kennisproducten aan.")
            published = Product.Status.PUBLISHED
            if (row is not None and row.get("status") == published) or (
                existing is not None and existing.status == published
            ):
                raise ApiError(403, "Als bijdrager mag je niet publiceren; lever aan ter review.")


def write(
    request: HttpRequest,
    caller: Caller,
    resource: Resource,
    source: str | None,
    source_id: str | None,
) -> JsonResponse:
    if caller.token is None:
        raise ApiError(401, "Schrijven vraagt een persoonlijke token (Authorization: Bearer).")
    row = _body(request)
    _check_types(resource, row)
    for key, wanted in (("source", source), ("source_id", source_id)):
        if wanted is None:
            continue
        if row.get(key) not in (None, "", wanted):
            raise ApiError(400, "Het record noemt een andere sleutel dan het adres.", {key: wanted})
        row[key] = wanted
    if not isinstance(row.get("source") or LOCAL_SOURCE, str) or not isinstance(
        row.get("source_id") or "", str
    ):
        raise ApiError(400, "source en source_id zijn teksten.")
    row["source"] = row.get("source") or LOCAL_SOURCE
    row["source_id"] = row.get("source_id") or new_source_id()
    existing = resource.model._default_manager.filter(
        source=row["source"], source_id=row["source_id"]
    ).first()
    _check_scope(caller, resource, row, existing)
    try:
        with acting_as(caller.label, caller.user):
            import_rows(resource.name, [(1, row)], csv=False, filename="api")
    except ImportRejected as exc:
        fields = {}
        for error in exc.errors:
            fields.setdefault(error.field or "record", error.message)
        raise ApiError(400, "Het record is niet opgeslagen.", fields) from None
    obj = resource.entity.queryset().get(source=row["source"], source_id=row["source_id"])
    return json_response(record(request, resource, obj), status=200 if existing else 201)


def delete(caller: Caller, resource: Resource, source: str, source_id: str) -> HttpResponse:
    if caller.token is None:
        raise ApiError(401, "Verwijderen vraagt een persoonlijke token (Authorization: Bearer).")
    obj = resource.model._default_manager.filter(source=source, source_id=source_id).first()
    if obj is None:
        raise ApiError(
            404, f"Geen {resource.name} met source {source!r} en source_id {source_id!r}."
        )
    _check_scope(caller, resource, None, obj)
    try:
        with acting_as(caller.label, caller.user), transaction.atomic():
            obj.delete()
    except ProtectedError:
        raise ApiError(409, "Andere records verwijzen nog naar dit record.") from None
    return HttpResponse(status=204)


# --- description ----------------------------------------------------------------------------


@api_view(("GET",))
def openapi(request: HttpRequest, caller: Caller) -> JsonResponse:
    return json_response(openapi_document(request.build_absolute_uri("/").rstrip("/")))


def docs(request: HttpRequest) -> HttpResponse:
    """The browsable documentation: the same OpenAPI document, rendered on the server."""
    document = openapi_document(request.build_absolute_uri("/").rstrip("/"))
    operations = []
    for path, item in document["paths"].items():
        for method, op in item.items():
            operations.append({"method": method.upper(), "path": path, **op})
    schemas = document["components"]["schemas"]
    return render(
        request,
        "api/docs.html",
        {
            "document": document,
            "operations": operations,
            "records": [{"name": name, "schema": schemas[f"{name}-record"]} for name in RESOURCES],
            "rate_limit": settings.API_RATE_LIMIT,
            "rate_limit_token": settings.API_RATE_LIMIT_TOKEN,
            "example": urlencode({"q": "schulden", "soort": "product"}),
        },
    )
