"""The radar's rules: place and topic both needed, neighbours within the region, concepts from
the thesaurus, ranking, and werkplaats-to-werkplaats agenda overlaps."""

import datetime

import pytest

from kennisbrug.radar.overlaps import RadarContext, neighbour_codes
from kennisbrug.registry.models import Municipality, Province

pytestmark = pytest.mark.django_db


def matches_of(project):
    return {m.werkplaats.slug: m for m in RadarContext().matches(external_ids=[project.pk])}


def test_neighbours_are_symmetric_and_read_from_the_data_file():
    codes = neighbour_codes()

    assert "GM0296" in codes["GM0268"]  # Nijmegen borders Wijchen
    assert "GM0268" in codes["GM0296"]  # and the other way round


def test_a_project_in_a_neighbouring_municipality_of_the_region_overlaps_with_its_reason(
    make_external,
):
    project = make_external("Jonge mantelzorgers in Wijchen", ["Wijchen"], ["informele-zorg"])

    match = matches_of(project)["wsd-arnhem-nijmegen"]

    assert match.same_places == []
    assert [(t.name, o.name) for t, o in match.neighbour_places] == [("Wijchen", "Nijmegen")]
    assert "Wijchen (grenst aan Nijmegen)" in match.summary
    assert "Jonge mantelzorgers in beeld: zorgen voor thuis naast school" in [
        p.title for p in match.our_projects
    ]


def test_the_same_municipality_ranks_above_a_neighbouring_one(make_external):
    here = make_external("Mantelzorg hier", ["Nijmegen"], ["informele-zorg"])
    next_door = make_external("Mantelzorg ernaast", ["Wijchen"], ["informele-zorg"])

    found = RadarContext().matches(external_ids=[here.pk, next_door.pk])

    assert [m.external.title for m in found if m.werkplaats.slug == "wsd-arnhem-nijmegen"] == [
        "Mantelzorg hier",
        "Mantelzorg ernaast",
    ]


def test_an_ended_project_ranks_below_a_running_one_on_the_same_grounds(make_external):
    running = make_external("Lopend", ["Nijmegen"], ["eenzaamheid"])
    ended = make_external(
        "Afgelopen", ["Nijmegen"], ["eenzaamheid"], end=datetime.date(2020, 12, 31)
    )

    scores = {
        m.external.pk: m.score for m in RadarContext().matches(external_ids=[running.pk, ended.pk])
    }

    assert scores[ended.pk] == pytest.approx(scores[running.pk] / 2)


def test_no_overlap_without_a_shared_place(make_external):
    province = Province.objects.get(name="Gelderland")
    Municipality.objects.create(code="GM9990", name="Proefdorp", province=province)
    project = make_external("Eenzaamheid in Proefdorp", ["Proefdorp"], ["eenzaamheid"])

    assert matches_of(project) == {}


def test_no_overlap_without_a_shared_topic(make_external):
    project = make_external("Daklozen tellen", ["Nijmegen"], ["dakloosheid"])

    assert "wsd-arnhem-nijmegen" not in matches_of(project)


def test_a_neighbour_outside_the_werkplaats_province_does_not_count(make_external):
    # Wijchen borders Nijmegen, but for a werkplaats in Zuid-Holland it is not in the region.
    project = make_external("Schulden in Wijchen", ["Wijchen"], ["schulden"])

    assert set(matches_of(project)) == {"wsd-arnhem-nijmegen"}


def test_thesaurus_concepts_find_an_overlap_that_themes_miss(make_external):
    project = make_external(
        "Buurtkamer Hatert",
        ["Nijmegen"],
        themes=[],
        summary="Vereenzaming onder bewoners die niemand meer zien, en wat een buurtkamer doet.",
    )

    match = matches_of(project)["wsd-arnhem-nijmegen"]

    assert match.themes == []
    assert "eenzaamheid" in match.concepts


def test_werkplaatsen_with_the_same_agenda_themes_are_paired(arnhem_nijmegen):
    pairs = RadarContext().agenda_overlaps(arnhem_nijmegen.pk)

    assert pairs, "Arnhem-Nijmegen shares agenda themes with other werkplaatsen"
    assert all(arnhem_nijmegen in (p.a, p.b) for p in pairs)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    top = pairs[0]
    theme_slugs = {t.slug for t in top.themes}
    for vraagstuk in top.questions_a + top.questions_b:
        assert theme_slugs & {t.slug for t in vraagstuk.themes.all()} or top.concepts
