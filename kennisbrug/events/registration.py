"""Handing out places: registration, waiting lists that move up, cancellation.

Every change runs in one transaction that first locks the event row (SELECT … FOR UPDATE on
PostgreSQL; on SQLite every transaction starts IMMEDIATE and so holds the database's write
lock). Counting confirmed places and writing the new row therefore happen as one step: 50
people registering at once for 20 places get exactly 20 places and 30 waiting-list entries.
Mail goes out only after the transaction commits.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.events import mail
from kennisbrug.events.models import Event, Registration, Workshop, WorkshopChoice

Status = Registration.Status
T = TypeVar("T")
#: Attempts when SQLite reports "database is locked" (its busy timeout ran out under load).
LOCKED_RETRIES = 5


def serialised(work: Callable[[], T]) -> T:
    """Run ``work`` in a transaction; retry briefly if SQLite stayed locked beyond its timeout."""
    for attempt in range(LOCKED_RETRIES):
        try:
            with transaction.atomic():
                return work()
        except OperationalError as exc:
            # Inside an outer transaction a retry cannot help: the outer one holds the lock.
            if (
                "locked" not in str(exc)
                or connection.in_atomic_block
                or attempt == LOCKED_RETRIES - 1
            ):
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _locked(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


class AlreadyRegistered(Exception):
    """The address already holds a registration (or waiting-list entry) for this event."""

    def __init__(self, registration: Registration):
        super().__init__(registration.pk)
        self.registration = registration


@dataclass
class Promotion:
    """What moved up for one registration: the event place and/or workshop places."""

    registration: Registration
    event_place: bool = False
    workshops: list[Workshop] = field(default_factory=list)


def register(
    event: Event,
    *,
    name: str,
    email: str,
    organisation: str = "",
    workshops: Iterable[Workshop] = (),
) -> Registration:
    """Register one person; confirmed while places last, otherwise on the waiting list."""
    chosen = list(workshops)
    rounds = [w.round_id for w in chosen]
    if len(rounds) != len(set(rounds)):
        raise ValidationError(_("Kies per ronde hoogstens één workshop."))
    if any(w.round.event_id != event.pk for w in chosen):
        raise ValidationError(_("Die workshop hoort niet bij dit evenement."))

    def work() -> Registration:
        locked = _locked(event.pk)
        if not locked.accepts_registrations:
            raise ValidationError(_("Aanmelden voor dit evenement is niet (meer) mogelijk."))
        existing = (
            locked.registrations.exclude(status=Status.CANCELLED)
            .filter(email=email.strip().lower())
            .first()
        )
        if existing:  # one place per person; checked under the lock, so twice at once fails too
            raise AlreadyRegistered(existing)
        now = timezone.now()
        full = locked.capacity is not None and locked.confirmed_count() >= locked.capacity
        registration = Registration.objects.create(
            event=locked,
            name=name.strip(),
            email=email.strip().lower(),
            organisation=organisation.strip(),
            status=Status.WAITLISTED if full else Status.CONFIRMED,
            consent_at=now,
            created_at=now,
        )
        for workshop in chosen:
            free = not full and workshop.confirmed_count() < workshop.capacity
            WorkshopChoice.objects.create(
                registration=registration,
                workshop=workshop,
                round_id=workshop.round_id,
                status=Status.CONFIRMED if free else Status.WAITLISTED,
                created_at=now,
            )
        transaction.on_commit(lambda: mail.send_registration(registration.pk))
        return registration

    return serialised(work)


def cancel(registration: Registration) -> list[Promotion]:
    """Cancel a whole registration and move the waiting lists up."""

    def work() -> list[Promotion]:
        _locked(registration.event_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            return []
        current.status = Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        current.choices.update(status=Status.CANCELLED)
        promotions = fill_places(current.event)
        transaction.on_commit(lambda: mail.send_cancelled(current.pk))
        return promotions

    return serialised(work)


def cancel_workshop(choice: WorkshopChoice) -> list[Promotion]:
    """Give up one workshop place (or waiting-list entry), keeping the event registration."""

    def work() -> list[Promotion]:
        _locked(choice.registration.event_id)
        updated = WorkshopChoice.objects.filter(pk=choice.pk).exclude(status=Status.CANCELLED)
        if not updated.update(status=Status.CANCELLED):
            return []
        return fill_places(choice.registration.event)

    return serialised(work)


def fill_places(event: Event) -> list[Promotion]:
    """Move people up from the waiting lists while places are free; mail them after commit.

    Must run inside a transaction holding the event lock (see ``_locked``).
    1. Event places go to waiting registrations, oldest first.
    2. Then each workshop's places go to waiting choices of confirmed registrations, oldest first.
    """
    now = timezone.now()
    promotions: dict[int, Promotion] = {}
    waiting = event.registrations.filter(status=Status.WAITLISTED).order_by("created_at", "id")
    if event.capacity is not None:
        waiting = waiting[: max(event.capacity - event.confirmed_count(), 0)]
    for registration in waiting:
        registration.status = Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        promotions[registration.pk] = Promotion(registration, event_place=True)
    workshops = Workshop.objects.filter(round__event=event).order_by("pk")
    for workshop in workshops:
        free = workshop.capacity - workshop.confirmed_count()
        if free <= 0:
            continue
        choices = (
            workshop.choices.filter(status=Status.WAITLISTED, registration__status=Status.CONFIRMED)
            .select_related("registration")
            .order_by("created_at", "id")[:free]
        )
        for choice in choices:
            choice.status = Status.CONFIRMED
            choice.promoted_at = now
            choice.save(update_fields=["status", "promoted_at"])
            promotion = promotions.setdefault(
                choice.registration_id, Promotion(choice.registration)
            )
            promotion.workshops.append(workshop)
    for promotion in promotions.values():
        transaction.on_commit(
            lambda p=promotion: mail.send_promoted(
                p.registration.pk, p.event_place, [w.pk for w in p.workshops]
            )
        )
    return list(promotions.values())


def waiting_position(registration: Registration) -> int | None:
    """1 for the first in line; None when not waiting."""
    if registration.status != Status.WAITLISTED:
        return None
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=Status.WAITLISTED,
            created_at__lte=registration.created_at,
        )
        .exclude(created_at=registration.created_at, id__gt=registration.id)
        .count()
    )


def workshop_waiting_position(choice: WorkshopChoice) -> int | None:
    if choice.status != Status.WAITLISTED:
        return None
    return (
        WorkshopChoice.objects.filter(
            workshop_id=choice.workshop_id,
            status=Status.WAITLISTED,
            created_at__lte=choice.created_at,
        )
        .exclude(created_at=choice.created_at, id__gt=choice.id)
        .count()
    )
