"""``kennisbrug import-boundaries FILE.geojson``: the CBS municipality boundaries for the map."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kennisbrug.network.boundaries import BoundariesRejected, import_boundaries


class Command(BaseCommand):
    help = (
        "Importeer de gemeentegrenzen van het CBS (GeoJSON, in WGS84 of RD) zodat de kaart ze "
        "tekent. Alles of niets; hetzelfde bestand nog eens importeren verandert niets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="GeoJSON FeatureCollection met één feature per gemeente")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="verwijder grenzen van gemeenten die niet (meer) in het bestand staan",
        )

    def handle(self, *args, file: str, replace: bool, **options) -> None:
        try:
            result = import_boundaries(file, replace=replace)
        except BoundariesRejected as exc:
            raise CommandError(f"Niets geïmporteerd.\n{exc}") from None
        self.stdout.write(self.style.SUCCESS(f"Gemeentegrenzen: {result}."))
