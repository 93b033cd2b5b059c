"""Suggestions across the bridge: which recognised interventions and which work of other
werkplaatsen are close to a regional product or project (and which regional work is close to
an intervention), each with the reason it matched.

Score of a candidate c for a subject s (weights chosen on the dev half of bench/matching):

    W_COSINE  · cosine(s, c) in the corpus model's latent space
  + W_CONCEPT · weighted Dice of the thesaurus concepts both texts name (rare concepts weigh more)
  + W_THEME   · Jaccard of their national themes
  + W_FEEDBACK· how close s is to work an editor already linked to c (confirmed links)

Confirmed links come first, marked as such; rejected pairs never come back. The reason
names the shared concepts and themes, and the candidate's sentence that names most of them,
with those words marked.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from django.db.models import Model
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kennisbrug.bridge import items
from kennisbrug.bridge.models import REGIONAL_KINDS, ItemKind, Link
from kennisbrug.search import documents
from kennisbrug.search.engine import _semantic_scores, current, top_rows
from kennisbrug.search.indexer import Analysed
from kennisbrug.search.models import SearchEntry
from kennisbrug.search.runtime import Runtime, runtime
from kennisbrug.search.semantic import decode
from kennisbrug.search.snippets import Marker, snippet
from kennisbrug.search.state import KINDS, IndexState

W_COSINE = 0.3
W_CONCEPT = 0.3
W_THEME = 0.3
W_FEEDBACK = 0.2
FEEDBACK_MIN = 0.3  # a confirmed neighbour this far away says nothing about the subject
POOL = 60  # candidates re-scored per list, taken from the latent space and shared themes
THEME_NUDGE = 0.15  # in the pool only: a shared theme lets a wordier text into the pool
MIN_SCORE = 0.12
MAX_REASON_CONCEPTS = 5


@dataclass
class Profile:
    """What a subject (a record, or a text being written) is about."""

    kind: str | None
    object_id: int | None
    werkplaats_id: int | None
    vector: np.ndarray | None
    concept_ids: set[int] = field(default_factory=set)
    theme_ids: set[int] = field(default_factory=set)
    entry_id: int | None = None


@dataclass
class Suggestion:
    kind: str
    object_id: int
    source: str
    source_id: str
    title: str
    url: str
    subtype: str
    werkplaats: str
    score: float
    status: str  # "bevestigd" or "voorgesteld"
    shared_concepts: list[str]
    shared_themes: list[str]
    reason: str
    reason_html: SafeString
    excerpt: SafeString
    withdrawn: bool = False
    confirmed_by: str = ""
    werkplaats_id: int | None = None

    @property
    def confirmed(self) -> bool:
        return self.status == CONFIRMED

    def as_json(self) -> dict:
        return {
            "source": self.source,
            "source_id": self.source_id,
            "kind": self.kind,
            "title": self.title,
            "url": self.url,
            "werkplaats": self.werkplaats,
            "score": round(self.score, 4),
            "status": self.status,
            "reason": self.reason,
            "shared_concepts": self.shared_concepts,
            "shared_themes": self.shared_themes,
            "withdrawn": self.withdrawn,
        }


CONFIRMED = "bevestigd"
SUGGESTED = "voorgesteld"


@dataclass
class Related:
    interventions: list[Suggestion]
    elsewhere: list[Suggestion]

    def as_json(self) -> dict:
        return {
            "interventions": [s.as_json() for s in self.interventions],
            "elsewhere": [s.as_json() for s in self.elsewhere],
        }


# --- profiles ------------------------------------------------------------------------------


def _vector_of(entry: SearchEntry, st: IndexState) -> np.ndarray | None:
    if not st.dimensions or not entry.vector:
        return None
    return decode(entry.vector, st.dimensions)


def profile_of(obj: Model) -> Profile:
    """The subject's profile from its index entry, or analysed now if it has none (a concept
    product is not in the public index but may still be matched by its editors)."""
    kind = items.kind_of(obj)
    rt, st = current()
    entry = SearchEntry.objects.filter(kind=kind, object_id=obj.pk).first()
    if entry is not None:
        return Profile(
            kind,
            obj.pk,
            entry.werkplaats_id,
            _vector_of(entry, st),
            set(entry.concept_ids),
            set(entry.theme_ids),
            entry.pk,
        )
    _model, _queryset, to_document = documents.KINDS[kind]
    return _analysed_profile(to_document(obj), rt, kind, obj.pk)


def profile_of_text(
    title: str, text: str, werkplaats_id: int | None, theme_ids: Iterable[int] = ()
) -> Profile:
    """A profile of text that is not a record yet (a method being described)."""
    rt = runtime()
    document = documents.IndexDocument(
        kind=SearchEntry.Kind.PRODUCT,
        object_id=0,
        source="",
        source_id="",
        title=title,
        url="",
        body=text,
        werkplaats_id=werkplaats_id,
        theme_ids=sorted(theme_ids),
    )
    return _analysed_profile(document, rt, None, None)


def _analysed_profile(
    document: documents.IndexDocument, rt: Runtime, kind: str | None, object_id: int | None
) -> Profile:
    analysed = Analysed(document, rt)
    vector = rt.model.vectors([analysed.bag()])[0] if rt.model else None
    return Profile(
        kind,
        object_id,
        document.werkplaats_id,
        vector,
        set(analysed.concept_ids),
        set(document.theme_ids),
    )


# --- corpus statistics, cached per index state ----------------------------------------------


_idf_cache: dict[tuple, dict[int, float]] = {}


def concept_idf(st: IndexState) -> dict[int, float]:
    """Inverse document frequency of each concept over the index: "wijkteam" is named in
    half the texts and says little; "financiële uitbuiting" says a lot."""
    key = (st.resets, st.seq, len(st))
    cached = _idf_cache.get(key)
    if cached is None:
        df: Counter[int] = Counter()
        total = 0
        for ids in SearchEntry.objects.values_list("concept_ids", flat=True).iterator(2000):
            total += 1
            df.update(set(ids or ()))
        cached = {c: math.log((total + 1) / (n + 0.5)) for c, n in df.items()}
        _idf_cache.clear()
        _idf_cache[key] = cached
    return cached


_stems_cache: dict[int, tuple[object, dict[int, frozenset[str]]]] = {}


def _concept_stems(rt: Runtime) -> dict[int, frozenset[str]]:
    """Per concept, the stems of all its labels (for marking them in a text); rebuilt with
    the thesaurus matcher."""
    cached = _stems_cache.get(id(rt.matcher))
    if cached is not None and cached[0] is rt.matcher:
        return cached[1]
    stems: dict[int, set[str]] = {}
    for stem, ids in rt.matcher.single.items():
        for concept_id in ids:
            stems.setdefault(concept_id, set()).add(stem)
    for sequences in rt.matcher.multi.values():
        for sequence, *_rest, concept_id in sequences:
            stems.setdefault(concept_id, set()).update(s for s in sequence if len(s) > 3)
    result = {c: frozenset(s) for c, s in stems.items()}
    _stems_cache.clear()
    _stems_cache[id(rt.matcher)] = (rt.matcher, result)
    return result


def concept_marker(concept_ids: Iterable[int], rt: Runtime) -> Marker:
    by_concept = _concept_stems(rt)
    wanted: set[str] = set()
    for concept_id in concept_ids:
        wanted |= by_concept.get(concept_id, frozenset())
    terms_of = rt.analyzer.terms_of
    return Marker(wanted, lambda word: not wanted.isdisjoint(terms_of(word)))


@lru_cache(maxsize=2)
def _names(resets: int) -> tuple[dict[int, str], dict[int, str]]:
    from kennisbrug.registry.models import Werkplaats
    from kennisbrug.themes.models import Theme

    return (
        dict(Werkplaats.objects.values_list("id", "short_name")),
        dict(Theme.objects.values_list("id", "name")),
    )


# --- scoring -------------------------------------------------------------------------------


def weighted_dice(a: set[int], b: set[int], idf: dict[int, float]) -> float:
    shared = sum(idf.get(c, 1.0) for c in a & b)
    if not shared:
        return 0.0
    return 2 * shared / (sum(idf.get(c, 1.0) for c in a) + sum(idf.get(c, 1.0) for c in b))


def jaccard(a: set[int], b: set[int]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def _cosine(a: np.ndarray | None, b: np.ndarray | None) -> float:
    if a is None or b is None:
        return 0.0
    return max(0.0, float(np.dot(a, b)))


@dataclass
class _Judgements:
    confirmed: list[tuple[str, int, int]]  # (kind, id, werkplaats id of the judge)
    rejected: set[tuple[str, int]]
    # Per candidate, the other ends of its confirmed links (for the feedback term).
    neighbours: dict[tuple[str, int], list[tuple[str, int]]]


def _judgements(profile: Profile) -> _Judgements:
    me = (profile.kind, profile.object_id)
    confirmed, rejected = [], set()
    neighbours: dict[tuple[str, int], list[tuple[str, int]]] = {}
    rows = Link.objects.values_list(
        "subject_kind", "subject_id", "target_kind", "target_id", "status", "werkplaats_id"
    )
    for s_kind, s_id, t_kind, t_id, status, werkplaats_id in rows:
        subject, target = (s_kind, s_id), (t_kind, t_id)
        if me in (subject, target):
            other = target if subject == me else subject
            if status == Link.Status.REJECTED:
                rejected.add(other)
            else:
                confirmed.append((*other, werkplaats_id))
            continue
        if status == Link.Status.CONFIRMED:
            neighbours.setdefault(target, []).append(subject)
            neighbours.setdefault(subject, []).append(target)
    return _Judgements(confirmed, rejected, neighbours)


def _feedback(
    profile: Profile,
    candidate: tuple[str, int],
    judgements: _Judgements,
    vectors: dict[tuple[str, int], np.ndarray | None],
) -> tuple[float, tuple[str, int] | None]:
    best, via = 0.0, None
    for neighbour in judgements.neighbours.get(candidate, ()):
        closeness = _cosine(profile.vector, vectors.get(neighbour))
        if closeness > best:
            best, via = closeness, neighbour
    if best < FEEDBACK_MIN:
        return 0.0, None
    return (best - FEEDBACK_MIN) / (1 - FEEDBACK_MIN), via


def _closeness(profile: Profile, st: IndexState) -> np.ndarray:
    """Every entry's preliminary closeness to the subject: meaning, nudged by shared themes.
    Computed once per subject and shared by its lists (one pass over all vectors)."""
    n = len(st)
    prelim = np.zeros(n, dtype=np.float32)
    if profile.vector is not None and st.vectors is not None and n:
        prelim += np.clip(_semantic_scores(st, profile.vector)[:n], 0, None)
    if profile.theme_ids and n:
        prelim += THEME_NUDGE * st.themes.having(sorted(profile.theme_ids))[:n]
    return prelim


def _pool(
    profile: Profile,
    st: IndexState,
    kinds: Sequence[str],
    other_werkplaats: bool,
    prelim: np.ndarray,
) -> list[int]:
    """Entry ids of the candidates worth scoring in full."""
    n = len(st)
    if not n:
        return []
    mask = np.isin(st.kind[:n], [KINDS.index(k) for k in kinds]) & st.live[:n]
    if other_werkplaats and profile.werkplaats_id:
        mask &= st.werkplaats[:n] != profile.werkplaats_id
    if profile.entry_id is not None:
        row = st.row(profile.entry_id)
        if row is not None:
            mask[row] = False
    rows = np.flatnonzero(mask)
    if not len(rows):
        return []
    return st.ids[rows[top_rows(prelim[rows], POOL)]].tolist()


def _suggest(
    profile: Profile,
    kinds: Sequence[str],
    *,
    other_werkplaats: bool,
    limit: int,
    judgements: _Judgements,
    rt: Runtime,
    st: IndexState,
    prelim: np.ndarray,
) -> list[Suggestion]:
    pool = _pool(profile, st, kinds, other_werkplaats, prelim)
    confirmed = {
        (kind, object_id): judge for kind, object_id, judge in judgements.confirmed if kind in kinds
    }
    # Confirmed items of this list, wherever they are; neighbours for the feedback term.
    wanted_keys = set(confirmed) | {n for ns in judgements.neighbours.values() for n in ns}
    # Not the texts: only the few suggestions shown need one (for their excerpt), below.
    entries = list(SearchEntry.objects.filter(pk__in=pool).defer("text"))
    keyed = {(e.kind, e.object_id): e for e in entries}
    missing = [k for k in wanted_keys if k not in keyed]
    extra: dict[tuple[str, int], SearchEntry] = {}
    if missing:
        by_kind: dict[str, list[int]] = {}
        for kind, object_id in missing:
            by_kind.setdefault(kind, []).append(object_id)
        for kind, ids in by_kind.items():
            for e in SearchEntry.objects.filter(kind=kind, object_id__in=ids).defer("text"):
                extra[(e.kind, e.object_id)] = e
    vectors = {key: _vector_of(e, st) for key, e in {**keyed, **extra}.items()}
    idf = concept_idf(st)
    werkplaats_names, theme_names = _names(st.resets)

    scored: list[tuple[float, SearchEntry, tuple[str, int] | None]] = []
    for key, entry in {**keyed, **{k: extra[k] for k in confirmed if k in extra}}.items():
        if key in judgements.rejected or key == (profile.kind, profile.object_id):
            continue
        score = (
            W_COSINE * _cosine(profile.vector, vectors.get(key))
            + W_CONCEPT * weighted_dice(profile.concept_ids, set(entry.concept_ids), idf)
            + W_THEME * jaccard(profile.theme_ids, set(entry.theme_ids))
        )
        fb, via = _feedback(profile, key, judgements, vectors)
        score += W_FEEDBACK * fb
        if key in confirmed or score >= MIN_SCORE:
            scored.append((score, entry, via))
    scored.sort(key=lambda t: ((t[1].kind, t[1].object_id) not in confirmed, -t[0]))
    shown_entries = []
    for item in scored:
        shown_entries.append(item)
        if len(shown_entries) >= limit and (item[1].kind, item[1].object_id) not in confirmed:
            break
    shown_ids = [entry.pk for _score, entry, _via in shown_entries]
    texts = dict(SearchEntry.objects.filter(pk__in=shown_ids).values_list("pk", "text"))
    out = []
    for score, entry, via in shown_entries:
        key = (entry.kind, entry.object_id)
        out.append(
            _suggestion(
                entry,
                score,
                profile,
                idf,
                rt,
                theme_names,
                werkplaats_names,
                text=texts.get(entry.pk, ""),
                confirmed_by=werkplaats_names.get(confirmed[key], "") if key in confirmed else None,
                via=via,
            )
        )
    # Confirmed items out of the index (a withdrawn intervention) still show, after the
    # other confirmed ones; confirmed links are never cut off by the limit.
    shown = {(s.kind, s.object_id) for s in out}
    gone = []
    for key, judge in confirmed.items():
        if key not in shown and key not in keyed and key not in extra:
            obj = items.get(*key)
            if obj is not None and items.public(obj):
                gone.append(_unindexed(obj, werkplaats_names.get(judge, ""), werkplaats_names))
    firsts = [s for s in out if s.confirmed] + gone
    return (firsts + [s for s in out if not s.confirmed])[: max(limit, len(firsts))]


def _suggestion(
    entry: SearchEntry,
    score: float,
    profile: Profile,
    idf: dict[int, float],
    rt: Runtime,
    theme_names: dict[int, str],
    werkplaats_names: dict[int, str],
    *,
    text: str,
    confirmed_by: str | None,
    via: tuple[str, int] | None,
) -> Suggestion:
    shared = sorted(
        set(entry.concept_ids) & profile.concept_ids,
        key=lambda c: (-idf.get(c, 1.0), c),
    )
    shared = [c for c in shared if c in rt.matcher.concepts][:MAX_REASON_CONCEPTS]
    concept_labels = [rt.matcher.concepts[c].label for c in shared]
    themes = sorted(
        theme_names[t] for t in set(entry.theme_ids) & profile.theme_ids if t in theme_names
    )
    parts, html = [], []
    if confirmed_by is not None:
        parts.append(_confirmed(confirmed_by))
        html.append(escape(parts[-1]))
    if concept_labels:
        parts.append(_("Gedeelde onderwerpen:") + " " + ", ".join(concept_labels))
        html.append(
            escape(_("Gedeelde onderwerpen:"))
            + " "
            # Concepts and theme names are Dutch record text, marked so on the English site.
            + ", ".join(f'<mark lang="nl">{escape(label)}</mark>' for label in concept_labels)
        )
    if themes:
        parts.append(_("Gedeelde thema's:") + " " + ", ".join(themes))
        html.append(
            escape(_("Gedeelde thema's:"))
            + " "
            + ", ".join(f'<mark lang="nl">{escape(name)}</mark>' for name in themes)
        )
    if via is not None and confirmed_by is None:
        title = _title_of(via)
        if title:
            sentence = _("Lijkt op werk dat al met dit item verbonden is: %(title)s")
            parts.append(sentence % {"title": title})
            html.append(escape(sentence) % {"title": f'<span lang="nl">{escape(title)}</span>'})
    if not parts:
        parts.append(_("Verwant in woordgebruik en strekking"))
        html.append(escape(parts[-1]))
    return Suggestion(
        kind=entry.kind,
        object_id=entry.object_id,
        source=entry.source,
        source_id=entry.source_id,
        title=entry.title,
        url=entry.url,
        subtype=entry.subtype,
        werkplaats=werkplaats_names.get(entry.werkplaats_id, ""),
        score=float(score),
        status=CONFIRMED if confirmed_by is not None else SUGGESTED,
        shared_concepts=concept_labels,
        shared_themes=themes,
        # Each part starts with a capital ("Gedeelde thema's: …"), so they read as sentences.
        reason=". ".join(parts) + ".",
        reason_html=mark_safe(". ".join(html) + "."),
        excerpt=snippet(text, concept_marker(shared, rt)),
        confirmed_by=confirmed_by or "",
        werkplaats_id=entry.werkplaats_id,
    )


def _confirmed(by: str) -> str:
    if by:
        return _("Bevestigd door de redactie van %(werkplaats)s") % {"werkplaats": by}
    return _("Bevestigd door de redactie")


def _title_of(key: tuple[str, int]) -> str:
    obj = items.get(*key)
    return str(obj) if obj is not None else ""


def _unindexed(obj: Model, judge: str, werkplaats_names: dict[int, str]) -> Suggestion:
    withdrawn = bool(getattr(obj, "withdrawn_at", None))
    reason = _confirmed(judge)
    if withdrawn:
        reason += "; " + _("staat niet meer in de databank")
    return Suggestion(
        kind=items.kind_of(obj),
        object_id=obj.pk,
        source=obj.source,
        source_id=obj.source_id,
        title=str(obj),
        url=obj.get_absolute_url(),
        subtype="",
        werkplaats=werkplaats_names.get(items.werkplaats_id(obj), ""),
        score=0.0,
        status=CONFIRMED,
        shared_concepts=[],
        shared_themes=[],
        reason=reason + ".",
        reason_html=mark_safe(escape(reason) + "."),
        excerpt=mark_safe(""),
        withdrawn=withdrawn,
        confirmed_by=judge,
        werkplaats_id=items.werkplaats_id(obj),
    )


# --- the public functions ------------------------------------------------------------------

REGIONAL = [str(k) for k in REGIONAL_KINDS]
NATIONAL = [str(ItemKind.INTERVENTION)]


def related_to_profile(profile: Profile, limit: int = 5) -> Related:
    rt, st = current()
    judgements = _judgements(profile) if profile.kind else _Judgements([], set(), {})
    prelim = _closeness(profile, st)
    common = {"limit": limit, "judgements": judgements, "rt": rt, "st": st, "prelim": prelim}
    regional_subject = profile.kind != ItemKind.INTERVENTION
    return Related(
        interventions=_suggest(profile, NATIONAL, other_werkplaats=False, **common),
        elsewhere=_suggest(profile, REGIONAL, other_werkplaats=regional_subject, **common),
    )


def related(obj: Model, limit: int = 5) -> Related:
    """Interventions and regional work related to a product, project or intervention.

    For regional work, ``elsewhere`` holds the work of *other* werkplaatsen; for an
    intervention it holds the regional work of all werkplaatsen."""
    return related_to_profile(profile_of(obj), limit)
