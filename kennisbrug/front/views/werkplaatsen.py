from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbrug.front import structured
from kennisbrug.front.themes_index import Activity, current_activities
from kennisbrug.front.views.home import werkplaatsen_with_counts
from kennisbrug.registry.models import Membership, Organisation, Werkplaats
from kennisbrug.themes.models import Theme

#: Who takes part, in the four groups the network itself names, in this order.
PARTICIPANT_GROUPS = [
    ("hogescholen", gettext_lazy("Hogescholen"), {Organisation.Kind.HOGESCHOOL}),
    ("lectoraten", gettext_lazy("Lectoraten"), {Organisation.Kind.LECTORAAT}),
    ("gemeenten", gettext_lazy("Gemeenten"), {Organisation.Kind.GEMEENTE}),
    ("partners", gettext_lazy("Partners in de praktijk en kennis"), None),  # everything else
]
PROJECTS_SHOWN = 12  # the rest is one search away
OTHERS_SHOWN = 6  # other werkplaatsen on the same themes
ITEMS_PER_OTHER = 3


def werkplaats_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "front/werkplaats_list.html",
        {
            "title": _("Werkplaatsen"),
            "breadcrumbs": [(_("Werkplaatsen"), reverse("front:werkplaatsen"))],
            "werkplaatsen": werkplaatsen_with_counts(),
        },
    )


def participant_groups(memberships: list[Membership]) -> list[tuple[str, str, list[Membership]]]:
    groups = []
    named = set().union(*(kinds for _, _, kinds in PARTICIPANT_GROUPS if kinds))
    for slug, label, kinds in PARTICIPANT_GROUPS:
        members = [
            m
            for m in memberships
            if (m.organisation.kind in kinds if kinds else m.organisation.kind not in named)
        ]
        groups.append((slug, label, members))
    return groups


@dataclass
class Neighbour:
    """Another werkplaats working on some of the same themes now."""

    werkplaats: Werkplaats
    themes: list[Theme]
    items: list[Activity] = field(default_factory=list)


def neighbours(werkplaats: Werkplaats) -> list[Neighbour]:
    """Other werkplaatsen whose current agenda or projects share themes with this one's, most
    shared themes first, each with a few of their vraagstukken and projects.

    Themes as tagged, not rolled up: nearly every werkplaats works somewhere under "Versterken
    sociale basis", so only the specific theme says who is worth a phone call."""
    activities = current_activities()
    mine = set().union(*(a.exact_themes for a in activities if a.werkplaats_id == werkplaats.pk))
    shared: dict[int, set[int]] = {}
    items: dict[int, list[Activity]] = {}
    for activity in activities:
        overlap = activity.exact_themes & mine
        if activity.werkplaats_id == werkplaats.pk or not overlap:
            continue
        shared.setdefault(activity.werkplaats_id, set()).update(overlap)
        items.setdefault(activity.werkplaats_id, []).append(activity)
    if not shared:
        return []
    others = Werkplaats.objects.in_bulk(list(shared))
    themes = Theme.objects.in_bulk(list(mine))
    ranked = sorted(shared, key=lambda pk: (-len(shared[pk]), others[pk].short_name))
    result = []
    for pk in ranked[:OTHERS_SHOWN]:
        # Vraagstukken first (what they set out to learn), then projects.
        chosen = sorted(items[pk], key=lambda a: (-len(a.exact_themes & mine), a.is_project))
        result.append(
            Neighbour(
                others[pk],
                sorted((themes[t] for t in shared[pk]), key=lambda t: (t.position, t.name)),
                chosen[:ITEMS_PER_OTHER],
            )
        )
    return result


def contacts(roles) -> list[tuple]:
    """(person, role names) per person: someone who is both kennismakelaar and onderzoeker
    is one contact, not two lines with the same name."""
    grouped: dict[int, tuple] = {}
    for role in roles:
        grouped.setdefault(role.person_id, (role.person, []))[1].append(role.get_role_display())
    return list(grouped.values())


def werkplaats_detail(request: HttpRequest, slug: str) -> HttpResponse:
    werkplaats = get_object_or_404(
        Werkplaats.objects.prefetch_related("provinces", "names"), slug=slug
    )
    memberships = list(
        werkplaats.memberships.current()
        .select_related("organisation", "organisation__parent")
        .order_by("organisation__name")
    )
    # The agendas read once (with their vraagstukken): each query is a round trip to the
    # database server, and this page made three passes over them (seven queries).
    agendas = list(
        werkplaats.agendas.prefetch_related("vraagstukken__themes").order_by("-start_year")
    )
    year = datetime.date.today().year
    current = [a for a in agendas if a.start_year <= year <= a.end_year]
    agenda = current[0] if current else (agendas[0] if agendas else None)
    municipalities = list(werkplaats.municipalities())
    return render(
        request,
        "front/werkplaats_detail.html",
        {
            "title": werkplaats.name,
            "breadcrumbs": [(_("Werkplaatsen"), reverse("front:werkplaatsen"))],
            "werkplaats": werkplaats,
            "participant_groups": participant_groups(memberships),
            "municipalities": municipalities,
            "agenda": agenda,
            "agenda_is_current": agenda is not None and agenda in current,
            "earlier_agendas": [a for a in agendas if agenda and a.pk != agenda.pk],
            "projects": werkplaats.projects.order_by("-start", "title")[:PROJECTS_SHOWN],
            "project_count": werkplaats.projects.count(),
            "project_search_url": reverse("search:results")
            + f"?soort=project&werkplaats={werkplaats.pk}",
            "products": werkplaats.products.published().order_by("-published_on", "-pk")[:12],
            "product_count": werkplaats.products.published().count(),
            "people": contacts(
                werkplaats.person_roles.current().select_related("person", "person__organisation")
            ),
            "neighbours": neighbours(werkplaats),
            "product_search_url": reverse("search:results")
            + f"?soort=product&werkplaats={werkplaats.pk}",
            "structured_data": structured.werkplaats(werkplaats, memberships, municipalities),
        },
    )
