"""The index lives with the data: written in the record's transaction, gone with it."""

import numpy as np
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, transaction

from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Attachment, Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Werkplaats
from kennisbrug.search import indexer
from kennisbrug.search.documents import all_documents
from kennisbrug.search.engine import search
from kennisbrug.search.models import SearchEntry
from kennisbrug.search.runtime import runtime
from kennisbrug.search.semantic import decode
from kennisbrug.themes.models import Theme, Vraagstuk

pytestmark = pytest.mark.django_db

# A token no demo text contains (and no speller or splitter touches), so a hit can only
# be the record the test made.
WORD = "kbzoektest7"


def found(query: str = WORD) -> list[str]:
    return [hit.source_id for hit in search(query, limit=50).hits]


def make_product(werkplaats, **fields) -> Product:
    defaults = {
        "source": werkplaats.slug,
        "source_id": f"{werkplaats.slug}:test-zoek",
        "kind": Product.Kind.HANDREIKING,
        "title": f"Handreiking {WORD} voor wijkteams",
        "summary": "Hoe wijkteams samenwerken met vrijwilligers.",
        "werkplaats": werkplaats,
        "status": Product.Status.PUBLISHED,
    }
    defaults.update(fields)
    return Product.objects.create(**defaults)


def test_every_public_record_is_indexed_once():
    expected = {
        "product": Product.objects.published().count(),
        "interventie": Intervention.objects.active().count(),
        "project": Project.objects.count(),
        "vraagstuk": Vraagstuk.objects.count(),
        "werkplaats": Werkplaats.objects.count(),
    }
    counted = {kind: SearchEntry.objects.filter(kind=kind).count() for kind in expected}
    assert counted == expected
    assert SearchEntry.objects.exclude(vector=None).count() == sum(expected.values())


def test_a_published_product_is_findable_at_once(werkplaats_a):
    make_product(werkplaats_a)
    assert found() == [f"{werkplaats_a.slug}:test-zoek"]


def test_an_index_entry_rolls_back_with_its_record(werkplaats_a):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_product(werkplaats_a)
        assert found()  # visible inside the transaction
        raise RuntimeError("the save fails after all")
    assert found() == []
    assert not SearchEntry.objects.filter(source_id=f"{werkplaats_a.slug}:test-zoek").exists()


def test_concepts_and_unpublished_products_are_not_findable(werkplaats_a):
    product = make_product(werkplaats_a, status=Product.Status.REVIEW)
    assert found() == []
    product.status = Product.Status.PUBLISHED
    product.save()
    assert found() == [product.source_id]
    product.status = Product.Status.CONCEPT
    product.save()
    assert found() == []


def test_a_deleted_record_leaves_the_index(werkplaats_a):
    product = make_product(werkplaats_a)
    product.delete()
    assert found() == []
    assert not SearchEntry.objects.filter(kind="product", object_id=product.pk).exists()


def test_a_withdrawn_intervention_leaves_the_index():
    intervention = Intervention.objects.active().first()
    assert intervention.source_id in found(intervention.title)
    intervention.withdrawn_at = "2026-11-01T00:00:00Z"
    intervention.save()
    assert intervention.source_id not in found(intervention.title)


