"""50 people register at the same moment for 20 places: exactly 20 get one, 30 wait.

Real threads, each with its own database connection, committing for real. Such a test cannot
run inside the usual rolled-back transaction (on SQLite that transaction holds the write lock;
on PostgreSQL it hides the event from the threads), and the usual alternative, a
TransactionTestCase, empties the whole database afterwards, taking the shared demo data with
it. So this test commits its own uniquely named event and deletes just that afterwards.
"""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from django.core import mail
from django.db import connection
from django.test import TransactionTestCase

from kennisbrug.events import registration as places
from kennisbrug.events.models import Event, Registration, Workshop, WorkshopChoice
from kennisbrug.events.tests.conftest import make_event

PEOPLE = 50
PLACES = 20
Status = Registration.Status


class CommittedTestCase(TransactionTestCase):
    """Commits for real, and cleans up its own rows instead of flushing every table."""

    def _fixture_teardown(self) -> None:
        pass  # no flush: see the module's docstring; each test deletes what it made


class SimultaneousRegistrationTest(CommittedTestCase):
    def setUp(self) -> None:
        mail.outbox = []
        self.slug = f"gelijktijdig-{uuid.uuid4().hex[:12]}"

    def tearDown(self) -> None:
        Event.objects.filter(slug=self.slug).delete()  # cascades to rounds and registrations
        assert not Registration.objects.filter(event__slug=self.slug).exists()

    def register_all_at_once(self, event: Event, workshop: Workshop) -> list[str]:
        gate = threading.Barrier(PEOPLE)

        def register(n: int) -> str:
            try:
                gate.wait()  # all threads leave the gate together
                registration = places.register(
                    event,
                    name=f"Gelijktijdig {n}",
                    email=f"gelijktijdig{n}@example.org",
                    workshops=[workshop],
                )
                return registration.status
            finally:
                connection.close()  # each thread had its own connection

        with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
            return list(pool.map(register, range(PEOPLE)))

    def assert_one_mail_each(self) -> None:
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox),
            sorted(f"gelijktijdig{n}@example.org" for n in range(PEOPLE)),
        )

    def test_fifty_registrations_for_twenty_event_places_give_twenty_places_and_thirty_waiting(
        self,
    ):
        event = make_event(self.slug, capacity=PLACES, workshop_capacity=PEOPLE)
        workshop = Workshop.objects.filter(round__event=event).first()

        statuses = self.register_all_at_once(event, workshop)

        self.assertEqual(statuses.count(Status.CONFIRMED), PLACES)
        self.assertEqual(statuses.count(Status.WAITLISTED), PEOPLE - PLACES)
        registrations = Registration.objects.filter(event=event)
        self.assertEqual(registrations.filter(status=Status.CONFIRMED).count(), PLACES)
        self.assertEqual(registrations.filter(status=Status.WAITLISTED).count(), PEOPLE - PLACES)
        self.assert_one_mail_each()
        waiting = [m for m in mail.outbox if m.subject.startswith("Je staat op de wachtlijst")]
        self.assertEqual(len(waiting), PEOPLE - PLACES)

    def test_fifty_registrations_for_a_workshop_of_twenty_give_twenty_places_and_thirty_waiting(
        self,
    ):
        event = make_event(self.slug, capacity=None, workshop_capacity=PLACES)
        workshop = Workshop.objects.filter(round__event=event).first()

        statuses = self.register_all_at_once(event, workshop)

        self.assertEqual(statuses, [Status.CONFIRMED] * PEOPLE)  # the event itself is unlimited
        choices = WorkshopChoice.objects.filter(workshop=workshop)
        self.assertEqual(choices.filter(status=Status.CONFIRMED).count(), PLACES)
        self.assertEqual(choices.filter(status=Status.WAITLISTED).count(), PEOPLE - PLACES)
        self.assert_one_mail_each()
        positions = sorted(
            places.workshop_waiting_position(c) for c in choices.filter(status=Status.WAITLISTED)
        )
        self.assertEqual(positions, list(range(1, PEOPLE - PLACES + 1)))
