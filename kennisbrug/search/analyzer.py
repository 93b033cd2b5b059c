"""The Dutch analysis pipeline, one for indexing and querying alike.

text → folded tokens → stop words out → Snowball stem (+ compound parts, stemmed) → terms.

The stemmer is Snowball's ``dutch_porter``, which gives the same stems as PostgreSQL's
``dutch`` configuration. We feed both engines these terms (FTS5 with a plain tokenizer,
PostgreSQL with the ``simple`` configuration), so both index exactly the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import Stemmer

from kennisbrug.search.compounds import CompoundSplitter, dutch_lexicon
from kennisbrug.search.text import STOPWORDS, raw_tokens, tokens, valid_token

# Where Snowball conflates words the social domain must keep apart (ouderen, the elderly,
# are not ouders, parents) or misses an irregular plural (kinderen → kind).
STEM_OVERRIDES = {
    "ouderen": "oudere",
    "oudere": "oudere",
    "jongeren": "jongere",
    "jongere": "jongere",
    "kinderen": "kind",
    "kinder": "kind",
}
# Agent nouns on -er: "mantelzorger" should meet "mantelzorg", "hulpverlener" meets
# "hulpverlening" (both stem to hulpverlen). Only long stems, so "ouder" stays "ouder".
AGENT_MIN_STEM = 10
MEMO_MAX = 500_000  # distinct words remembered while indexing (bounded: typos never end)
# Snowball's dutch_porter keeps the plural's spelling in the stem where the singular has
# another: gezinnen → gezinn but gezin → gezin; vallen → vall, val → val; huizen → huiz,
# huis → huis; brieven → briev. Changing the stems themselves would shift every document's
# terms; the query instead also asks for the other spelling (see ``spelling_variants``).
_VOWELS = frozenset("aeiouy")
_LONG_VOWELS = frozenset("aa ee oo uu ie ij ei ui ou au eu".split())
_SWAP = {"z": "s", "s": "z", "v": "f", "f": "v"}


def spelling_variants(stem: str) -> tuple[str, ...]:
    """Other spellings of a Snowball stem that may be the same word: a doubled or undoubled
    final consonant (gezin ↔ gezinn, vall ↔ val) and z/s, v/f after a consonant or a long
    vowel (huiz ↔ huis, briev ↔ brief). Candidates only: the caller keeps those the corpus
    has. Short stems (under 4 letters) have too many neighbours to guess."""
    if len(stem) < 4 or not stem.isalpha():
        return ()
    last, before = stem[-1], stem[-2]
    found = []
    if last not in _VOWELS:
        if last == before:
            found.append(stem[:-1])
        elif before in _VOWELS and stem[-3] not in _VOWELS:  # short vowel: gezin → gezinn
            found.append(stem + last)
    if last in _SWAP and (before not in _VOWELS or stem[-3:-1] in _LONG_VOWELS):
        found.append(stem[:-1] + _SWAP[last])
    return tuple(found)


class _Memo(dict):
    """word → its analysis, computed on first sight. Looked up with ``map`` over a text's
    tokens, so a word seen before costs a dictionary probe in C, not a Python call."""

    def __init__(self, compute):
        super().__init__()
        self.compute = compute

    def __missing__(self, token: str):
        if len(self) >= MEMO_MAX:
            self.clear()
        value = self[token] = self.compute(token)
        return value


class Analyzer:
    def __init__(self, splitter: CompoundSplitter):
        self.splitter = splitter
        self._stemmer = Stemmer.Stemmer("dutch_porter")
        self.terms_of = lru_cache(maxsize=300_000)(self._terms_of)
        self.stem = lru_cache(maxsize=300_000)(self._stem)
        self._term_text = _Memo(lambda t: " ".join(self.terms_of(t)) if valid_token(t) else "")
        self._stem_text = _Memo(lambda t: self.stem(t) if valid_token(t) else "")

    def _stem(self, token: str) -> str:
        if token in STEM_OVERRIDES:
            return STEM_OVERRIDES[token]
        if token.isdigit():
            return token
        return self._stemmer.stemWord(token)

    def _terms_of(self, token: str) -> tuple[str, ...]:
        """The index terms of one token: its stem, its compound parts' stems, agent variant."""
        if token in STOPWORDS:
            return ()
        found = [self.stem(token)]
        for part in self.splitter.parts(token):
            if part not in STOPWORDS:
                found.append(self.stem(part))
        for term in list(found):
            if len(term) >= AGENT_MIN_STEM and term.endswith("er"):
                found.append(term[:-2])
        return tuple(dict.fromkeys(found))

    def terms(self, text: str) -> list[str]:
        """All index terms of a text, repeated as often as they occur (BM25 counts them)."""
        out: list[str] = []
        for token in tokens(text):
            out.extend(self.terms_of(token))
        return out

    def analyse(self, text: str) -> tuple[str, list[str]]:
        """One pass for indexing: (the index terms as one space-separated string, the
        stems of every word). The same as ``" ".join(terms(text))`` and ``all_stems(text)``,
        with one tokenisation and one memo probe per word instead of several calls."""
        if not text:
            return "", []
        raw = raw_tokens(text)
        column = " ".join(filter(None, map(self._term_text.__getitem__, raw)))
        return column, list(filter(None, map(self._stem_text.__getitem__, raw)))

    def stems(self, text: str) -> list[str]:
        """Stems of the content words in order, for matching multi-word thesaurus labels."""
        return [self.stem(token) for token in tokens(text) if token not in STOPWORDS]

    def all_stems(self, text: str) -> list[str]:
        """Stems of every word, stop words included: thesaurus labels match on these, so
        "geen geld" is not reduced to "geld" and then found in every text about money."""
        return [self.stem(token) for token in tokens(text)]

    def content_tokens(self, text: str) -> list[str]:
        return [token for token in tokens(text) if token not in STOPWORDS]


def build_analyzer(corpus_words: Iterable[str] = ()) -> Analyzer:
    return Analyzer(CompoundSplitter(dutch_lexicon(), corpus_words))
