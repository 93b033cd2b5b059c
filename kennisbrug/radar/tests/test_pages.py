"""The radar's pages through the test client: the network view, following, the dashboard,
the programme pages and adding an external project in the beheer."""

import pytest
from django.core import mail
from django.urls import reverse

from kennisbrug.programmes.models import ExternalProject
from kennisbrug.radar.models import Subscription
from kennisbrug.registry.models import Municipality
from kennisbrug.themes.models import Theme

pytestmark = pytest.mark.django_db


def test_the_network_view_shows_where_overlaps_sit(client):
    html = client.get(reverse("radar:network")).content.decode()

    assert "<h1>Overlapradar</h1>" in html
    assert "Per gemeente" in html and "Per thema" in html
    assert "Nijmegen" in html  # the demo's City Deal projects overlap there
    assert "Werkplaatsen met overlappende agenda" in html


def test_a_werkplaats_radar_ranks_demo_overlaps_with_reasons(client, arnhem_nijmegen):
    html = client.get(reverse("radar:werkplaats", args=[arnhem_nijmegen.slug])).content.decode()

    dukenburg = html.index("Wijkleerbedrijf Dukenburg")
    heyendaal = html.index("Samenleven in Heyendaal")  # ended in 2021: ranked lower
    assert dukenburg < heyendaal
    assert "Wijchen, grenst aan Nijmegen" in html  # the neighbouring Kenniswerkplaats Jeugd project


def test_following_needs_a_login(client, arnhem_nijmegen):
    response = client.post(reverse("radar:follow"), {"werkplaats": arnhem_nijmegen.pk})

    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not Subscription.objects.exists()


def test_follow_and_unfollow_a_werkplaats_theme_and_municipality(
    client, make_user, arnhem_nijmegen
):
    user = make_user("lezer")
    client.force_login(user)
    theme = Theme.objects.get(slug="armoede")
    city = Municipality.objects.get(name="Nijmegen")

    for field, value in (("werkplaats", arnhem_nijmegen.pk), ("theme", theme.pk)):
        client.post(reverse("radar:follow"), {field: value})
    client.post(reverse("radar:follow"), {"municipality": city.pk})
    client.post(reverse("radar:follow"), {"municipality": city.pk})  # twice is still once
    dashboard = client.get(reverse("radar:dashboard")).content.decode()
    client.post(reverse("radar:follow"), {"theme": theme.pk, "action": "stop"})

    assert "Stop met volgen van WSD Arnhem en Nijmegen" in dashboard
    assert "Stop met volgen van Armoede" in dashboard
    assert {str(s.target) for s in Subscription.objects.filter(user=user)} == {
        "WSD Arnhem en Nijmegen",
        "Nijmegen",
    }


def test_following_nothing_is_explained(client, make_user):
    client.force_login(make_user("leeg"))

    response = client.post(reverse("radar:follow"), {"theme": ""}, follow=True)

    assert "Kies eerst wat je wilt volgen." in response.content.decode()


def test_another_users_alert_cannot_be_opened(client, make_user):
    client.force_login(make_user("nieuwsgierig"))

    assert client.get(reverse("radar:alert", args=[999999])).status_code == 404


def test_programme_pages_list_projects_and_their_overlaps(client):
    project = ExternalProject.objects.get(source_id="cdkm-nijmegen-wijkleerbedrijf-dukenburg")

    listing = client.get(reverse("programmes:programmes")).content.decode()
    programme = client.get(project.programme.get_absolute_url()).content.decode()
    detail = client.get(project.get_absolute_url()).content.decode()

    assert "City Deal Kennis Maken" in listing
    assert project.title in programme
    assert "Arnhem en Nijmegen" in detail and "Radboud Universiteit" in detail


def test_adding_a_project_in_the_beheer_alerts_followers(
    admin_client_, make_user, arnhem_nijmegen, city_deal, django_capture_on_commit_callbacks
):
    follower = make_user("volger-beheer")
    Subscription.objects.create(user=follower, werkplaats=arnhem_nijmegen)
    data = {
        "source": "kennisbrug",
        "programme": city_deal.pk,
        "title": "Buurtkamer Hatert tegen eenzaamheid",
        "summary": "",
        "municipalities": [Municipality.objects.get(name="Nijmegen").pk],
        "themes": [Theme.objects.get(slug="eenzaamheid").pk],
        "start": "2026-10-01",
        "end": "2027-10-01",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(reverse("admin:programmes_externalproject_add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert [m.to for m in mail.outbox] == [[follower.email]]
    assert "Buurtkamer Hatert" in mail.outbox[0].subject
