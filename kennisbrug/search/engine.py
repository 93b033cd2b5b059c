"""The search engine: one function, ``search``, behind the search page, the command line,
and (later) the API; and ``similar`` for "meer zoals dit".

Ranking is hybrid (docs/search.md explains the choices):

    score = LEXICAL · bm25 / max bm25  +  SEMANTIC · cosine(query, document)

``bm25`` comes from the database's full-text index over our Dutch analysis, with the
query expanded by compound parts, spelling corrections and thesaurus concepts (each
weighted below). ``cosine`` is the similarity in the corpus model's latent space, which
also brings in documents that share no word with the query but are about the same thing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from django.utils.safestring import SafeString

from kennisbrug.search import backends
from kennisbrug.search.analyzer import spelling_variants
from kennisbrug.search.concepts import TOKEN_PREFIX, concept_token
from kennisbrug.search.models import SearchEntry
from kennisbrug.search.runtime import Runtime, checked
from kennisbrug.search.snippets import Marker, highlight, snippet
from kennisbrug.search.state import EVIDENCE, KINDS, IndexState, state
from kennisbrug.search.text import QUESTION_WORDS, tokens

# Fusion and expansion weights, chosen on the dev half of the evaluation set.
LEXICAL = 0.4
SEMANTIC = 0.6
# A match in the head (title, keywords, concepts) also counts on its own, at this share:
# FTS5's bm25 measures a title match against the length of the whole text, so a long
# intervention whose title names the query lost to a short text that mentions it once.
HEAD_BONUS = 0.25
# A place in the query (a werkplaats's province, a gemeente taking part, the place in its
# name) adds this to the items of that werkplaats that match the query anyway: their own
# text seldom names the region. Small (a tenth of a perfect score), so the place tips the balance
# and the topic decides; chosen on dev (docs/search.md).
PLACE_BONUS = 0.1
# The lexical half is sharpened, (lex / max lex)^LEX_POWER: a text that matches the query
# clearly better than the next keeps its lead, where a plain ratio let eight texts that name one
# query word score almost alike (dev + holdout, both engines; docs/search.md).
LEX_POWER = 1.5
# Coverage: of the best COVERAGE_DEPTH candidates, a text that contains more of the distinct
# words of the query gains up to this much (all words: the full bonus; one: none). BM25 sums
# per term, so a text repeating one word of "huiselijk geweld signaleren" could outscore one that
# says all three.
COVERAGE = 0.05
COVERAGE_DEPTH = 20
# Method intent: "wat werkt tegen …", "aanpak …", "interventie voor …" asks for something to do;
# recognised interventions among the candidates score this share more (multiplied, so an
# intervention that hardly matches gains hardly anything).
INTENT = 0.2
SEMANTIC_ONLY_MIN = 0.45  # a document no query word matches must be this close to count
SEMANTIC_CANDIDATES = 50
WEIGHT_WORD = 1.0
WEIGHT_PART = 1.0  # a compound's parts: "schuld" from "schuldhulpverlening"
WEIGHT_CORRECTION = 0.9
WEIGHT_VARIANT = 0.9  # another spelling of the same stem: gezin for gezinnen, val for vallen
WEIGHT_CONCEPT = 0.8  # a concept often repeats a word the query says: bridge, not double
WEIGHT_NARROWER = 0.1  # narrower concepts: a hint, no more (more hurt on the dev set)
MAX_QUERY_TOKENS = 32  # a pasted page is not a question; its first words are enough
MAX_QUERY_CHARS = 1000

# Cost-bounded matching. Ranking a full-text match costs about a microsecond or two per
# matching row, so a query whose terms together occur in more rows than this (estimated
# from the corpus model's document frequencies) is split: its rarest terms, up to this many
# rows, are matched everywhere; the other, common terms only in the head of each entry
# (title, keywords, concepts), where they say what it is about. A corpus of a few thousand
# items never reaches it: there every match is ranked.
EXACT_ROWS = 6000
HEAD_CANDIDATES = 1000
# The heads get a budget of their own: a term common even there (a concept tag found in
# most texts, "werk" in a million titles) would cost as much as the whole corpus. Terms past
# it are left to the semantic half, which still sees every word of the query; FTS5 gives a
# term in a large share of the rows an idf near zero anyway.
HEAD_ROWS = 3000
# Past EXACT_ROWS the rare terms get a smaller budget than the exact path's: every row
# ranked costs a microsecond or more, and with the heads this bounds a query at about
# RARE_ROWS + HEAD_ROWS rows whatever the size of the corpus.
RARE_ROWS = 3000

# A hit scoring below this share of the best hit is left out: a three-word question shares one
# common word ("samenwerking") with most of the corpus, and those rows made the count, the
# facets and the sort by date about nearly everything. At 0.1 nDCG@10 is unchanged on every
# split and Recall@20 falls by 0.004 (docs/search.md, "Relevance floor").
RELEVANCE_FLOOR = 0.1

FIRST_PAGE = 10
DIVERSE_MIN = 0.45
DIVERSE_DEPTH = 50

SORTS = ("relevantie", "datum")
FACETS = ("soort", "werkplaats", "thema", "doelgroep", "jaar", "niveau")


@dataclass
class QueryPlan:
    text: str
    terms: dict[str, float] = field(default_factory=dict)
    highlight_terms: set[str] = field(default_factory=set)
    concept_ids: list[int] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    vector: np.ndarray | None = None
    groups: list[set[str]] = field(default_factory=list)
    wants_method: bool = False

    def add(self, term: str, weight: float) -> None:
        self.terms[term] = max(self.terms.get(term, 0.0), weight)


def plan(query: str, rt: Runtime) -> QueryPlan:
    """Analyse a query the way documents were analysed, and expand it."""
    query = (query or "")[:MAX_QUERY_CHARS]
    analyzer = rt.analyzer
    p = QueryPlan(query)
    p.wants_method = asks_for_method(query)
    # "wat werkt" frames the question; with a subject beside it, it is no part of the subject,
    # not even the concept "werkzame elementen" its words name.
    framed = WHAT_WORKS.sub("wat", query)
    subject = framed if analyzer.content_tokens(framed) else query
    words = analyzer.content_tokens(subject)[:MAX_QUERY_TOKENS]
    # The phrasing of a question ("hoe help ik ...", "wat doet een ...") says nothing about
    # its subject; only a query of nothing else keeps these words.
    words = [w for w in words if w not in QUESTION_WORDS] or words
    # Per distinct word, the terms that stand for it (stem, compound parts, other spellings,
    # correction): a text has the word when it has any of them (see COVERAGE).
    groups: dict[str, set[str]] = {}
    for word in words:
        terms = analyzer.terms_of(word)
        if not terms:
            continue
        group = groups.setdefault(terms[0], set())
        group.update(terms)
        p.add(terms[0], WEIGHT_WORD)
        p.highlight_terms.update(terms)
        if rt.model is not None:
            for variant in spelling_variants(terms[0]):
                df = rt.model.df_of(variant)
                if df:
                    # A variant far more common than the word asked for is mostly another
                    # word (man in "een man van 67" for mannen): it counts by the ratio.
                    asked = rt.model.df_of(terms[0])
                    ratio = min(1.0, asked / df) if asked else 1.0
                    # (in tenths: every distinct weight is one more full-text query)
                    p.add(variant, round(WEIGHT_VARIANT * ratio, 1) or 0.1)
                    group.add(variant)
                    if ratio >= 0.5:  # not "man" in every snippet for "mannen"
                        p.highlight_terms.add(variant)
        for part in terms[1:]:
            p.add(part, WEIGHT_PART)
        # A word of an English label is no typo of a Dutch word ("loneliness").
        if not analyzer.splitter.parts(word) and analyzer.stem(word) not in rt.english.stems:
            corrected = rt.speller.correct(word)
            if corrected:
                p.corrections[word] = corrected
                corrected_terms = analyzer.terms_of(corrected)
                for term in corrected_terms:
                    p.add(term, WEIGHT_CORRECTION)
                group.update(corrected_terms)
                p.highlight_terms.update(corrected_terms)
    p.groups = list(groups.values())
    # Concepts are looked for in the query as the user meant it: typos corrected.
    meant = " ".join(p.corrections.get(word, word) for word in tokens(subject))
    found = rt.matcher.find(analyzer.all_stems(meant), list(p.terms))
    # English labels too, on the query as typed (whole words, no compound parts): a Dutch
    # query is unchanged unless it uses an English label's word, which names the same concept.
    found.update(rt.english.find(analyzer.all_stems(query)))
    p.concept_ids = sorted(found)
    for concept_id in found:
        p.add(concept_token(concept_id), WEIGHT_CONCEPT)
        for narrower in rt.matcher.narrower(concept_id):
            p.add(concept_token(narrower), WEIGHT_NARROWER)
    if rt.model is not None:
        weighted: dict[int, float] = {}
        for term, weight in p.terms.items():
            i = rt.model.index.get(term)
            if i is not None:
                weighted[i] = weight * float(rt.model.idf[i])
        p.vector = rt.model.project(weighted)
    return p


@dataclass
class Hit:
    entry_id: int
    kind: str
    kind_label: str
    subtype: str
    source: str
    source_id: str
    title: str
    url: str
    score: float
    werkplaats: str
    year: int | None
    snippet: SafeString
    title_html: SafeString

    def as_json(self) -> dict:
        return {
            "source": self.source,
            "source_id": self.source_id,
            "kind": self.kind,
            "subtype": self.subtype,
            "title": self.title,
            "url": self.url,
            "score": round(self.score, 4),
            "werkplaats": self.werkplaats,
            "year": self.year,
        }


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResults:
    query: str
    hits: list[Hit]
    total: int
    page: int
    pages: int
    per_page: int
    sort: str
    facets: list[Facet]
    filters: dict[str, list[str]]
    corrections: dict[str, str]
    concepts: list[str]


# --- filters and facets over the in-memory arrays ---------------------------------------


def _filter_mask(st: IndexState, rows: np.ndarray, name: str, values: Sequence[str]) -> np.ndarray:
    ints = []
    for v in values:
        if name == "soort":
            if v in KINDS and v:
                ints.append(KINDS.index(v))
        elif name == "niveau":
            if v in EVIDENCE and v:
                ints.append(EVIDENCE.index(v))
        elif v.isascii() and v.isdigit() and len(v) <= 9:  # ids and years; not "²" or 10**30
            ints.append(int(v))
    if name in ("thema", "doelgroep"):
        bits = st.themes if name == "thema" else st.groups
        return bits.having(ints)[rows]
    column = {
        "soort": st.kind,
        "werkplaats": st.werkplaats,
        "jaar": st.year,
        "niveau": st.evidence,
    }[name]
    return np.isin(column[rows], np.array(ints, dtype=np.int64))


def _facet_counts(st: IndexState, rows: np.ndarray, name: str) -> dict[int, int]:
    if name in ("thema", "doelgroep"):
        return (st.themes if name == "thema" else st.groups).counts(rows)
    column = {"soort": st.kind, "werkplaats": st.werkplaats, "jaar": st.year, "niveau": st.evidence}
    values, counts = np.unique(column[name][rows], return_counts=True)
    return {int(v): int(c) for v, c in zip(values, counts, strict=True) if v}


@lru_cache(maxsize=1)
def _labels_cache(version: int) -> dict[str, dict[int, str]]:
    from kennisbrug.registry.models import Werkplaats
    from kennisbrug.themes.models import TargetGroup, Theme

    return {
        "werkplaats": dict(Werkplaats.objects.values_list("id", "short_name")),
        "thema": dict(Theme.objects.values_list("id", "name")),
        "doelgroep": dict(TargetGroup.objects.values_list("id", "name")),
    }


def _labels(name: str, value: int, st: IndexState) -> str:
    if name == "soort":
        return str(SearchEntry.Kind(KINDS[value]).label)
    if name == "niveau":
        from kennisbrug.interventions.models import EvidenceLevel

        return str(EvidenceLevel(EVIDENCE[value]).label)
    if name == "jaar":
        return str(value)
    return _labels_cache(st.resets).get(name, {}).get(value, "?")


FACET_LABELS = {
    "soort": "Soort",
    "werkplaats": "Werkplaats",
    "thema": "Thema",
    "doelgroep": "Doelgroep",
    "jaar": "Jaar",
    "niveau": "Erkenningsniveau",
}


def _value_key(name: str, value: int) -> str:
    if name == "soort":
        return KINDS[value]
    if name == "niveau":
        return EVIDENCE[value]
    return str(value)


# --- search ---------------------------------------------------------------------------


def _semantic_scores(st: IndexState, vector: np.ndarray, rows: np.ndarray | None = None):
    """Cosine of the query with these rows (all rows when None); see state.Vectors."""
    if st.vectors is None or vector is None:
        return None
    if rows is not None:
        return st.vectors.take(rows) @ vector.astype(np.float32)
    return st.vectors.cosine(vector, len(st))


# Above this many scores a top k is first cut to the rows that can be in it (see top_rows).
SAMPLE_ABOVE = 50_000
SAMPLE_STEP = 64


def top_rows(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` highest scores, best first, equal scores in position order:
    what a stable sort of every score would give, at the cost of a partial sort (a record
    page asks for the best few of every entry in the index)."""
    if k <= 0 or not len(scores):
        return np.zeros(0, dtype=np.int64)
    if k < len(scores) and len(scores) > SAMPLE_ABOVE and k * SAMPLE_STEP * 4 <= len(scores):
        # Partitioning a million scores costs ~50 ms. The k-th best of every 64th score
        # is a floor with at least k scores at or above it, so every score that can be in
        # the top k (ties included) is too: about 64·k of them, found by one comparison.
        sample = scores[::SAMPLE_STEP]
        floor = np.partition(sample, len(sample) - k)[len(sample) - k]
        candidates = np.flatnonzero(scores >= floor)
        if len(candidates) < len(scores) // 2:  # (all equal, say: no cut to make)
            return candidates[_top_rows(scores[candidates], k)]
    return _top_rows(scores, k)


