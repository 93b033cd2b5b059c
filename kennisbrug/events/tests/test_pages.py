"""The calendar, an event page with its form, the personal registration page, iCal."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kennisbrug.events.models import Event, Registration, Workshop

pytestmark = pytest.mark.django_db


def test_the_calendar_lists_the_upcoming_demo_events_and_the_past_one_apart(client):
    page = client.get(reverse("events:list")).content.decode()

    upcoming, _, past = page.partition("Eerder")
    assert "Landelijke Werkplaatsendag" in upcoming
    assert "Symposium Armoede en schulden" in upcoming
    assert "Werkplaatsevent: leren van casuïstiek" in past


def test_an_event_page_shows_the_programme_with_rooms_and_a_form(client):
    event = Event.objects.get(slug="landelijke-werkplaatsendag")

    page = client.get(event.get_absolute_url()).content.decode()

    assert '<h1 lang="nl">Landelijke Werkplaatsendag' in page
    assert "Zaal Amsterdam" in page and "Ronde 2" in page
    assert 'name="email"' in page and 'name="consent"' in page


def test_a_visitor_registers_with_a_workshop_and_lands_on_their_personal_page(
    client, event, committed, mailoutbox
):
    workshop = Workshop.objects.get(round__event=event, title="Wijkteams en scholen")
    with committed():
        response = client.post(
            event.get_absolute_url(),
            {
                "name": "Mira Jansen",
                "email": "Mira.Jansen@example.org",
                "organisation": "Gemeente Assen",
                f"ronde_{workshop.round_id}": str(workshop.pk),
                "consent": "on",
            },
        )

    registration = Registration.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == registration.get_absolute_url()
    assert registration.email == "mira.jansen@example.org"
    assert registration.choices.get().workshop == workshop
    page = client.get(response["Location"]).content.decode()
    assert "Je aanmelding is bevestigd" in page
    assert mailoutbox[0].to == ["mira.jansen@example.org"]


def test_without_consent_nobody_is_registered_and_the_form_says_why(client, event):
    response = client.post(event.get_absolute_url(), {"name": "Mira", "email": "mira@example.org"})

    assert response.status_code == 400
    assert "Zonder toestemming kunnen we je niet aanmelden" in response.content.decode()
    assert not event.registrations.exists()


def test_the_cancel_link_needs_a_post_and_then_frees_the_place(client, event, committed):
    from kennisbrug.events import registration as places

    registration = places.register(event, name="Mira", email="mira@example.org")
    url = registration.get_absolute_url()

    assert "Afmelden voor het hele evenement" in client.get(url).content.decode()
    assert client.get(reverse("events:cancel", args=[registration.token])).status_code == 405
    with committed():
        client.post(reverse("events:cancel", args=[registration.token]))

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert client.get("/evenementen/aanmelding/onzin/").status_code == 404


def test_the_ical_feed_and_an_event_file_are_calendars(client):
    feed = client.get(reverse("events:feed"))
    one = client.get(reverse("events:ics", args=["landelijke-werkplaatsendag"]))

    assert feed["Content-Type"].startswith("text/calendar")
    assert feed.content.decode().count("BEGIN:VEVENT") == Event.objects.published().count()
    assert one.content.decode().count("BEGIN:VEVENT") == 1


def test_the_organiser_sees_the_participants_and_downloads_them_as_xlsx(admin_client_):
    event = Event.objects.get(slug="symposium-armoede-en-schulden-noord")

    page = admin_client_.get(
        reverse("admin:events_event_participants", args=[event.pk])
    ).content.decode()
    download = admin_client_.get(reverse("admin:events_event_participants_xlsx", args=[event.pk]))

    assert "Anouk de Vries" in page
    sheet = load_workbook(io.BytesIO(download.content)).active
    rows = list(sheet.values)
    assert rows[0][:4] == ("Naam", "E-mail", "Organisatie", "Status")
    assert ("Anouk de Vries", "anouk.de.vries@example.org", "Gemeente Groningen") in [
        r[:3] for r in rows
    ]


def test_an_organiser_reading_english_downloads_the_participants_with_english_headings(
    admin_client_,
):
    event = Event.objects.get(slug="symposium-armoede-en-schulden-noord")
    admin_client_.cookies["django_language"] = "en"

    download = admin_client_.get(reverse("admin:events_event_participants_xlsx", args=[event.pk]))

    sheet = load_workbook(io.BytesIO(download.content)).active
    assert sheet.title == "Participants"
    assert list(sheet.values)[0][:5] == ("Name", "Email", "Organisation", "Status", "Registered on")


def test_an_editor_of_another_werkplaats_cannot_see_the_participants(client, editor_b):
    client.force_login(editor_b)
    event = Event.objects.get(slug="symposium-armoede-en-schulden-noord")  # of WSD Noord

    response = client.get(reverse("admin:events_event_participants_xlsx", args=[event.pk]))

    assert response.status_code == 404


def test_a_formula_in_a_name_is_exported_as_text(admin_client_, event):
    from kennisbrug.events import registration as places

    places.register(event, name='=HYPERLINK("http://x")', email="x@example.org")

    download = admin_client_.get(reverse("admin:events_event_participants_xlsx", args=[event.pk]))

    cell = load_workbook(io.BytesIO(download.content)).active["A2"]
    assert cell.data_type == "s" and re.match(r"^'=", cell.value)


def test_registering_the_same_address_twice_takes_no_second_place(client, event, mailoutbox):
    from kennisbrug.events import registration as places

    first = places.register(event, name="Mira", email="mira@example.org")
    data = {"name": "Iemand Anders", "email": "MIRA@example.org", "consent": "on"}

    response = client.post(event.get_absolute_url(), data)

    assert response.status_code == 400
    assert "al iemand aangemeld" in response.content.decode()
    assert first.token not in response.content.decode()
    assert event.registrations.count() == 1
    assert [m.to for m in mailoutbox] == [["mira@example.org"]]
