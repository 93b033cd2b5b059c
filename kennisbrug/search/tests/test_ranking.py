"""Ranking signals of the third quality round: coverage of the query's words, the method intent
of "wat werkt …" questions, the sharpened lexical half, and English queries through the
thesaurus (docs/search.md, "Ranking"). Run on whichever database the tests use, so on SQLite
and on PostgreSQL."""

import numpy as np
import pytest

from kennisbrug.search import backends, engine
from kennisbrug.search.engine import plan, rank, search
from kennisbrug.search.models import SearchEntry
from kennisbrug.search.runtime import runtime

pytestmark = pytest.mark.django_db


def entry(source_id: str) -> SearchEntry:
    return SearchEntry.objects.get(source_id=source_id)


def first_rank(results, kind: str) -> int:
    return next((i for i, h in enumerate(results.hits) if h.kind == kind), len(results.hits))


# --- coverage --------------------------------------------------------------------------------


def test_covering_counts_the_groups_of_query_terms_an_entry_contains():
    rt = runtime()
    stem = rt.analyzer.stem
    alert = entry("DESI-1101")  # financial abuse of older people; names the meldcode
    other = entry("LGL-296")  # fall prevention: says nothing of a meldcode
    groups = [{stem("ouderen")}, {stem("meldcode")}, {"qqqgeenwoord", stem("financiele")}]
    counts = backends.current().covering(groups, [alert.pk, other.pk])
    assert counts[alert.pk] == 3
    assert counts.get(other.pk, 0) == 1  # ouderen only
    assert backends.current().covering(groups, []) == {}


def test_a_query_word_and_its_other_forms_make_one_group():
    p = plan("huiselijk geweld signaleren", runtime())
    assert len(p.groups) == 3
    # Compound parts and the stem stand for the same word.
    assert any(len(g) > 1 for g in plan("schuldhulpverlening jongeren", runtime()).groups)


def test_texts_with_more_of_the_query_words_rank_first(monkeypatch):
    """With coverage dominating, the first page is ordered by how many of the query's words
    each text has: the mechanism, visible; the real weight only tips close scores."""
    query = "huiselijk geweld signaleren"
    monkeypatch.setattr(engine, "COVERAGE", 10.0)
    groups = plan(query, runtime()).groups
    hits = search(query, limit=10).hits
    counts = backends.current().covering(groups, [h.entry_id for h in hits])
    covered = [counts.get(h.entry_id, 0) for h in hits]
    assert covered == sorted(covered, reverse=True)
    assert covered[0] == 3


def test_at_its_real_weight_coverage_tips_close_scores_towards_more_query_words(monkeypatch):
    query = "jongeren geldzorgen school"
    groups = plan(query, runtime()).groups
    with_coverage = [h.entry_id for h in search(query, limit=10).hits]
    monkeypatch.setattr(engine, "COVERAGE", 0.0)
    without = [h.entry_id for h in search(query, limit=10).hits]
    assert with_coverage != without
    first = next(i for i, (a, b) in enumerate(zip(with_coverage, without, strict=True)) if a != b)
    counts = backends.current().covering(groups, [with_coverage[first], without[first]])
    # The text that moved up has more of the question's words than the one it passed.
    assert counts[with_coverage[first]] > counts.get(without[first], 0)


# --- method intent ---------------------------------------------------------------------------


def test_wat_werkt_asks_for_a_method_and_its_werkt_is_no_subject():
    rt = runtime()
    p = plan("wat werkt tegen eenzaamheid", rt)
    assert p.wants_method
    assert rt.analyzer.stem("werkt") not in p.terms
    assert rt.analyzer.stem("eenzaamheid") in p.terms
    # Work as a subject stays: only "wat werkt" is question phrasing.
    p = plan("werk en inkomen in de wijk", rt)
    assert not p.wants_method and rt.analyzer.stem("werk") in p.terms
    p = plan("aanpak voor integraal werken", rt)
    assert p.wants_method and rt.analyzer.stem("werken") in p.terms


