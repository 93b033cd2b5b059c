"""Who works on which national theme now: the numbers behind the theme pages, the agenda
comparison and "what other werkplaatsen do on the same themes".

Everything is counted on the top-level themes (a vraagstuk on "Schulden en geldzorgen" counts
for "Bestaanszekerheid en armoede"): twelve rows compare well, forty do not.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse

from kennisbrug.projects.models import Project
from kennisbrug.themes.models import Agenda, Theme, Vraagstuk

#: Projects that are work in progress; finished ones are history, not "now".
CURRENT_PROJECT_STATUSES = (Project.Status.RUNNING, Project.Status.PLANNED)


def root_of() -> dict[int, int]:
    """Each theme's top-level ancestor (itself for a top-level theme)."""
    parents = dict(Theme.objects.values_list("pk", "parent_id"))
    roots = {}
    for pk in parents:
        node = pk
        for _ in range(10):  # the tree is shallow; the bound only guards a broken one
            if parents.get(node) is None:
                break
            node = parents[node]
        roots[pk] = node
    return roots


def family(theme: Theme) -> list[int]:
    """A theme and all themes below it."""
    parents = dict(Theme.objects.values_list("pk", "parent_id"))
    ids, frontier = [theme.pk], [theme.pk]
    while frontier:
        frontier = [pk for pk, parent in parents.items() if parent in frontier]
        ids += frontier
    return ids


@dataclass
class Activity:
    """One thing a werkplaats works on now: an agenda vraagstuk or a current project."""

    werkplaats_id: int
    title: str
    url: str
    is_project: bool
    themes: set[int] = field(default_factory=set)  # top-level theme ids
    exact_themes: set[int] = field(default_factory=set)  # the themes as tagged


def current_activities(werkplaats_ids: list[int] | None = None) -> list[Activity]:
    """The vraagstukken of the current agendas and the running or planned projects."""
    roots = root_of()
    vraagstukken = Vraagstuk.objects.filter(agenda__in=Agenda.objects.current())
    projects = Project.objects.filter(status__in=CURRENT_PROJECT_STATUSES)
    if werkplaats_ids is not None:
        vraagstukken = vraagstukken.filter(agenda__werkplaats__in=werkplaats_ids)
        projects = projects.filter(werkplaats__in=werkplaats_ids)
    # Plain values and addresses from one reverse() each: this runs on several pages.
    werkplaats_url = reverse("front:werkplaats", args=["SLUG"])
    project_url = reverse("front:project", args=[0])[:-2]  # ".../projecten/0/" less "0/"
    activities: dict[tuple[bool, int], Activity] = {}
    # Each record with its themes in one query (a row per theme, none for a record without):
    # every query is a round trip to the database server, and this runs on several pages.
    for pk, title, werkplaats_id, slug, theme_id in vraagstukken.values_list(
        "pk", "title", "agenda__werkplaats_id", "agenda__werkplaats__slug", "themes"
    ):
        activity = activities.get((False, pk))
        if activity is None:
            url = werkplaats_url.replace("SLUG", slug) + f"#vraagstuk-{pk}"
            activity = activities[(False, pk)] = Activity(werkplaats_id, title, url, False)
        if theme_id is not None:
            activity.themes.add(roots.get(theme_id, theme_id))
            activity.exact_themes.add(theme_id)
    for pk, title, werkplaats_id, theme_id in projects.values_list(
        "pk", "title", "werkplaats_id", "themes"
    ):
        activity = activities.get((True, pk))
        if activity is None:
            activity = activities[(True, pk)] = Activity(
                werkplaats_id, title, f"{project_url}{pk}/", True
            )
        if theme_id is not None:
            activity.themes.add(roots.get(theme_id, theme_id))
            activity.exact_themes.add(theme_id)
    return list(activities.values())


def matrix(activities: list[Activity]) -> dict[tuple[int, int], list[Activity]]:
    """(werkplaats id, top-level theme id) → what that werkplaats does on that theme now."""
    cells: dict[tuple[int, int], list[Activity]] = defaultdict(list)
    for activity in activities:
        for theme_id in activity.themes:
            cells[(activity.werkplaats_id, theme_id)].append(activity)
    return cells
