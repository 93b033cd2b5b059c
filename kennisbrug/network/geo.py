"""The map of the Netherlands: our own outline data, a simple projection, SVG drawn server-side.

No tiles and no scripts: the outline (coast, borders, provinces) ships in data/netherlands.json,
municipality positions in data/municipality-positions.csv, and imported CBS boundaries come
from the database. The projection is equirectangular with the longitude scaled by cos(52.2°),
the latitude through the middle of the country, which keeps shapes true within a few percent
over an area this small.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path

import numpy as np
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kennisbrug.registry.models import Membership, Municipality, Werkplaats

DATA = Path(__file__).resolve().parent / "data"
#: The area drawn (longitude and latitude bounds) and the scale in pixels per degree latitude.
WEST, EAST, SOUTH, NORTH = 3.25, 7.30, 50.70, 53.60
SCALE = 250.0
COS_LAT = math.cos(math.radians(52.2))
WIDTH = round((EAST - WEST) * COS_LAT * SCALE)
HEIGHT = round((NORTH - SOUTH) * SCALE)
#: Colours for the werkplaatsen: each carries white bold text at 4.5:1 or more, and the
#: number inside the badge tells them apart without colour (WCAG 1.4.1).
PALETTE = [
    "#0b5394", "#a3361d", "#1d6b37", "#7b3f9e", "#8a5a00", "#00677f", "#b02e68", "#4b5a1e",
    "#5b4636", "#2f4b9a", "#9c2f2f", "#116a5b", "#6d3a7a", "#7a5200", "#3f5f7f", "#8b2f52",
]  # fmt: skip


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * COS_LAT * SCALE, (NORTH - lat) * SCALE


def rd_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """Rijksdriehoeksmeting (EPSG:28992) to WGS84 (lon, lat), by the published approximation
    series; accurate to about a metre, far better than this map needs."""
    dx, dy = (x - 155000) * 1e-5, (y - 463000) * 1e-5
    north = (
        3235.65389 * dy - 32.58297 * dx**2 - 0.2475 * dy**2 - 0.84978 * dx**2 * dy
        - 0.0655 * dy**3 - 0.01709 * dx**2 * dy**2 - 0.00738 * dx + 0.0053 * dx**4
        - 0.00039 * dx**2 * dy**3 + 0.00033 * dx**4 * dy - 0.00012 * dx * dy
    )  # fmt: skip
    east = (
        5260.52916 * dx + 105.94684 * dx * dy + 2.45656 * dx * dy**2 - 0.81885 * dx**3
        + 0.05594 * dx * dy**3 - 0.05607 * dx**3 * dy + 0.01199 * dy - 0.00256 * dx**3 * dy**2
        + 0.00128 * dx * dy**4 + 0.00022 * dy**2 - 0.00022 * dx**2 + 0.00026 * dx**5
    )  # fmt: skip
    return 5.38720621 + east / 3600, 52.15517440 + north / 3600


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: drop points that lie within ``tolerance`` of the line they sit on."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            if distance > worst:
                worst, index = distance, i
        if index > 0 and worst > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(area, lon, lat) of a ring by the shoelace formula (area in square degrees, signed)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    if area == 0:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area, cx / (6 * area), cy / (6 * area)


def geometry_centroid(polygons: list[list[list[list[float]]]]) -> tuple[float, float]:
    """(lon, lat) of the largest outer ring: the main land of a gemeente with islands."""
    best = max((ring_centroid(polygon[0]) for polygon in polygons), key=lambda c: abs(c[0]))
    return best[1], best[2]


def path_of(rings, tolerance: float = 0.0) -> str:
    """SVG path data for rings of [lon, lat], projected, simplified to ``tolerance`` pixels."""
    parts = []
    for ring in rings:
        points = [project(lon, lat) for lon, lat in ring]
        if tolerance:
            points = simplify(points, tolerance)
        if len(points) < 3:
            continue
        parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def outline() -> dict:
    return json.loads((DATA / "netherlands.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def known_positions() -> dict[str, tuple[float, float]]:
    """{CBS code: (lon, lat)} from the shipped file."""
    with open(DATA / "municipality-positions.csv", encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["code"]: (float(row["longitude"]), float(row["latitude"])) for row in rows}


def positions() -> dict[str, tuple[float, float]]:
    """Where each municipality goes: an imported boundary's centroid, else the shipped file."""
    from kennisbrug.network.models import MunicipalityBoundary

    found = dict(known_positions())
    for code, lat, lon in MunicipalityBoundary.objects.values_list(
        "code", "centroid_lat", "centroid_lon"
    ):
        found[code] = (lon, lat)
    return found