def test_wat_werkt_beside_a_subject_does_not_name_the_concept_werkzame_elementen():
    rt = runtime()
    labels = {c.slug: c.id for c in rt.matcher.concepts.values()}
    assert labels["werkzame-elementen"] not in plan("wat werkt tegen eenzaamheid", rt).concept_ids
    assert labels["eenzaamheid"] in plan("wat werkt tegen eenzaamheid", rt).concept_ids
    # Asked on its own, "wat werkt" is the subject: the thesaurus's hidden label for it.
    assert labels["werkzame-elementen"] in plan("wat werkt", rt).concept_ids


def test_a_question_for_what_works_lifts_recognised_interventions(monkeypatch):
    query = "wat werkt tegen eenzaamheid"
    with_intent = search(query, limit=20)
    monkeypatch.setattr(engine, "INTENT", 0.0)
    without = search(query, limit=20)
    assert first_rank(with_intent, "interventie") < first_rank(without, "interventie")
    # It lifts interventions on the subject, not interventions as such.
    top = SearchEntry.objects.in_bulk([h.entry_id for h in with_intent.hits[:10]])
    for hit in with_intent.hits[:10]:
        if hit.kind == "interventie":
            text = f"{top[hit.entry_id].title} {top[hit.entry_id].text}".lower()
            assert "eenza" in text or "isolement" in text


def test_a_plain_topic_query_is_not_taken_for_a_method_question():
    assert not plan("eenzaamheid ouderen", runtime()).wants_method
    assert plan("erkende interventie opvoeding", runtime()).wants_method


# --- the sharpened lexical half --------------------------------------------------------------


def test_the_lexical_half_is_sharpened_below_the_best_match(monkeypatch):
    monkeypatch.setattr(engine, "COVERAGE", 0.0)
    monkeypatch.setattr(engine, "INTENT", 0.0)
    monkeypatch.setattr(engine, "PLACE_BONUS", 0.0)
    rt, st = engine.current()
    _, rows, sharp = rank("mantelzorg respijt", rt, st)
    monkeypatch.setattr(engine, "LEX_POWER", 1.0)
    _, rows_flat, flat = rank("mantelzorg respijt", rt, st)
    assert np.array_equal(rows, rows_flat)
    best = int(np.argmax(flat))
    assert sharp[best] == pytest.approx(flat[best])  # the best lexical match keeps its score
    assert (sharp <= flat + 1e-6).all() and (sharp < flat - 1e-6).any()


# --- English queries -------------------------------------------------------------------------


def test_an_english_query_finds_dutch_texts_through_the_thesaurus():
    results = search("loneliness elderly", limit=10)
    assert results.corrections == {}  # "loneliness" is no typo of a Dutch word
    top = SearchEntry.objects.in_bulk([h.entry_id for h in results.hits[:5]])
    assert len(top) == 5
    assert all(
        "eenza" in f"{e.title} {e.text}".lower() or "alleen" in e.text.lower() for e in top.values()
    )


def test_english_labels_do_not_change_a_dutch_query():
    rt = runtime()
    p = plan("eenzaamheid bij ouderen", rt)
    dutch_only = rt.matcher.find(rt.analyzer.all_stems("eenzaamheid bij ouderen"), list(p.terms))
    assert sorted(dutch_only) == p.concept_ids


# --- relevance floor -------------------------------------------------------------------------


def test_hits_far_below_the_best_one_are_left_out_of_the_results_and_facets():
    """A question shares a common word with most of the corpus; those rows must not make the
    count, the facets and the sort by date about nearly everything."""
    query = "buurtteam samenwerking huisarts"
    _, rows, scores = rank(query, runtime(), engine.current()[1])
    kept = int((scores >= engine.RELEVANCE_FLOOR * scores.max()).sum())
    assert kept < len(rows)  # the query does reach rows below the floor
    results = search(query, per_page=100)
    assert results.total == kept
    assert min(h.score for h in results.hits) >= engine.RELEVANCE_FLOOR * results.hits[0].score
    kinds = next(f for f in results.facets if f.name == "soort")
    assert sum(v.count for v in kinds.values) == kept
    by_date = search(query, sort="datum", per_page=100)
    assert by_date.total == kept
