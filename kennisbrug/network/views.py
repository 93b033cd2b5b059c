"""The network page (graph plus table) and the map of the Netherlands."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbrug.network import geo
from kennisbrug.network.drawing import graph_svg
from kennisbrug.network.graph import HEIGHT, WIDTH, Graph, Node, graph_with_layout

#: Partner colours per group. Every colour has at least 3:1 contrast against white (WCAG
#: 1.4.11); the details panel and the table say the kind in words as well.
PARTNER_COLOURS = [
    ("gemeente", gettext_lazy("Gemeenten"), "#0f6e5a"),
    ("onderwijs", gettext_lazy("Hogescholen, lectoraten en ander onderwijs"), "#7a3e9d"),
    ("zorg", gettext_lazy("Zorg, welzijn en cliëntenorganisaties"), "#b3540e"),
    ("overig", gettext_lazy("Overige partners"), "#5f6673"),
]


def _sorted(nodes) -> list[Node]:
    return sorted(nodes, key=lambda node: node.label.lower())


def details(graph: Graph, node: Node, edge_labels: dict[str, str]) -> dict:
    """What the panel says about one node: the same facts the script shows."""

    def items(kind: str) -> list[dict]:
        others = _sorted(graph.nodes[i] for i in node.neighbours if graph.nodes[i].kind == kind)
        result = []
        for other in others:
            pair = f"{node.id}|{other.id}" if node.kind == "werkplaats" else f"{other.id}|{node.id}"
            result.append({"node": other, "note": edge_labels.get(pair, "")})
        return result

    return {
        "node": node,
        "werkplaatsen": items("werkplaats"),
        "themes": items("theme"),
        "partners": items("partner"),
    }


def script_data(graph: Graph) -> dict:
    """The graph for network.js, compact: nodes by id, edges once as [a, b, note]."""
    nodes = {}
    for node in graph.nodes.values():
        entry = {"l": node.label, "k": node.kind}
        if node.lang != "nl":
            entry["g"] = node.lang  # the label's language, when it is not Dutch
        if node.kind == "werkplaats":
            entry.update(u=node.url, s=node.subtitle)
        elif node.kind == "partner":
            entry["c"] = node.facts["kind_label"]
        nodes[node.id] = entry
    return {
        "nodes": nodes,
        "edges": [[e.source, e.target, e.label] for e in graph.edges],
        "text": {
            "werkplaatsen": _("Werkplaatsen"),
            "themes": _("Thema's"),
            "partners": _("Partners"),
            "toPage": _("Naar de pagina van deze werkplaats"),
            "theme": _("Thema"),
            "partner": _("Partner"),
            "werkplaats": _("Werkplaats"),
            "hint": _("Kies een werkplaats, thema of partner om de verbindingen te zien."),
            "all": _("Toon het hele netwerk"),
        },
    }


def network(request: HttpRequest) -> HttpResponse:
    graph = graph_with_layout()
    selected = graph.nodes.get(request.GET.get("knoop", ""))
    edge_labels = {f"{e.source}|{e.target}": e.label for e in graph.edges}
    werkplaatsen = _sorted(graph.of_kind("werkplaats"))
    themes = _sorted(graph.of_kind("theme"))

    rows = []
    for node in werkplaatsen:
        facts = details(graph, node, edge_labels)
        groups: dict[str, list[Node]] = {}
        for entry in facts["partners"]:
            groups.setdefault(entry["node"].facts["kind_label"], []).append(entry["node"])
        rows.append(
            {
                "node": node,
                "partner_groups": sorted(groups.items()),
                "partner_count": len(facts["partners"]),
                "themes": facts["themes"],
            }
        )
    shared_themes = sorted(
        (
            {"node": theme, "werkplaatsen": _sorted(graph.nodes[i] for i in theme.neighbours)}
            for theme in themes
        ),
        key=lambda row: (-len(row["werkplaatsen"]), row["node"].label.lower()),
    )
    colours = {key: colour for key, _label, colour in PARTNER_COLOURS}
    return render(
        request,
        "network/network.html",
        {
            "svg": graph_svg(graph, selected, colours),
            "width": WIDTH,
            "height": HEIGHT,
            "selected": selected,
            "details": details(graph, selected, edge_labels) if selected else None,
            "theme_options": [(theme, len(theme.neighbours)) for theme in themes],
            "partner_colours": PARTNER_COLOURS,
            "rows": rows,
            "shared_themes": shared_themes,
            "script_data": script_data(graph),
            "counts": {
                "werkplaatsen": len(werkplaatsen),
                "partners": len(graph.of_kind("partner")),
                "themes": len(themes),
            },
        },
    )


def netherlands_map(request: HttpRequest) -> HttpResponse:
    return render(request, "network/map.html", geo.map_context(request.LANGUAGE_CODE))
