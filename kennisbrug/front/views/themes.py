"""The national themes: the list, one page per theme, and the agendas compared."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kennisbrug.front.templatetags.front import naam
from kennisbrug.front.themes_index import (
    CURRENT_PROJECT_STATUSES,
    current_activities,
    family,
    matrix,
)
from kennisbrug.front.views.home import themes_with_counts
from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme

LISTED = 8  # records of each kind on a theme page; the rest is one search away


def theme_list(request: HttpRequest) -> HttpResponse:
    themes = themes_with_counts()
    return render(
        request,
        "front/theme_list.html",
        {
            "title": _("Thema's"),
            "breadcrumbs": [(_("Thema's"), reverse("front:themes"))],
            "themes": themes,
        },
    )


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme.objects.select_related("parent"), slug=slug)
    ids = family(theme)
    root = theme.parent or theme
    working = {}
    for activity in current_activities():
        if root.pk in activity.themes:
            working.setdefault(activity.werkplaats_id, []).append(activity)
    werkplaatsen = Werkplaats.objects.in_bulk(list(working))
    # Lists: newest first from the indexes, each candidate checked against the link table
    # (stops after LISTED hits); building "every product on the theme" first took ~35k rows.
    product_links = Product.themes.through.objects.filter(theme__in=ids)
    project_links = Project.themes.through.objects.filter(theme__in=ids)
    products = Product.objects.published().filter(
        Exists(product_links.filter(product=OuterRef("pk")))
    )
    projects = Project.objects.filter(Exists(project_links.filter(project=OuterRef("pk"))))
    interventions = Intervention.objects.active().filter(
        pk__in=Intervention.themes.through.objects.filter(theme__in=ids).values("intervention_id")
    )
    # Counts: on the link tables alone (small rows, the theme index), less the few records
    # that are not published, instead of reading a wide product row per link.
    product_count = (
        product_links.exclude(product__in=Product.objects.exclude(status=Product.Status.PUBLISHED))
        .values("product_id")
        .distinct()
        .count()
    )
    project_count = project_links.values("project_id").distinct().count()
    crumbs = [(_("Thema's"), reverse("front:themes"))]
    if theme.parent:
        # In the reader's language, as the page shows it (a Dutch crumb on an English page
        # would be an unmarked change of language).
        crumbs.append((naam(theme.parent), reverse("front:theme", args=[theme.parent.slug])))
    search = reverse("search:results") + "?" + "&".join(f"thema={pk}" for pk in ids)
    return render(
        request,
        "front/theme_detail.html",
        {
            "title": theme.name,
            "breadcrumbs": crumbs,
            "theme": theme,
            "children": theme.children.all(),
            "working": sorted(
                ((werkplaatsen[pk], items) for pk, items in working.items()),
                key=lambda pair: (-len(pair[1]), pair[0].short_name),
            ),
            "products": products.select_related("werkplaats").order_by("-published_on", "-pk")[
                :LISTED
            ],
            "product_count": product_count,
            "projects": projects.select_related("werkplaats").order_by("-start", "-pk")[:LISTED],
            "project_count": project_count,
            "running_count": projects.filter(status__in=CURRENT_PROJECT_STATUSES).count(),
            "interventions": interventions.select_related("databank").order_by("title")[:LISTED],
            "intervention_count": interventions.count(),
            "search_url": search,
        },
    )


@dataclass
class Cell:
    total: int
    shade: str  # how dark the cell is drawn: "", "cell-1", "cell-2" or "cell-3"
    label: str  # the numbers in words, for screen readers


def _cell(items: list) -> Cell:
    # Built here, not with {% blocktranslate %} in the template: 180 cells made that the
    # slowest part of the page.
    vraagstukken = sum(1 for a in items if not a.is_project)
    projects = len(items) - vraagstukken
    total = vraagstukken + projects
    if not total:
        return Cell(0, "", _("geen"))
    label = (
        ngettext("%(n)s vraagstuk", "%(n)s vraagstukken", vraagstukken) % {"n": vraagstukken}
        + ", "
        + ngettext("%(n)s project", "%(n)s projecten", projects) % {"n": projects}
    )
    return Cell(total, f"cell-{min(total, 3)}", label)


def agenda_comparison(request: HttpRequest) -> HttpResponse:
    themes = list(Theme.objects.filter(parent__isnull=True))
    werkplaatsen = list(Werkplaats.objects.exclude(status=Werkplaats.Status.ENDED))
    cells = matrix(current_activities())
    rows = []
    for werkplaats in werkplaatsen:
        row = [_cell(cells.get((werkplaats.pk, theme.pk), [])) for theme in themes]
        rows.append((werkplaats, row, sum(1 for cell in row if cell.total)))
    totals = [sum(1 for w in werkplaatsen if cells.get((w.pk, t.pk))) for t in themes]
    return render(
        request,
        "front/agenda_comparison.html",
        {
            "title": _("Kennisagenda's vergeleken"),
            "breadcrumbs": [(_("Kennisagenda's"), reverse("front:agendas"))],
            "themes": themes,
            "rows": rows,
            "totals": totals,
        },
    )
