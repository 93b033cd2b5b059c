import datetime
import functools

import pytest
from django.utils import timezone

from kennisbrug.events.models import Event, Round, Workshop


def make_event(
    slug: str, *, capacity: int | None = 20, workshop_capacity: int = 20, **extra
) -> Event:
    start = timezone.now() + datetime.timedelta(days=30)
    event = Event.objects.create(
        slug=slug,
        title=f"Proefevenement {slug}",
        kind=Event.Kind.SYMPOSIUM,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        venue="Utrecht",
        capacity=capacity,
        **extra,
    )
    round_ = Round.objects.create(
        event=event,
        name="Ronde 1",
        starts_at=start + datetime.timedelta(hours=1),
        ends_at=start + datetime.timedelta(hours=2),
    )
    Workshop.objects.create(
        round=round_, title="Gesprekken over geld", room="Zaal 1", capacity=workshop_capacity
    )
    Workshop.objects.create(
        round=round_, title="Wijkteams en scholen", room="Zaal 2", capacity=workshop_capacity
    )
    return event


@pytest.fixture
def event(db) -> Event:
    return make_event("proef-symposium", capacity=3, workshop_capacity=1)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Mail goes out after commit; ``with committed():`` runs those callbacks at the block's end
    (the test itself runs inside a transaction that never commits)."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


# Browser tests that write use ``committed_db`` from kennisbrug/testing/browser.py. pytest-django
# creates the test database only for sessions with a django_db test in them: each such module
# keeps one marked test.
