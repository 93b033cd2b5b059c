"""Suggestions with reasons; confirmed links first on both sides; rejected ones never back."""

import pytest

from kennisbrug.bridge import items
from kennisbrug.bridge.matching import related
from kennisbrug.bridge.models import Link

pytestmark = pytest.mark.django_db


def ids(suggestions) -> list[str]:
    return [s.source_id for s in suggestions]


def test_a_debt_method_gets_debt_interventions_with_shared_concepts_as_reason():
    method = items.by_source_id("wsd-den-haag-leiden:prod-001")  # Het Rondkomgesprek

    result = related(method, limit=5)

    assert "DESI-1208" in ids(result.interventions)  # Deur op een Kier
    top = result.interventions[0]
    assert top.shared_concepts, "the reason names shared concepts"
    assert top.shared_concepts[0] in top.reason
    assert '<mark lang="nl">' in top.reason_html
    assert all(s.kind == "interventie" for s in result.interventions)


def test_elsewhere_holds_only_other_werkplaatsen_work():
    method = items.by_source_id("wsd-noord:prod-001")

    result = related(method, limit=8)

    assert result.elsewhere
    assert all(s.werkplaats != "WSD Noord" for s in result.elsewhere)
    assert all(s.kind in ("product", "project") for s in result.elsewhere)
    assert "wsd-noord:prod-001" not in ids(result.elsewhere)


def test_confirmed_links_come_first_on_both_sides():
    # Demo data: WSD Noord confirmed Deur op een Kier for its geldgesprek.
    method = items.by_source_id("wsd-noord:prod-001")
    intervention = items.by_source_id("DESI-1208")

    mine = related(method).interventions[0]
    theirs = [s for s in related(intervention).elsewhere if s.confirmed]

    assert (mine.source_id, mine.status) == ("DESI-1208", "bevestigd")
    assert "WSD Noord" in mine.reason
    assert "wsd-noord:prod-001" in ids(theirs)


def test_a_reason_reads_as_sentences_not_as_a_semicolon_list():
    mine = related(items.by_source_id("wsd-noord:prod-001")).interventions[0]

    assert mine.reason.startswith("Bevestigd door")
    assert ". Gedeelde onderwerpen: " in mine.reason
    assert "; " not in mine.reason and "; " not in mine.reason_html


def test_a_rejected_suggestion_does_not_come_back():
    project = items.by_source_id("wsd-noord:proj-iwp-armoede-emmen")
    before = ids(related(project, limit=10).interventions)
    dropped = before[-1]
    target = items.by_source_id(dropped)

    Link.objects.create(
        subject_kind="project",
        subject_id=project.pk,
        target_kind="interventie",
        target_id=target.pk,
        werkplaats=project.werkplaats,
        status=Link.Status.REJECTED,
    )

    assert dropped not in ids(related(project, limit=20).interventions)
    assert "wsd-noord:proj-iwp-armoede-emmen" not in ids(related(target, limit=50).elsewhere)


def test_a_confirmed_link_lifts_that_intervention_for_similar_work():
    """Feedback: once an editor links method A to intervention I, a method close to A sees I
    higher than before."""
    subject = items.by_source_id("wsd-twente:prod-001")  # De geldroute
    neighbour = items.by_source_id("wsd-arnhem-nijmegen:prod-001")  # De geldvraag aan tafel
    before = {s.source_id: s.score for s in related(subject, limit=20).interventions}
    target_id = min(before, key=before.get)  # the weakest suggestion
    target = items.by_source_id(target_id)

    Link.objects.create(
        subject_kind="product",
        subject_id=neighbour.pk,
        target_kind="interventie",
        target_id=target.pk,
        werkplaats=neighbour.werkplaats,
        status=Link.Status.CONFIRMED,
    )
    after = {s.source_id: s for s in related(subject, limit=20).interventions}

    assert after[target_id].score > before[target_id]
    assert neighbour.title in after[target_id].reason


def test_a_withdrawn_but_confirmed_intervention_still_shows_and_says_so():
    method = items.by_source_id("wsd-noord:prod-001")
    intervention = items.by_source_id("DESI-1208")
    intervention.withdrawn_at = "2026-11-01T00:00:00Z"
    intervention.save()

    shown = {s.source_id: s for s in related(method).interventions}

    assert shown["DESI-1208"].withdrawn and shown["DESI-1208"].confirmed
    assert "niet meer in de databank" in shown["DESI-1208"].reason
