"""The map without a browser: every werkplaats badge near its gemeenten, the list complete."""

import math
from html import escape

import pytest
from django.urls import reverse

from kennisbrug.network.geo import HEIGHT, WIDTH, network_on_map, project, rd_to_wgs84
from kennisbrug.registry.models import Werkplaats

pytestmark = pytest.mark.django_db


def test_each_badge_sits_inside_the_map_and_near_its_gemeenten():
    placed, where = network_on_map()

    drawn = [entry for entry in placed if entry.x is not None]
    assert len(drawn) >= 14
    for entry in drawn:
        assert 0 <= entry.x <= WIDTH and 0 <= entry.y <= HEIGHT, entry.werkplaats.slug
        nearest = min(
            math.dist((entry.x, entry.y), project(*where[m.code]))
            for m in entry.municipalities
            if m.code in where
        )
        assert 5 <= nearest <= 60, entry.werkplaats.slug  # not on the dot, but close to it


def test_the_list_names_every_werkplaats_and_its_gemeenten(client):
    html = client.get(reverse("network:map")).content.decode()

    listing = html[html.index('id="gemeenten-per-werkplaats"') :]
    for werkplaats in Werkplaats.objects.all():
        assert escape(werkplaats.name) in listing
    assert 'Enschede <span class="meta">(Overijssel)</span>' in listing
    assert html.count('class="badge') >= 14


def test_rd_conversion_matches_a_known_point():
    # The Onze Lieve Vrouwetoren in Amersfoort is the origin of the RD grid.
    lon, lat = rd_to_wgs84(155000, 463000)

    assert (round(lon, 5), round(lat, 5)) == (5.38721, 52.15517)