@lru_cache(maxsize=4)
def base_layer(language: str) -> str:
    """Sea, land, water, province borders and names: the same for every request."""
    data = outline()
    out = [f'<rect class="sea" x="0" y="0" width="{WIDTH}" height="{HEIGHT}"/>']
    land = "".join(path_of([part["coordinates"]]) for part in data["land"])
    out.append(f'<path class="land" d="{land}"/>')
    water = "".join(path_of([part["coordinates"]]) for part in data["water"])
    out.append(f'<path class="water" d="{water}"/>')
    polders = "".join(path_of([part["coordinates"]]) for part in data["polders"])
    out.append(f'<path class="land" d="{polders}"/>')
    return "".join(out)


def province_layer() -> str:
    data = outline()
    lines = "".join(
        "M" + "L".join("{:.1f} {:.1f}".format(*project(lon, lat)) for lon, lat in line)
        for line in data["province_borders"]
    )
    out = [f'<path class="province-border" d="{lines}"/>']
    for label in data["province_labels"]:
        x, y = project(*label["at"])
        out.append(
            f'<text class="province-label" x="{x:.0f}" y="{y:.0f}" '
            f'text-anchor="middle">{escape(label["name"])}</text>'
        )
    return "".join(out)


def boundary_layer(colour_of: dict[str, str]) -> str:
    """Imported CBS boundaries; those of the network's gemeenten tinted in their colour."""
    from kennisbrug.network.models import MunicipalityBoundary

    stamp = MunicipalityBoundary.objects.aggregate(n=Count("pk"), last=Max("imported_at"))
    if not stamp["n"]:
        return ""
    raw = f"{stamp['n']}:{stamp['last']}:{sorted(colour_of.items())}"
    key = "map-boundaries:" + hashlib.sha256(raw.encode()).hexdigest()[:32]
    drawn = cache.get(key)
    if drawn is None:
        out = []
        for code, name, geometry in MunicipalityBoundary.objects.values_list(
            "code", "name", "geometry"
        ):
            rings = [ring for polygon in geometry for ring in polygon]
            colour = colour_of.get(code)
            style = f' fill="{colour}"' if colour else ""
            css = "boundary in-network" if colour else "boundary"
            out.append(
                f'<path class="{css}"{style} d="{path_of(rings, tolerance=0.4)}">'
                f"<title>{escape(name)}</title></path>"
            )
        drawn = "".join(out)
        cache.set(key, drawn, timeout=None)
    return drawn


@dataclass
class Placed:
    werkplaats: Werkplaats
    number: int
    colour: str
    municipalities: list[Municipality] = field(default_factory=list)
    x: float | None = None
    y: float | None = None


def network_on_map() -> tuple[list[Placed], dict[str, tuple[float, float]]]:
    """Every werkplaats with its current municipalities, numbered, coloured and positioned."""
    werkplaatsen = list(Werkplaats.objects.order_by("short_name"))
    members = (
        Membership.objects.current()
        .filter(organisation__municipality__isnull=False)
        .select_related("organisation__municipality__province")
        .order_by("organisation__municipality__name")
    )
    by_werkplaats: dict[int, list[Municipality]] = {}
    for membership in members:
        found = by_werkplaats.setdefault(membership.werkplaats_id, [])
        municipality = membership.organisation.municipality
        if municipality not in found:
            found.append(municipality)
    where = positions()
    placed = []
    for number, werkplaats in enumerate(werkplaatsen, start=1):
        entry = Placed(
            werkplaats=werkplaats,
            number=number,
            colour=PALETTE[(number - 1) % len(PALETTE)],
            municipalities=by_werkplaats.get(werkplaats.pk, []),
        )
        points = [project(*where[m.code]) for m in entry.municipalities if m.code in where]
        if points:
            entry.x = sum(p[0] for p in points) / len(points)
            entry.y = sum(p[1] for p in points) / len(points)
        placed.append(entry)
    dots = [project(*where[m.code]) for e in placed for m in e.municipalities if m.code in where]
    _spread_badges([p for p in placed if p.x is not None], dots)
    return placed, where


