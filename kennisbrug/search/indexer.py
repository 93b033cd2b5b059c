"""Writing the index: one record at a time as it is saved, or everything at once.

``index_records`` is what the signals call: the entry and its full-text row are written on
the same connection, inside the same transaction as the record, so they commit (or roll
back) together. Imports wrap their work in ``deferred()``: the records are collected and
indexed in one batch at the end, still inside the import's transaction.

``rebuild`` trains a new corpus model on everything and rewrites the whole index; that is
``kennisbrug reindex``. It streams: no pass holds more than a batch of documents' text, so a
corpus of a million records fits in memory, and on a large corpus the analysis runs in worker
processes while this one writes.
"""

from __future__ import annotations

import multiprocessing
import os
import secrets
import threading
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext

import numpy as np
from django.db import transaction
from django.db.models import F, Model

from kennisbrug.search import backends, runtime
from kennisbrug.search.analyzer import build_analyzer
from kennisbrug.search.concepts import load_matcher, thesaurus_version
from kennisbrug.search.documents import KINDS, MODEL_KINDS, IndexDocument, all_documents
from kennisbrug.search.models import SearchEntry, SearchModel
from kennisbrug.search.models import Sequence as IndexSequence
from kennisbrug.search.semantic import MIN_DF, encode, fit_sample, train
from kennisbrug.search.text import raw_tokens

BATCH = 1000
# A rebuild of fewer documents analyses in this process: starting workers costs more.
POOL_MIN = 5_000
WORDS_CHUNK = 2_000  # documents per word-counting task (each returns a Counter to merge)


class Analysed:
    """A document through the analysis: its full-text columns and concepts. Kept small
    (strings, no token lists), as ``rebuild`` holds one per document."""

    __slots__ = ("document", "columns", "concept_ids")

    def __init__(self, document: IndexDocument, rt: runtime.Runtime):
        analyzer = rt.analyzer
        self.document = document
        self.columns: dict[str, str] = {}
        stems: list[str] = []
        # Each text is tokenised once: its index terms and its stems come from one pass.
        for name, text in (
            ("title", document.title),
            ("keywords", document.keywords),
            ("summary", document.summary),
            ("body", document.body),
            ("attachments", document.attachments),
        ):
            self.columns[name], field_stems = analyzer.analyse(text)
            stems.extend(field_stems)
        all_terms = " ".join(self.columns.values()).split()
        found = rt.matcher.find(stems, all_terms)
        self.columns["concepts"] = " ".join(rt.matcher.tag_tokens(found))
        self.concept_ids = sorted(found)

    @classmethod
    def restored(cls, document: IndexDocument, columns: dict[str, str], concept_ids: list[int]):
        """One analysed in a worker process, with its document from this one."""
        analysed = cls.__new__(cls)
        analysed.document, analysed.columns, analysed.concept_ids = document, columns, concept_ids
        return analysed

    def bag(self) -> Counter[str]:
        """The terms the semantic model sees, counted: the title twice, as it says most in
        fewest words, and the concept tags."""
        c = self.columns
        bag = Counter(" ".join(c.values()).split())
        bag.update(c["title"].split())
        return bag


def _next_seq(*, reset: bool = False) -> int:
    sequence, _ = IndexSequence.objects.get_or_create(pk=1)
    updates = {"value": F("value") + 1, "nonce": secrets.randbits(62)}
    if reset:
        updates["resets"] = F("resets") + 1
    IndexSequence.objects.filter(pk=1).update(**updates)
    return IndexSequence.objects.values_list("value", flat=True).get(pk=1)


def _entry(analysed: Analysed, vector, seq: int) -> SearchEntry:
    d = analysed.document
    return SearchEntry(
        kind=d.kind,
        object_id=d.object_id,
        source=d.source,
        source_id=d.source_id,
        subtype=d.subtype[:200],
        title=d.title[:300],
        url=d.url,
        text=d.display_text(),
        werkplaats_id=d.werkplaats_id,
        theme_ids=d.theme_ids,
        target_group_ids=d.target_group_ids,
        concept_ids=analysed.concept_ids,
        year=d.year,
        date=d.date,
        evidence_level=d.evidence_level,
        vector=encode(vector),
        seq=seq,
    )


