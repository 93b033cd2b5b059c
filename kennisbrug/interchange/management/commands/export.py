from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from kennisbrug.interchange.entities import ENTITIES
from kennisbrug.interchange.exporter import write_export, write_xlsx


class Command(BaseCommand):
    help = "Exporteer een soort gegevens als JSON Lines, CSV of XLSX, in het formaat van de import."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("entity", choices=list(ENTITIES), help="soort gegevens")
        parser.add_argument("--format", choices=["jsonl", "csv", "xlsx"], default="jsonl")
        parser.add_argument("-o", "--output", type=Path, help="bestand (standaard: stdout)")

    def handle(self, *args, entity: str, format: str, output: Path | None, **options) -> None:
        if format == "xlsx" and output is None:
            write_xlsx(entity, sys.stdout.buffer)
            return
        if output is None:
            write_export(entity, sys.stdout, format)
            return
        # Write next to the target and rename, so a failed export leaves no half file.
        partial = output.with_name(output.name + ".partial")
        if format == "xlsx":
            with partial.open("wb") as out:
                count = write_xlsx(entity, out)
        else:
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = write_export(entity, out, format)
        partial.replace(output)
        self.stderr.write(f"{count} records naar {output}")
