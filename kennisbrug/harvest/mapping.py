"""Dublin Core to a product: which element fills which field, and how it is cleaned."""

from __future__ import annotations

import datetime
import re
from typing import Any

from kennisbrug.products.models import Product

# dc:type words (Dutch and English, as repositories write them) to our kinds.
KIND_WORDS = [
    ("onderzoeksrapport", ["rapport", "report", "onderzoek", "research", "thesis", "scriptie"]),
    ("artikel", ["artikel", "article", "journal", "tijdschrift"]),
    ("video", ["video", "film", "moving image"]),
    ("podcast", ["podcast", "audio", "sound"]),
    ("methode", ["methode", "method"]),
    ("handreiking", ["handreiking", "handleiding", "guide", "toolkit"]),
    ("factsheet", ["factsheet"]),
    ("lesmateriaal", ["lesmateriaal", "learning", "course", "onderwijs"]),
    ("casus", ["casus", "case"]),
]
LICENCES = [
    ("cc-by-nc-sa-4.0", ["by-nc-sa"]),
    ("cc-by-nc-4.0", ["by-nc"]),
    ("cc-by-sa-4.0", ["by-sa"]),
    ("cc-by-4.0", ["cc by", "cc-by", "licenses/by/"]),
    ("cc0-1.0", ["cc0", "publicdomain/zero"]),
]


def kind_of(types: list[str]) -> str:
    text = " ".join(types).casefold()
    for kind, words in KIND_WORDS:
        if any(word in text for word in words):
            return kind
    return Product.Kind.OTHER


def licence_of(rights: list[str]) -> str:
    text = " ".join(rights).casefold()
    for licence, marks in LICENCES:
        if any(mark in text for mark in marks):
            return licence
    return ""


def date_of(dates: list[str]) -> tuple[datetime.date | None, int | None]:
    for value in dates:
        match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
        if not match:
            continue
        year = int(match[1])
        if not 1900 <= year <= 2100:
            continue
        if match[3]:
            try:
                day = datetime.date(year, int(match[2]), int(match[3]))
            except ValueError:
                return None, year
            return day, year
        return None, year
    return None, None


def fields_from_dc(dc: dict[str, list[str]]) -> dict[str, tuple[str, Any]]:
    """Product field → (the element it came from, the value), for what the record has."""
    out: dict[str, tuple[str, Any]] = {}
    if dc.get("title"):
        out["title"] = ("dc:title", dc["title"][0][:300])
    if dc.get("description"):
        out["summary"] = ("dc:description", "\n\n".join(dc["description"]))
    if dc.get("subject"):
        out["keywords"] = ("dc:subject", list(dict.fromkeys(dc["subject"])))
    if dc.get("creator"):
        out["authors"] = ("dc:creator", list(dict.fromkeys(n[:200] for n in dc["creator"])))
    published_on, year = date_of(dc.get("date", []))
    if year:
        out["published_on"] = ("dc:date", published_on.isoformat() if published_on else None)
        out["year"] = ("dc:date", year)
    out["kind"] = ("dc:type", kind_of(dc.get("type", [])))
    links = [v for v in dc.get("identifier", []) if re.match(r"^https?://\S+$", v)]
    if links:
        out["url"] = ("dc:identifier", links[0][:200])
    if dc.get("rights"):
        out["licence"] = ("dc:rights", licence_of(dc["rights"]))
    return out
