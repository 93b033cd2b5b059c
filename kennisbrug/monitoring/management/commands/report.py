from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kennisbrug.interchange.lookups import Lookups, Unknown
from kennisbrug.monitoring.report import render_report_pdf
from kennisbrug.registry.models import Werkplaats

NETWORK = {"netwerk", "network", "alle"}


class Command(BaseCommand):
    help = (
        "Maak het jaarverslag (PDF) van een werkplaats of van het hele netwerk: kerncijfers, "
        "subsidie en cofinanciering, grafieken, tabellen, projecten en producten van het jaar."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--werkplaats",
            default="netwerk",
            help="naam, korte naam of slug van de werkplaats; 'netwerk' voor het hele netwerk",
        )
        parser.add_argument("--year", type=int, required=True, help="het verslagjaar, bijv. 2025")
        parser.add_argument("--pdf", type=Path, required=True, help="het PDF-bestand om te maken")
        parser.add_argument("--language", default="nl", choices=["nl", "en"], help="taal")

    def handle(self, *args, werkplaats: str, year: int, pdf: Path, language: str, **options):
        chosen = None
        if werkplaats.strip().lower() not in NETWORK:
            try:
                chosen = Werkplaats.objects.get(pk=Lookups().resolve("werkplaats", werkplaats))
            except Unknown as exc:
                raise CommandError(f"werkplaats {werkplaats!r}: {exc}") from None
        if not 1990 <= year <= 2100:
            raise CommandError(f"jaar {year} ligt niet tussen 1990 en 2100")
        data = render_report_pdf(chosen, year, language)
        try:
            pdf.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"kan {pdf} niet schrijven: {exc.strerror}") from None
        who = chosen or "het netwerk"
        self.stdout.write(f"Jaarverslag {year} van {who}: {pdf} ({len(data) // 1024} kB)")
