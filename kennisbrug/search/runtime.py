"""The analysis as it stands: analyzer, corpus model, thesaurus matcher and speller.

Built once per process and rebuilt when the database says something changed (a new corpus
model after ``kennisbrug reindex``, or an edited thesaurus), so indexing and querying in
every process use the same analysis.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from kennisbrug.search.analyzer import Analyzer, build_analyzer
from kennisbrug.search.compounds import dutch_lexicon
from kennisbrug.search.concepts import ConceptMatcher, load_matcher, thesaurus_version
from kennisbrug.search.models import SearchModel
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

    @property
    def speller(self) -> SpellingCorrector:
        # Built on first use: indexing never needs it.
        if self._speller is None:
            words = self.model.word_frequencies() if self.model else {}
            self._speller = SpellingCorrector(words, dutch_lexicon())
        return self._speller


_lock = threading.Lock()
_current: Runtime | None = None


def _latest_model_id() -> int | None:
    return SearchModel.objects.order_by("-id").values_list("id", flat=True).first()


def build(model: CorpusModel | None, model_id: int | None) -> Runtime:
    analyzer = build_analyzer(model.words if model else ())
    return Runtime(model_id, thesaurus_version(), analyzer, model, load_matcher(analyzer))


def runtime() -> Runtime:
    """The current analysis; checks the database for a newer model or thesaurus."""
    global _current
    model_id = _latest_model_id()
    version = thesaurus_version()
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
