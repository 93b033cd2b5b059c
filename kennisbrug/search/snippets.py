"""Snippets: the sentence of a text that best matches the query, matched words marked.

Checking every word of a long text through the analysis would cost milliseconds per hit,
so a ``Marker`` first lets a regular expression find the words that could match (those
containing the first letters of a query term, compounds included) and runs only those
through the analysis.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kennisbrug.search.text import fold

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
LENGTH = 260
SCAN = 8000  # the best sentence is looked for in the first pages only: bounded cost per hit
PROBE = 4  # letters of a term a matching word must contain (stems lose their last letters)


class Marker:
    def __init__(self, terms: Iterable[str], matches: Callable[[str], bool]):
        probes = sorted({re.escape(t[:PROBE]) for t in terms if t})
        # A plain alternation of literals: the regex engine finds these fast; the words
        # around them are then grown by hand, only where a probe hit.
        self.pattern = re.compile("|".join(probes), re.IGNORECASE) if probes else None
        self.matches = matches

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, folded word) of every word that matches the query."""
        if self.pattern is None:
            return []
        found, last_end = [], -1
        for m in self.pattern.finditer(text):
            if m.start() < last_end:
                continue  # inside a word already looked at
            start, end = m.start(), m.end()
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            while end < len(text) and text[end].isalnum():
                end += 1
            last_end = end
            word = text[start:end]
            folded = word.lower() if word.isascii() else fold(word)
            if self.matches(folded):
                found.append((start, end, folded))
        return found


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        bounds.append((start, boundary.start()))
        start = boundary.end()
    bounds.append((start, len(text)))
    return bounds


def snippet(text: str, marker: Marker, length: int = LENGTH) -> SafeString:
    """The sentence with the most distinct matched words (the first of equals), extended
    or cut to about ``length`` characters, HTML-escaped, matches in <mark>."""
    if not text:
        return mark_safe("")
    text = text[:SCAN]
    spans = marker.spans(text)
    best, best_hits = (0, len(text)), 0
    if spans:
        i = 0
        for s, e in _sentences(text):
            words = set()
            while i < len(spans) and spans[i][0] < e:
                if spans[i][0] >= s:
                    words.add(spans[i][2])
                i += 1
            if len(words) > best_hits:
                best, best_hits = (s, e), len(words)
    s = best[0]
    end = min(s + length, len(text))
    piece = text[s:end]
    suffix = " …" if end < len(text) else ""
    if suffix:
        cut = piece.rfind(" ")
        piece = piece[:cut] if cut > length // 2 else piece
    inside = [(a - s, b - s, w) for a, b, w in spans if a >= s and b <= s + len(piece)]
    return _marked(piece, inside, "… " if s > 0 else "", suffix)


def highlight(text: str, marker: Marker) -> SafeString:
    return _marked(text, marker.spans(text))


def _marked(text: str, spans, prefix: str = "", suffix: str = "") -> SafeString:
    out, last = [escape(prefix)], 0
    for start, end, _word in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    out.append(escape(suffix))
    return mark_safe("".join(out))