def write_documents(
    documents: Iterable[IndexDocument | Analysed],
    rt: runtime.Runtime | None = None,
    *,
    fresh: bool = False,
) -> int:
    """Add or replace the entries of these documents (analysed here unless they come
    analysed already, as from ``rebuild``). Returns how many were written. ``fresh``: the
    index was just emptied, so nothing needs replacing."""
    rt = rt or runtime.runtime()
    index = backends.current()
    written = 0
    batch: list[IndexDocument | Analysed] = []

    def flush() -> None:
        nonlocal written
        if not batch:
            return
        seq = _next_seq()
        analysed = [d if isinstance(d, Analysed) else Analysed(d, rt) for d in batch]
        existing = {}
        for kind in {a.document.kind for a in analysed} if not fresh else ():
            ids = [a.document.object_id for a in analysed if a.document.kind == kind]
            for entry_id, object_id in SearchEntry.objects.filter(
                kind=kind, object_id__in=ids
            ).values_list("id", "object_id"):
                existing[(kind, object_id)] = entry_id
        vectors = rt.model.vectors([a.bag() for a in analysed]) if rt.model else [None] * len(batch)
        entries = [_entry(a, v, seq) for a, v in zip(analysed, vectors, strict=True)]
        columns = {id(e): a.columns for e, a in zip(entries, analysed, strict=True)}
        new = [e for e in entries if (e.kind, e.object_id) not in existing]
        old = [e for e in entries if (e.kind, e.object_id) in existing]
        for entry in old:
            entry.pk = existing[(entry.kind, entry.object_id)]
        if old:
            fields = [f.name for f in SearchEntry._meta.concrete_fields if not f.primary_key]
            SearchEntry.objects.bulk_update(old, fields, batch_size=500)
            index.write([backends.IndexRow(e.pk, columns[id(e)]) for e in old])
        # New entries and their full-text rows in one go (on PostgreSQL one INSERT per
        # chunk with the tsvector, rather than an insert and then an update of every row).
        index.insert(new, [columns[id(e)] for e in new])
        written += len(batch)
        batch.clear()

    with transaction.atomic():
        for document in documents:
            batch.append(document)
            if len(batch) >= BATCH:
                flush()
        flush()
    return written


def remove(keys: Iterable[tuple[str, int]]) -> int:
    """Take records out of the index (deleted, unpublished, withdrawn)."""
    index = backends.current()
    removed = 0
    with transaction.atomic():
        for kind, object_id in keys:
            ids = list(
                SearchEntry.objects.filter(kind=kind, object_id=object_id).values_list(
                    "id", flat=True
                )
            )
            if ids:
                index.delete(ids)
                SearchEntry.objects.filter(id__in=ids).delete()
                removed += len(ids)
        if removed:
            _next_seq(reset=True)
    return removed


def index_records(records: Iterable[tuple[type[Model], int]]) -> None:
    """(Re)index these records, removing those the public may no longer see."""
    by_kind: dict[str, set[int]] = {}
    for model, pk in records:
        kind = MODEL_KINDS.get(model)
        if kind is not None:
            by_kind.setdefault(kind, set()).add(pk)
    documents, gone = [], []
    for kind, pks in by_kind.items():
        _model, queryset, to_document = KINDS[kind]
        found = {obj.pk: obj for obj in queryset().filter(pk__in=pks)}
        documents.extend(to_document(found[pk]) for pk in sorted(found))
        gone.extend((kind, pk) for pk in pks if pk not in found)
    with transaction.atomic():
        if gone:
            remove(gone)
        if documents:
            write_documents(documents)


# --- deferring: imports collect and index once, at the end of their transaction ---------

_pending = threading.local()


def pending() -> set | None:
    return getattr(_pending, "records", None)


@contextmanager
def deferred():
    """Collect records saved inside the block; index them together when it ends."""
    if pending() is not None:  # nested: the outer block indexes
        yield
        return
    _pending.records = set()
    try:
        yield
        records = _pending.records
    finally:
        _pending.records = None
    if records:
        index_records(records)


@contextmanager
def suspended():
    """Ignore record changes inside the block; the caller rebuilds the index afterwards."""
    previous = pending()
    _pending.records = _Discard()
    try:
        yield
    finally:
        _pending.records = previous


class _Discard(set):
    def update(self, *others) -> None:
        pass


# --- rebuilding everything ------------------------------------------------------------

