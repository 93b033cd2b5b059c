"""What a serving process keeps in memory: per entry its facet values and semantic vector,
in NumPy arrays, so facet counts, filters and the semantic half of the ranking cost array
operations instead of database joins.

The arrays follow the database: before each search one small query reads the index's
sequence counter; new and changed entries (a higher ``seq``) are merged in, and after a
removal or rebuild (``resets`` changed) everything is reloaded.
"""

from __future__ import annotations

import threading

import numpy as np

from kennisbrug.interventions.models import EvidenceLevel
from kennisbrug.search.models import SearchEntry, Sequence

KINDS = ["", *(k for k, _ in SearchEntry.Kind.choices)]  # 0 = none, as for the others
EVIDENCE = ["", *(k for k, _ in EvidenceLevel.choices)]
CHUNK = 20_000
VECTOR_BUDGET = 200 * 2**20  # bytes of float32 vectors a serving process may hold
SCAN_ROWS = 16_384  # rows widened at a time in a scan: 4 MB of float32, within the caches


class Bits:
    """A set of small-integer ids per entry, packed as bits (themes, target groups)."""

    def __init__(self, width: int = 64):
        self.position: dict[int, int] = {}
        self.width = width
        self.rows = np.zeros((0, width // 8), dtype=np.uint8)

    def resize(self, n: int) -> None:
        grown = np.zeros((n, self.width // 8), dtype=np.uint8)
        grown[: min(n, len(self.rows))] = self.rows[:n]
        self.rows = grown

    def set(self, row: int, ids: list[int]) -> bool:
        """False when there is no room for a new id (the caller reloads with more width)."""
        bits = np.zeros(self.width, dtype=np.uint8)
        for i in ids:
            if i not in self.position:
                if len(self.position) >= self.width:
                    return False
                self.position[i] = len(self.position)
            bits[self.position[i]] = 1
        self.rows[row] = np.packbits(bits)
        return True

    def counts(self, rows: np.ndarray) -> dict[int, int]:
        if not len(rows):
            return {}
        totals = np.unpackbits(self.rows[rows], axis=1).sum(axis=0)
        return {i: int(totals[p]) for i, p in self.position.items() if totals[p]}

    def having(self, ids: list[int]) -> np.ndarray:
        """Mask of entries with any of these ids."""
        mask = np.zeros(len(self.rows), dtype=bool)
        for i in ids:
            p = self.position.get(i)
            if p is not None:
                mask |= (self.rows[:, p // 8] & (0x80 >> (p % 8))) != 0
        return mask


class Vectors:
    """The entries' semantic vectors, one row per entry, and their cosine with a query.

    While they fit ``VECTOR_BUDGET`` as float32 (about 800,000 entries at 64 dimensions)
    they are held as such: one matrix-vector product per query. Past it each row is held
    as 16-bit integers times a scale of its own (its largest value ÷ 32,767): the memory of
    half precision, but widened a slice at a time in a few milliseconds per 100,000 rows
    (NumPy's int16 → float32 conversion is vectorised; its float16 one cost ~7 ns a value
    here, ~0.5 s a query at a million entries). The stored vectors are float16 (see
    semantic.VECTOR_DTYPE), so the integers lose nothing that matters: a component is off
    by at most half a step, a cosine by at most ``scale / 2 × sum(|query|)`` (≈ 2e-5, ten
    times less than the float16 rounding of the stored vectors themselves).
    """

    def __init__(self, dimensions: int, capacity: int):
        self.dimensions = dimensions
        self.wide = capacity * dimensions * 4 <= VECTOR_BUDGET
        self.codes = np.zeros((capacity, dimensions), dtype=np.float32 if self.wide else np.int16)
        # Per row: the value of one integer step (narrow only).
        self.scale = None if self.wide else np.zeros(capacity, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.codes)

    def resized(self, capacity: int) -> Vectors:
        """A copy with room for ``capacity`` rows (narrowed if it no longer fits as float32)."""
        new = Vectors(self.dimensions, capacity)
        keep = min(capacity, len(self))
        if new.wide == self.wide:
            new.codes[:keep] = self.codes[:keep]
            if not new.wide:
                new.scale[:keep] = self.scale[:keep]
            return new
        for start in range(0, keep, SCAN_ROWS):  # narrowed a slice at a time
            rows = np.arange(start, min(keep, start + SCAN_ROWS))
            new.put(rows, self.take(rows))
        return new

    def put(self, rows: np.ndarray, vectors: np.ndarray) -> None:
        """Store these vectors (any float type, one per row) at these rows."""
        if self.wide:
            self.codes[rows] = vectors
            return
        vectors = np.asarray(vectors, dtype=np.float32)
        scale = np.abs(vectors).max(axis=1) / 32767 if len(vectors) else np.zeros(0, np.float32)
        divisor = np.where(scale > 0, scale, 1.0)[:, None]
        self.codes[rows] = np.rint(vectors / divisor).astype(np.int16)
        self.scale[rows] = scale

    def take(self, rows: np.ndarray) -> np.ndarray:
        """The vectors of these rows as float32."""
        if self.wide:
            return self.codes[rows]
        return self.codes[rows].astype(np.float32) * self.scale[rows][:, None]

    def cosine(self, query: np.ndarray, n: int) -> np.ndarray:
        """The dot product of ``query`` (a unit vector) with the first ``n`` rows."""
        q = np.asarray(query, dtype=np.float32)
        if self.wide:
            return self.codes[:n] @ q
        out = np.empty(n, dtype=np.float32)
        buffer = np.empty((min(n, SCAN_ROWS), self.dimensions), dtype=np.float32)
        for start in range(0, n, SCAN_ROWS):
            stop = min(n, start + SCAN_ROWS)
            part = buffer[: stop - start]
            np.copyto(part, self.codes[start:stop], casting="unsafe")
            # einsum, not BLAS: OpenBLAS spreads each of these small products over its
            # threads, which on a busy machine cost 4-15x more (600 against 48 ms at 1M).
            np.einsum("ij,j->i", part, q, out=out[start:stop])
        out *= self.scale[:n]
        return out

    def error_bound(self, query: np.ndarray, n: int) -> np.ndarray | float:
        """How far ``cosine`` may be from the product with the stored vectors, per row."""
        if self.wide:
            return 0.0
        return self.scale[:n] * (0.5 * float(np.abs(query).sum()))


class IndexState:
    def __init__(self) -> None:
        self.seq = -1
        self.resets = -1
        self.counter: tuple = ()
        self.dimensions = 0
        self.n = 0  # rows in use; entry ids only grow, so ids[: n] stays sorted
        self.ids = np.zeros(0, dtype=np.int64)
        self.kind = np.zeros(0, dtype=np.int8)
        self.werkplaats = np.zeros(0, dtype=np.int32)
        self.year = np.zeros(0, dtype=np.int16)
        self.evidence = np.zeros(0, dtype=np.int8)
        self.date = np.zeros(0, dtype=np.int32)
        self.themes = Bits()
        self.groups = Bits()
        self.vectors: Vectors | None = None
        self.live = np.zeros(0, dtype=bool)

    def __len__(self) -> int:
        return self.n

    def _grow(self, n: int) -> None:
        for name in ("ids", "kind", "werkplaats", "year", "evidence", "date", "live"):
            old = getattr(self, name)
            new = np.zeros(n, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)
        self.themes.resize(n)
        self.groups.resize(n)
        if self.dimensions:
            if self.vectors is None:
                self.vectors = Vectors(self.dimensions, n)
            else:
                self.vectors = self.vectors.resized(n)

    def load(self, since_seq: int, dimensions: int) -> bool:
        """Merge entries written after ``since_seq``; False if a full reload is needed."""
        fields = (
            "id",
            "kind",
            "werkplaats_id",
            "year",
            "evidence_level",
            "date",
            "theme_ids",
            "target_group_ids",
            "vector",
        )
        queryset = SearchEntry.objects.filter(seq__gt=since_seq).order_by("id")
        if not self.n:
            # Room for all at once: growing by steps would hold an old and a new copy of
            # every array (at a million entries, hundreds of MB) at the last step. The slack
            # is zeroed lazily by the OS, so it costs no memory until entries arrive.
            expected = queryset.count()
            if expected > len(self.ids):
                self._grow(expected + expected // 8 + 1024)
        last_id = 0
        blob_size = 2 * dimensions  # float16
        while True:
            chunk = list(queryset.filter(id__gt=last_id).values_list(*fields)[:CHUNK])
            if not chunk:
                return True
            last_id = chunk[-1][0]
            known = self.rows([row[0] for row in chunk])
            needed = self.n + int((known < 0).sum())
            if needed > len(self.ids):
                self._grow(max(needed, int(len(self.ids) * 1.25) + 1024))
            vector_rows: list[int] = []
            blobs: list[bytes] = []
            for (
                entry_id,
                kind,
                werkplaats,
                year,
                evidence,
                date,
                themes,
                groups,
                vector,
            ), row in zip(chunk, known.tolist(), strict=True):
                if row < 0:
                    if self.n and entry_id < self.ids[self.n - 1]:
                        return False  # an id older than the newest: order lost, reload
                    row = self.n
                    self.n += 1
                self.ids[row] = entry_id
                self.kind[row] = KINDS.index(kind)
                self.werkplaats[row] = werkplaats or 0
                self.year[row] = year or 0
                self.evidence[row] = EVIDENCE.index(evidence) if evidence in EVIDENCE else 0
                self.date[row] = date.toordinal() if date else 0
                self.live[row] = True
                if not (self.themes.set(row, themes) and self.groups.set(row, groups)):
                    return False
                if self.dimensions and vector and len(vector) == blob_size:
                    vector_rows.append(row)
                    blobs.append(bytes(vector))
            if blobs:  # converted a chunk at a time
                matrix = np.frombuffer(b"".join(blobs), dtype=np.float16)
                self.vectors.put(np.array(vector_rows), matrix.reshape(len(blobs), dimensions))

    def rows(self, entry_ids) -> np.ndarray:
        """The rows of these entry ids; -1 for ids the arrays do not hold."""
        wanted = np.asarray(entry_ids, dtype=np.int64)
        ids = self.ids[: self.n]
        rows = np.searchsorted(ids, wanted)
        rows[rows >= self.n] = 0
        found = (ids[rows] == wanted) if self.n else np.zeros(len(wanted), dtype=bool)
        return np.where(found, rows, -1)

    def row(self, entry_id: int) -> int | None:
        row = int(self.rows([entry_id])[0])
        return None if row < 0 else row


_lock = threading.Lock()
_state: IndexState | None = None


def state(dimensions: int, counter: tuple | None = None) -> IndexState:
    """The arrays, brought up to date with the database. ``counter``: the sequence counter
    (value, resets, nonce) if the caller has just read it (runtime.checked)."""
    global _state
    if counter is None:
        counter = Sequence.objects.filter(pk=1).values_list("value", "resets", "nonce").first()
        counter = tuple(counter or (0, 0, 0))
    current = _state
    if current and current.counter == counter and current.dimensions == dimensions:
        return current
    with _lock:
        current = _state
        if (
            current is None
            or current.resets != counter[1]
            or current.dimensions != dimensions
            or counter[0] <= current.seq  # went back: we saw a write that was rolled back
        ):
            current = IndexState()
            current.dimensions = dimensions
            since = -1
        else:
            since = current.seq
        if not current.load(since, dimensions):
            width = max(64, 64 * (len(current.themes.position) // 64 + 2))
            current = IndexState()
            current.dimensions = dimensions
            current.themes = Bits(width)
            current.groups = Bits(width)
            current.load(-1, dimensions)
        current.counter = counter
        current.seq, current.resets = counter[0], counter[1]
        _state = current
        return current
