"""The network graph as SVG markup.

Written in Python rather than a template: a thousand small elements render in milliseconds
this way, against half a second through the template engine. Coordinates are written with a
dot whatever the language (a Dutch decimal comma would break the SVG).
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kennisbrug.network.graph import (
    CENTRE,
    HEIGHT,
    LINE_HEIGHT,
    RX,
    RY,
    WIDTH,
    Graph,
    Node,
    label_anchor,
    label_lines,
)


def n(value: float) -> str:
    return f"{value:.0f}"


def attr(value: str) -> str:
    return escape(str(value), quote=True)


def state_of(node_id: str, selected: Node | None) -> str:
    if selected is None:
        return ""
    if node_id == selected.id:
        return " is-selected"
    return " is-neighbour" if node_id in selected.neighbours else " is-dimmed"


def label_text(node: Node, css: str) -> str:
    """A label right of its marker, in one or two lines (as the layout reserved room for)."""
    x = n(node.x + 10)
    lines = label_lines(node.label)
    # The space after a first line keeps the words apart in the accessible text.
    spans = "".join(
        f'<tspan x="{x}" dy="{LINE_HEIGHT if i else 0}">{escape(line)}'
        f"{' ' if i < len(lines) - 1 else ''}</tspan>"
        for i, line in enumerate(lines)
    )
    # Names of partners and werkplaatsen are Dutch on the English site too (WCAG 3.1.2); a
    # theme's name is English where it has one.
    return f'<text y="{n(node.y + 4.5)}" class="{css}" lang="{node.lang}">{spans}</text>'


def graph_svg(graph: Graph, selected: Node | None, colours: dict[str, str]) -> SafeString:
    out: list[str] = []
    add = out.append
    title = attr(_("Netwerkkaart: werkplaatsen, partners en gedeelde thema's"))
    add(
        f'<svg class="network-graph{" has-selection" if selected else ""}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-labelledby="netwerk-titel" data-network>'
        f'<title id="netwerk-titel">{title}</title>'
        f'<ellipse class="ring" cx="{n(CENTRE[0])}" cy="{n(CENTRE[1])}" rx="{RX}" ry="{RY}" '
        'aria-hidden="true"/>'
    )
    add('<g class="edges" aria-hidden="true">')
    for edge in graph.edges:
        a, b = graph.nodes[edge.source], graph.nodes[edge.target]
        state = ""
        if selected is not None:
            state = " is-neighbour" if selected.id in (a.id, b.id) else " is-dimmed"
        width = min(1 + edge.weight, 4) if edge.kind == "theme" else 1
        add(
            f'<line class="edge edge--{edge.kind}{state}" x1="{n(a.x)}" y1="{n(a.y)}" '
            f'x2="{n(b.x)}" y2="{n(b.y)}" stroke-width="{width}" data-a="{a.id}" data-b="{b.id}"/>'
        )
    add("</g>")

    add('<g class="partners">')
    for node in graph.of_kind("partner"):
        state = state_of(node.id, selected)
        colour = colours[node.facts["group"]]
        kind = node.facts["kind_label"]
        if len(node.neighbours) > 1:
            # A partner of several werkplaatsen is a bridge: a focusable, labelled node.
            label = ngettext(
                "%(name)s: partner (%(kind)s) van %(n)d werkplaats",
                "%(name)s: partner (%(kind)s) van %(n)d werkplaatsen",
                len(node.neighbours),
            ) % {"name": node.label, "kind": kind, "n": len(node.neighbours)}
            add(
                f'<a class="node node--partner{state}" href="?knoop={node.id}#netwerk" '
                f'data-id="{node.id}" aria-label="{attr(label)}">'
                f'<circle class="shape" cx="{n(node.x)}" cy="{n(node.y)}" r="7" fill="{colour}"/>'
                + label_text(node, "label label--partner")
                + "</a>"
            )
        else:
            add(
                f'<circle class="node node--partner dot{state}" cx="{n(node.x)}" cy="{n(node.y)}" '
                f'r="4.5" fill="{colour}" data-id="{node.id}">'
                f"<title>{escape(node.label)} ({escape(kind)})</title></circle>"
            )
    add("</g>")

    add('<g class="themes">')
    for node in sorted(graph.of_kind("theme"), key=lambda t: t.label.lower()):
        label = ngettext(
            "%(name)s: thema van %(n)d werkplaats",
            "%(name)s: thema van %(n)d werkplaatsen",
            len(node.neighbours),
        ) % {"name": node.label, "n": len(node.neighbours)}
        x, y = n(node.x), n(node.y)
        add(
            f'<a class="node node--theme{state_of(node.id, selected)}" '
            f'href="?knoop={node.id}#netwerk" data-id="{node.id}" aria-label="{attr(label)}">'
            f'<rect class="shape" x="{n(node.x - 5.5)}" y="{n(node.y - 5.5)}" '
            'width="11" height="11" '
            f'transform="rotate(45 {x} {y})"/>' + label_text(node, "label label--theme") + "</a>"
        )
    add("</g>")

    add('<g class="werkplaatsen">')
    for node in graph.of_kind("werkplaats"):
        label = ngettext(
            "%(label)s: %(name)s, %(n)d verbinding",
            "%(label)s: %(name)s, %(n)d verbindingen",
            len(node.neighbours),
        ) % {"label": node.label, "name": node.subtitle, "n": len(node.neighbours)}
        lx, ly, anchor = label_anchor(node)
        preparing = " shape--preparing" if node.facts.get("status_code") != "actief" else ""
        add(
            f'<a class="node node--werkplaats{state_of(node.id, selected)}" '
            f'href="?knoop={node.id}#netwerk" data-id="{node.id}" aria-label="{attr(label)}">'
            f'<circle class="shape{preparing}" cx="{n(node.x)}" cy="{n(node.y)}" r="13"/>'
            f'<text x="{n(lx)}" y="{n(ly)}" class="label label--werkplaats" lang="nl" '
            f'text-anchor="{anchor}">{escape(node.label)}</text></a>'
        )
    add("</g></svg>")
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