DocumentSource = Sequence[IndexDocument] | Callable[[], Iterable[IndexDocument]]


def corpus_words(documents: Iterable[IndexDocument]) -> Counter[str]:
    """How often every word (letters only, 4+) occurs in the corpus: the vocabulary the
    compound splitter and the speller learn. Counted at C speed, filtered once at the end."""
    counts: Counter[str] = Counter()
    for d in documents:
        for text in (d.title, d.keywords, d.summary, d.body, d.attachments):
            if text:
                counts.update(raw_tokens(text))
    return Counter({w: n for w, n in counts.items() if 4 <= len(w) <= 40 and w.isalpha()})


def rebuild(
    documents: DocumentSource | None = None,
    *,
    train_model: bool = True,
    workers: int | None = None,
    timings: dict[str, float] | None = None,
) -> int:
    """Train a new corpus model on every document and rewrite the whole index.

    ``documents``: a sequence, or a function that gives them afresh for each pass (by
    default every indexable record, read from the database per pass). Three passes, none of
    which holds more than a batch of texts: count the corpus words (the splitter's
    vocabulary); analyse every document and write its entry and full-text row, keeping only
    its term counts as integers; train the model on a sample and store every entry's vector.
    ``workers``: analysis processes (default: both cores from ``POOL_MIN`` documents on; 0
    or 1 analyses here). ``timings`` receives the seconds of each pass."""
    source, size = _source(documents)
    timings = {} if timings is None else timings
    clock = _Clock(timings)
    written = _rebuild(source, size, train_model, workers, clock)
    with clock("settle"):
        backends.current().settle()  # outside the transaction: see PostgresIndex.settle
    return written


def _rebuild(source, size, train_model: bool, workers: int | None, clock: _Clock) -> int:
    """``rebuild``'s work, in one transaction: searches see the old index until it commits."""
    rt = runtime.runtime()
    with transaction.atomic():
        if not train_model:
            _reset_index()
            return write_documents(source(), rt, fresh=True)
        if workers is None and size() < POOL_MIN:
            workers = 0
        with clock("words"), _pool(workers, None) as pool:
            words: Counter[str] = Counter()
            n = 0
            for _chunk, (count, found) in _mapped(_count_words, source(), WORDS_CHUNK, pool):
                n += count
                words.update(found)
        # The vocabulary the splitter will know, then the terms the model learns from.
        analyzer = build_analyzer(w for w, c in words.items() if c >= MIN_DF)
        provisional = runtime.Runtime(
            None, thesaurus_version(), analyzer, None, load_matcher(analyzer)
        )
        loader = backends.current().bulk()
        # A loader that builds a fresh table replaces the old rows at the end; until then
        # they stay, and searches elsewhere read them either way (this is one transaction).
        _reset_index(keep_rows=loader.replaces_table)
        with clock("analyse_write"), _pool(workers, provisional) as pool:
            written, fit_bags, df, kept, term_list = _analyse_and_write(
                source(), provisional, n, pool, loader
            )
        with clock("svd"):
            model = train(fit_bags, df, n, words)
        del fit_bags, df
        row = SearchModel.objects.create(documents=n, data=model.dumps())
        # Older models are kept no longer than needed: the newest one is in use.
        SearchModel.objects.exclude(pk=row.pk).delete()
        rt = runtime.Runtime(row.pk, provisional.thesaurus, analyzer, model, provisional.matcher)
        with clock("vectors"):
            _write_vectors(model, kept, term_list, loader)
        with clock("load"):
            loader.finish()
    runtime.install(rt)
    return written


def _source(documents: DocumentSource | None):
    """A function giving the documents for each pass, and one telling how many there will
    be as far as is known before reading them (a caller passing a function has many)."""
    if documents is None:
        return all_documents, lambda: sum(qs().count() for _model, qs, _ in KINDS.values())
    if callable(documents):
        return documents, lambda: float("inf")
    if not isinstance(documents, Sequence):  # a one-off iterator: kept for the passes
        documents = list(documents)
    return (lambda: documents), lambda: len(documents)


def _reset_index(*, keep_rows: bool = False) -> None:
    if not keep_rows:
        backends.current().clear()
        SearchEntry.objects.all().delete()
    _next_seq(reset=True)


class _TermIds(dict):
    """term → a small integer, given on first sight (a C-level lookup for known terms)."""

    def __missing__(self, term: str) -> int:
        value = self[term] = len(self)
        return value