def _top_rows(scores: np.ndarray, k: int) -> np.ndarray:
    if k < len(scores):
        kth = np.partition(-scores, k - 1)[k - 1]
        above = np.flatnonzero(-scores < kth)
        ties = np.flatnonzero(-scores == kth)[: k - len(above)]
        chosen = np.sort(np.concatenate([above, ties]))
    else:
        chosen = np.arange(len(scores))
    return chosen[np.argsort(-scores[chosen], kind="stable")]


def split_terms(
    terms: dict[str, float], rt: Runtime, st: IndexState, head_rows=None
) -> tuple[dict[str, float], dict[str, float]]:
    """(terms matched everywhere, common terms matched in the heads only); see EXACT_ROWS.

    ``head_rows`` (terms → how many heads hold each; the SQLite index has it) bounds the
    heads as well: see HEAD_ROWS. Without it every common term is matched in the heads."""
    model = rt.model
    if model is None or not model.documents or not terms or len(st) <= EXACT_ROWS:
        return terms, {}
    scale = max(len(st), 1) / model.documents  # entries written since training count too
    df = {t: model.df_of(t) * scale for t in terms}
    if sum(df.values()) <= EXACT_ROWS:
        return terms, {}
    # The budget goes to the query's own words first, rarest first; hints (narrower
    # concepts, weight 0.1) get what is left, so they never push out what was asked.
    everywhere: dict[str, float] = {}
    rest: list[str] = []
    matched = 0.0
    for term in sorted(terms, key=lambda t: (-terms[t], df[t], t)):
        if matched + df[term] <= RARE_ROWS:
            everywhere[term] = terms[term]
            matched += df[term]
        else:
            rest.append(term)
    if head_rows is None:
        return everywhere, {t: terms[t] for t in rest}
    # A concept tag sits in the head wherever it was found (the concepts column), so its
    # head count is its document count; words are counted in the head index (cheap: no
    # ranking).
    words = [t for t in rest if not t.startswith(TOKEN_PREFIX)]
    in_heads = {**{t: df[t] for t in rest}, **(head_rows(words) if words else {})}
    heads: dict[str, float] = {}
    rows = 0.0
    for term in sorted(rest, key=lambda t: (-terms[t], in_heads[t], t)):
        if rows + in_heads[term] <= HEAD_ROWS:
            heads[term] = terms[term]
            rows += in_heads[term]
    if rest and not heads and matched < 1:
        # Every word of the query that occurs is very common ("werk"): rank the heads of the
        # least common one anyway, or a plain question would find nothing but near meanings.
        term = min(rest, key=lambda t: (-terms[t], in_heads[t], t))
        heads[term] = terms[term]
    return everywhere, heads


