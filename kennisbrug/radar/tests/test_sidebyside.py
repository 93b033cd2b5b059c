import pytest
from django.urls import reverse

from kennisbrug.radar.sidebyside import ChoiceError, compare

pytestmark = pytest.mark.django_db


def test_two_agendas_are_aligned_by_theme_with_shared_and_unique_rows():
    comparison = compare(["wsd-arnhem-nijmegen", "wsd-twente"])

    assert [c.label for c in comparison.columns] == ["WSD Arnhem en Nijmegen", "WSD Twente"]
    rows = {r.theme.slug: r for r in comparison.rows if r.theme}
    assert rows["eenzaamheid"].shared  # both agendas ask about loneliness
    assert all(rows["eenzaamheid"].cells)
    assert not rows["sociale-kwaliteit"].shared  # only Arnhem-Nijmegen
    assert rows["sociale-kwaliteit"].cells[1] == []
    assert len(comparison.shared_rows) + len(comparison.unique_rows) == len(comparison.rows)


def test_an_external_programme_can_be_a_column():
    comparison = compare(["wsd-arnhem-nijmegen"], "city-deal-kennis-maken")

    assert comparison.columns[-1].label == "City Deal Kennis Maken"
    rows = {r.theme.slug: r for r in comparison.rows if r.theme}
    assert rows["armoede"].shared
    assert any("Dukenburg" in item.title for item in rows["armoede"].cells[1])


@pytest.mark.parametrize(
    "slugs",
    [["wsd-twente"], ["wsd-twente", "wsd-zuyd", "wsd-noord", "wsd-zwolle", "wsd-avans"]],
)
def test_fewer_than_two_or_more_than_four_columns_are_refused(slugs):
    with pytest.raises(ChoiceError, match="twee tot vier"):
        compare(slugs)


def test_the_page_marks_shared_and_unique_in_words(client):
    url = reverse("radar:side-by-side") + "?w=wsd-arnhem-nijmegen&w=wsd-twente"

    html = client.get(url).content.decode()

    assert "gedeeld door 2" in html
    assert "uniek" in html


def test_the_page_explains_a_bad_choice(client):
    response = client.get(reverse("radar:side-by-side") + "?w=bestaat-niet&w=wsd-twente")

    assert response.status_code == 400
    assert "Onbekende werkplaats: bestaat-niet" in response.content.decode()


def test_a_programme_alone_from_its_own_page_is_preselected_without_an_error(client):
    # The programme page links here with only ?programma=…: the visitor still has to choose.
    response = client.get(reverse("radar:side-by-side") + "?programma=city-deal-kennis-maken")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="city-deal-kennis-maken" selected' in html
    assert "Kies nu één tot drie werkplaatsen" in html
    assert 'role="alert"' not in html
