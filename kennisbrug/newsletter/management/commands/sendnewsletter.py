from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand, CommandParser

from kennisbrug.newsletter import sending


class Command(BaseCommand):
    help = (
        "Verstuur de nieuwsbrieven die klaarstaan (per ontvanger één keer, met herkansingen). "
        "Met --loop blijft de opdracht draaien en kijkt elke --interval seconden opnieuw."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="blijf draaien")
        parser.add_argument("--interval", type=float, default=10.0, help="seconden tussen rondes")
        parser.add_argument("--batch", type=int, default=200, help="hoogstens zoveel per ronde")

    def handle(self, *args, loop: bool, interval: float, batch: int, **options) -> None:
        self.stopping = False
        if loop:
            # SIGTERM (systemd, docker stop): finish the mail in hand, then stop.
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)
        while True:
            handled = sending.send_due(limit=batch)
            if handled and options["verbosity"]:
                self.stdout.write(f"{handled} verzonden of afgehandeld")
            if not loop or self.stopping:
                break
            if handled < batch:
                self.sleep(interval)
            if self.stopping:
                break

    def stop(self, *args) -> None:
        self.stopping = True

    def sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < end:
            time.sleep(min(0.5, end - time.monotonic()))
