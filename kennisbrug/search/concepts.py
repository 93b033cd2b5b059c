"""Finding thesaurus concepts in texts and queries.

Every label of a concept (preferred term, synonyms, hidden search terms) is analysed like
any text; wherever its stems occur in a document, the document is tagged with the concept
(an index term ``thc<id>``). A query is tagged the same way, so "geldzorgen" and
"schuldhulpverlening" meet at the concept *schulden* whatever words each side used; the
query also reaches the concept's narrower concepts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.apps import apps

from kennisbrug.search.analyzer import Analyzer

TOKEN_PREFIX = "thc"
NARROWER_DEPTH = 2
MAX_TAG_REPEAT = 4  # a concept named forty times is not ten times more about it than four
MIN_PART_LABEL = 7  # letters of a stem before a compound part may name a concept


def concept_token(concept_id: int) -> str:
    return f"{TOKEN_PREFIX}{concept_id}"


@dataclass(frozen=True)
class ConceptInfo:
    id: int
    slug: str
    label: str
    narrower: tuple[int, ...]


class ConceptMatcher:
    def __init__(self, analyzer: Analyzer, concepts: dict[int, ConceptInfo], labels):
        """``labels``: (concept id, label text) pairs."""
        self.concepts = concepts
        self.single: dict[str, set[int]] = defaultdict(set)
        # first stem → (the label's stems, all of them as a set, the label joined, concept)
        self.multi: dict[str, list[tuple[tuple[str, ...], frozenset, str, int]]] = defaultdict(list)
        self.stems: set[str] = set()  # every stem of every label
        for concept_id, text in labels:
            stems = tuple(analyzer.all_stems(text))
            self.stems.update(stems)
            if len(stems) == 1:
                self.single[stems[0]].add(concept_id)
            elif stems:
                joined = " " + " ".join(stems) + " "
                self.multi[stems[0]].append((stems, frozenset(stems), joined, concept_id))

    def find(self, stems: Sequence[str], parts: Iterable[str] = ()) -> Counter[int]:
        """Concepts named in a text, given the stems of all its words in order (stop words
        included) and the compound parts found in it. A one-word label also matches a long
        compound part (schuldhulpverlening in ...straject), but not a short one: "zorg" in
        "mantelzorg" or "werk" in "werkplaats" says nothing about care or work."""
        found: Counter[int] = Counter()
        # Counted per distinct stem, not per position: a long text costs C-speed counting,
        # and Python work only for the stems that start a label.
        counts = Counter(stems)
        for stem in counts.keys() & self.single.keys():
            n = counts[stem]
            for concept_id in self.single[stem]:
                found[concept_id] += n
        firsts = counts.keys() & self.multi.keys()
        if firsts:
            # Multi-word labels are counted as substrings of the stems joined by spaces
            # (stems hold no spaces, so the padding keeps word boundaries).
            joined = " " + " ".join(stems) + " "
            present = counts.keys()
            for first in firsts:
                for _sequence, needed, label, concept_id in self.multi[first]:
                    if needed <= present:  # all its words occur somewhere: look for the label
                        n = joined.count(label)
                        if n:
                            found[concept_id] += n
        for part in set(parts) - counts.keys():
            if len(part) >= MIN_PART_LABEL:
                for concept_id in self.single.get(part, ()):
                    found[concept_id] += 1
        return found

    def tag_tokens(self, found: Counter[int]) -> list[str]:
        tokens = []
        for concept_id, count in found.items():
            tokens.extend([concept_token(concept_id)] * min(count, MAX_TAG_REPEAT))
        return tokens

    def narrower(self, concept_id: int, depth: int = NARROWER_DEPTH) -> set[int]:
        found: set[int] = set()
        frontier = {concept_id}
        for _ in range(depth):
            frontier = {n for c in frontier for n in self.concepts[c].narrower} - found
            found |= frontier
        found.discard(concept_id)
        return found


def load_matcher(analyzer: Analyzer) -> ConceptMatcher:
    """The matcher over the thesaurus as it is in the database now."""
    if not apps.is_installed("kennisbrug.thesaurus"):
        return ConceptMatcher(analyzer, {}, [])
    from kennisbrug.thesaurus.models import Concept, Label

    narrower: dict[int, list[int]] = defaultdict(list)
    for link in Concept.broader.through.objects.values("from_concept_id", "to_concept_id"):
        narrower[link["to_concept_id"]].append(link["from_concept_id"])
    concepts = {}
    labels: list[tuple[int, str]] = []
    for concept_id, slug, pref_label in Concept.objects.values_list("id", "slug", "pref_label"):
        concepts[concept_id] = ConceptInfo(
            concept_id, slug, pref_label, tuple(sorted(narrower[concept_id]))
        )
        labels.append((concept_id, pref_label))
    labels.extend(Label.objects.filter(language="nl").values_list("concept_id", "text"))
    return ConceptMatcher(analyzer, concepts, labels)


def load_english_matcher(analyzer: Analyzer) -> ConceptMatcher:
    """A matcher over the English labels (the preferred term's English form and terms marked
    English), for queries only: someone on the English site who types "loneliness elderly"
    reaches the Dutch texts through the concept. Documents are never tagged with it, so
    an English word in a Dutch text changes nothing in the index."""
    if not apps.is_installed("kennisbrug.thesaurus"):
        return ConceptMatcher(analyzer, {}, [])
    from kennisbrug.thesaurus.models import Concept, Label

    labels = [
        (concept_id, text)
        for concept_id, text in Concept.objects.values_list("id", "pref_label_en")
        if text
    ]
    labels.extend(Label.objects.filter(language="en").values_list("concept_id", "text"))
    return ConceptMatcher(analyzer, {}, labels)


def thesaurus_version_sql() -> str | None:
    """The columns of ``thesaurus_version`` as SQL, for a query that reads more beside it
    (runtime.checked: one round trip before every search); None without a thesaurus."""
    if not apps.is_installed("kennisbrug.thesaurus"):
        return None
    from kennisbrug.thesaurus.models import Concept, Label

    concepts, labels = Concept._meta.db_table, Label._meta.db_table
    return (
        f"(SELECT COUNT(*) FROM {concepts}), (SELECT MAX(updated_at) FROM {concepts}),"
        f" (SELECT COUNT(*) FROM {labels}), (SELECT MAX(id) FROM {labels})"
    )


def thesaurus_version() -> tuple:
    """Changes whenever an admin edits the thesaurus, so matchers are rebuilt."""
    from django.db import connection

    columns = thesaurus_version_sql()
    if columns is None:
        return ()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        return tuple(cursor.fetchone())
