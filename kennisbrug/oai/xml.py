"""Tiny helpers to write XML as text (the provider writes, it never needs to read)."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

# Characters XML 1.0 does not allow at all; they are dropped rather than escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def text(value: object) -> str:
    return escape(_NOT_XML.sub("", str(value)))


def attr(value: object) -> str:
    return quoteattr(_NOT_XML.sub("", str(value)))


def element(name: str, value: object, **attrs: object) -> str:
    attributes = "".join(f" {key.replace('_', ':')}={attr(v)}" for key, v in attrs.items())
    return f"<{name}{attributes}>{text(value)}</{name}>"
