"""One person's data: looked up, exported and erased by a network admin; past registrations
anonymised by the `anonymise` command."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kennisbrug.events import registration as places
from kennisbrug.events.models import Event, Registration
from kennisbrug.events.tests.conftest import make_event
from kennisbrug.newsletter.models import Subscriber
from kennisbrug.privacy.models import Erasure
from kennisbrug.privacy.personal_data import email_hash

pytestmark = pytest.mark.django_db
PERSON = "privacy@example.org"


@pytest.fixture
def person(db):
    Subscriber.objects.create(
        email=PERSON, name="Pim", status=Subscriber.Status.ACTIVE, consent_at=timezone.now()
    )
    event = make_event("privacy-evenement", capacity=1)
    held = places.register(event, name="Pim Privé", email=PERSON)
    waiting = places.register(event, name="Wachtende", email="wacht@example.org")
    return held, waiting


def test_the_admin_exports_everything_about_one_address_as_json(admin_client_, person):
    response = admin_client_.post(
        reverse("admin:privacy_erasure_person"), {"email": PERSON, "actie": "exporteren"}
    )

    data = json.loads(response.content)
    assert data["newsletter"]["name"] == "Pim" and data["newsletter"]["consent_at"]
    assert [r["name"] for r in data["event_registrations"]] == ["Pim Privé"]


def test_erasing_removes_the_subscriber_anonymises_registrations_and_frees_the_place(
    admin_client_, person, django_capture_on_commit_callbacks, mailoutbox
):
    held, waiting = person

    with django_capture_on_commit_callbacks(execute=True):
        admin_client_.post(
            reverse("admin:privacy_erasure_person"), {"email": PERSON, "actie": "wissen"}
        )

    assert not Subscriber.objects.filter(email=PERSON).exists()
    held.refresh_from_db()
    assert (held.name, held.email, held.status) == ("", "", Registration.Status.CANCELLED)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [m.to for m in mailoutbox] == [["wacht@example.org"]]  # nothing to the erased address
    log = Erasure.objects.get()
    assert log.email_hash == email_hash(PERSON) and PERSON not in json.dumps(log.summary)
    page = admin_client_.get(reverse("admin:privacy_erasure_person") + f"?email={PERSON}")
    assert "bewaart Kennisbrug niets" in page.content.decode()


def test_only_network_admins_reach_personal_data(editor_a_client, person):
    response = editor_a_client.get(reverse("admin:privacy_erasure_person") + f"?email={PERSON}")

    assert response.status_code == 403


def test_registrations_of_events_past_the_retention_period_are_anonymised(settings):
    settings.REGISTRATION_RETENTION_DAYS = 90
    past = Event.objects.get(slug="werkplaatsevent-leren-van-casuistiek")  # ended 120 days ago
    recent = make_event("net-voorbij")
    Event.objects.filter(pk=recent.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=10),
        ends_at=timezone.now() - datetime.timedelta(days=10),
    )
    for event in (past, recent):
        Registration.objects.create(
            event=event,
            name="Oud",
            email="oud@example.org",
            status="bevestigd",
            consent_at=timezone.now(),
        )
    Subscriber.objects.create(email="nooit@example.org")
    Subscriber.objects.filter(email="nooit@example.org").update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )

    call_command("anonymise", verbosity=0)

    old = Registration.objects.get(event=past)
    assert old.name == "" and old.email == "" and old.anonymised_at
    assert Registration.objects.get(event=recent).email == "oud@example.org"
    assert not Subscriber.objects.filter(email="nooit@example.org").exists()
    assert old.event.registrations.count() == 1  # counted still, no longer identifiable
