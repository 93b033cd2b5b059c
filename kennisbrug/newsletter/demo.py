"""One past issue in the archive: composed from the last four weeks, marked as sent yesterday."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kennisbrug.newsletter.compose import compose
from kennisbrug.newsletter.models import Issue

SLUG = "nieuwsbrief-demo"
INTRO = (
    "Welkom bij de nieuwsbrief van de Werkplaatsen Sociaal Domein. Deze keer: leerateliers "
    "over geldzorgen in Groningen, een dossier over bestaanszekerheid en de eerste workshops "
    "van de Landelijke Werkplaatsendag. Meld je op tijd aan: sommige workshops lopen snel vol."
)


def load() -> int:
    today = timezone.localdate()
    issue, _ = Issue.objects.update_or_create(
        slug=SLUG,
        defaults={
            "title": "Nieuwsbrief Werkplaatsen Sociaal Domein – " + _month(today),
            "period_start": today - datetime.timedelta(days=28),
            "period_end": today - datetime.timedelta(days=1),
            "intro": INTRO,
            "status": Issue.Status.DRAFT,
        },
    )
    compose(issue)
    sent = timezone.now() - datetime.timedelta(days=1)
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.Status.SENT, sending_started_at=sent, sent_at=sent
    )
    return 1


def _month(day: datetime.date) -> str:
    months = (
        "januari februari maart april mei juni juli augustus september oktober november december"
    )
    return f"{months.split()[day.month - 1]} {day.year}"
