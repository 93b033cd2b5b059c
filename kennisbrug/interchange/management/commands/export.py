from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from kennisbrug.interchange.entities import ENTITIES
from kennisbrug.interchange.exporter import write_export


class Command(BaseCommand):
    help = "Exporteer een soort gegevens als JSON Lines of CSV, in hetzelfde formaat als de import."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("entity", choices=list(ENTITIES), help="soort gegevens")
        parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        parser.add_argument("-o", "--output", type=Path, help="bestand (standaard: stdout)")

    def handle(self, *args, entity: str, format: str, output: Path | None, **options) -> None:
        if output is None:
            write_export(entity, sys.stdout, format)
            return
        # Write next to the target and rename, so a failed export leaves no half file.
        partial = output.with_name(output.name + ".partial")
        with partial.open("w", encoding="utf-8", newline="") as out:
            count = write_export(entity, out, format)
        partial.replace(output)
        self.stderr.write(f"{count} records naar {output}")
