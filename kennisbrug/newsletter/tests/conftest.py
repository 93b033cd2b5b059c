import pytest
from django.utils import timezone

from kennisbrug.newsletter.models import Subscriber


@pytest.fixture
def subscriber(db) -> Subscriber:
    return Subscriber.objects.create(
        email="abonnee@example.org",
        status=Subscriber.Status.ACTIVE,
        consent_at=timezone.now(),
        consent_text="Ik wil de nieuwsbrief ontvangen.",
        confirmed_at=timezone.now(),
    )
