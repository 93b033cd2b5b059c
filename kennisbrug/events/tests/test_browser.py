"""The registration form in a real browser: a full workshop, the waiting list, moving up.

Runs against the live server over the committed demo data, so the event made here has a
unique name and is deleted afterwards.
"""

import re
import uuid

import pytest
from django.core import mail

from kennisbrug.events.models import Event, Registration, Workshop
from kennisbrug.events.tests.conftest import make_event
from kennisbrug.testing.browser import assert_accessible

# Not django_db: see committed_db in kennisbrug/testing/browser.py (the server must write).
pytestmark = pytest.mark.browser


@pytest.fixture
def full_workshop_event(committed_db):
    event = make_event(f"browser-{uuid.uuid4().hex[:10]}", capacity=50, workshop_capacity=1)
    yield event
    Event.objects.filter(pk=event.pk).delete()


def fill_registration(page, name: str, email: str, workshop: str) -> None:
    page.get_by_label("Naam", exact=True).fill(name)
    page.get_by_label("E-mailadres", exact=True).fill(email)
    page.get_by_label(re.compile(f"^{workshop}")).check()
    page.get_by_label(re.compile("Ik geef toestemming")).check()
    page.get_by_role("button", name=re.compile("Aanmelden|wachtlijst")).click()


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_a_visitor_on_a_full_workshop_waits_and_moves_up_when_someone_cancels(
    page, full_workshop_event
):
    event = full_workshop_event
    mail.outbox = []

    page.goto(event.get_absolute_url())
    assert_accessible(page)
    fill_registration(page, "Eerste Deelnemer", "eerste@example.org", "Gesprekken over geld")
    page.wait_for_url("**/aanmelding/**")
    assert "Je aanmelding is bevestigd" in page.content()
    first_page = page.url

    page.goto(event.get_absolute_url())
    assert "vol: wachtlijst" in page.content()
    fill_registration(page, "Tweede Deelnemer", "tweede@example.org", "Gesprekken over geld")
    page.wait_for_url("**/aanmelding/**")
    assert "wachtlijst, plaats 1" in page.content()
    assert_accessible(page)
    waiting_mail = [m for m in mail.outbox if m.to == ["tweede@example.org"]][-1]
    assert "wachtlijst, plaats 1" in waiting_mail.body

    # The first participant cancels with the link from their mail.
    first_mail = [m for m in mail.outbox if m.to == ["eerste@example.org"]][-1]
    cancel_link = re.search(r"https?://\S+/aanmelding/\S+/", first_mail.body).group(0)
    assert path_of(cancel_link) == path_of(first_page)
    page.goto(path_of(cancel_link))
    page.get_by_role("button", name="Afmelden voor het hele evenement").click()
    page.wait_for_load_state()
    assert "Je hebt je afgemeld" in page.content()

    promoted = [m for m in mail.outbox if m.to == ["tweede@example.org"]][-1]
    assert promoted.subject.startswith("Er is een plek vrijgekomen")
    workshop = Workshop.objects.get(round__event=event, title="Gesprekken over geld")
    assert workshop.choices.get(registration__email="tweede@example.org").status == "bevestigd"
    assert Registration.objects.get(event=event, email="eerste@example.org").status == "geannuleerd"


def test_the_registration_form_works_without_javascript_and_explains_errors(
    js_off_page, full_workshop_event
):
    page = js_off_page
    page.goto(full_workshop_event.get_absolute_url())
    page.get_by_label("Naam", exact=True).fill("Zonder Toestemming")
    page.get_by_label("E-mailadres", exact=True).fill("zonder@example.org")
    page.get_by_role("button", name="Aanmelden").click()

    assert "Zonder toestemming kunnen we je niet aanmelden" in page.content()
    assert not Registration.objects.filter(email="zonder@example.org").exists()


def test_the_calendar_and_an_event_page_pass_axe(page, committed_db):
    for url in ["/evenementen/", "/evenementen/landelijke-werkplaatsendag/", "/nieuws/"]:
        assert page.goto(url).status == 200
        assert_accessible(page)


@pytest.mark.django_db
def test_the_demo_has_a_workshop_small_enough_to_fill_in_a_demonstration():
    # Also makes pytest-django create the test database when this module runs alone.
    assert Workshop.objects.filter(
        round__event__slug="landelijke-werkplaatsendag", capacity__lte=12
    ).exists()
