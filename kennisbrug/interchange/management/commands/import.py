from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kennisbrug.interchange.entities import ENTITIES
from kennisbrug.interchange.errors import ImportRejected
from kennisbrug.interchange.importer import import_file
from kennisbrug.interchange.readers import FORMATS


class Command(BaseCommand):
    help = (
        "Importeer een bestand (JSON Lines of CSV) in één soort gegevens. Alles of niets: bij een "
        "fout wordt niets geschreven en staan regel en veld in de melding. Opnieuw importeren is "
        "veilig: records worden herkend aan (source, source_id)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("entity", choices=list(ENTITIES), help="soort gegevens")
        parser.add_argument("file", type=Path, help="het bestand")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="jsonl, csv of cbs (standaard: afgeleid van de extensie)",
        )

    def handle(self, *args, entity: str, file: Path, format: str | None, **options) -> None:
        try:
            result = import_file(entity, file, format)
        except ImportRejected as exc:
            raise CommandError(f"Niets geïmporteerd. {exc.describe()}", returncode=2) from None
        self.stdout.write(str(result))
