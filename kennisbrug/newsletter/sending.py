"""Sending an issue in the background: one Delivery row per recipient, worked off by the
``sendnewsletter`` command.

1. ``start_sending`` turns a draft into "verzenden" and queues a row per recipient (once: the
   rows are unique per issue and address).
2. ``send_due`` claims each due row with a conditional UPDATE (status wachtrij → bezig); only
   the worker whose UPDATE changed the row sends it, so two workers never send the same mail.
3. A failure puts the row back in the queue with a growing delay, up to MAX_ATTEMPTS.
4. A row left "bezig" by a worker that died is not sent again (the mail may have gone out):
   after STALE_AFTER it is marked failed, with the reason, for an editor to look at.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from kennisbrug.newsletter.mail import issue_message
from kennisbrug.newsletter.models import Delivery, Issue, Subscriber

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 4
STALE_AFTER = datetime.timedelta(minutes=30)
Status = Delivery.Status


def start_sending(issue: Issue) -> int:
    """Queue the issue for all its recipients; returns how many rows were queued."""
    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        if locked.status != Issue.Status.DRAFT:
            return 0
        recipients = list(locked.recipients().values_list("pk", "email"))
        Delivery.objects.bulk_create(
            [Delivery(issue=locked, subscriber_id=pk, email=email) for pk, email in recipients],
            ignore_conflicts=True,
        )
        locked.status = Issue.Status.SENDING
        locked.sending_started_at = timezone.now()
        locked.save(update_fields=["status", "sending_started_at"])
    issue.refresh_from_db()
    return len(recipients)


def claim(delivery_id: int) -> bool:
    """Take one row for this worker; False if another worker (or an earlier run) has it."""
    now = timezone.now()
    return bool(
        Delivery.objects.filter(
            pk=delivery_id, status=Status.PENDING, next_attempt_at__lte=now
        ).update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def deliver(delivery: Delivery) -> None:
    """Send one claimed row and record the outcome."""
    subscriber = delivery.subscriber
    if subscriber is None or subscriber.status != Subscriber.Status.ACTIVE:
        delivery.status = Status.SKIPPED
        delivery.save(update_fields=["status"])
        return
    try:
        issue_message(delivery.issue, subscriber).send()
    except Exception as exc:  # any transport error: retry later, up to MAX_ATTEMPTS
        log.warning("nieuwsbrief naar %s mislukt: %s", delivery.email, exc)
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:1000]
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = Status.FAILED
        else:
            delivery.status = Status.PENDING
            delay = datetime.timedelta(minutes=2**delivery.attempts)
            delivery.next_attempt_at = timezone.now() + delay
        delivery.save(update_fields=["status", "last_error", "next_attempt_at"])
        return
    delivery.status = Status.SENT
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["status", "sent_at"])


def send_due(limit: int = 200) -> int:
    """Send up to ``limit`` due rows; returns how many this worker handled."""
    give_up_stale()
    due = list(
        Delivery.objects.filter(status=Status.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    handled = 0
    for pk in due:
        if not claim(pk):
            continue
        deliver(Delivery.objects.select_related("issue", "subscriber").get(pk=pk))
        handled += 1
    finish_issues()
    return handled


def give_up_stale() -> int:
    return Delivery.objects.filter(
        status=Status.SENDING, claimed_at__lt=timezone.now() - STALE_AFTER
    ).update(
        status=Status.FAILED,
        last_error="Onderbroken tijdens het verzenden; niet opnieuw verstuurd om een dubbele "
        "mail te voorkomen.",
    )


def finish_issues() -> None:
    """An issue is sent when none of its rows waits or is being sent any more."""
    open_rows = Delivery.objects.filter(status__in=[Status.PENDING, Status.SENDING])
    for issue in Issue.objects.filter(status=Issue.Status.SENDING):
        if not open_rows.filter(issue=issue).exists():
            Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING).update(
                status=Issue.Status.SENT, sent_at=timezone.now()
            )


def progress(issue: Issue) -> dict[str, int]:
    counts = {status: 0 for status in Status.values}
    for row in issue.deliveries.values("status").order_by().annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
