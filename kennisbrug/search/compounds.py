"""Splitting Dutch compounds: schuldhulpverlening → schuld + hulpverlening → hulp + verlening.

Dutch glues words together where English leaves spaces, so a query for "schulden" must find
"schuldhulpverlening" and a query for "hulp bij schulden" must find it too. A word is split
where every part is a known word: from the Dutch word frequencies that ship with `wordfreq`
(a maintained list, inside its wheel, no download) and from the corpus's own vocabulary. Of
all splits the one whose parts are most common wins (the geometric mean of their
frequencies, as Koehn & Knight proposed); a split may use the linking sounds -s-, -e- and -en-
(gezondheid-s-verschillen). Parts are split again, so all levels are indexed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache, lru_cache

MIN_WORD = 8  # shorter words are rarely compounds, and splitting them mostly goes wrong
MIN_PART = 4  # "ver", "aan", "ont" would split every second word
MIN_ZIPF = 2.5  # a part must be a word people actually write (zipf 2.5 ≈ 0.3 per million words)
LINKS = ("", "s", "e", "en")

# Endings that are words on their own in the frequency list but never the head of a split
# (gezond|heid, weten|schap).
BOUND = frozenset(
    "heid heden schap schappen lijk lijke ling lingen baar nis tje atie aties isme ist iste"
    " ster eren erij achtig ring ting".split()
)
# Particles make verbs, not compounds: samen|werking, onder|steuning and mede|werker are
# single concepts, and splitting them would match every text about "werk" or "steun".
PARTICLES = frozenset(
    "aaneen achter binnen boven buiten door mede omhoog onder over samen tegen terug toe"
    " voor vooruit weder weer".split()
)


@cache
def dutch_lexicon() -> dict[str, float]:
    """Dutch words with their zipf frequency (log10 per billion words), common ones only."""
    from wordfreq import get_frequency_dict

    lexicon = {}
    for word, freq in get_frequency_dict("nl", wordlist="large").items():
        if freq <= 0 or not word.isalpha():
            continue
        zipf = math.log10(freq) + 9
        if zipf >= MIN_ZIPF:
            lexicon[word] = zipf
    return lexicon


class CompoundSplitter:
    def __init__(self, lexicon: dict[str, float], extra: Iterable[str] = ()):
        self.lexicon = dict(lexicon)
        # Words of the corpus itself ("wijkteam", "ervaringsdeskundige") count as known words.
        for word in extra:
            self.lexicon.setdefault(word, MIN_ZIPF + 0.5)
        self.parts = lru_cache(maxsize=200_000)(self._parts)

    def known(self, word: str) -> bool:
        return word in self.lexicon

    def split(self, word: str) -> tuple[str, ...]:
        """The best two-way split (head and modifier may themselves be compounds), or ()."""
        if len(word) < MIN_WORD:
            return ()
        best: tuple[float, tuple[str, ...]] | None = None
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head = word[cut:]
            if head in BOUND or self.lexicon.get(head, 0) < MIN_ZIPF:
                continue
            for link in LINKS:
                stem_end = cut - len(link)
                if stem_end < MIN_PART or not word[:cut].endswith(link):
                    continue
                modifier = word[:stem_end]
                if modifier in PARTICLES:
                    continue
                zipf, penalty = self.lexicon.get(modifier, 0), 0.3 if link else 0.0
                if zipf < MIN_ZIPF and self.parts(modifier):
                    # The modifier is a compound itself (geldroute|aanpak): allowed, but a
                    # split into two known words wins (betaling|s|achterstanden, not
                    # betalingsachter|tanden).
                    zipf, penalty = MIN_ZIPF, penalty + 1.5
                if zipf < MIN_ZIPF:
                    continue
                # Geometric mean of frequencies; a linking sound costs a little, so that
                # "schuld|hulp" beats "schulds|hulp" style accidents.
                score = (zipf + self.lexicon[head]) / 2 - penalty
                if best is None or score > best[0]:
                    best = (score, (modifier, head))
        if best is None:
            return ()
        # A common word that is more frequent than its would-be parts is a word of its own
        # (verschillen is not vers|chillen); only rarer words are split.
        if self.lexicon.get(word, 0) >= best[0]:
            return ()
        return best[1]

    def _parts(self, word: str) -> tuple[str, ...]:
        """Every part at every level, without the word itself."""
        pair = self.split(word)
        found: list[str] = []
        for part in pair:
            found.append(part)
            found.extend(self.parts(part))
        return tuple(dict.fromkeys(found))
