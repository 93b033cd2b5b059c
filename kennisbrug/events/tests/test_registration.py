"""Handing out places, waiting lists that move up, and the mails that say so."""

import pytest
from django.core.exceptions import ValidationError

from kennisbrug.events import registration as places
from kennisbrug.events.models import Registration, Workshop

pytestmark = pytest.mark.django_db
Status = Registration.Status


def sign_up(event, n: int, workshop: Workshop | None = None) -> Registration:
    return places.register(
        event,
        name=f"Deelnemer {n}",
        email=f"deelnemer{n}@example.org",
        workshops=[workshop] if workshop else [],
    )


def test_places_are_confirmed_until_full_then_people_wait_in_order(event):
    registrations = [sign_up(event, n) for n in range(5)]

    assert [r.status for r in registrations] == [Status.CONFIRMED] * 3 + [Status.WAITLISTED] * 2
    assert places.waiting_position(registrations[3]) == 1
    assert places.waiting_position(registrations[4]) == 2


def test_a_full_workshop_puts_the_visitor_on_its_waiting_list_and_a_cancellation_moves_them_up(
    event, committed, mailoutbox
):
    workshop = Workshop.objects.get(round__event=event, title="Gesprekken over geld")
    with committed():
        first = sign_up(event, 1, workshop)
        second = sign_up(event, 2, workshop)

    assert first.choices.get().status == Status.CONFIRMED
    assert second.status == Status.CONFIRMED  # in the event, waiting for the workshop
    assert second.choices.get().status == Status.WAITLISTED
    waiting_mail = mailoutbox[-1]
    assert waiting_mail.to == ["deelnemer2@example.org"]
    assert "wachtlijst, plaats 1" in waiting_mail.body

    mailoutbox.clear()
    with committed():
        places.cancel(first)

    assert second.choices.get().status == Status.CONFIRMED
    promoted = [m for m in mailoutbox if m.to == ["deelnemer2@example.org"]]
    assert len(promoted) == 1
    assert promoted[0].subject.startswith("Er is een plek vrijgekomen")
    assert "Gesprekken over geld (Zaal 1) – plaats bevestigd" in promoted[0].body
    assert promoted[0].attachments[0][0].endswith(".ics")
    cancelled = [m for m in mailoutbox if m.to == ["deelnemer1@example.org"]]
    assert cancelled[0].subject.startswith("Afmelding ontvangen")


def test_a_cancelled_event_place_goes_to_the_first_in_line_only(event, committed, mailoutbox):
    registrations = [sign_up(event, n) for n in range(5)]

    with committed():
        places.cancel(registrations[0])

    statuses = [Registration.objects.get(pk=r.pk).status for r in registrations]
    assert statuses == [Status.CANCELLED] + [Status.CONFIRMED] * 3 + [Status.WAITLISTED]
    assert {m.to[0] for m in mailoutbox} == {"deelnemer0@example.org", "deelnemer3@example.org"}
    assert places.waiting_position(Registration.objects.get(pk=registrations[4].pk)) == 1


def test_cancelling_twice_changes_nothing_the_second_time(event):
    registrations = [sign_up(event, n) for n in range(4)]
    places.cancel(registrations[0])

    assert places.cancel(registrations[0]) == []
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 3


def test_the_confirmation_carries_an_icalendar_file_and_the_personal_link(
    event, committed, mailoutbox
):
    with committed():
        registration = sign_up(event, 1)

    message = mailoutbox[-1]
    assert message.subject == f"Aanmelding bevestigd: {event.title}"
    name, content, mimetype = message.attachments[0]
    assert mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content and f"SUMMARY:{event.title}" in content
    assert registration.get_absolute_url() in message.body
    html = message.alternatives[0][0]
    assert registration.get_absolute_url() in html


def test_a_workshop_of_another_event_or_two_in_one_round_are_refused(event):
    from kennisbrug.events.tests.conftest import make_event

    other = make_event("ander-evenement")
    foreign = Workshop.objects.filter(round__event=other).first()
    both = list(Workshop.objects.filter(round__event=event))

    with pytest.raises(ValidationError):
        places.register(event, name="A", email="a@example.org", workshops=[foreign])
    with pytest.raises(ValidationError):
        places.register(event, name="A", email="a@example.org", workshops=both)
    assert not event.registrations.exists()


def test_more_places_move_the_waiting_list_up(event, committed, mailoutbox):
    for n in range(5):
        sign_up(event, n)
    event.capacity = 4
    event.save()

    with committed():
        promotions = places.serialised(lambda: places.fill_places(event))

    assert [p.registration.email for p in promotions] == ["deelnemer3@example.org"]
    assert [m.to for m in mailoutbox] == [["deelnemer3@example.org"]]
    assert mailoutbox[0].subject.startswith("Er is een plek vrijgekomen")
