from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kennisbrug.bridge.databank import import_databank_export
from kennisbrug.interchange.errors import ImportRejected
from kennisbrug.interventions.models import Databank


class Command(BaseCommand):
    help = (
        "Importeer de export (JSON Lines of CSV) van een landelijke databank met interventies. "
        "Alles of niets, veilig om te herhalen. Interventies die niet meer in de export staan, "
        "worden als ingetrokken gemarkeerd (niet verwijderd)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "databank",
            help="de slug van de databank, bijv. databank-effectieve-sociale-interventies",
        )
        parser.add_argument("file", type=Path, help="het exportbestand")
        parser.add_argument("--format", choices=["jsonl", "csv"], help="standaard: de extensie")
        parser.add_argument(
            "--partial",
            action="store_true",
            help="het bestand is een deel van de databank: trek niets in",
        )

    def handle(
        self, *args, databank: str, file: Path, format: str | None, partial: bool, **options
    ) -> None:
        found = Databank.objects.filter(slug=databank).first()
        if found is None:
            known = ", ".join(Databank.objects.values_list("slug", flat=True)) or "(geen)"
            raise CommandError(
                f"Onbekende databank {databank!r}. Bekend zijn: {known}. Voeg een nieuwe toe in "
                "het beheer of met 'kennisbrug import databanks'.",
                returncode=2,
            )
        try:
            result = import_databank_export(found, file, format, full=not partial)
        except ImportRejected as exc:
            raise CommandError(f"Niets geïmporteerd. {exc.describe()}", returncode=2) from None
        self.stdout.write(str(result))
        for source_id in result.withdrawn:
            self.stdout.write(f"  ingetrokken: {source_id}")
        for source_id in result.restored:
            self.stdout.write(f"  weer opgenomen: {source_id}")
