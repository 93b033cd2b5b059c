"""Import CBS municipality boundaries from GeoJSON: all or nothing, and the same file twice
changes nothing.

Accepted: a FeatureCollection of Polygon or MultiPolygon features, in WGS84 or in the Dutch
RD New grid (EPSG:28992, how CBS and PDOK publish them), told apart by the ``crs`` member or,
without one, by the size of the numbers. The code comes from ``statcode`` (CBS and PDOK),
``gemeentecode``, ``GM_CODE`` or ``code``; the name from ``statnaam``, ``gemeentenaam``,
``GM_NAAM`` or ``name``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from kennisbrug.network.geo import geometry_centroid, rd_to_wgs84, simplify
from kennisbrug.network.models import MunicipalityBoundary

CODE_FIELDS = ("statcode", "gemeentecode", "GM_CODE", "code")
NAME_FIELDS = ("statnaam", "gemeentenaam", "GM_NAAM", "name")
#: Stored outlines are simplified to about 50 metres: plenty for a map, a fraction of the size.
TOLERANCE_DEGREES = 0.0005
MAX_ERRORS = 50


class FeatureError(Exception):
    """One problem in one feature, named by its number (from 1), code and field."""

    def __init__(self, number: int | None, code: str, field: str, message: str) -> None:
        super().__init__(message)
        self.number, self.code, self.field, self.message = number, code, field, message

    def __str__(self) -> str:
        if self.number is None:
            return f"bestand, veld {self.field}: {self.message}"
        where = f"feature {self.number}" + (f" ({self.code})" if self.code else "")
        return f"{where}, veld {self.field}: {self.message}"


class BoundariesRejected(Exception):
    def __init__(self, filename: str, errors: list[FeatureError]) -> None:
        self.filename, self.errors = filename, errors
        super().__init__("\n".join(f"{filename}: {error}" for error in errors))


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def __str__(self) -> str:
        text = f"{self.created} nieuw, {self.updated} bijgewerkt, {self.unchanged} ongewijzigd"
        return text + (f", {self.removed} verwijderd" if self.removed else "")


def normalise_code(value: object) -> str | None:
    """'GM0363', 'gm0363', '0363' and 363 all mean Amsterdam; anything else is no code."""
    text = str(value).strip().upper() if value is not None else ""
    if re.fullmatch(r"GM\d{4}", text):
        return text
    if re.fullmatch(r"\d{1,4}", text):
        return f"GM{int(text):04d}"
    return None


def _declared_rd(data: dict) -> bool | None:
    name = str(((data.get("crs") or {}).get("properties") or {}).get("name", ""))
    if not name:
        return None
    return "28992" in name


def _convert_ring(ring, *, rd: bool, where: tuple) -> list[list[float]]:
    number, code, field = where
    if not isinstance(ring, list) or len(ring) < 4:
        raise FeatureError(number, code, field, "een ring heeft minstens 4 punten nodig")
    points = []
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in position[:2])
        ):
            raise FeatureError(number, code, field, f"geen punt [x, y]: {position!r:.60}")
        x, y = float(position[0]), float(position[1])
        lon, lat = rd_to_wgs84(x, y) if rd else (x, y)
        if not (2.0 <= lon <= 8.0 and 50.0 <= lat <= 54.5):
            raise FeatureError(
                number, code, field, f"punt ({x:g}, {y:g}) ligt niet in of bij Nederland"
            )
        points.append((lon, lat))
    simple = simplify(points, TOLERANCE_DEGREES)
    if len(simple) < 4:  # a tiny ring: keep its original points
        simple = points
    return [[round(lon, 5), round(lat, 5)] for lon, lat in simple]


def _looks_rd(features: list) -> bool:
    for feature in features:
        try:
            coordinates = feature["geometry"]["coordinates"]
            while isinstance(coordinates[0], list):
                coordinates = coordinates[0]
            return abs(float(coordinates[0])) > 180
        except (KeyError, IndexError, TypeError, ValueError):
            continue
    return False


def parse(data: object) -> tuple[list[dict], list[FeatureError]]:
    """Every feature checked; returns the rows to write and every problem found."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return [], [FeatureError(None, "", "type", "verwacht een GeoJSON FeatureCollection")]
    features = data.get("features")
    if not isinstance(features, list):
        return [], [FeatureError(None, "", "features", "ontbreekt of is geen lijst")]
    declared = _declared_rd(data)
    rd = _looks_rd(features) if declared is None else declared
    rows: list[dict] = []
    errors: list[FeatureError] = []
    seen: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        if len(errors) >= MAX_ERRORS:
            break
        try:
            rows.append(_parse_feature(number, feature, rd=rd, seen=seen))
        except FeatureError as error:
            errors.append(error)
    return rows, errors


