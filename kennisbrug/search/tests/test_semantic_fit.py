"""The LSA fit (semantic._fit_components): float32 and one BLAS thread, for speed, must give
the model that scikit-learn's TruncatedSVD in float64 gave, and the same one every time."""

import numpy as np
import pytest
from sklearn.decomposition import TruncatedSVD

from kennisbrug.search import semantic
from kennisbrug.search.documents import all_documents
from kennisbrug.search.indexer import Analysed
from kennisbrug.search.runtime import runtime

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    rt = runtime()
    bags = [Analysed(d, rt).bag() for d in all_documents()]
    df = {}
    for bag in bags:
        for term in bag:
            df[term] = df.get(term, 0) + 1
    return bags, df


def _train(corpus) -> semantic.CorpusModel:
    bags, df = corpus
    return semantic.train(bags, df, len(bags), {"woord": 3})


def test_the_fit_gives_the_same_model_every_time(corpus):
    first, second = _train(corpus), _train(corpus)
    assert first.components.dtype == np.float32
    assert first.components.shape == (semantic.DIMENSIONS, len(first.terms))
    assert np.array_equal(first.components, second.components)


def test_the_fit_agrees_with_truncated_svd_in_double_precision(corpus):
    model = _train(corpus)
    bags, _df = corpus
    matrix = model.matrix(bags)
    reference = TruncatedSVD(
        n_components=model.dimensions, algorithm="randomized", n_iter=6, random_state=0
    ).fit(matrix)
    # Same components (signs included), up to float32 rounding.
    agreement = np.sum(model.components * reference.components_, axis=1)
    assert agreement.min() > 0.999
    assert np.abs(model.components - reference.components_).max() < 1e-3
    # And so the same stored vectors, to the precision they are stored in.
    ours = model.vectors(bags[:50])
    model.components, model._components_t = reference.components_.astype(np.float32), None
    theirs = model.vectors(bags[:50])
    for a, b in zip(ours, theirs, strict=True):
        assert np.allclose(a, b, atol=2e-3)
