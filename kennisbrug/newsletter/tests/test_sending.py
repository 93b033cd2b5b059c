"""Background sending: per-recipient rows, claimed once, retried, never sent twice."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from kennisbrug.newsletter import sending
from kennisbrug.newsletter.models import Delivery, Issue, Subscriber
from kennisbrug.newsletter.tests import failing_backend

pytestmark = pytest.mark.django_db
Status = Delivery.Status


@pytest.fixture
def issue(db) -> Issue:
    today = timezone.localdate()
    return Issue.objects.create(
        title="Proefnummer", slug="proefnummer", period_start=today, period_end=today
    )


def test_sending_queues_one_row_per_recipient_once(issue, subscriber):
    assert sending.start_sending(issue) == 1
    assert sending.start_sending(issue) == 0  # no longer a draft: nothing queued twice
    assert issue.deliveries.count() == 1
    assert issue.status == Issue.Status.SENDING


def test_a_restarted_worker_sends_nothing_twice(issue, subscriber, mailoutbox):
    sending.start_sending(issue)

    call_command("sendnewsletter", verbosity=0)
    call_command("sendnewsletter", verbosity=0)  # a restart: the row is already done

    assert [m.to for m in mailoutbox] == [[subscriber.email]]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT and issue.sent_at


def test_a_row_can_be_claimed_by_one_worker_only(issue, subscriber):
    sending.start_sending(issue)
    row = issue.deliveries.get()

    assert sending.claim(row.pk) is True
    assert sending.claim(row.pk) is False


def test_a_row_left_half_sent_by_a_dead_worker_is_not_sent_again(issue, subscriber, mailoutbox):
    sending.start_sending(issue)
    row = issue.deliveries.get()
    sending.claim(row.pk)  # the worker died after claiming; the mail may have gone out
    Delivery.objects.filter(pk=row.pk).update(
        claimed_at=timezone.now() - sending.STALE_AFTER - datetime.timedelta(minutes=1)
    )

    sending.send_due()

    row.refresh_from_db()
    assert row.status == Status.FAILED and "dubbele" in row.last_error
    assert mailoutbox == []


def test_a_refused_mail_is_retried_later_and_given_up_after_the_last_attempt(
    issue, subscriber, settings, mailoutbox
):
    settings.EMAIL_BACKEND = "kennisbrug.newsletter.tests.failing_backend.FlakyBackend"
    failing_backend.FAILURES["left"] = 1
    sending.start_sending(issue)

    sending.send_due()
    row = issue.deliveries.get()
    assert row.status == Status.PENDING and row.attempts == 1
    assert row.next_attempt_at > timezone.now() and "weigert" in row.last_error
    sending.send_due()  # not due yet
    assert mailoutbox == []

    Delivery.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    sending.send_due()
    row.refresh_from_db()
    assert row.status == Status.SENT and len(mailoutbox) == 1

    failing_backend.FAILURES["left"] = 99
    Delivery.objects.filter(pk=row.pk).update(status=Status.PENDING, attempts=0)
    for _ in range(sending.MAX_ATTEMPTS):
        Delivery.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        sending.send_due()
    row.refresh_from_db()
    failing_backend.FAILURES["left"] = 0
    assert row.status == Status.FAILED and row.attempts == sending.MAX_ATTEMPTS


def test_someone_who_unsubscribes_after_queueing_is_skipped(issue, subscriber, mailoutbox):
    sending.start_sending(issue)
    Subscriber.objects.filter(pk=subscriber.pk).update(status=Subscriber.Status.UNSUBSCRIBED)

    sending.send_due()

    assert issue.deliveries.get().status == Status.SKIPPED
    assert mailoutbox == []


def test_recipients_follow_their_interests(issue, subscriber, werkplaats_a, werkplaats_b):
    follower = Subscriber.objects.create(
        email="noord@example.org", status=Subscriber.Status.ACTIVE, whole_network=False
    )
    follower.werkplaatsen.add(werkplaats_a)
    Subscriber.objects.create(email="wacht@example.org", status=Subscriber.Status.PENDING)

    assert set(issue.recipients().values_list("email", flat=True)) == {subscriber.email}
    issue.werkplaats = werkplaats_a
    assert set(issue.recipients().values_list("email", flat=True)) == {"noord@example.org"}
    issue.werkplaats = werkplaats_b
    assert not issue.recipients().exists()
