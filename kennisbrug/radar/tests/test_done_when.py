"""The issue's test: a City Deal project on loneliness in Nijmegen appears on the radar of the
werkplaats that works on loneliness there, with its reason, and each subscriber gets one alert."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from kennisbrug.radar.models import Alert, Overlap, Subscription
from kennisbrug.registry.models import Municipality, Werkplaats
from kennisbrug.themes.models import Theme

pytestmark = pytest.mark.django_db

TITLE = "Aan tafel in Hatert: studenten en buurtbewoners tegen eenzaamheid"


def overlap_section(html: str, project_pk: int) -> str:
    start = html.index(f'id="overlap-{project_pk}"')
    rest = html[start:]
    end = rest.find('<li class="overlap"', 1)
    return rest if end == -1 else rest[:end]


@pytest.fixture
def loneliness_in_nijmegen(make_external, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_external(
            TITLE,
            ["Nijmegen"],
            ["eenzaamheid"],
            summary="Elke week koken studenten met oudere buurtbewoners die zich alleen voelen.",
        )


@pytest.fixture
def followers(make_user, arnhem_nijmegen):
    """Who follows what before the project is added."""
    everything = make_user("volgt-alles")  # werkplaats, theme and city: still one alert
    Subscription.objects.create(user=everything, werkplaats=arnhem_nijmegen)
    Subscription.objects.create(user=everything, theme=Theme.objects.get(slug="eenzaamheid"))
    Subscription.objects.create(
        user=everything, municipality=Municipality.objects.get(name="Nijmegen")
    )
    broader_theme = make_user("volgt-meedoen")  # "meedoen" is the parent of "eenzaamheid"
    Subscription.objects.create(user=broader_theme, theme=Theme.objects.get(slug="meedoen"))
    elsewhere = make_user("volgt-zuyd")
    Subscription.objects.create(user=elsewhere, werkplaats=Werkplaats.objects.get(slug="wsd-zuyd"))
    return {"everything": everything, "broader_theme": broader_theme, "elsewhere": elsewhere}


def mails_to(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email]]


def test_the_loneliness_project_shows_on_the_radar_with_its_reason(
    client, arnhem_nijmegen, loneliness_in_nijmegen
):
    response = client.get(reverse("radar:werkplaats", args=[arnhem_nijmegen.slug]))

    assert response.status_code == 200
    section = overlap_section(response.content.decode(), loneliness_in_nijmegen.pk)
    assert TITLE in section
    assert "Nijmegen" in section  # which municipality
    assert "Eenzaamheid en sociaal isolement" in section  # which theme
    assert "Werkteam Betekenisvol contact" in section  # which of our projects
    assert "betekenisvol contact te ondersteunen" in section  # which agenda question


def test_each_subscriber_gets_exactly_one_alert(followers, arnhem_nijmegen, loneliness_in_nijmegen):
    overlap = Overlap.objects.get(
        werkplaats=arnhem_nijmegen, external_project=loneliness_in_nijmegen
    )

    for who in ("everything", "broader_theme"):
        sent = mails_to(followers[who])
        assert len(sent) == 1, who
        assert TITLE in sent[0].subject
        assert f"/radar/werkplaatsen/wsd-arnhem-nijmegen/#overlap-{loneliness_in_nijmegen.pk}" in (
            sent[0].body
        )
        assert "Nijmegen" in sent[0].body and "Eenzaamheid" in sent[0].body
        assert Alert.objects.filter(user=followers[who], overlap=overlap).count() == 1
    assert mails_to(followers["elsewhere"]) == []
    assert not Alert.objects.filter(user=followers["elsewhere"]).exists()


def test_saving_again_and_the_cron_run_send_nothing_more(
    followers, loneliness_in_nijmegen, django_capture_on_commit_callbacks
):
    assert len(mail.outbox) == 2

    with django_capture_on_commit_callbacks(execute=True):
        loneliness_in_nijmegen.summary += " Ook mantelzorgers schuiven aan."
        loneliness_in_nijmegen.save()
    call_command("radar", notify=True, stdout=StringIO())
    call_command("radar", notify=True, stdout=StringIO())

    assert len(mail.outbox) == 2
    assert Alert.objects.filter(user=followers["everything"]).count() == 1


def test_the_alert_is_on_the_dashboard_and_its_link_leads_to_the_overlap(
    client, followers, loneliness_in_nijmegen
):
    client.force_login(followers["everything"])

    dashboard = client.get(reverse("radar:dashboard"))
    alert = Alert.objects.get(user=followers["everything"])
    opened = client.get(reverse("radar:alert", args=[alert.pk]))

    assert TITLE in dashboard.content.decode()
    assert "1 ongelezen signaal" in dashboard.content.decode()
    assert opened.status_code == 302
    assert opened["Location"].endswith(
        f"/radar/werkplaatsen/wsd-arnhem-nijmegen/#overlap-{loneliness_in_nijmegen.pk}"
    )
    alert.refresh_from_db()
    assert alert.read_at is not None
