"""PostgreSQL's full-text matching: bounded for large tables, exact for small ones."""

import pytest
from django.db import connection

from kennisbrug.search import backends
from kennisbrug.search.engine import plan
from kennisbrug.search.runtime import runtime

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]

QUERY = "eenzaamheid bij ouderen in de wijk"


def _matching(column: str, terms) -> set[int]:
    query = " | ".join(f"'{t}'" for t in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM search_searchentry WHERE {column} @@ to_tsquery('simple', %s)",
            [query],
        )
        return {row[0] for row in cursor.fetchall()}


def _analyse() -> None:
    # The bound reads the planner's row count, which a test database gets from ANALYZE.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")


def test_a_small_table_is_ranked_exactly_as_it_matches():
    _analyse()
    rt = runtime()
    terms = plan(QUERY, rt).terms
    found = dict(backends.PostgresIndex().match(terms, rt.model.idf_of))
    assert set(found) == _matching("tsv", terms)
    assert all(score > 0 for score in found.values())


def test_over_budget_rare_terms_are_matched_everywhere_and_common_ones_in_the_heads(
    monkeypatch,
):
    _analyse()
    rt = runtime()
    terms = plan(QUERY, rt).terms
    budget = 60  # of the demo's 361 entries
    monkeypatch.setattr(backends.PostgresIndex, "RANK_ROWS", budget)
    monkeypatch.setattr(backends.PostgresIndex, "HEAD_RANK_ROWS", 10_000)

    finders, bounded = backends.PostgresIndex._finders(terms, rt.model.idf_of, budget)
    assert bounded and 0 < len(finders) < len(terms)
    common = [t for t in terms if t not in finders]

    found = dict(backends.PostgresIndex().match(terms, rt.model.idf_of))
    everywhere = _matching("tsv", finders)
    heads = _matching("tsv_head", common)
    # Every row holding a rare term anywhere, or a common term in its head; no other.
    assert everywhere <= set(found)
    assert set(found) <= everywhere | heads
    # Rows that only hold a common term in their body are no longer ranked.
    assert _matching("tsv", common) - everywhere - heads
    assert not (_matching("tsv", common) - everywhere - heads) & set(found)


def test_a_head_term_over_budget_still_finds_a_bounded_number_of_rows(monkeypatch):
    _analyse()
    rt = runtime()
    monkeypatch.setattr(backends.PostgresIndex, "HEAD_RANK_ROWS", 3)
    term = max(plan(QUERY, rt).terms, key=rt.model.df_of)
    assert len(_matching("tsv_head", [term])) > 3
    found = backends.PostgresIndex().match({term: 1.0}, rt.model.idf_of, head=True)
    assert len(found) == 3
