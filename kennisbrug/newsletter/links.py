"""Personal signed links: confirm (valid for a week), preferences and unsubscribe (no expiry).

The signature covers the subscriber's id and key, so a link cannot be guessed or altered, and
a new key (or erasure) makes every older link invalid.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from kennisbrug.newsletter.models import Subscriber

CONFIRM_MAX_AGE = 7 * 24 * 3600
PURPOSES = {
    "confirm": "newsletter:confirm",
    "manage": "newsletter:preferences",
    "unsubscribe": "newsletter:unsubscribe",
}


def token(subscriber: Subscriber, purpose: str) -> str:
    return signing.dumps([subscriber.pk, subscriber.key], salt=f"kennisbrug.newsletter.{purpose}")


def path(subscriber: Subscriber, purpose: str) -> str:
    return reverse(PURPOSES[purpose], args=[token(subscriber, purpose)])


def url(subscriber: Subscriber, purpose: str) -> str:
    return settings.SITE_URL.rstrip("/") + path(subscriber, purpose)


def subscriber_for(value: str, purpose: str) -> Subscriber | None:
    """The subscriber a link belongs to; None if it is forged, expired or revoked."""
    max_age = CONFIRM_MAX_AGE if purpose == "confirm" else None
    try:
        pk, key = signing.loads(value, salt=f"kennisbrug.newsletter.{purpose}", max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Subscriber.objects.filter(pk=pk, key=key).first()