def rank(query: str, rt: Runtime, st: IndexState) -> tuple[QueryPlan, np.ndarray, np.ndarray]:
    """All matching rows of the state with their fused scores (unsorted)."""
    p = plan(query, rt)
    index = backends.current()
    idf = rt.model.idf_of if rt.model and index.vendor == "postgresql" else None
    everywhere, heads = split_terms(p.terms, rt, st, getattr(index, "head_rows", None))
    matches = index.match(everywhere, idf)
    if heads or HEAD_BONUS:
        summed = dict(matches)
        for entry_id, score in index.match(heads, idf, head=True, limit=HEAD_CANDIDATES):
            summed[entry_id] = summed.get(entry_id, 0.0) + score
        if HEAD_BONUS and everywhere:
            for entry_id, score in index.match(everywhere, idf, head=True, limit=HEAD_CANDIDATES):
                summed[entry_id] = summed.get(entry_id, 0.0) + HEAD_BONUS * score
        matches = list(summed.items())
    if matches:
        ids, lex = zip(*matches, strict=True)
        rows = st.rows(ids)
        lex = np.asarray(lex, dtype=np.float32)
        keep = rows >= 0
        rows, lex = rows[keep], lex[keep]
    else:
        rows, lex = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    top = float(lex.max()) if len(lex) else 1.0
    scores = LEXICAL * (lex / (top or 1.0)) ** LEX_POWER
    if p.vector is not None and st.vectors is not None and len(st):
        cosine = _semantic_scores(st, p.vector)
        scores = scores + SEMANTIC * np.clip(cosine[rows], 0, None)
        # Documents that share no word with the query but are close in meaning: the best
        # SEMANTIC_CANDIDATES of those close enough (cut first: a partition of every cosine
        # costs ~50 ms at a million entries).
        close = np.flatnonzero(cosine >= SEMANTIC_ONLY_MIN)
        if len(close) > SEMANTIC_CANDIDATES:
            best = np.argpartition(-cosine[close], SEMANTIC_CANDIDATES - 1)
            close = close[best[:SEMANTIC_CANDIDATES]]
        close = close[st.live[close]]
        extra = np.setdiff1d(close, rows, assume_unique=False)
        if len(extra):
            rows = np.concatenate([rows, extra])
            scores = np.concatenate([scores, SEMANTIC * cosine[extra]])
    if COVERAGE and len(p.groups) >= 2 and len(rows):
        scores = _with_coverage(p.groups, index, st, rows, scores)
    if INTENT and p.wants_method and len(rows):
        scores = scores * (1 + INTENT * (st.kind[rows] == KINDS.index("interventie")))
    if PLACE_BONUS and len(rows):
        werkplaatsen = _places_cache(st.seq, rt.analyzer).werkplaatsen(p.terms)
        if werkplaatsen:
            scores = scores + PLACE_BONUS * np.isin(st.werkplaats[rows], werkplaatsen)
    return p, rows, scores


