"""A rebuild on PostgreSQL fills a fresh table, indexes it and swaps it in (backends._FreshTable).

What must hold: the table afterwards is the table migrations made (same columns, indexes,
constraints and sequence, under the same names); it holds what a rebuild in place writes;
records saved afterwards are indexed as before; a rebuild that fails leaves the old index.
"""

import pytest
from django.db import connection

from kennisbrug.products.models import Product
from kennisbrug.search import backends, indexer
from kennisbrug.search.engine import search
from kennisbrug.search.models import SearchEntry
from kennisbrug.search.tests.test_index import index_contents, make_product

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]

TABLE = "search_searchentry"


def schema() -> dict:
    """The table's definition as the catalog has it, by name (no oids)."""
    with connection.cursor() as cursor:

        def rows(sql: str) -> list:
            cursor.execute(sql, {"t": TABLE})
            return sorted(cursor.fetchall())

        return {
            "columns": rows(
                "SELECT attname, format_type(atttypid, atttypmod), attnotnull, attidentity,"
                " attstorage, pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute AS a"
                " LEFT JOIN pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                " WHERE attrelid = %(t)s::regclass AND attnum > 0 AND NOT attisdropped"
            ),
            "indexes": rows("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %(t)s"),
            "constraints": rows(
                "SELECT conname, contype, pg_get_constraintdef(oid), condeferrable,"
                " condeferred FROM pg_constraint WHERE conrelid = %(t)s::regclass"
            ),
            "sequence": rows("SELECT pg_get_serial_sequence(%(t)s, 'id')"),
        }


def swapped_tables() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_class WHERE relname = %s", [TABLE])
        return cursor.fetchone()[0]


def table_oid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::regclass::oid", [TABLE])
        return cursor.fetchone()[0]


def test_a_rebuild_swaps_in_a_table_defined_as_the_old_one():
    before, oid = schema(), table_oid()
    assert len(before["indexes"]) == 6 and before["sequence"][0][0]
    indexer.rebuild(workers=0)
    assert table_oid() != oid  # a fresh table, not the old one rewritten
    assert schema() == before
    assert swapped_tables() == 1  # no build table left behind


def test_the_swapped_table_holds_what_a_rebuild_in_place_writes(monkeypatch):
    monkeypatch.setattr(backends._FreshTable, "possible", lambda self: False)
    oid = table_oid()
    indexer.rebuild(workers=0)
    assert table_oid() == oid  # written in place
    in_place = index_contents()
    # The rows just inserted have foreign-key checks pending till commit (deferred), and a
    # table with pending checks cannot be dropped; `kennisbrug reindex` starts afresh.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    monkeypatch.undo()
    indexer.rebuild(workers=0)
    assert table_oid() != oid
    assert index_contents() == in_place
    assert len(in_place[0]) > 300


def test_records_saved_after_a_swap_are_indexed_with_new_ids(werkplaats_a):
    indexer.rebuild(workers=0)
    highest = SearchEntry.objects.order_by("-id").values_list("id", flat=True).first()
    product = make_product(werkplaats_a, title="Kbzoektest7 na de herbouw")
    entry = SearchEntry.objects.get(kind="product", object_id=product.pk)
    assert entry.id > highest
    assert [h.source_id for h in search("kbzoektest7").hits] == [entry.source_id]
    Product.objects.filter(pk=product.pk).delete()
    indexer.index_records([(Product, product.pk)])
    assert not SearchEntry.objects.filter(kind="product", object_id=product.pk).exists()


def test_a_failed_swap_falls_back_to_writing_in_place(monkeypatch):
    before = index_contents()
    oid = table_oid()

    def broken(self):
        self.cursor.execute("SELECT 1/0")  # fails after the new table is filled

    monkeypatch.setattr(backends._FreshTable, "index_and_swap", broken)
    indexer.rebuild(workers=0)
    assert table_oid() == oid
    assert swapped_tables() == 1
    assert index_contents() == before  # the demo data, rebuilt: the same index


def test_a_rebuild_that_fails_leaves_the_old_index_serving(monkeypatch):
    before = index_contents()
    hits = [h.source_id for h in search("eenzaamheid ouderen").hits]
    oid = table_oid()

    def broken(self):
        raise RuntimeError("disk full")  # as anything failing before the commit

    monkeypatch.setattr(backends._FreshTable, "index_and_swap", broken)
    with pytest.raises(RuntimeError):
        indexer.rebuild(workers=0)
    assert table_oid() == oid
    assert swapped_tables() == 1
    assert index_contents() == before
    assert [h.source_id for h in search("eenzaamheid ouderen").hits] == hits