def test_attachment_text_is_searchable(werkplaats_a):
    product = make_product(werkplaats_a, title="Handreiking samenwerking", summary="")
    assert found() == []
    attachment = Attachment(product=product, title="bijlage", media_type="application/pdf")
    attachment.text = f"In de bijlage staat de {WORD} uitgelegd."
    attachment.file.save("bijlage.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    attachment.save()
    assert found() == [product.source_id]


def test_changed_themes_reach_the_facets(werkplaats_a):
    product = make_product(werkplaats_a)
    theme = Theme.objects.get(slug="armoede")
    product.themes.add(theme)
    results = search(WORD, filters={"thema": [str(theme.pk)]})
    assert [h.source_id for h in results.hits] == [product.source_id]
    product.themes.remove(theme)
    assert search(WORD, filters={"thema": [str(theme.pk)]}).total == 0


def test_a_new_record_reaches_a_serving_process_that_already_holds_the_arrays(werkplaats_a):
    before = search("", limit=1).total  # loads the in-memory arrays
    make_product(werkplaats_a)
    assert search("", limit=1).total == before + 1


def test_reindex_rebuilds_to_the_same_ranking():
    query = "vroegsignalering schulden jongvolwassenen"
    before = found(query)[:10]
    call_command("reindex", verbosity=0)
    assert found(query)[:10] == before
    assert SearchEntry.objects.count() > 300


def index_contents() -> tuple[dict, dict]:
    """Every entry (without its id and write sequence) and its full-text row, by record."""
    fields = [f.attname for f in SearchEntry._meta.concrete_fields if f.attname != "seq"]
    keys, entries = {}, {}
    for row in SearchEntry.objects.values_list(*fields):
        values = tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
        key = values[1:3]  # kind, object_id
        keys[values[0]] = key
        entries[key] = values[1:]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT id, tsv::text, tsv_head::text FROM search_searchentry")
        else:
            cursor.execute(
                "SELECT f.rowid, f.*, h.* FROM search_fts f"
                " JOIN search_fts_head h ON h.rowid = f.rowid"
            )
        return entries, {keys[row[0]]: row[1:] for row in cursor.fetchall()}


def test_a_rebuild_in_worker_processes_writes_the_same_index_as_one_in_process():
    indexer.rebuild(workers=0)
    in_process = index_contents()
    terms = runtime().model.terms
    indexer.rebuild(workers=2)
    assert index_contents() == in_process
    assert runtime().model.terms == terms
    assert len(in_process[0]) > 300


def test_a_rebuild_stores_what_analysing_each_document_on_its_own_gives():
    indexer.rebuild(workers=2)
    rt = runtime()
    entries = {
        (e.kind, e.object_id): e
        for e in SearchEntry.objects.only("kind", "object_id", "concept_ids", "vector")
    }
    documents = list(all_documents())
    assert len(documents) == len(entries) > 300
    for document in documents:
        analysed = indexer.Analysed(document, rt)
        entry = entries[document.key]
        assert entry.concept_ids == analysed.concept_ids
        expected = rt.model.vector(list(analysed.bag().elements()))
        stored = decode(entry.vector, rt.model.dimensions)
        if expected is None:
            assert stored is None
        else:
            assert np.allclose(stored, expected, atol=1e-3)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid, title, body, concepts FROM search_fts")
            rows = {rowid: (title, body, concepts) for rowid, title, body, concepts in cursor}
        by_id = {e.pk: key for key, e in entries.items()}
        for document in documents:
            columns = indexer.Analysed(document, rt).columns
            rowid = entries[document.key].pk
            assert rows[rowid] == (columns["title"], columns["body"], columns["concepts"])
            assert by_id[rowid] == document.key


def test_a_rebuild_writes_what_writing_the_documents_in_batches_gives():
    # A rebuild writes through the index's bulk path (on PostgreSQL: staged in temporary
    # tables, each row written once with its vector); writing the same documents with the
    # same model batch by batch, as imports and signals do, must give the same index.
    indexer.rebuild()
    entries, fulltext = index_contents()
    indexer.rebuild(train_model=False)
    again, fulltext_again = index_contents()
    assert fulltext_again == fulltext
    assert again.keys() == entries.keys() and len(entries) > 300
    dimensions = runtime().model.dimensions
    for key, values in entries.items():  # the vector is the last field
        assert again[key][:-1] == values[:-1]
        before, after = decode(values[-1], dimensions), decode(again[key][-1], dimensions)
        assert np.allclose(after, before, atol=1e-3)


def test_head_rows_counts_the_entries_whose_head_holds_each_term(monkeypatch):
    from kennisbrug.search import backends

    rt = runtime()
    heads = {}
    for document in all_documents():
        columns = indexer.Analysed(document, rt).columns
        heads[document.key] = set(
            f"{columns['title']} {columns['keywords']} {columns['concepts']}".split()
        )
    counts = {}
    for terms in heads.values():
        for term in terms:
            counts[term] = counts.get(term, 0) + 1
    common = sorted(counts, key=lambda t: (-counts[t], t))[:3]
    rare = [t for t in sorted(counts) if counts[t] == 1][:2]
    terms = [*common, *rare, "kbnergens"]
    expected = {t: counts.get(t, 0) for t in terms}
    index = backends.current()
    assert expected[common[0]] > 10
    if connection.vendor == "sqlite":
        assert index.head_rows(terms) == expected
        return
    # PostgreSQL counts only a table without statistics, and otherwise estimates from them
    # (ANALYZE reads every row of a table this small: the common terms' shares are exact).
    monkeypatch.setattr(backends.PostgresIndex, "_head_stats", None)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    estimated = index.head_rows(terms)
    for term in common:
        assert abs(estimated[term] - expected[term]) <= 1, term
    assert estimated["kbnergens"] <= 0.05 * len(heads)  # as rare as the rarest listed


def test_a_search_reads_model_thesaurus_and_index_sequence_in_one_query(werkplaats_a):
    from django.test.utils import CaptureQueriesContext

    from kennisbrug.search.engine import current
    from kennisbrug.search.models import Sequence
    from kennisbrug.search.runtime import checked

    search("", limit=1)  # everything loaded
    with CaptureQueriesContext(connection) as queries:
        rt, st = current()
    assert len(queries) == 1
    assert rt is runtime()
    counter = Sequence.objects.values_list("value", "resets", "nonce").get(pk=1)
    assert checked()[1] == counter == st.counter
    make_product(werkplaats_a)
    assert checked()[1] != counter
    assert WORD in " ".join(hit.title for hit in search(WORD, limit=5).hits)