def _with_coverage(groups, index, st: IndexState, rows: np.ndarray, scores: np.ndarray):
    """Scores plus the coverage bonus for the best COVERAGE_DEPTH rows (one small read of
    those rows' index terms: ``covering`` in backends.py)."""
    depth = min(COVERAGE_DEPTH, len(rows))
    best = np.argpartition(-scores, depth - 1)[:depth]
    ids = st.ids[rows[best]]
    covered = index.covering(groups, ids.tolist())
    has = np.array([covered.get(int(i), 0) for i in ids], dtype=np.float32)
    scores = scores.astype(np.float32, copy=True)
    scores[best] += COVERAGE * np.clip(has - 1, 0, None) / (len(groups) - 1)
    return scores


# "wat werkt bij/tegen …" is how Dutch practice asks for effective interventions; its "werkt"
# is no subject (the stem "werk" would find every text about jobs) and is left out of the query.
WHAT_WORKS = re.compile(r"\bwat\s+(?:werkt|helpt)\b", re.IGNORECASE)
METHOD_WORDS = frozenset(
    "interventie interventies methode methoden methodes aanpak aanpakken werkwijze werkwijzen"
    " programma programmas training trainingen cursus cursussen erkende effectieve".split()
)


def asks_for_method(query: str) -> bool:
    """Does the query ask for a method or intervention (see INTENT)?"""
    words = tokens(query)
    if any(w in METHOD_WORDS for w in words):
        return True
    return bool(WHAT_WORKS.search(query))


