"""Searching: Dutch practice questions, facets, sorting, bad input, the command line."""

import json

import numpy as np
import pytest
from django.core.management import call_command

from kennisbrug.search.engine import search, similar, top_rows
from kennisbrug.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def texts(results, n: int) -> list[str]:
    entries = SearchEntry.objects.in_bulk([h.entry_id for h in results.hits[:n]])
    return [
        f"{entries[h.entry_id].title} {entries[h.entry_id].text}".lower() for h in results.hits[:n]
    ]


def test_a_lay_question_about_lonely_elderly_finds_loneliness_work():
    results = search("hoe help ik ouderen die zich alleen voelen", limit=10)
    top = texts(results, 5)
    assert all("eenzaam" in t or "alleen" in t or "isolement" in t for t in top)
    # The recognised national interventions are part of the answer, not only regional work.
    assert "interventie" in {h.kind for h in results.hits}


def test_money_worries_of_young_people_find_debt_work():
    top = texts(search("geldzorgen jongeren", limit=10), 10)
    assert any("schuld" in t for t in top)
    assert any("vroegsignalering" in t for t in top)


def test_a_misspelled_word_is_corrected_and_said_so():
    results = search("eenzaamhied", limit=5)
    assert results.corrections == {"eenzaamhied": "eenzaamheid"}
    assert all("eenzaam" in t for t in texts(results, 5))


def test_a_compound_query_finds_texts_that_use_the_parts():
    # Nobody writes "armoedebeleidsnotitie", but texts on armoede and beleid exist.
    results = search("armoedebeleidsnotitie", limit=10)
    assert results.total > 0
    assert all("armoede" in t or "beleid" in t for t in texts(results, 5))


def test_a_query_also_asks_for_the_other_spelling_of_a_stem():
    from kennisbrug.search.engine import WEIGHT_WORD, plan
    from kennisbrug.search.runtime import runtime

    rt = runtime()
    # The demo texts say "valpreventie" (val) where a user asks about "vallen" (vall).
    terms = plan("ouderen die vallen", rt).terms
    assert terms["vall"] == WEIGHT_WORD and 0 < terms["val"] < WEIGHT_WORD
    assert any("valpreventie" in t for t in texts(search("ouderen die vallen", limit=5), 5))


def test_question_phrasing_is_no_part_of_the_subject():
    from kennisbrug.search.engine import plan
    from kennisbrug.search.runtime import runtime

    rt = runtime()
    terms = plan("hoe help ik alle ouderen, wat doet een werkplaats", rt).terms
    assert not {"help", "all", "doet"} & set(terms)
    assert rt.analyzer.stem("ouderen") in terms
    # A query of nothing else still searches for what it says.
    assert rt.analyzer.stem("helpen") in plan("helpen", rt).terms
    assert search("helpen", limit=5).total > 0


def test_hits_say_what_they_are_and_mark_the_matched_words():
    results = search("mantelzorg", limit=20)
    kinds = {h.kind for h in results.hits}
    assert {"product", "project"} <= kinds
    assert any("<mark>" in h.snippet for h in results.hits)
    assert all(h.kind_label and h.url and h.title for h in results.hits)


def test_facet_counts_equal_the_filtered_totals():
    results = search("armoede")
    for facet in results.facets:
        for value in facet.values[:3]:
            narrowed = search("armoede", filters={facet.name: [value.value]})
            assert narrowed.total == value.count, (facet.name, value.label)


def test_filters_within_a_facet_add_up_and_between_facets_narrow():
    everything = search("jeugd")
    kinds = {v.value: v.count for v in everything.facets[0].values}
    both = search("jeugd", filters={"soort": ["product", "project"]})
    assert both.total == kinds.get("product", 0) + kinds.get("project", 0)
    year = next(f for f in both.facets if f.name == "jaar").values[0]
    narrower = search("jeugd", filters={"soort": ["product", "project"], "jaar": [year.value]})
    assert 0 < narrower.total <= both.total


def test_sorting_by_date_puts_the_newest_first():
    results = search("wijkteam", sort="datum", per_page=30)
    dates = [SearchEntry.objects.get(pk=h.entry_id).date for h in results.hits]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True)


