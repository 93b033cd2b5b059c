"""The analysis as it stands: analyzer, corpus model, thesaurus matcher and speller.

Built once per process and rebuilt when the database says something changed (a new corpus
model after ``kennisbrug reindex``, or an edited thesaurus), so indexing and querying in
every process use the same analysis.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db import connection

from kennisbrug.search.analyzer import Analyzer, build_analyzer
from kennisbrug.search.compounds import dutch_lexicon
from kennisbrug.search.concepts import (
    ConceptMatcher,
    load_english_matcher,
    load_matcher,
    thesaurus_version,
    thesaurus_version_sql,
)
from kennisbrug.search.models import SearchModel, Sequence
from kennisbrug.search.semantic import CorpusModel
from kennisbrug.search.spelling import SpellingCorrector


@dataclass
class Runtime:
    model_id: int | None
    thesaurus: tuple
    analyzer: Analyzer
    model: CorpusModel | None
    matcher: ConceptMatcher
    _speller: SpellingCorrector | None = None
    _english: ConceptMatcher | None = None

    @property
    def speller(self) -> SpellingCorrector:
        # Built on first use: indexing never needs it.
        if self._speller is None:
            words = self.model.word_frequencies() if self.model else {}
            self._speller = SpellingCorrector(words, dutch_lexicon())
        return self._speller

    @property
    def english(self) -> ConceptMatcher:
        # Built on first use, for queries only (concepts.load_english_matcher).
        if self._english is None:
            self._english = load_english_matcher(self.analyzer)
        return self._english


_lock = threading.Lock()
_current: Runtime | None = None


def _latest_model_id() -> int | None:
    return SearchModel.objects.order_by("-id").values_list("id", flat=True).first()


def build(model: CorpusModel | None, model_id: int | None) -> Runtime:
    analyzer = build_analyzer(model.words if model else ())
    return Runtime(model_id, thesaurus_version(), analyzer, model, load_matcher(analyzer))


def _bookkeeping() -> tuple[int | None, tuple, tuple]:
    """The newest model's id, the thesaurus version and the index's sequence counter (value,
    resets, nonce), in one query: a search needs all three before it starts, and three
    round trips cost more than the small reads themselves."""
    model, counter = SearchModel._meta.db_table, Sequence._meta.db_table
    thesaurus = thesaurus_version_sql()
    columns = [f"(SELECT MAX(id) FROM {model})"]
    if thesaurus:
        columns.append(thesaurus)
    columns += [f"(SELECT {c} FROM {counter} WHERE id = 1)" for c in ("value", "resets", "nonce")]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}")
        row = cursor.fetchone()
    sequence = row[-3:] if row[-3] is not None else (0, 0, 0)
    return row[0], tuple(row[1:-3]), tuple(sequence)


def checked() -> tuple[Runtime, tuple]:
    """The current analysis (rebuilt if the database has a newer model or thesaurus) and the
    index's sequence counter, for ``state.state``: what a search reads first, in one query."""
    model_id, version, counter = _bookkeeping()
    return _runtime(model_id, version), counter


def runtime() -> Runtime:
    """The current analysis; checks the database for a newer model or thesaurus."""
    return _runtime(_latest_model_id(), thesaurus_version())


def _runtime(model_id: int | None, version: tuple) -> Runtime:
    global _current
    current = _current
    if current and current.model_id == model_id and current.thesaurus == version:
        return current
    with _lock:
        if _current and _current.model_id == model_id and _current.thesaurus == version:
            return _current
        model = None
        if model_id is not None:
            model = CorpusModel.loads(SearchModel.objects.get(pk=model_id).data)
        if _current and _current.model_id == model_id:
            # Only the thesaurus changed: keep the analyzer and its warm caches.
            _current = Runtime(
                model_id, version, _current.analyzer, model, load_matcher(_current.analyzer)
            )
        else:
            _current = build(model, model_id)
        return _current


def install(rt: Runtime) -> None:
    """Make a freshly trained runtime the current one (after a rebuild)."""
    global _current
    with _lock:
        _current = rt
