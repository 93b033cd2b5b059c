"""Everything Kennisbrug keeps about one e-mail address: find it, export it, erase it.

Personal data lives in two places only: newsletter subscribers (with their deliveries) and
event registrations. Editors' accounts are managed in the beheer and are not covered here.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from kennisbrug.events import registration as places
from kennisbrug.events.models import Registration
from kennisbrug.newsletter.models import Delivery, Subscriber
from kennisbrug.privacy.models import Erasure


def normalise(email: str) -> str:
    return email.strip().lower()


def email_hash(email: str) -> str:
    return hashlib.sha256(normalise(email).encode()).hexdigest()


def _when(value) -> str | None:
    return value.isoformat() if value else None


def export(email: str) -> dict[str, Any]:
    """All data about the address, as plain JSON-able values."""
    email = normalise(email)
    subscriber = (
        Subscriber.objects.filter(email=email).prefetch_related("werkplaatsen", "themes").first()
    )
    registrations = (
        Registration.objects.filter(email=email)
        .select_related("event")
        .prefetch_related("choices__workshop")
    )
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "newsletter": subscriber
        and {
            "name": subscriber.name,
            "status": subscriber.status,
            "whole_network": subscriber.whole_network,
            "werkplaatsen": [w.name for w in subscriber.werkplaatsen.all()],
            "themes": [t.name for t in subscriber.themes.all()],
            "consent_at": _when(subscriber.consent_at),
            "consent_text": subscriber.consent_text,
            "confirmed_at": _when(subscriber.confirmed_at),
            "unsubscribed_at": _when(subscriber.unsubscribed_at),
            "subscribed_at": _when(subscriber.created_at),
        },
        "newsletters_sent": [
            {"issue": d.issue.title, "status": d.status, "sent_at": _when(d.sent_at)}
            for d in Delivery.objects.filter(email=email).select_related("issue")
        ],
        "event_registrations": [
            {
                "event": r.event.title,
                "starts_at": _when(r.event.starts_at),
                "name": r.name,
                "organisation": r.organisation,
                "status": r.status,
                "registered_at": _when(r.created_at),
                "consent_at": _when(r.consent_at),
                "cancelled_at": _when(r.cancelled_at),
                "workshops": [
                    {"workshop": c.workshop.title, "status": c.status} for c in r.choices.all()
                ],
            }
            for r in registrations
        ],
    }


def holds_data(email: str) -> bool:
    found = export(email)
    return bool(found["newsletter"] or found["newsletters_sent"] or found["event_registrations"])


def anonymise_registration(registration: Registration) -> None:
    from kennisbrug.events.models import new_token

    Registration.objects.filter(pk=registration.pk).update(
        name="", email="", organisation="", token=new_token(), anonymised_at=timezone.now()
    )


def erase(email: str, *, actor: str) -> dict[str, int]:
    """Erase the address everywhere; places it held in coming events go to the waiting list.

    Registrations are anonymised rather than deleted, so the organiser's counts stay right.
    """
    email = normalise(email)
    summary = {"subscribers": 0, "deliveries": 0, "registrations": 0}
    for registration in Registration.objects.filter(email=email).select_related("event"):
        if not registration.event.is_past:
            places.cancel(registration)  # frees the place and moves the waiting list up
        anonymise_registration(registration)
        summary["registrations"] += 1
    with transaction.atomic():
        summary["deliveries"] = Delivery.objects.filter(email=email).delete()[0]
        summary["subscribers"] = (
            Subscriber.objects.filter(email=email).delete()[1].get("newsletter.Subscriber", 0)
        )
        Erasure.objects.create(email_hash=email_hash(email), erased_by=actor, summary=summary)
    return summary