def test_pages_do_not_overlap():
    first = search("ouderen", page=1, per_page=10)
    second = search("ouderen", page=2, per_page=10)
    assert first.pages >= 2
    assert not {h.entry_id for h in first.hits} & {h.entry_id for h in second.hits}


def test_an_empty_query_browses_everything_newest_first():
    results = search("")
    assert results.total == SearchEntry.objects.count()
    assert results.sort == "datum"


def test_a_query_of_only_stop_words_finds_nothing_rather_than_everything():
    assert search("de het een").total == 0


@pytest.mark.parametrize("value", ["²", "9" * 30, "-1", "abc", ""])
def test_impossible_filter_values_match_nothing_and_raise_nothing(value):
    assert search("armoede", filters={"werkplaats": [value], "jaar": [value]}).total >= 0


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "ouderen " * 2_000,
        '"eenzaamheid',
        "mantel*",
        "NEAR(armoede schulden)",
        "title:armoede",
        "jeugd/gezin",
        "((armoede",
        "armoede)) OR (",
        "'; DROP TABLE search_fts; --",
        "1=1 OR 'a'='a'",
        "de het een",
        "AND OR NOT",
        "^~-+!@#$%",
        "😀 zorg",
    ],
)
def test_bad_input_gives_results_or_nothing_never_an_error(query):
    results = search(query)
    assert results.total >= 0
    assert SearchEntry.objects.exists()  # nothing was dropped


def test_meer_zoals_dit_puts_other_werkplaatsen_first():
    entry = SearchEntry.objects.filter(kind="product", title__icontains="geld").first()
    found = similar("product", entry.object_id, limit=6)
    assert len(found) == 6
    assert entry.pk not in {s.hit.entry_id for s in found}
    flags = [s.same_werkplaats for s in found]
    assert flags == sorted(flags)  # all others before any of the same werkplaats
    assert not flags[0]


def test_the_command_line_prints_json_in_rank_order(capsys):
    call_command("search", "vroegsignalering schulden", "--json", "--limit", "5")
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 5
    assert {"source", "source_id", "kind", "title", "score"} <= set(hits[0])
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert hits == [h.as_json() for h in search("vroegsignalering schulden", limit=5).hits]


# --- cost-bounded matching (large corpora), forced on the demo corpus -------------------


def _bounded(monkeypatch, exact_rows: int, head_rows: int) -> None:
    """Make the demo corpus (a few hundred items) count as large."""
    from kennisbrug.search import engine

    monkeypatch.setattr(engine, "EXACT_ROWS", exact_rows)
    monkeypatch.setattr(engine, "RARE_ROWS", exact_rows)
    monkeypatch.setattr(engine, "HEAD_ROWS", head_rows)


def _split(query: str):
    from kennisbrug.search import backends, engine
    from kennisbrug.search.runtime import runtime
    from kennisbrug.search.state import state

    rt = runtime()
    st = state(rt.model.dimensions)
    index = backends.current()
    return engine.split_terms(
        engine.plan(query, rt).terms, rt, st, getattr(index, "head_rows", None)
    )


@pytest.mark.parametrize(
    "query",
    [
        "schuldhulpverlening voor jongeren",
        "eenzaamheid ouderen in de wijk",
        "armoede kinderen school",
    ],
)
def test_the_bounded_path_finds_the_top_hits_of_the_exact_path(monkeypatch, query):
    exact = [h.entry_id for h in search(query, limit=10).hits]
    _bounded(monkeypatch, exact_rows=150, head_rows=10_000)
    everywhere, heads = _split(query)
    assert everywhere and heads  # the query did take the bounded path
    bounded = [h.entry_id for h in search(query, limit=10).hits]
    # An approximation: common words count only in titles, keywords and concepts. The best
    # hit stays the best; the first page mostly the same.
    assert bounded[0] == exact[0]
    assert len(set(bounded) & set(exact)) >= 7