def _spread_badges(
    placed: list[Placed], dots: list[tuple[float, float]], radius: float = 13.0
) -> None:
    """Push badges off each other and off the gemeente dots, so every number and dot shows."""
    if not placed:
        return
    badges = np.array([[p.x, p.y] for p in placed], dtype=float)
    fixed = np.array(dots, dtype=float).reshape(-1, 2)
    for _round in range(80):
        # Off the dots: a badge right on its only dot moves straight up (reads best).
        delta = badges[:, None, :] - fixed[None, :, :]
        distance = np.hypot(delta[..., 0], delta[..., 1])
        on_top = distance == 0
        delta[on_top] = [0.0, -1.0]
        distance[on_top] = 1.0
        overlap = np.clip(radius + 6 - distance, 0, None)
        push = (delta / distance[..., None] * overlap[..., None]).sum(axis=1)
        # Off each other: both badges move half the overlap.
        between = badges[:, None, :] - badges[None, :, :]
        apart = np.hypot(between[..., 0], between[..., 1]) + np.eye(len(badges))
        clash = np.clip(2 * radius + 2 - apart, 0, None) / 2
        np.fill_diagonal(clash, 0)
        push += (between / apart[..., None] * clash[..., None]).sum(axis=1)
        if not push.any():
            break
        badges += push * 0.5
    for badge, (x, y) in zip(placed, badges, strict=True):
        badge.x, badge.y = float(x), float(y)


def map_svg(placed: list[Placed], where: dict[str, tuple[float, float]], lang: str) -> SafeString:
    colour_of: dict[str, str] = {}
    for entry in placed:
        for municipality in entry.municipalities:
            colour_of.setdefault(municipality.code, entry.colour)
    title = escape(_("Kaart van Nederland met de werkplaatsen en hun gemeenten"))
    out = [
        f'<svg class="nl-map" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
        f'aria-labelledby="kaart-titel"><title id="kaart-titel">{title}</title>'
        '<g aria-hidden="true">',
        base_layer(lang),
        boundary_layer(colour_of),
        province_layer(),
    ]
    # Spokes from each badge to its gemeenten, then the gemeenten, then the badges on top.
    dots: dict[str, tuple[float, float, str, str]] = {}
    for entry in placed:
        if entry.x is None:
            continue
        for municipality in entry.municipalities:
            if municipality.code not in where:
                continue
            x, y = project(*where[municipality.code])
            out.append(
                f'<line class="spoke" x1="{entry.x:.1f}" y1="{entry.y:.1f}" x2="{x:.1f}" '
                f'y2="{y:.1f}" stroke="{entry.colour}"/>'
            )
            dots.setdefault(municipality.code, (x, y, entry.colour, municipality.name))
    for x, y, colour, name in dots.values():
        out.append(
            f'<circle class="gemeente" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">'
            f"<title>{escape(name)}</title></circle>"
        )
    out.append("</g>")
    for entry in placed:
        if entry.x is None:
            continue
        label = ngettext(
            "%(number)d: %(name)s, %(count)d gemeente",
            "%(number)d: %(name)s, %(count)d gemeenten",
            len(entry.municipalities),
        ) % {
            "number": entry.number,
            "name": entry.werkplaats.name,
            "count": len(entry.municipalities),
        }
        preparing = "" if entry.werkplaats.status == Werkplaats.Status.ACTIVE else " preparing"
        out.append(
            f'<a class="badge{preparing}" href="{escape(entry.werkplaats.get_absolute_url())}" '
            f'aria-label="{escape(label)}"><circle cx="{entry.x:.1f}" cy="{entry.y:.1f}" r="12" '
            f'fill="{entry.colour}"/><text x="{entry.x:.1f}" y="{entry.y + 4:.1f}" '
            f'text-anchor="middle">{entry.number}</text></a>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped or our own


def map_context(language: str = "nl") -> dict:
    from kennisbrug.network.models import MunicipalityBoundary

    placed, where = network_on_map()
    unplaced = sorted(
        {m.name for entry in placed for m in entry.municipalities if m.code not in where}
    )
    return {
        "svg": map_svg(placed, where, language),
        "placed": placed,
        "unplaced": unplaced,
        "boundary_count": MunicipalityBoundary.objects.count(),
        "municipality_count": len({m.code for e in placed for m in e.municipalities}),
    }