def _parse_feature(number: int, feature: object, *, rd: bool, seen: dict[str, int]) -> dict:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise FeatureError(number, "", "type", "geen GeoJSON Feature")
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        raise FeatureError(number, "", "properties", "ontbreekt")
    code_field = next((f for f in CODE_FIELDS if f in properties), None)
    if code_field is None:
        raise FeatureError(number, "", "properties.statcode", "geen gemeentecode gevonden")
    code = normalise_code(properties[code_field])
    if code is None:
        raise FeatureError(
            number,
            str(properties[code_field]),
            f"properties.{code_field}",
            "geen CBS-gemeentecode (zoals GM0363)",
        )
    if code in seen:
        raise FeatureError(
            number, code, f"properties.{code_field}", f"komt al voor in feature {seen[code]}"
        )
    seen[code] = number
    name_field = next((f for f in NAME_FIELDS if properties.get(f)), None)
    if name_field is None:
        raise FeatureError(number, code, "properties.statnaam", "geen naam gevonden")
    name = str(properties[name_field]).strip()[:100]
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict):
        raise FeatureError(number, code, "geometry", "ontbreekt")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind not in ("Polygon", "MultiPolygon"):
        raise FeatureError(
            number, code, "geometry.type", f"verwacht Polygon of MultiPolygon, niet {kind!r}"
        )
    if not isinstance(coordinates, list) or not coordinates:
        raise FeatureError(number, code, "geometry.coordinates", "ontbreekt of is leeg")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    converted = []
    for p, polygon in enumerate(polygons):
        if not isinstance(polygon, list) or not polygon:
            raise FeatureError(number, code, f"geometry.coordinates[{p}]", "lege polygoon")
        converted.append(
            [
                _convert_ring(ring, rd=rd, where=(number, code, f"geometry.coordinates[{p}][{r}]"))
                for r, ring in enumerate(polygon)
            ]
        )
    lon, lat = geometry_centroid(converted)
    return {
        "code": code,
        "name": name,
        "geometry": converted,
        "centroid_lat": round(lat, 5),
        "centroid_lon": round(lon, 5),
    }


def import_boundaries(path: Path | str, *, replace: bool = False) -> ImportResult:
    """Check the whole file first; write nothing unless every feature is right."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise BoundariesRejected(
            path.name, [FeatureError(None, "", "-", f"niet te lezen: {error}")]
        ) from None
    except json.JSONDecodeError as error:
        message = f"geen geldige JSON (regel {error.lineno}): {error.msg}"
        raise BoundariesRejected(path.name, [FeatureError(None, "", "-", message)]) from None
    rows, errors = parse(data)
    if errors:
        raise BoundariesRejected(path.name, errors)
    if not rows:
        raise BoundariesRejected(
            path.name, [FeatureError(None, "", "features", "geen enkele gemeente")]
        )
    result = ImportResult()
    with transaction.atomic():
        existing = {b.code: b for b in MunicipalityBoundary.objects.select_for_update()}
        for row in rows:
            current = existing.get(row["code"])
            if current is None:
                MunicipalityBoundary.objects.create(**row)
                result.created += 1
            elif all(getattr(current, key) == value for key, value in row.items()):
                result.unchanged += 1
            else:
                for key, value in row.items():
                    setattr(current, key, value)
                current.save()
                result.updated += 1
        if replace:
            gone = set(existing) - {row["code"] for row in rows}
            result.removed = MunicipalityBoundary.objects.filter(code__in=gone).delete()[0]
    return result
