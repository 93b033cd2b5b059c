"""Template helpers of the public site: numbers in the reader's format, absolute addresses,
and schema.org data embedded safely."""

from __future__ import annotations

import json
from functools import cache

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

# The characters that could end a <script> element or start an HTML comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def getal(value) -> str:
    """A whole number with the language's thousands separator: 12.345 in Dutch, 12,345 in
    English. (USE_THOUSAND_SEPARATOR would also group years, which reads as 2.024.)"""
    try:
        return number_format(int(value), force_grouping=True)
    except (TypeError, ValueError):
        return value


@register.simple_tag
def absolute(path: str) -> str:
    """The public address of a path on this site, from SITE_URL (not the request's Host)."""
    return settings.SITE_URL.rstrip("/") + path


@register.filter
def jsonld(data: dict | None) -> SafeString:
    """A schema.org description as a <script type="application/ld+json"> element."""
    if not data:
        return SafeString("")
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))


@register.filter
def naam(theme) -> str:
    """A theme's name in the reader's language (themes carry an English name beside the Dutch)."""
    english = getattr(theme, "name_en", "")
    return english if english and get_language() == "en" else theme.name


@register.filter
def naamtaal(theme) -> str:
    """The language of what ``naam`` shows, for a ``lang`` attribute: a theme without an English
    name falls back to its Dutch one, and must then say so (WCAG 3.1.2)."""
    return "en" if getattr(theme, "name_en", "") and get_language() == "en" else "nl"


@cache
def _known_kinds() -> dict[str, object]:
    """The search index stores a hit's finer kind as text ("onderzoeksrapport", "leeratelier"):
    the Dutch label of a choice of ours. Map every such label (and its English, should a
    record have been indexed during an English request) back to the translatable label."""
    from kennisbrug.products.models import Product
    from kennisbrug.projects.models import Project
    from kennisbrug.registry.models import Werkplaats
    from kennisbrug.themes.models import Vraagstuk

    labels: dict[str, object] = {}
    for language in ("nl", "en"):
        with translation.override(language):
            for choices in (Product.Kind, Project.Kind, Vraagstuk.Kind, Werkplaats.Status):
                for member in choices:
                    labels.setdefault(str(member.label), member.label)
    return labels


@register.filter
def soort(subtype: str) -> str:
    """A stored finer kind in the reader's language; other text (a databank's name) as is."""
    return str(_known_kinds().get(subtype, subtype))


@register.filter
def soorttaal(subtype: str) -> str:
    """The language of what ``soort`` shows: ours in the page's language, record text Dutch."""
    return get_language() if subtype in _known_kinds() else "nl"


@register.filter
def nl(value) -> SafeString:
    """Record text inside a sentence of ours, marked Dutch: ``{% blocktranslate with
    name=werkplaats.name|nl %}`` keeps the sentence translatable and the name's language known."""
    return format_html('<span lang="nl">{}</span>', value)
