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
from collections.abc import Sequence

import numpy as np

# Latent dimensions: enough for thousands of practice texts; above 200k documents fewer,
# so the vectors of a serving process stay within its memory budget (1M × 64 × 2 bytes).
DIMENSIONS = 100
DIMENSIONS_LARGE = 64
LARGE_CORPUS = 200_000
MIN_DF = 2  # a term seen once teaches the model nothing about co-occurrence
MAX_FIT_DOCUMENTS = 50_000  # the projection is learned from a sample; all are projected
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

    # Stored as one .npz blob in the SearchModel row, so every process loads the same model.
    def dumps(self) -> bytes:
        buffer = io.BytesIO()
        np.savez_compressed(
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


def train(
    term_lists: Sequence[Sequence[str]], word_counts: Counter[str], seed: int = 0
) -> CorpusModel:
    """Fit the model on the analysed documents (lists of terms)."""
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import TruncatedSVD

    documents = len(term_lists)
    df_counter: Counter[str] = Counter()
    for terms in term_lists:
        df_counter.update(set(terms))
    vocabulary = sorted(t for t, n in df_counter.items() if n >= MIN_DF)
    df = np.array([df_counter[t] for t in vocabulary], dtype=np.int64)
    words = sorted(w for w, n in word_counts.items() if n >= MIN_DF)
    counts = np.array([word_counts[w] for w in words], dtype=np.int64)
    model = CorpusModel(vocabulary, df, documents, None, words, counts)

    wanted = DIMENSIONS if documents <= LARGE_CORPUS else DIMENSIONS_LARGE
    dimensions = min(wanted, documents - 1, len(vocabulary) - 1)
    if dimensions < 2:
        return model
    rng = np.random.default_rng(seed)
    sample = range(documents)
    if documents > MAX_FIT_DOCUMENTS:
        sample = sorted(rng.choice(documents, MAX_FIT_DOCUMENTS, replace=False).tolist())
    rows, cols, vals = [], [], []
    for r, d in enumerate(sample):
        weighted = model.weights(term_lists[d])
        norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
        for i, v in weighted.items():
            rows.append(r)
            cols.append(i)
            vals.append(v / norm)
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(sample), len(vocabulary)))
    svd = TruncatedSVD(n_components=dimensions, algorithm="randomized", n_iter=6, random_state=seed)
    svd.fit(matrix)
    model.components = svd.components_.astype(np.float32)
    return model


def encode(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else vector.astype(VECTOR_DTYPE).tobytes()


def decode(blob: bytes | memoryview | None, dimensions: int) -> np.ndarray | None:
    if not blob:
        return None
    vector = np.frombuffer(bytes(blob), dtype=VECTOR_DTYPE)
    return vector if vector.shape[0] == dimensions else None
