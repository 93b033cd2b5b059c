"""The corpus model: latent semantic analysis (LSA) trained on Kennisbrug's own texts.

Why LSA: it runs offline, trains in seconds on this corpus, and learns that words which
occur in the same kind of texts (eenzaamheid, ontmoeting, isolement, vereenzaming) belong
together — the vocabulary mismatch BM25 cannot bridge. Documents and queries are mapped
with the same projection; their cosine is the semantic half of the hybrid score.

The model also carries the document frequencies (for the PostgreSQL ranking and "meer
zoals dit") and the corpus vocabulary (for compound splitting and spelling correction).
"""

from __future__ import annotations

import io
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import chain, repeat

import numpy as np

# Latent dimensions: enough for thousands of practice texts; above 200k documents fewer,
# so the vectors of a serving process stay within its memory budget (1M × 64 × 2 bytes).
DIMENSIONS = 100
DIMENSIONS_LARGE = 64
LARGE_CORPUS = 200_000
MIN_DF = 2  # a term seen once teaches the model nothing about co-occurrence
MAX_FIT_DOCUMENTS = 20_000  # the projection is learned from a sample; all are projected
VECTOR_DTYPE = np.float16  # half the memory; cosine differences stay far above its precision


class CorpusModel:
    def __init__(
        self,
        terms: Sequence[str],
        df: np.ndarray,
        documents: int,
        components: np.ndarray | None,
        words: Sequence[str],
        word_counts: np.ndarray,
    ):
        self.terms = list(terms)
        self.index = {t: i for i, t in enumerate(self.terms)}
        self.df = df.astype(np.int64)
        self.documents = documents
        self.idf = np.log(1 + (documents - self.df + 0.5) / (self.df + 0.5)).astype(np.float32)
        self.components = components  # (dimensions, terms), float32
        self._components_t: np.ndarray | None = None  # (terms, dimensions), for batches
        self.words = list(words)
        self.word_counts = word_counts

    @property
    def dimensions(self) -> int:
        return 0 if self.components is None else self.components.shape[0]

    def idf_of(self, term: str) -> float:
        i = self.index.get(term)
        if i is None:  # unseen at training time: as rare as a term can be
            return math.log(1 + (self.documents + 0.5) / 1.5)
        return float(self.idf[i])

    def df_of(self, term: str) -> int:
        i = self.index.get(term)
        return 0 if i is None else int(self.df[i])

    def word_frequencies(self) -> dict[str, int]:
        return dict(zip(self.words, self.word_counts.tolist(), strict=True))

    def weights(self, terms: Sequence[str]) -> dict[int, float]:
        """Sublinear tf·idf weights of a bag of terms, by term index."""
        counts = Counter(self.index[t] for t in terms if t in self.index)
        return {i: (1 + math.log(c)) * float(self.idf[i]) for i, c in counts.items()}

    def project(self, weighted: dict[int, float]) -> np.ndarray | None:
        """A unit vector in the latent space, or None if nothing of it is known."""
        if self.components is None or not weighted:
            return None
        idx = np.fromiter(weighted.keys(), dtype=np.int64)
        val = np.fromiter(weighted.values(), dtype=np.float32)
        vector = self.components[:, idx] @ val
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else None

    def vector(self, terms: Sequence[str]) -> np.ndarray | None:
        return self.project(self.weights(terms))

    def matrix(self, bags: Sequence[Mapping[str, int]]):
        """Sublinear tf·idf rows (unit length) of many bags of terms (term → count), as one
        sparse matrix: a batch costs one dictionary probe per distinct term, the rest is
        array arithmetic."""
        from scipy.sparse import csr_matrix

        # Every (term, count) of the batch in one flat run; term ids by a C-level map.
        lengths = np.fromiter(map(len, bags), dtype=np.int64, count=len(bags))
        total = int(lengths.sum())
        ids = np.fromiter(
            map(self.index.get, chain.from_iterable(bags), repeat(-1)), np.int64, count=total
        )
        counts = np.fromiter(
            chain.from_iterable(bag.values() for bag in bags), np.float64, count=total
        )
        rows = np.repeat(np.arange(len(bags)), lengths)
        known = ids >= 0
        idx, counts, rows = ids[known].astype(np.int32), counts[known], rows[known]
        # float64: the projections of stored vectors are computed at this precision (the
        # fit itself runs on a float32 copy, see _fit_components).
        data = (1 + np.log(counts)) * self.idf[idx].astype(np.float64)
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=len(bags)))
        data = data / np.where(norms > 0, norms, 1.0)[rows]
        pointers = np.zeros(len(bags) + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=len(bags)), out=pointers[1:])
        return csr_matrix((data, idx, pointers), shape=(len(bags), len(self.terms)))

    def vectors(self, bags: Sequence[Mapping[str, int]]) -> list[np.ndarray | None]:
        """``vector`` of many bags at once (None where nothing of a bag is known)."""
        if self.components is None or not bags:
            return [None] * len(bags)
        if self._components_t is None:
            self._components_t = np.ascontiguousarray(self.components.T)
        projected = np.asarray(self.matrix(bags) @ self._components_t, dtype=np.float32)
        norms = np.linalg.norm(projected, axis=1)
        return [v / n if n > 0 else None for v, n in zip(projected, norms.tolist(), strict=True)]

    # Stored as one .npz blob in the SearchModel row, so every process loads the same model.
    # Not compressed: the components (float32) shrink by a sixth at 0.3 s of a rebuild's
    # CPU (10k documents); ``loads`` reads either.
    def dumps(self) -> bytes:
        buffer = io.BytesIO()
        np.savez(
            buffer,
            terms=np.array(self.terms, dtype=object),
            df=self.df,
            documents=np.array([self.documents]),
            components=self.components if self.components is not None else np.zeros((0, 0)),
            words=np.array(self.words, dtype=object),
            word_counts=self.word_counts,
        )
        return buffer.getvalue()

    @classmethod
    def loads(cls, blob: bytes) -> CorpusModel:
        data = np.load(io.BytesIO(bytes(blob)), allow_pickle=True)
        components = data["components"].astype(np.float32)
        return cls(
            terms=data["terms"].tolist(),
            df=data["df"],
            documents=int(data["documents"][0]),
            components=components if components.size else None,
            words=data["words"].tolist(),
            word_counts=data["word_counts"],
        )


