"""The network as a graph: werkplaatsen, their partner organisations and the themes they share.

The layout is computed here, on the server, so the page is a complete picture without
JavaScript. Werkplaatsen sit on a circle, ordered so that werkplaatsen with similar themes are
neighbours; each theme sits near the werkplaatsen that work on it (a theme everyone works on ends
up in the middle); partners fan out behind their werkplaats. The layout only depends on the
graph's structure, so it is cached under a fingerprint of that structure.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import get_language

from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Membership, Organisation, Werkplaats
from kennisbrug.themes.models import Agenda, Theme

#: The drawing's coordinate system (SVG viewBox) and the ellipse the werkplaatsen sit on (wider
#: than high, like the screens it is read on).
WIDTH, HEIGHT = 1260, 860
CENTRE = (WIDTH / 2, HEIGHT / 2)
RX, RY = 360, 325
#: Partner dots: two rings just outside the ellipse; werkplaats labels beyond them.
PARTNER_RINGS = (34, 48)
LABEL_OFFSET = 62
#: Font sizes of the labels, in viewBox units (the CSS uses the same).
THEME_FONT, WERKPLAATS_FONT = 13, 16
LINE_HEIGHT = 15
LAYOUT_VERSION = 8  # bump when the layout code changes, so cached layouts are not reused


@dataclass
class Node:
    id: str
    kind: str  # "werkplaats" | "theme" | "partner"
    label: str
    url: str = ""
    subtitle: str = ""
    #: The language of ``label``: record names are Dutch, a theme's English name is English.
    lang: str = "nl"
    x: float = 0.0
    y: float = 0.0
    neighbours: set[str] = field(default_factory=set)
    #: Extra facts for the details panel, e.g. the organisation kind.
    facts: dict[str, str] = field(default_factory=dict)


@dataclass
class Edge:
    source: str  # always the werkplaats
    target: str
    kind: str  # "theme" | "partner"
    weight: int = 1
    label: str = ""  # the partner's role, or how many vraagstukken and projects


@dataclass
class Graph:
    nodes: dict[str, Node]
    edges: list[Edge]

    def of_kind(self, kind: str) -> list[Node]:
        return [node for node in self.nodes.values() if node.kind == kind]

    def fingerprint(self) -> str:
        structure = sorted((e.source, e.target, e.weight) for e in self.edges)
        structure.append(sorted(self.nodes))
        raw = json.dumps([LAYOUT_VERSION, structure]).encode()
        return hashlib.sha256(raw).hexdigest()[:32]


#: Partner kinds grouped so the legend stays short: (key, kinds).
PARTNER_GROUPS = {
    "gemeente": {"gemeente"},
    "onderwijs": {"hogeschool", "lectoraat", "mbo", "universiteit"},
    "zorg": {"zorg-welzijn", "clientenorganisatie"},
}


def partner_group(kind: str) -> str:
    for key, kinds in PARTNER_GROUPS.items():
        if kind in kinds:
            return key
    return "overig"


def werkplaats_label(werkplaats: Werkplaats) -> str:
    # "WSD Twente" reads as "Twente" in a picture full of werkplaatsen.
    name = werkplaats.short_name
    return name[4:] if name.startswith("WSD ") else name


def theme_weights(werkplaatsen: list[Werkplaats]) -> dict[int, dict[int, list[int]]]:
    """{werkplaats id: {theme id: [vraagstukken, projects]}} for the current work.

    Current work is the running agenda (or the latest one when none runs this year) and the
    projects that are planned or running.
    """
    agendas: dict[int, Agenda] = {}
    current = set(Agenda.objects.current().values_list("pk", flat=True))
    for agenda in Agenda.objects.order_by("werkplaats", "-start_year"):
        chosen = agendas.get(agenda.werkplaats_id)
        if chosen is None or (agenda.pk in current and chosen.pk not in current):
            agendas[agenda.werkplaats_id] = agenda
    weights: dict[int, dict[int, list[int]]] = {w.pk: {} for w in werkplaatsen}
    agenda_owner = {agenda.pk: agenda.werkplaats_id for agenda in agendas.values()}
    through = Theme.vraagstukken.through.objects.filter(vraagstuk__agenda__in=agenda_owner)
    for agenda_id, theme_id in through.values_list("vraagstuk__agenda", "theme"):
        owner = agenda_owner[agenda_id]
        weights.setdefault(owner, {}).setdefault(theme_id, [0, 0])[0] += 1
    running = Q(project__status__in=[Project.Status.PLANNED, Project.Status.RUNNING])
    project_themes = Project.themes.through.objects.filter(running)
    for werkplaats_id, theme_id in project_themes.values_list("project__werkplaats", "theme"):
        weights.setdefault(werkplaats_id, {}).setdefault(theme_id, [0, 0])[1] += 1
    return weights


def build_graph() -> Graph:
    werkplaatsen = list(Werkplaats.objects.order_by("short_name"))
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for werkplaats in werkplaatsen:
        nodes[f"w-{werkplaats.slug}"] = Node(
            id=f"w-{werkplaats.slug}",
            kind="werkplaats",
            label=werkplaats_label(werkplaats),
            url=werkplaats.get_absolute_url(),
            subtitle=werkplaats.name,
            facts={
                "status": str(werkplaats.get_status_display()),
                "status_code": werkplaats.status,
            },
        )
    by_pk = {w.pk: f"w-{w.slug}" for w in werkplaatsen}

    themes = {theme.pk: theme for theme in Theme.objects.all()}
    for werkplaats_id, weights in theme_weights(werkplaatsen).items():
        for theme_id, (vraagstukken, projects) in weights.items():
            theme = themes[theme_id]
            node_id = f"t-{theme.slug}"
            if node_id not in nodes:
                # The reader's language where the theme has an English name (as ``naamtaal``).
                lang = "en" if theme.name_en and get_language() == "en" else "nl"
                label = theme.name_en if lang == "en" else theme.name
                nodes[node_id] = Node(
                    id=node_id, kind="theme", label=label, url=f"?knoop={node_id}", lang=lang
                )
            edges.append(
                Edge(
                    by_pk[werkplaats_id],
                    node_id,
                    "theme",
                    weight=vraagstukken + projects,
                    label=_theme_edge_label(vraagstukken, projects),
                )
            )

    # Display names looked up once: get_FOO_display() per row costs more than the whole query.
    kind_labels = {key: str(label) for key, label in Organisation.Kind.choices}
    role_labels = {key: str(label) for key, label in Membership.Role.choices}
    memberships = (
        Membership.objects.current()
        .select_related("organisation", "werkplaats")
        .order_by("organisation__kind", "organisation__name")
    )
    for membership in memberships:
        organisation = membership.organisation
        node_id = f"o-{organisation.pk}"
        nodes.setdefault(
            node_id,
            Node(
                id=node_id,
                kind="partner",
                label=organisation.name,
                url=f"?knoop={node_id}",
                facts={
                    "kind": organisation.kind,
                    "kind_label": kind_labels.get(organisation.kind, organisation.kind),
                    "group": partner_group(organisation.kind),
                },
            ),
        )
        edges.append(
            Edge(
                by_pk[membership.werkplaats_id],
                node_id,
                "partner",
                label=role_labels.get(membership.role, membership.role),
            )
        )
    for edge in edges:
        nodes[edge.source].neighbours.add(edge.target)
        nodes[edge.target].neighbours.add(edge.source)
    return Graph(nodes=nodes, edges=edges)


def _theme_edge_label(vraagstukken: int, projects: int) -> str:
    from django.utils.translation import ngettext

    parts = []
    if vraagstukken:
        parts.append(ngettext("%d vraagstuk", "%d vraagstukken", vraagstukken) % vraagstukken)
    if projects:
        parts.append(ngettext("%d project", "%d projecten", projects) % projects)
    return ", ".join(parts)


# --- Layout --------------------------------------------------------------------------------


def circle_order(graph: Graph) -> list[str]:
    """Werkplaatsen in an order where neighbours share many themes (greedy nearest neighbour)."""
    werkplaatsen = sorted(node.id for node in graph.of_kind("werkplaats"))
    themes = sorted(node.id for node in graph.of_kind("theme"))
    if len(werkplaatsen) < 3 or not themes:
        return werkplaatsen
    column = {theme: i for i, theme in enumerate(themes)}
    row = {w: i for i, w in enumerate(werkplaatsen)}
    vectors = np.zeros((len(werkplaatsen), len(themes)))
    for edge in graph.edges:
        if edge.kind == "theme":
            vectors[row[edge.source], column[edge.target]] = edge.weight
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms == 0, 1, norms)
    similarity = unit @ unit.T
    order = [0]
    left = set(range(1, len(werkplaatsen)))
    while left:
        last = order[-1]
        best = max(left, key=lambda i: (similarity[last, i], -i))
        order.append(best)
        left.remove(best)
    return [werkplaatsen[i] for i in order]


def on_ellipse(angle: float, outside: float = 0.0) -> tuple[float, float]:
    """The point of the werkplaats ellipse at an angle, moved outwards by ``outside``."""
    cx, cy = CENTRE
    x, y = RX * math.cos(angle), RY * math.sin(angle)
    length = math.hypot(x, y) or 1.0
    scale = (length + outside) / length
    return cx + x * scale, cy + y * scale


def label_width(text: str, size: float) -> float:
    # Average glyph width of a sans-serif at this size: good enough to keep labels apart.
    return len(text) * size * 0.55 + 8


def label_lines(text: str, longest: int = 22) -> list[str]:
    """A long theme name in two balanced lines, broken at a space."""
    if len(text) <= longest or " " not in text:
        return [text]
    spaces = [i for i, char in enumerate(text) if char == " "]
    cut = min(spaces, key=lambda i: abs(len(text) / 2 - i))
    return [text[:cut], text[cut + 1 :]]


def compute_layout(graph: Graph) -> dict[str, tuple[float, float]]:
    positions: dict[str, tuple[float, float]] = {}
    order = circle_order(graph)
    angle_of: dict[str, float] = {}
    for i, node_id in enumerate(order):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(order), 1)
        angle_of[node_id] = angle
        positions[node_id] = on_ellipse(angle)

    # Partners of one werkplaats fan out behind it; a partner of several sits between them.
    partners_of: dict[str, list[str]] = {}
    shared: list[str] = []
    for node in graph.of_kind("partner"):
        owners = sorted(node.neighbours)
        if len(owners) == 1:
            partners_of.setdefault(owners[0], []).append(node.id)
        else:
            shared.append(node.id)
    slot = 2 * math.pi / max(len(order), 1)
    for werkplaats_id, partners in partners_of.items():
        per_ring = max(1, math.ceil(len(partners) / 2))
        step = min(0.04, 0.8 * slot / per_ring)
        for k, partner_id in enumerate(partners):
            ring, position = k % 2, k // 2
            offset = (position - (per_ring - 1) / 2) * step + (step / 2 if ring else 0)
            positions[partner_id] = on_ellipse(
                angle_of[werkplaats_id] + offset, PARTNER_RINGS[ring]
            )

    themes = sorted(node.id for node in graph.of_kind("theme"))
    anchors = {w: np.array(positions[w]) for w in order}
    weight_of: dict[str, dict[str, int]] = {}
    for edge in graph.edges:
        if edge.kind == "theme":
            weight_of.setdefault(edge.target, {})[edge.source] = edge.weight
    for partner_id in shared:
        weight_of[partner_id] = {w: 1 for w in graph.nodes[partner_id].neighbours}
    # Themes, then partners of several werkplaatsen, placed as labelled boxes inside the ring.
    inner = themes + shared
    centre = np.array(CENTRE)
    targets = np.zeros((len(inner), 2))
    for i, node_id in enumerate(inner):
        weights = weight_of.get(node_id, {})
        total = sum(weights.values()) or 1
        mean = sum((anchors[w] * v for w, v in weights.items()), np.zeros(2)) / total
        # Pull inwards: the ellipse itself belongs to the werkplaatsen and their partners.
        targets[i] = centre + (mean - centre) * 0.8
    # A box: the marker at the point, one or two lines of label to its right.
    lines = [label_lines(graph.nodes[node_id].label) for node_id in inner]
    widths = np.array([max(label_width(x, THEME_FONT) for x in ls) for ls in lines])
    heights = np.array([20.0 + LINE_HEIGHT * (len(ls) - 1) for ls in lines])
    sizes = np.stack([widths + 17, heights], axis=1)
    lift = np.stack([sizes[:, 0] / 2 - 7, (heights - 20) / 2], axis=1)
    # Most shared first: they get the middle, the specific themes the room near their werkplaats.
    priority = sorted(
        range(len(inner)),
        key=lambda i: (inner[i] in shared, -len(weight_of.get(inner[i], {})), inner[i]),
    )
    nodes = np.array([positions[w] for w in order])
    boxes, homeless = _place_labels(targets + lift, sizes, priority, nodes)
    points = boxes - lift
    for i, node_id in enumerate(inner):
        positions[node_id] = (float(points[i, 0]), float(points[i, 1]))
    return {key: (round(x, 1), round(y, 1)) for key, (x, y) in positions.items()}


#: Offsets from a label's target, nearest first: an elliptic spiral (wide and low, like labels).
_SPIRAL = np.concatenate(
    [
        np.stack([r * np.cos(a), 0.6 * r * np.sin(a)], axis=1)
        for r in np.arange(0, 520, 5.0)
        for a in [np.linspace(0, 2 * np.pi, max(1, int(r / 4)), endpoint=False)]
    ]
)


def _place_labels(
    targets: np.ndarray, sizes: np.ndarray, order: list[int], obstacles: np.ndarray
) -> tuple[np.ndarray, int]:
    """Put each label's box (of the given size) at the free spot nearest its target.

    Boxes are placed one by one in ``order`` (most shared themes first, so they get the
    middle); a box may not overlap one placed before it and must lie inside the werkplaats
    ellipse. Candidates are tried from near to far, so the result is deterministic and every
    label stays as close to its werkplaatsen as the room allows. ``obstacles`` are the
    werkplaats nodes (x, y): no box may cover one. A label that finds no room stays at its
    target; the count of those is returned too.
    """
    centre = np.array(CENTRE)
    limit = np.array([RX + 10.0, RY + 4.0])
    placed: list[int] = []
    points = targets.copy()
    homeless = 0

    def free_spot(i: int, inside_ring: bool) -> np.ndarray | None:
        half = sizes[i] / 2 + 2  # a little air around each label
        for start in range(0, len(_SPIRAL), 800):
            candidates = targets[i] + _SPIRAL[start : start + 800]
            fits = np.ones(len(candidates), dtype=bool)
            for sx, sy in ((-1, -1), (-1, 1), (1, -1), (1, 1)):
                corner = candidates + half * [sx, sy]
                if inside_ring:
                    fits &= (((corner - centre) / limit) ** 2).sum(axis=1) <= 1
                else:
                    fits &= (corner >= 0).all(axis=1) & (corner <= [WIDTH, HEIGHT]).all(axis=1)
            near = np.abs(candidates[:, None, :] - obstacles[None, :, :])
            fits &= ~(near < half + 18).all(axis=2).any(axis=1)
            if placed:
                gap = np.abs(candidates[:, None, :] - points[placed][None, :, :])
                room = half + sizes[placed] / 2 + 2
                fits &= ~(gap < room[None, :, :]).all(axis=2).any(axis=1)
            free = np.flatnonzero(fits)
            if len(free):
                return candidates[free[0]]
        return None

    for i in order:
        # Inside the ring if at all possible; else anywhere free, rather than on another label.
        spot = free_spot(i, True)
        if spot is None:
            spot = free_spot(i, False)
        if spot is None:
            homeless += 1
        else:
            points[i] = spot
        placed.append(i)
    return points, homeless


def graph_with_layout() -> Graph:
    graph = build_graph()
    # Label widths shape the layout, and theme labels follow the language: one layout each.
    key = f"network-layout:{get_language()}:{graph.fingerprint()}"
    positions = cache.get(key)
    if positions is None:
        positions = compute_layout(graph)
        cache.set(key, positions, timeout=None)
    for node_id, (x, y) in positions.items():
        graph.nodes[node_id].x, graph.nodes[node_id].y = x, y
    return graph


def label_anchor(node: Node) -> tuple[float, float, str]:
    """Where a werkplaats's label goes: beyond its partner fan, anchored away from the centre."""
    cx, cy = CENTRE
    angle = math.atan2((node.y - cy) / RY, (node.x - cx) / RX)
    x, y = on_ellipse(angle, LABEL_OFFSET)
    y += 5
    if abs(math.cos(angle)) < 0.3:
        anchor = "middle"
        y += 8 if math.sin(angle) > 0 else -6
    else:
        anchor = "start" if math.cos(angle) > 0 else "end"
    return round(x, 1), round(y, 1), anchor
