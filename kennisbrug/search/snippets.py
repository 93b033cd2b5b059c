"""Snippets: the sentence of a text that best matches the query, matched words marked."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kennisbrug.search.text import token_spans

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
LENGTH = 260


def snippet(text: str, matches: Callable[[str], bool], length: int = LENGTH) -> SafeString:
    """The best window of ``text``, HTML-escaped, with matching words in <mark>."""
    if not text:
        return mark_safe("")
    sentences = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        sentences.append((start, boundary.start()))
        start = boundary.end()
    sentences.append((start, len(text)))

    best, best_score = (0, 0), -1.0
    for s, e in sentences:
        spans = token_spans(text[s:e])
        hits = {word for _, _, word in spans if matches(word)}
        # Distinct matched words count most; an early position breaks ties.
        score = len(hits) - s / (10 * len(text) + 1)
        if hits and score > best_score:
            best, best_score = (s, e), score
    s, e = best if best_score >= 0 else (0, len(text))
    # Extend short sentences with what follows; cut long ones around the first match.
    e = max(e, min(len(text), s + length))
    piece_start, piece_end = s, min(e, s + length)
    prefix = "… " if piece_start > 0 else ""
    suffix = " …" if piece_end < len(text) else ""
    piece = text[piece_start:piece_end]
    if suffix:
        cut = piece.rfind(" ")
        piece = piece[:cut] if cut > length // 2 else piece
    return highlight(piece, matches, prefix, suffix)


def highlight(text: str, matches: Callable[[str], bool], prefix="", suffix="") -> SafeString:
    out, last = [escape(prefix)], 0
    for start, end, word in token_spans(text):
        if matches(word):
            out.append(escape(text[last:start]))
            out.append(f"<mark>{escape(text[start:end])}</mark>")
            last = end
    out.append(escape(text[last:]))
    out.append(escape(suffix))
    return mark_safe("".join(out))
