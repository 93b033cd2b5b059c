import pytest
from django.urls import reverse

from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Werkplaats

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_all_fifteen_active_werkplaatsen(client):
    page = client.get(reverse("front:home")).content.decode()

    active = Werkplaats.objects.active()
    assert active.count() == 15
    for werkplaats in active:
        assert werkplaats.get_absolute_url() in page
    assert "Werkplaats Sociaal Domein Zeeland" in page  # listed apart: in preparation


def test_a_werkplaats_page_shows_partners_municipalities_and_agenda(client):
    werkplaats = Werkplaats.objects.get(slug="wsd-noord")

    page = client.get(werkplaats.get_absolute_url()).content.decode()

    assert werkplaats.name in page
    assert "Hanzehogeschool Groningen" in page
    for municipality in werkplaats.municipalities():
        assert municipality.name in page
    agenda = werkplaats.agendas.order_by("-start_year").first()
    if agenda is not None:
        assert agenda.title in page


def test_a_werkplaats_is_found_by_its_slug_only(client):
    assert client.get("/werkplaatsen/bestaat-niet/").status_code == 404


def test_a_published_product_has_a_page_and_a_concept_has_none(client, werkplaats_a):
    published = Product.objects.create(
        source_id="pg-1",
        kind="artikel",
        title="Openbaar artikel",
        werkplaats=werkplaats_a,
        status=Product.Status.PUBLISHED,
    )
    concept = Product.objects.create(
        source_id="pg-2",
        kind="artikel",
        title="Nog een concept",
        werkplaats=werkplaats_a,
    )

    assert "Openbaar artikel" in client.get(published.get_absolute_url()).content.decode()
    assert client.get(concept.get_absolute_url()).status_code == 404


def test_project_and_intervention_pages_render_their_records(client):
    project = Project.objects.first()
    assert project.practice_question in client.get(project.get_absolute_url()).content.decode()
    intervention = Intervention.objects.first()
    if intervention is not None:
        page = client.get(intervention.get_absolute_url()).content.decode()
        assert intervention.title in page


def test_the_english_interface_is_one_click_away(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("front:home")).content.decode()
    assert '<html lang="en">' in page


def test_pages_are_dutch_whatever_the_browser_asks(client):
    page = client.get(reverse("front:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in page


def test_project_and_intervention_pages_offer_more_like_this(client):
    for record in (Project.objects.first(), Intervention.objects.first()):
        if record is None:
            continue
        page = client.get(record.get_absolute_url()).content.decode()
        assert '<h2 id="meer-zoals-dit">Meer zoals dit</h2>' in page, record