def _analyse_and_write(documents, rt, n, pool, loader):
    """The second pass: every document analysed, written through the index's ``loader``
    (entry and full-text row, no vector yet) and reduced to what the model needs: the
    document frequencies, the term bags of the fit sample, and every entry's term counts as
    an integer array."""
    sample = fit_sample(n)
    df = np.zeros(0, dtype=np.int64)  # by term id
    fit_bags: list[Counter[str]] = []
    terms = _TermIds()
    kept: list[tuple[int, array]] = []  # (entry id, term ids then their counts)
    i = written = 0
    for chunk, results in _mapped(_analyse_chunk, documents, BATCH, pool, rt):
        analysed = []
        seen = array("i")  # the term ids of each document in the batch, once per document
        for document, (columns, concept_ids, bag) in zip(chunk, results, strict=True):
            analysed.append(Analysed.restored(document, columns, concept_ids))
            if sample is None or i in sample:
                fit_bags.append(bag)
            counts = array("i", map(terms.__getitem__, bag))
            seen.extend(counts)
            counts.extend(bag.values())
            kept.append((0, counts))
            i += 1
        df = np.pad(df, (0, len(terms) - len(df)))
        df += np.bincount(np.frombuffer(seen, dtype=np.int32), minlength=len(terms))
        seq = _next_seq()
        entries = [_entry(a, None, seq) for a in analysed]
        loader.insert(entries, [a.columns for a in analysed])
        for j, entry in enumerate(entries, start=len(kept) - len(entries)):
            kept[j] = (entry.pk, kept[j][1])
        written += len(entries)
    term_list = list(terms)
    return written, fit_bags, dict(zip(term_list, df.tolist(), strict=True)), kept, term_list


def _write_vectors(model, kept: list[tuple[int, array]], term_list: list[str], loader) -> None:
    """The third pass: each entry's vector from its term counts, batch by batch."""
    if model.components is None:
        return
    for start in range(0, len(kept), BATCH):
        part = kept[start : start + BATCH]
        bags = []
        for _entry_id, counts in part:
            half = len(counts) // 2
            ids = map(term_list.__getitem__, counts[:half])
            bags.append(dict(zip(ids, counts[half:], strict=True)))
        rows = [
            (encode(vector), entry_id)
            for (entry_id, _), vector in zip(part, model.vectors(bags), strict=True)
            if vector is not None
        ]
        loader.set_vectors(rows)


# --- worker processes ------------------------------------------------------------------

# The analysis a worker uses: set before the pool forks, so workers inherit it (the lexicon
# and thesaurus matcher are large to send, and need the database to build).
_worker_runtime: runtime.Runtime | None = None


def _count_words(chunk: list[IndexDocument]) -> tuple[int, Counter[str]]:
    return len(chunk), corpus_words(chunk)


def _analyse_chunk(chunk: list[IndexDocument], rt: runtime.Runtime | None = None) -> list:
    rt = rt or _worker_runtime
    out = []
    for document in chunk:
        a = Analysed(document, rt)
        out.append((a.columns, a.concept_ids, a.bag()))
    return out


def _pool(workers: int | None, rt: runtime.Runtime | None):
    """Worker processes (forked, so they share this one's analysis), or none."""
    global _worker_runtime
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return nullcontext(None)
    _worker_runtime = rt
    return multiprocessing.get_context("fork").Pool(workers)


def _mapped(function, documents: Iterable, size: int, pool, *args) -> Iterator[tuple[list, object]]:
    """(chunk, function(chunk)) for chunks of ``size`` documents, in order. With a pool,
    a few chunks are in flight at once, never the whole corpus."""
    if pool is None:
        for chunk in _chunks(documents, size):
            yield chunk, function(chunk, *args)
        return
    pending: deque = deque()
    for chunk in _chunks(documents, size):
        pending.append((chunk, pool.apply_async(function, (chunk,))))
        if len(pending) >= 2 * pool._processes:
            chunk, result = pending.popleft()
            yield chunk, result.get()
    while pending:
        chunk, result = pending.popleft()
        yield chunk, result.get()


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Clock:
    def __init__(self, timings: dict[str, float]):
        self.timings = timings

    @contextmanager
    def __call__(self, name: str):
        import time

        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start
