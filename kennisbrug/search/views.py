"""The search page: every bit of its state lives in the address, so a result list can be
bookmarked, shared and reloaded, and the page works without JavaScript."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kennisbrug.interventions.models import EvidenceLevel
from kennisbrug.registry.models import Werkplaats
from kennisbrug.search.engine import (
    FACETS,
    MAX_QUERY_CHARS,
    SORTS,
    FacetValue,
    SearchResults,
    search,
)
from kennisbrug.search.models import SearchEntry
from kennisbrug.search.state import EVIDENCE, KINDS
from kennisbrug.themes.models import TargetGroup, Theme

PER_PAGE = 10
MAX_VALUES = 30  # per facet in one address; more is not a person filtering
FACET_VISIBLE = 6  # the rest of a facet's values fold away under "Nog … keuzes"
PAGE_WINDOW = 2  # page links either side of the current one

# Our own, translatable names for the engine's facets.
FACET_LABELS = {
    "soort": _("Soort"),
    "werkplaats": _("Werkplaats"),
    "thema": _("Thema"),
    "doelgroep": _("Doelgroep"),
    "jaar": _("Jaar"),
    "niveau": _("Erkenningsniveau"),
}
#: Facets whose values are names from the records, in Dutch on the English site too (WCAG 3.1.2).
DUTCH_FACETS = {"werkplaats", "thema", "doelgroep"}


def _valid(name: str, value: str) -> bool:
    if name == "soort":
        return value in KINDS and bool(value)
    if name == "niveau":
        return value in EVIDENCE and bool(value)
    # Ids and years: ASCII digits of a sane length ("²".isdigit() is true, int() refuses it).
    return value.isascii() and value.isdigit() and len(value) <= 9


def _filters(request: HttpRequest) -> dict[str, list[str]]:
    """The filters asked for, without values that cannot exist (a mistyped address then
    shows results rather than nothing)."""
    filters = {}
    for name in FACETS:
        values = []
        for value in request.GET.getlist(name)[:MAX_VALUES]:
            if not _valid(name, value):
                continue
            if value.isdigit():
                value = str(int(value))  # "007" is 7, as the engine writes it
            if value not in values:
                values.append(value)
        if values:
            filters[name] = values
    return filters


def _page(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


class _Address:
    """Addresses of this page with some of its state changed."""

    def __init__(self, query: str, filters: dict[str, list[str]], sort: str | None):
        self.query, self.filters, self.sort = query, filters, sort

    def url(self, *, query=None, filters=None, page: int = 1) -> str:
        params: list[tuple[str, str]] = []
        query = self.query if query is None else query
        if query:
            params.append(("q", query))
        for name, values in (self.filters if filters is None else filters).items():
            params += [(name, v) for v in values]
        if self.sort:
            params.append(("sorteer", self.sort))
        if page > 1:
            params.append(("pagina", str(page)))
        base = reverse("search:results")
        return f"{base}?{urlencode(params)}" if params else base

    def without(self, name: str, value: str) -> str:
        filters = {
            k: [v for v in vs if not (k == name and v == value)] for k, vs in self.filters.items()
        }
        return self.url(filters={k: vs for k, vs in filters.items() if vs})


@dataclass
class ActiveFilter:
    facet: str
    label: str
    remove_url: str
    lang: str = ""  # the label's language when it is not the page's


@dataclass
class FacetView:
    name: str
    label: str
    shown: list[FacetValue]
    more: list[FacetValue]
    lang: str = ""  # the values' language when it is not the page's


def _fallback_labels(name: str, values: list[str]) -> dict[str, str]:
    """Labels for selected values the engine found no results for (so did not list)."""
    if name == "soort":
        return {v: capfirst(SearchEntry.Kind(v).label) for v in values}
    if name == "niveau":
        return {v: str(EvidenceLevel(v).label) for v in values}
    if name == "jaar":
        return {v: v for v in values}
    model, field = {
        "werkplaats": (Werkplaats, "short_name"),
        "thema": (Theme, "name"),
        "doelgroep": (TargetGroup, "name"),
    }[name]
    found = dict(model.objects.filter(pk__in=values).values_list("pk", field))
    return {v: found.get(int(v), v) for v in values}


def _facets(results: SearchResults, filters: dict[str, list[str]]) -> list[FacetView]:
    views = []
    for facet in results.facets:
        values = list(facet.values)
        if facet.name == "soort":  # the kinds are named in running-text case
            values = [FacetValue(v.value, capfirst(v.label), v.count, v.selected) for v in values]
        # A chosen value that nothing matches any more stays in the form, ticked, so that
        # applying the other filters does not silently drop it.
        listed = {v.value for v in values}
        missing = [v for v in filters.get(facet.name, []) if v not in listed]
        if missing:
            labels = _fallback_labels(facet.name, missing)
            values += [FacetValue(v, labels[v], 0, True) for v in missing]
        if not values:
            continue
        shown = values[:FACET_VISIBLE]
        shown += [v for v in values[FACET_VISIBLE:] if v.selected]
        more = [v for v in values[FACET_VISIBLE:] if not v.selected]
        label = FACET_LABELS.get(facet.name, facet.label)
        lang = "nl" if facet.name in DUTCH_FACETS else ""
        views.append(FacetView(facet.name, label, shown, more, lang))
    return views


def _page_numbers(page: int, pages: int) -> list[int | None]:
    """Page numbers around the current page, with the first and last; None is a gap."""
    wanted = {1, pages, *range(page - PAGE_WINDOW, page + PAGE_WINDOW + 1)}
    numbers: list[int | None] = []
    for n in sorted(n for n in wanted if 1 <= n <= pages):
        if numbers and n - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


def _corrected_query(query: str, corrections: dict[str, str]) -> str:
    for typed, corrected in corrections.items():
        query = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", corrected, query, flags=re.I)
    return query


# Control characters (a NUL pasted from a PDF, say) mean nothing in a query and are not valid
# in an HTML page, where the query is echoed: they become spaces.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def results(request: HttpRequest) -> HttpResponse:
    # The engine reads no further; a shorter query also keeps every link on the page short.
    query = CONTROL_CHARACTERS.sub(" ", request.GET.get("q", "")[:MAX_QUERY_CHARS]).strip()
    filters = _filters(request)
    asked_sort = request.GET.get("sorteer")
    sort = asked_sort if asked_sort in SORTS else None
    found = search(
        query,
        filters=filters,
        sort=sort or "relevantie",
        page=_page(request.GET.get("pagina")),
        per_page=PER_PAGE,
    )
    address = _Address(query, filters, sort)
    facets = _facets(found, filters)
    labels = {(f.name, v.value): v.label for f in facets for v in f.shown + f.more}
    active = [
        ActiveFilter(
            FACET_LABELS.get(name, name),
            labels.get((name, value), value),
            address.without(name, value),
            "nl" if name in DUTCH_FACETS else "",
        )
        for name, values in filters.items()
        for value in values
    ]
    pages = [
        (n, address.url(page=n) if n else None, n == found.page)
        for n in _page_numbers(found.page, found.pages)
    ]
    corrected = _corrected_query(query, found.corrections)
    corrected = corrected if corrected != query else ""
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "results": found,
            "facets": facets,
            "filters": filters,
            "sort": sort,
            "active_filters": active,
            "clear_filters_url": address.url(filters={}),
            "corrected_query": corrected,
            "corrected_url": address.url(query=corrected) if corrected else "",
            "pages": pages,
            "previous_url": address.url(page=found.page - 1) if found.page > 1 else "",
            "next_url": address.url(page=found.page + 1) if found.page < found.pages else "",
            "first_number": (found.page - 1) * found.per_page + 1,
        },
    )
