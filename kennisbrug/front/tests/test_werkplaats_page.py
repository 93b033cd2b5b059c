import pytest
from django.urls import reverse

from kennisbrug.front.views.werkplaatsen import neighbours
from kennisbrug.registry.models import Organisation

pytestmark = pytest.mark.django_db


def test_participants_are_grouped_as_the_network_names_them(client, werkplaats_a):
    response = client.get(werkplaats_a.get_absolute_url())
    groups = {slug: members for slug, _, members in response.context["participant_groups"]}

    assert list(groups) == ["hogescholen", "lectoraten", "gemeenten", "partners"]
    assert {m.organisation.kind for m in groups["hogescholen"]} == {Organisation.Kind.HOGESCHOOL}
    assert {m.organisation.kind for m in groups["gemeenten"]} == {Organisation.Kind.GEMEENTE}
    assert "Hanzehogeschool Groningen" in [m.organisation.name for m in groups["hogescholen"]]
    named = {Organisation.Kind.HOGESCHOOL, Organisation.Kind.LECTORAAT, Organisation.Kind.GEMEENTE}
    assert groups["partners"] and all(m.organisation.kind not in named for m in groups["partners"])
    current = werkplaats_a.memberships.current().count()
    assert sum(len(members) for members in groups.values()) == current


def test_other_werkplaatsen_on_the_same_themes_share_a_theme_and_exclude_itself(werkplaats_a):
    found = neighbours(werkplaats_a)

    assert found
    assert werkplaats_a not in [n.werkplaats for n in found]
    shared = [len(n.themes) for n in found]
    assert shared == sorted(shared, reverse=True)
    for neighbour in found:
        assert neighbour.items
        assert all(item.werkplaats_id == neighbour.werkplaats.pk for item in neighbour.items)


def test_the_werkplaats_page_links_its_vraagstukken_and_the_network_elsewhere(client, werkplaats_a):
    html = client.get(werkplaats_a.get_absolute_url()).content.decode()

    agenda = werkplaats_a.agendas.current().first()
    for vraagstuk in agenda.vraagstukken.all():
        assert f'id="vraagstuk-{vraagstuk.pk}"' in html
    assert "Wat andere werkplaatsen doen op dezelfde thema" in html
    assert reverse("front:agendas") in html


def test_a_contact_with_two_roles_is_listed_once_with_both(client):
    # Demo data: Esra Kaya (Saxion) is kennismakelaar and onderzoeker of WSD Twente.
    html = client.get(reverse("front:werkplaats", args=["wsd-twente"])).content.decode()

    contacts = html[html.index("Contactpersonen") :]
    contacts = contacts[: contacts.index("</ul>")]
    assert contacts.count("Esra Kaya") == 1
    assert "kennismakelaar" in contacts and "onderzoeker" in contacts