def fit_sample(documents: int, seed: int = 0) -> set[int] | None:
    """The documents the projection is learned from (None: all of them). Chosen before the
    documents are analysed, so only the sample's term bags need to be kept."""
    if documents <= MAX_FIT_DOCUMENTS:
        return None
    rng = np.random.default_rng(seed)
    return set(rng.choice(documents, MAX_FIT_DOCUMENTS, replace=False).tolist())


def train(
    fit_bags: Sequence[Mapping[str, int]],
    df_counter: Mapping[str, int],
    documents: int,
    word_counts: Mapping[str, int],
    seed: int = 0,
) -> CorpusModel:
    """Fit the model: ``df_counter`` counts the documents each term occurs in (over all
    ``documents``), ``fit_bags`` are the term bags (term → count) of the fit sample."""
    vocabulary = sorted(t for t, n in df_counter.items() if n >= MIN_DF)
    df = np.array([df_counter[t] for t in vocabulary], dtype=np.int64)
    words = sorted(w for w, n in word_counts.items() if n >= MIN_DF)
    counts = np.array([word_counts[w] for w in words], dtype=np.int64)
    model = CorpusModel(vocabulary, df, documents, None, words, counts)

    wanted = DIMENSIONS if documents <= LARGE_CORPUS else DIMENSIONS_LARGE
    dimensions = min(wanted, documents - 1, len(vocabulary) - 1)
    if dimensions < 2:
        return model
    model.components = _fit_components(model.matrix(fit_bags), dimensions, seed)
    return model


def _fit_components(matrix, dimensions: int, seed: int) -> np.ndarray:
    """The LSA projection: randomized truncated SVD (6 power iterations, 10 extra columns)
    of the tf·idf matrix, as ``TruncatedSVD`` fits it, but cheaper in two ways that leave
    the result the same to float32 precision (components within 1e-4, stored float16
    vectors within one unit of their last place; docs/search.md):

    - float32 instead of float64: the sparse products and the factorisations between the
      power iterations move half the bytes (the fit cost a fixed ~5–8 s, the slowest pass
      of a 10k rebuild);
    - one BLAS thread: OpenBLAS's threads spin for the second core, which on a busy
      two-core machine doubled the CPU time and more than doubled the wall time.

    Only the components are computed (``TruncatedSVD`` also projects the whole sample and
    its variances, which the model does not keep)."""
    from sklearn.utils.extmath import randomized_svd, svd_flip
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        u, _sigma, vt = randomized_svd(
            matrix.astype(np.float32),
            dimensions,
            n_oversamples=10,
            n_iter=6,
            random_state=seed,
            flip_sign=False,
        )
        # The signs TruncatedSVD gives (decided by the components, as in PCA).
        _u, vt = svd_flip(u, vt, u_based_decision=False)
    return np.ascontiguousarray(vt, dtype=np.float32)


def encode(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else vector.astype(VECTOR_DTYPE).tobytes()


def decode(blob: bytes | memoryview | None, dimensions: int) -> np.ndarray | None:
    if not blob:
        return None
    vector = np.frombuffer(bytes(blob), dtype=VECTOR_DTYPE)
    return vector if vector.shape[0] == dimensions else None
