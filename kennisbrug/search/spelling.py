"""Typo tolerance: a query word nobody ever wrote is replaced by the nearest word that the
corpus or the Dutch lexicon knows ("eenzaamhied" → "eenzaamheid").

Candidates come from a deletion index (the SymSpell idea): every word is stored under each
of its one-letter deletions, so a lookup costs a few dictionary probes instead of a scan
of the vocabulary. Edit distance is then checked exactly (Damerau–Levenshtein, so swapped
letters count once).

Writing by ear is the other common kind of typo in Dutch: *psychiese* for *psychische*,
*amtenaar* for *ambtenaar*, *komunikatie* for *communicatie*. Such words can be two or
three edits away although they sound the same, so when no word is near enough in edits,
the corrector looks for a corpus word with the same *sound key* (Dutch spelling choices
that sound alike folded together, double letters made single).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

# Spellings that sound (nearly) the same in Dutch, folded to one form. Order matters:
# "isch" before "ie" (psychische/psychiese), "ij" before "y", "ch" is kept apart from "c".
_SOUND_RULES = [
    (re.compile(p), r)
    for p, r in (
        (r"isch", "is"),
        (r"ij", "ei"),
        (r"y", "i"),
        (r"ie", "i"),
        (r"au", "ou"),
        (r"dt\b", "t"),
        (r"d\b", "t"),
        (r"mbt", "mt"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"qu", "kw"),
        (r"x", "ks"),
        (r"c(?!h)", "k"),
        (r"(.)\1", r"\1"),
    )
]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance, giving up (returning limit) beyond ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) >= limit:
            return limit
        previous2, previous = previous, current
    return min(previous[-1], limit)


def sound_key(word: str) -> str:
    """The word as it sounds, roughly: psychiese and psychische give the same key."""
    for pattern, replacement in _SOUND_RULES:
        word = pattern.sub(replacement, word)
    return word


def max_distance(word: str) -> int:
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


class SpellingCorrector:
    def __init__(self, frequencies: Mapping[str, int], known: Mapping[str, float]):
        """``frequencies``: corpus words and counts (the candidates); ``known``: every word
        that counts as correctly spelled (corpus and lexicon)."""
        self.frequencies = frequencies
        self.known = known
        self.by_deletion: dict[str, list[str]] = defaultdict(list)
        for word in frequencies:
            if len(word) >= 5:
                self.by_deletion[word].append(word)
                for deleted in _deletions(word):
                    self.by_deletion[deleted].append(word)
        self._by_sound: dict[str, str] | None = None  # built on the first sound-alike lookup

    def _sound_alike(self, word: str) -> str | None:
        """The most frequent corpus word that sounds like ``word``, if any."""
        if self._by_sound is None:
            by_sound: dict[str, str] = {}
            for candidate, count in self.frequencies.items():
                if len(candidate) >= 5 and candidate.isalpha():
                    key = sound_key(candidate)
                    best = by_sound.get(key)
                    if best is None or (-count, candidate) < (-self.frequencies[best], best):
                        by_sound[key] = candidate
            self._by_sound = by_sound
        found = self._by_sound.get(sound_key(word))
        return found if found != word else None

    def correct(self, word: str) -> str | None:
        """The intended word, or None if the word is fine or nothing is close enough."""
        limit = max_distance(word)
        if not limit or word in self.known or word in self.frequencies or not word.isalpha():
            return None
        candidates: set[str] = set(self.by_deletion.get(word, ()))
        for deleted in _deletions(word):
            candidates.update(self.by_deletion.get(deleted, ()))
        best: tuple[int, int, str] | None = None
        for candidate in candidates:
            distance = edit_distance(word, candidate, limit + 1)
            if distance <= limit:
                key = (distance, -self.frequencies[candidate], candidate)
                if best is None or key < best:
                    best = key
        return best[2] if best else self._sound_alike(word)
