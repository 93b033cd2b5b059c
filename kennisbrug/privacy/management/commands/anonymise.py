from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kennisbrug.events.models import Registration
from kennisbrug.newsletter.models import Subscriber
from kennisbrug.privacy.personal_data import anonymise_registration

#: An unconfirmed subscription is useless after its link expired; keep it a little longer.
UNCONFIRMED_DAYS = 30


class Command(BaseCommand):
    help = (
        "Anonimiseer aanmeldingen van evenementen die langer dan REGISTRATION_RETENTION_DAYS "
        "dagen voorbij zijn, en wis nooit bevestigde inschrijvingen voor de nieuwsbrief. "
        "Dagelijks draaien (cron of systemd-timer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="bewaartermijn in dagen (standaard REGISTRATION_RETENTION_DAYS)",
        )

    def handle(self, *args, days: int | None, **options) -> None:
        days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
        now = timezone.now()
        due = Registration.objects.filter(
            anonymised_at__isnull=True, event__ends_at__lt=now - datetime.timedelta(days=days)
        )
        count = 0
        for registration in due.iterator():
            anonymise_registration(registration)
            count += 1
        stale = (
            Subscriber.objects.filter(
                status=Subscriber.Status.PENDING,
                created_at__lt=now - datetime.timedelta(days=UNCONFIRMED_DAYS),
            )
            .delete()[1]
            .get("newsletter.Subscriber", 0)
        )
        self.stdout.write(
            f"{count} aanmeldingen geanonimiseerd; {stale} onbevestigde inschrijvingen gewist."
        )
