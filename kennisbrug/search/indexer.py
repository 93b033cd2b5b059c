"""Writing the index: one record at a time as it is saved, or everything at once.

``index_records`` is what the signals call: the entry and its full-text row are written on
the same connection, inside the same transaction as the record, so they commit (or roll
back) together. Imports wrap their work in ``deferred()``: the records are collected and
indexed in one batch at the end, still inside the import's transaction.

``rebuild`` trains a new corpus model on everything and rewrites the whole index; that is
``kennisbrug reindex``.
"""

from __future__ import annotations

import secrets
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import contextmanager

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


def corpus_words(documents: Iterable[IndexDocument]) -> Counter[str]:
    """How often every word (letters only, 4+) occurs in the corpus: the vocabulary the
    compound splitter and the speller learn. Counted at C speed, filtered once at the end."""
    counts: Counter[str] = Counter()
    for d in documents:
        for text in (d.title, d.keywords, d.summary, d.body, d.attachments):
            if text:
                counts.update(raw_tokens(text))
    return Counter({w: n for w, n in counts.items() if 4 <= len(w) <= 40 and w.isalpha()})


def rebuild(documents: Sequence[IndexDocument] | None = None, *, train_model: bool = True) -> int:
    """Train a new corpus model on every document and rewrite the whole index."""
    documents = list(all_documents()) if documents is None else list(documents)
    rt = runtime.runtime()
    with transaction.atomic():
        items: Sequence[IndexDocument | Analysed] = documents
        if train_model:
            words = corpus_words(documents)
            # The vocabulary the splitter will know, then the terms the model learns from.
            analyzer = build_analyzer(w for w, n in words.items() if n >= MIN_DF)
            provisional = runtime.Runtime(
                None, thesaurus_version(), analyzer, None, load_matcher(analyzer)
            )
            # Analysed once: the model learns from these terms and the index stores them.
            # Only the fit sample's term bags are kept; of the others only their terms' count.
            sample = fit_sample(len(documents))
            analysed: list[Analysed] = []
            df: Counter[str] = Counter()
            fit_bags = []
            for i, d in enumerate(documents):
                a = Analysed(d, provisional)
                analysed.append(a)
                bag = a.bag()
                df.update(bag.keys())
                if sample is None or i in sample:
                    fit_bags.append(bag)
            model = train(fit_bags, df, len(documents), words)
            del fit_bags, df
            items = analysed
            row = SearchModel.objects.create(documents=len(documents), data=model.dumps())
            rt = runtime.Runtime(
                row.pk, provisional.thesaurus, provisional.analyzer, model, provisional.matcher
            )
        backends.current().clear()
        SearchEntry.objects.all().delete()
        # Older models are kept no longer than needed: the newest one is in use.
        SearchModel.objects.exclude(pk=rt.model_id).delete()
        _next_seq(reset=True)
        written = write_documents(items, rt, fresh=True)
    if train_model:
        runtime.install(rt)
    return written
