"""Subscribing, confirming and unsubscribing in a real browser, reading the sent mails."""

import re
import uuid

import pytest
from django.core import mail
from django.utils import timezone

from kennisbrug.newsletter import sending
from kennisbrug.newsletter.models import Issue, Subscriber
from kennisbrug.testing.browser import assert_accessible

# Not django_db: see committed_db in kennisbrug/events/tests/conftest.py.
pytestmark = pytest.mark.browser


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def address(committed_db):
    email = f"browser-{uuid.uuid4().hex[:10]}@example.org"
    yield email
    Subscriber.objects.filter(email=email).delete()
    Issue.objects.filter(slug__startswith="browser-").delete()


def test_subscribe_confirm_receive_and_unsubscribe_in_the_browser(page, address):
    mail.outbox = []
    page.goto("/nieuwsbrief/")
    assert_accessible(page)
    page.get_by_label("E-mailadres", exact=True).fill(address)
    page.get_by_label(re.compile("^Ik wil de nieuwsbrief ontvangen")).check()
    page.get_by_role("button", name="Inschrijven").click()
    assert "Kijk in je mailbox" in page.content()

    (confirmation,) = [m for m in mail.outbox if m.to == [address]]
    page.goto(path_of(re.search(r"https?://\S+/bevestigen/\S+/", confirmation.body).group(0)))
    assert "Je inschrijving is bevestigd" in page.content()
    assert_accessible(page)

    today = timezone.localdate()
    issue = Issue.objects.create(
        title="Browsernummer",
        slug=f"browser-{uuid.uuid4().hex[:8]}",
        period_start=today,
        period_end=today,
    )
    sending.start_sending(issue)
    sending.send_due()
    (newsletter,) = [m for m in mail.outbox if m.to == [address] and m.subject == "Browsernummer"]

    page.goto(path_of(newsletter.extra_headers["List-Unsubscribe"].strip("<>")))
    assert_accessible(page)
    page.get_by_role("button", name="Ja, meld me af").click()
    page.wait_for_load_state()
    assert "Je bent afgemeld" in page.content()
    assert Subscriber.objects.get(email=address).status == Subscriber.Status.UNSUBSCRIBED


def test_the_preference_page_saves_without_javascript(js_off_page, address):
    from kennisbrug.newsletter import links

    subscriber = Subscriber.objects.create(email=address, status=Subscriber.Status.ACTIVE)
    path = links.path(subscriber, "manage")
    js_off_page.goto(path)
    js_off_page.get_by_label("WSD Noord", exact=True).check()
    js_off_page.get_by_role("button", name="Opslaan").click()

    assert "Je keuze is opgeslagen" in js_off_page.content()
    assert list(subscriber.werkplaatsen.values_list("slug", flat=True)) == ["wsd-noord"]


@pytest.mark.django_db
def test_the_subscribe_page_offers_every_active_werkplaats(client):
    # Also makes pytest-django create the test database when this module runs alone.
    from django.utils.html import escape

    from kennisbrug.registry.models import Werkplaats

    page = client.get("/nieuwsbrief/").content.decode()
    for werkplaats in Werkplaats.objects.active():
        assert escape(werkplaats.short_name) in page