class _Places:
    """Index term → the werkplaatsen working there, from the registry."""

    def __init__(self, analyzer):
        from kennisbrug.search.documents import (
            GENERIC_NAME_WORDS,
            werkplaats_places,
            werkplaatsen_with_places,
        )

        self.by_term: dict[str, set[int]] = {}
        for werkplaats in werkplaatsen_with_places():
            for word in analyzer.content_tokens(werkplaats_places(werkplaats)):
                if word in GENERIC_NAME_WORDS:  # "noord" of Noord-Holland says too little
                    continue
                terms = analyzer.terms_of(word)
                if terms:  # the word's own stem, not its compound parts
                    self.by_term.setdefault(terms[0], set()).add(werkplaats.pk)

    def werkplaatsen(self, terms: Mapping[str, float]) -> list[int]:
        found: set[int] = set()
        for term in terms:
            found |= self.by_term.get(term, set())
        return sorted(found)


@lru_cache(maxsize=1)
def _places_cache(seq: int, analyzer) -> _Places:
    # Keyed on the index sequence: a werkplaats edited (members, provinces) is reindexed.
    return _Places(analyzer)


def _diversify(order: np.ndarray, kinds: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Make sure the first page shows every kind that has a strong hit: a professional
    asking about loneliness should see the recognised national intervention on page one,
    not on page two behind eight regional texts. A kind's best hit moves up to the last
    places of the first page if it scores at least DIVERSE_MIN of the best hit."""
    if len(order) <= FIRST_PAGE:
        return order
    top = order[:FIRST_PAGE]
    floor = DIVERSE_MIN * float(scores[order[0]])
    shown = set(kinds[top].tolist())
    promote = []
    for position in range(FIRST_PAGE, min(len(order), DIVERSE_DEPTH)):
        i = order[position]
        kind = int(kinds[i])
        if kind not in shown and scores[i] >= floor:
            shown.add(kind)
            promote.append(position)
    if not promote:
        return order
    moved = order[promote]
    rest = np.delete(order, promote)
    cut = FIRST_PAGE - len(moved)
    return np.concatenate([rest[:cut], moved, rest[cut:]])


def current() -> tuple[Runtime, IndexState]:
    """The analysis and the in-memory index, both brought up to date with one query."""
    rt, counter = checked()
    return rt, state(rt.model.dimensions if rt.model else 0, counter)


def search(
    query: str,
    *,
    filters: Mapping[str, Sequence[str]] | None = None,
    sort: str = "relevantie",
    page: int = 1,
    per_page: int = 10,
    limit: int | None = None,
    facets: bool = True,
) -> SearchResults:
    """Search everything. ``limit`` (scripts) returns the first ``limit`` hits as one page."""
    rt, st = current()
    filters = {k: [v for v in vs if v] for k, vs in (filters or {}).items() if k in FACETS}
    filters = {k: v for k, v in filters.items() if v}
    query = (query or "").strip()
    has_words = bool(rt.analyzer.content_tokens(query[:MAX_QUERY_CHARS]))
    if has_words:
        p, rows, scores = rank(query, rt, st)
        if len(scores):
            relevant = scores >= RELEVANCE_FLOOR * float(scores.max())
            rows, scores = rows[relevant], scores[relevant]
    elif query:  # only stop words or signs ("de het een", "?!"): nothing to look for
        p, rows, scores = QueryPlan(query), np.zeros(0, np.int64), np.zeros(0, np.float32)
    else:  # no question: browse everything, newest first
        p = QueryPlan(query)
        rows = np.flatnonzero(st.live[: len(st)])
        scores = np.zeros(len(rows), dtype=np.float32)
        sort = "datum"
    masks = {name: _filter_mask(st, rows, name, values) for name, values in filters.items()}
    selected = np.ones(len(rows), dtype=bool)
    for mask in masks.values():
        selected &= mask

    facet_list: list[Facet] = []
    if facets:
        for name in FACETS:
            # Each facet counts as if its own filter were off, so its other values stay
            # visible and can be added (OR within a facet, AND between facets).
            others = np.ones(len(rows), dtype=bool)
            for other, mask in masks.items():
                if other != name:
                    others &= mask
            counts = _facet_counts(st, rows[others], name)
            values = [
                FacetValue(
                    _value_key(name, v),
                    _labels(name, v, st),
                    c,
                    _value_key(name, v) in filters.get(name, []),
                )
                for v, c in counts.items()
            ]
            if name == "jaar":
                values.sort(key=lambda fv: fv.value, reverse=True)
            else:
                values.sort(key=lambda fv: (-fv.count, fv.label))
            facet_list.append(Facet(name, FACET_LABELS[name], values))

    rows, scores = rows[selected], scores[selected]
    if sort == "datum":
        order = np.lexsort((-scores, -st.date[rows].astype(np.int64)))
    else:
        sort = "relevantie"
        order = _diversify(np.argsort(-scores, kind="stable"), st.kind[rows], scores)
    total = len(order)
    if limit is not None:
        per_page, page = max(1, limit), 1
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    chosen = order[(page - 1) * per_page : page * per_page]
    hits = _hydrate(st.ids[rows[chosen]].tolist(), scores[chosen].tolist(), p, rt)
    concept_labels = [
        rt.matcher.concepts[c].label for c in p.concept_ids if c in rt.matcher.concepts
    ]
    return SearchResults(
        query,
        hits,
        total,
        page,
        pages,
        per_page,
        sort,
        facet_list,
        filters,
        p.corrections,
        concept_labels,
    )


def _marker(p: QueryPlan, rt: Runtime) -> Marker:
    wanted = p.highlight_terms
    terms_of = rt.analyzer.terms_of
    return Marker(wanted, lambda word: not wanted.isdisjoint(terms_of(word)))


HIT_FIELDS = (
    "kind",
    "subtype",
    "source",
    "source_id",
    "title",
    "url",
    "werkplaats_id",
    "year",
    "text",
)


def _hydrate(entry_ids: list[int], scores: list[float], p: QueryPlan, rt: Runtime) -> list[Hit]:
    from kennisbrug.registry.models import Werkplaats

    # Only what a hit shows: the facet lists and the vector would be decoded for nothing.
    entries = SearchEntry.objects.only(*HIT_FIELDS).in_bulk(entry_ids)
    names = dict(
        Werkplaats.objects.filter(
            pk__in={e.werkplaats_id for e in entries.values() if e.werkplaats_id}
        ).values_list("id", "short_name")
    )
    marker = _marker(p, rt)
    hits = []
    for entry_id, score in zip(entry_ids, scores, strict=True):
        e = entries.get(entry_id)
        if e is None:  # removed since the arrays were read
            continue
        hits.append(
            Hit(
                entry_id=e.pk,
                kind=e.kind,
                # (get_kind_display hashes every translated choice on each call)
                kind_label=str(SearchEntry.Kind(e.kind).label),
                subtype=e.subtype,
                source=e.source,
                source_id=e.source_id,
                title=e.title,
                url=e.url,
                score=score,
                werkplaats=names.get(e.werkplaats_id, ""),
                year=e.year,
                snippet=snippet(e.text, marker),
                title_html=highlight(e.title, marker),
            )
        )
    return hits


# --- meer zoals dit ---------------------------------------------------------------------


@dataclass
class Similar:
    hit: Hit
    shared_concepts: list[str]
    same_werkplaats: bool


def similar(kind: str, object_id: int, limit: int = 6) -> list[Similar]:
    """The items most like this one; those of other werkplaatsen first."""
    rt, st = current()
    entry = (
        SearchEntry.objects.filter(kind=kind, object_id=object_id)
        .only("vector", "werkplaats_id", "concept_ids")
        .first()
    )
    if entry is None or st.vectors is None or not entry.vector:
        return []
    vector = np.frombuffer(bytes(entry.vector), dtype=np.float16).astype(np.float32)
    if len(vector) != st.dimensions:
        return []
    cosine = _semantic_scores(st, vector)
    row = st.row(entry.pk)
    if row is not None:
        cosine[row] = -1
    cosine[~st.live[: len(cosine)]] = -1
    candidates = [int(c) for c in top_rows(cosine, limit * 4) if cosine[c] > 0.05]
    own = entry.werkplaats_id or -1
    # Other werkplaatsen first, each group by similarity: what the rest of the network did.
    candidates.sort(key=lambda r: (int(st.werkplaats[r] == own), -float(cosine[r])))
    chosen = candidates[:limit]
    hits = _hydrate(st.ids[chosen].tolist(), [float(cosine[r]) for r in chosen], QueryPlan(""), rt)
    mine = set(entry.concept_ids)
    entries = SearchEntry.objects.only("werkplaats_id", "concept_ids").in_bulk(
        [h.entry_id for h in hits]
    )
    out = []
    for hit in hits:
        shared = [
            rt.matcher.concepts[c].label
            for c in entries[hit.entry_id].concept_ids
            if c in mine and c in rt.matcher.concepts
        ]
        out.append(Similar(hit, shared[:5], entries[hit.entry_id].werkplaats_id == own))
    return out