def test_the_query_words_get_the_budget_before_narrower_concepts(monkeypatch):
    from kennisbrug.search.engine import WEIGHT_NARROWER, plan
    from kennisbrug.search.runtime import runtime

    _bounded(monkeypatch, exact_rows=150, head_rows=10_000)
    rt = runtime()
    for query in ("schuldhulpverlening voor jongeren", "armoede kinderen school"):
        terms = plan(query, rt).terms
        everywhere, heads = _split(query)
        hints = [t for t, w in terms.items() if w == WEIGHT_NARROWER]
        own = [t for t, w in terms.items() if w > WEIGHT_NARROWER]
        assert hints and own
        # The rarest word of the question is matched everywhere, however many rarer
        # narrower concepts the thesaurus adds.
        rarest = min(own, key=lambda t: (rt.model.df_of(t), t))
        assert rt.model.df_of(rarest) <= 150
        assert rarest in everywhere, (query, rarest)


def test_terms_too_common_even_in_the_heads_are_left_to_the_semantic_half(monkeypatch):

    from kennisbrug.search.runtime import runtime

    _bounded(monkeypatch, exact_rows=1, head_rows=1)
    everywhere, heads = _split("eenzaamheid ouderen in de wijk")
    # Nothing that occurs fits either budget: the least common word is still ranked in the
    # heads, so a question of everyday words finds what it names (on both engines: each
    # counts its heads with ``head_rows``).
    assert all(runtime().model.df_of(t) == 0 for t in everywhere)
    assert len(heads) == 1
    results = search("eenzaamheid ouderen in de wijk", limit=10)
    assert results.total > 0
    assert any("eenzaam" in t or "ouderen" in t or "wijk" in t for t in texts(results, 3))


def test_head_rows_counts_the_entries_with_a_term_in_title_keywords_or_concepts():
    from django.db import connection

    from kennisbrug.search import backends

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite head index (PostgreSQL ranks every common term in the heads)")
    counts = backends.current().head_rows(["mantelzorg", "zzzonbekend"])
    assert counts["zzzonbekend"] == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, keywords, concepts FROM search_fts_head")
        heads = [" ".join(row).split() for row in cursor.fetchall()]
    assert counts["mantelzorg"] == sum("mantelzorg" in words for words in heads) > 0


def test_top_rows_is_a_stable_sort_cut_short():
    # Scores with many ties at the cut: the partial sort must pick and order exactly what a
    # full stable sort would, since bridge pools and "meer zoals dit" depend on it.
    rng = np.random.default_rng(7)
    scores = rng.integers(0, 5, size=500).astype(np.float32)
    for k in (1, 10, 60, 499, 500, 800):
        expected = np.argsort(-scores, kind="stable")[:k]
        assert top_rows(scores, k).tolist() == expected.tolist()
    assert top_rows(scores, 0).tolist() == []
    assert top_rows(np.zeros(0, dtype=np.float32), 5).tolist() == []


def test_a_place_in_the_query_finds_the_werkplaats_items_that_never_name_it(monkeypatch):
    """A professional in Friesland types the province; some of WSD Friesland's work on
    loneliness never says Friesland, yet belongs on page one."""
    from kennisbrug.registry.models import Werkplaats
    from kennisbrug.search import engine

    friesland = Werkplaats.objects.get(slug="wsd-friesland")
    query = "eenzaamheid Friesland"

    def silent(results) -> dict[int, tuple[int, str]]:
        """WSD Friesland items that never name Friesland (or Fryslân): entry → rank, text."""
        entries = SearchEntry.objects.in_bulk([h.entry_id for h in results.hits])
        found = {}
        for rank, hit in enumerate(results.hits):
            e = entries[hit.entry_id]
            text = f"{e.title} {e.text}".lower()
            if e.werkplaats_id == friesland.pk and "fries" not in text and "frysl" not in text:
                found[e.pk] = (rank, text)
        return found

    with_place = silent(search(query, limit=10))
    assert with_place
    # On the topic, not there for the place alone.
    assert all("eenza" in t or "alleen" in t or "ontmoet" in t for _, t in with_place.values())
    monkeypatch.setattr(engine, "PLACE_BONUS", 0.0)
    without_place = silent(search(query, limit=20))
    # The place lifts them: each ranks higher than it does without the place bonus.
    for entry_id, (rank, _) in with_place.items():
        assert rank < without_place.get(entry_id, (20, ""))[0]
