"""Importing CBS municipality boundaries: all or nothing, idempotent, errors that say where."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kennisbrug.network.boundaries import BoundariesRejected, import_boundaries
from kennisbrug.network.geo import positions
from kennisbrug.network.models import MunicipalityBoundary

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def test_imported_boundaries_are_drawn_and_the_network_ones_tinted(client):
    result = import_boundaries(FIXTURES / "gemeenten-klein.geojson")

    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    diemen = MunicipalityBoundary.objects.get(code="GM0384")
    assert len(diemen.geometry) == 2  # a MultiPolygon keeps its island
    html = client.get(reverse("network:map")).content.decode()
    assert html.count('class="boundary') == 3
    # Amsterdam and Zaanstad take part in a werkplaats (demo data); Diemen does not.
    assert html.count('class="boundary in-network"') == 2
    assert "<title>Diemen</title>" in html
    assert "3 gemeenten uit de geïmporteerde CBS-grenzen" in html


def test_the_same_file_twice_changes_nothing():
    import_boundaries(FIXTURES / "gemeenten-klein.geojson")
    before = list(MunicipalityBoundary.objects.order_by("code").values())

    result = import_boundaries(FIXTURES / "gemeenten-klein.geojson")

    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert list(MunicipalityBoundary.objects.order_by("code").values()) == before


def test_rd_coordinates_are_converted_and_the_centroid_places_the_gemeente():
    import_boundaries(FIXTURES / "utrecht-rd.geojson")

    utrecht = MunicipalityBoundary.objects.get(code="GM0344")
    assert utrecht.name == "Utrecht"
    # The centre of the square around RD (136000, 456000) is Utrecht: 52.09 N, 5.11 E.
    assert utrecht.centroid_lat == pytest.approx(52.092, abs=0.01)
    assert utrecht.centroid_lon == pytest.approx(5.109, abs=0.01)
    assert positions()["GM0344"] == (utrecht.centroid_lon, utrecht.centroid_lat)


def test_a_bad_file_writes_nothing_and_names_feature_and_field():
    with pytest.raises(BoundariesRejected) as caught:
        import_boundaries(FIXTURES / "kapot.geojson")

    messages = [str(error) for error in caught.value.errors]
    assert messages == [
        "feature 2, veld properties.statcode: geen gemeentecode gevonden",
        "feature 3 (GM0505), veld geometry.type: verwacht Polygon of MultiPolygon, niet 'Point'",
        "feature 4 (GM0518), veld geometry.coordinates[0][0]: geen punt [x, y]: ['x', 52.1]",
    ]
    # Rotterdam (feature 1) was fine, but nothing is written when anything is wrong.
    assert not MunicipalityBoundary.objects.exists()


def test_the_command_reports_in_dutch(tmp_path, capsys):
    call_command("import-boundaries", str(FIXTURES / "gemeenten-klein.geojson"))
    assert "3 nieuw, 0 bijgewerkt, 0 ongewijzigd" in capsys.readouterr().out

    not_json = tmp_path / "leeg.geojson"
    not_json.write_text("{ dit is geen json")
    with pytest.raises(CommandError, match=r"(?s)Niets geïmporteerd.*geen geldige JSON"):
        call_command("import-boundaries", str(not_json))


def test_replace_removes_gemeenten_that_are_no_longer_in_the_file():
    import_boundaries(FIXTURES / "gemeenten-klein.geojson")

    result = import_boundaries(FIXTURES / "utrecht-rd.geojson", replace=True)

    assert result.removed == 3
    assert list(MunicipalityBoundary.objects.values_list("code", flat=True)) == ["GM0344"]
