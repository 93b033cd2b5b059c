"""The network page without a browser: the server-rendered graph, the selection, the table."""

import re
from html import escape

import pytest
from django.urls import reverse

from kennisbrug.network.graph import HEIGHT, WIDTH, build_graph, compute_layout, graph_with_layout
from kennisbrug.registry.models import Membership, Organisation, Werkplaats

pytestmark = pytest.mark.django_db


def test_the_table_and_the_graph_list_every_werkplaats(client):
    response = client.get(reverse("network:graph"))

    html = response.content.decode()
    assert response.status_code == 200
    table = html[html.index('id="netwerk-tabel"') :]
    for werkplaats in Werkplaats.objects.all():
        assert escape(werkplaats.name) in table
        assert f'data-id="w-{werkplaats.slug}"' in html


def test_coordinates_are_written_with_a_dot_in_dutch_too(client):
    html = client.get(reverse("network:graph"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    start = html.index('<svg class="network-graph')
    svg = html[start : html.index("</svg>", start)]
    assert re.search(r'x1="\d+,\d', svg) is None
    assert re.search(r'cx="\d+"', svg)


def test_a_chosen_werkplaats_highlights_its_neighbours_without_javascript(client):
    html = client.get(reverse("network:graph"), {"knoop": "w-wsd-twente"}).content.decode()

    assert 'class="network-graph has-selection"' in html
    assert re.search(r'class="node node--werkplaats is-selected"[^>]*data-id="w-wsd-twente"', html)
    # Twente works on schulden (demo data): that theme is a neighbour, another werkplaats is not.
    assert re.search(r'class="node node--theme is-neighbour"[^>]*data-id="t-schulden"', html)
    assert re.search(r'class="node node--werkplaats is-dimmed"[^>]*data-id="w-wsd-zuyd"', html)
    details = html[html.index('id="netwerk-details"') : html.index("Legenda")]
    assert "Saxion" in details
    assert "Schulden en geldzorgen" in details


def test_the_theme_filter_is_a_plain_form(client):
    html = client.get(reverse("network:graph"), {"knoop": "t-schulden"}).content.decode()

    assert '<option lang="nl" value="t-schulden" selected>' in html
    details = html[html.index('id="netwerk-details"') : html.index("Legenda")]
    assert "Twente" in details


def test_an_unknown_selection_shows_the_whole_network(client):
    html = client.get(reverse("network:graph"), {"knoop": "w-bestaat-niet"}).content.decode()

    assert "has-selection" not in html


def test_every_node_lies_inside_the_drawing():
    graph = graph_with_layout()

    for node in graph.nodes.values():
        assert 0 <= node.x <= WIDTH and 0 <= node.y <= HEIGHT, node.id


def test_the_layout_follows_the_data():
    graph = build_graph()
    before = graph.fingerprint()
    werkplaats = Werkplaats.objects.get(slug="wsd-zuyd")
    partner = Organisation.objects.create(name="Buurtnetwerk Proefstad", kind="overig")
    Membership.objects.create(werkplaats=werkplaats, organisation=partner)

    changed = build_graph()

    assert changed.fingerprint() != before
    assert f"o-{partner.pk}" in compute_layout(changed)
