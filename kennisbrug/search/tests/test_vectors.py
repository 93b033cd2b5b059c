"""The semantic vectors of a serving process: held narrow above the memory budget, their
cosines and best rows must stay what exact arithmetic on the stored vectors gives."""

import numpy as np
import pytest

from kennisbrug.search import state as state_module
from kennisbrug.search.engine import search, similar, top_rows
from kennisbrug.search.models import SearchEntry
from kennisbrug.search.state import Vectors


def unit_rows(n: int, dimensions: int, seed: int) -> np.ndarray:
    """Stored vectors as the index stores them: unit length, half precision."""
    rng = np.random.default_rng(seed)
    v = rng.standard_normal((n, dimensions)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v.astype(np.float16)


def filled(stored: np.ndarray, budget: int, monkeypatch) -> Vectors:
    monkeypatch.setattr(state_module, "VECTOR_BUDGET", budget)
    vectors = Vectors(stored.shape[1], len(stored) + 100)
    vectors.put(np.arange(len(stored)), stored)
    return vectors


def test_narrow_vectors_give_the_cosines_of_the_stored_ones_within_their_bound(monkeypatch):
    stored = unit_rows(3000, 64, seed=1)
    # A few rows of zeros (a document nothing of which the model knows) and large values.
    stored[10] = 0
    stored[11] = np.float16(1.0)
    vectors = filled(stored, 0, monkeypatch)
    assert not vectors.wide and vectors.codes.dtype == np.int16
    exact = stored.astype(np.float32)
    for seed in range(5):
        query = unit_rows(1, 64, seed=100 + seed)[0].astype(np.float32)
        expected = exact @ query
        cosine = vectors.cosine(query, len(stored))
        error = np.abs(cosine - expected)
        bound = vectors.error_bound(query, len(stored))
        assert (error <= bound + 1e-6).all()
        assert error.max() < 1e-4  # well under float16's own rounding of the vectors
        assert cosine[10] == 0
        # The best rows are those of exact arithmetic, but for near ties (within the bound).
        mine, theirs = top_rows(cosine, 50), top_rows(expected, 50)
        slack = 2 * float(bound.max())
        assert (np.diff(expected[mine]) <= slack).all()
        cut = expected[theirs[-1]]
        assert all(abs(expected[r] - cut) <= slack for r in set(mine) ^ set(theirs))
        assert mine[:10].tolist() == theirs[:10].tolist()
    rows = np.array([3, 0, 2999, 10])
    assert np.abs(vectors.take(rows) - exact[rows]).max() < 1e-4


def test_wide_vectors_are_the_stored_ones_exactly(monkeypatch):
    stored = unit_rows(500, 32, seed=2)
    vectors = filled(stored, 10**9, monkeypatch)
    assert vectors.wide
    query = stored[7].astype(np.float32)
    assert np.array_equal(vectors.cosine(query, 500), stored.astype(np.float32) @ query)
    assert vectors.error_bound(query, 500) == 0


def test_vectors_narrow_when_growth_passes_the_budget(monkeypatch):
    stored = unit_rows(1000, 16, seed=3)
    vectors = filled(stored, 10**9, monkeypatch)
    monkeypatch.setattr(state_module, "VECTOR_BUDGET", 1200 * 16 * 4)
    kept = vectors.resized(1100)  # still fits: copied as it is
    assert kept.wide and np.array_equal(kept.codes[:1000], stored.astype(np.float32))
    narrow = kept.resized(5000)
    assert not narrow.wide and len(narrow) == 5000
    assert np.abs(narrow.take(np.arange(1000)) - stored.astype(np.float32)).max() < 1e-4
    assert not narrow.take(np.arange(1000, 5000)).any()
    again = narrow.resized(6000)  # narrow to narrow: codes and scales copied exactly
    assert np.array_equal(again.codes[:5000], narrow.codes)
    assert np.array_equal(again.scale[:5000], narrow.scale)


def test_top_rows_of_many_scores_is_still_a_stable_sort_cut_short():
    # Past SAMPLE_ABOVE scores top_rows first cuts to the rows above a sampled floor; ties
    # at the cut (integer scores) and plain floats must come out as a stable sort gives.
    rng = np.random.default_rng(11)
    for scores in (
        rng.integers(0, 300, size=200_000).astype(np.float32),
        rng.standard_normal(300_000).astype(np.float32),
        np.zeros(120_000, dtype=np.float32),
    ):
        order = np.argsort(-scores, kind="stable")
        for k in (1, 10, 24, 200):
            assert top_rows(scores, k).tolist() == order[:k].tolist()


@pytest.mark.django_db
def test_search_and_similar_rank_alike_with_narrow_vectors(monkeypatch):
    queries = [
        "hoe help ik ouderen die zich alleen voelen",
        "geldzorgen jongeren",
        "mantelzorg",
        "schulden en psychische problemen",
    ]
    entry = SearchEntry.objects.filter(kind="product").order_by("id").first()

    def ranked():
        monkeypatch.setattr(state_module, "_state", None)  # a fresh serving process
        hits = [search(q, limit=20).hits for q in queries]
        return (
            [[h.entry_id for h in found] for found in hits],
            np.array([h.score for found in hits for h in found]),
            [s.hit.entry_id for s in similar(entry.kind, entry.object_id)],
        )

    wide_ids, wide_scores, wide_similar = ranked()
    assert state_module._state.vectors.wide
    monkeypatch.setattr(state_module, "VECTOR_BUDGET", 0)
    narrow_ids, narrow_scores, narrow_similar = ranked()
    assert not state_module._state.vectors.wide
    assert narrow_ids == wide_ids and all(wide_ids)
    assert np.abs(narrow_scores - wide_scores).max() < 1e-4
    assert narrow_similar == wide_similar and wide_similar
