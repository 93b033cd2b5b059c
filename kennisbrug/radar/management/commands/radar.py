from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kennisbrug.radar import services
from kennisbrug.radar.overlaps import RadarContext
from kennisbrug.registry.models import Werkplaats


class Command(BaseCommand):
    help = (
        "Toon de overlap tussen werkplaatsen en projecten van externe programma's. Met "
        "--notify: sla nieuwe overlappen op en mail elke volger één keer per overlap (voor cron; "
        "veilig om te herhalen)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--notify",
            action="store_true",
            help="nieuwe overlappen opslaan, signalen maken en nog niet verstuurde mails versturen",
        )
        parser.add_argument("--werkplaats", help="alleen deze werkplaats (slug) tonen")

    def handle(self, *args, notify: bool, werkplaats: str | None, **options) -> None:
        if notify:
            result = services.refresh(everything=True, notify=True)
            self.stdout.write(
                f"{result.overlaps} overlappen, waarvan {result.new_overlaps} nieuw; "
                f"{result.new_alerts} nieuwe signalen; {result.mailed} mails verstuurd."
            )
            return
        ids = None
        if werkplaats:
            found = Werkplaats.objects.filter(slug=werkplaats).values_list("pk", flat=True)
            if not found:
                raise CommandError(f"Onbekende werkplaats {werkplaats!r}")
            ids = list(found)
        for match in RadarContext().matches(werkplaats_ids=ids):
            self.stdout.write(
                f"{match.score:5.2f}  {match.werkplaats.short_name}  ↔  "
                f"{match.external.title} ({match.external.programme.name}): {match.summary}"
            )
