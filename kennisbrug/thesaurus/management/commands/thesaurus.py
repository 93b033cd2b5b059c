from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kennisbrug.thesaurus import skos
from kennisbrug.thesaurus.loader import BUNDLED_FILE, ThesaurusRejected, load, read_file
from kennisbrug.thesaurus.models import Concept, Label


class Command(BaseCommand):
    help = (
        "Laad of exporteer de thesaurus van het sociaal domein. 'load' leest JSON Lines (alles "
        "of niets; bij een fout staan regel en veld in de melding; opnieuw laden is veilig), "
        "'export' schrijft SKOS als Turtle of JSON-LD."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{load,export}")
        loading = actions.add_parser(
            "load", help="laad een thesaurusbestand (standaard: de meegeleverde thesaurus)"
        )
        loading.add_argument(
            "file", nargs="?", type=Path, default=BUNDLED_FILE, help="JSON Lines-bestand"
        )
        loading.add_argument(
            "--prune", action="store_true", help="verwijder begrippen die niet in het bestand staan"
        )
        exporting = actions.add_parser("export", help="exporteer de thesaurus als SKOS")
        exporting.add_argument("--format", choices=["turtle", "jsonld"], default="turtle")
        exporting.add_argument("-o", "--output", type=Path, help="bestand (standaard: stdout)")

    def handle(self, *args, action: str, **options) -> None:
        if action == "load":
            self.load(options["file"], options["prune"])
        else:
            self.export(options["format"], options["output"])

    def load(self, file: Path, prune: bool) -> None:
        try:
            records = read_file(file)
        except OSError as exc:
            raise CommandError(f"Kan {file} niet lezen: {exc.strerror}", returncode=2) from None
        except ThesaurusRejected as exc:
            problems = "\n".join(f"{file.name}: {error}" for error in exc.errors)
            raise CommandError(f"Niets geladen.\n{problems}", returncode=2) from None
        self.stdout.write(str(load(records, Concept, Label, prune=prune)))

    def export(self, format: str, output: Path | None) -> None:
        scheme = skos.build_scheme()
        text = skos.to_turtle(scheme) if format == "turtle" else skos.jsonld_text(scheme)
        if output is None:
            self.stdout.write(text, ending="")
            return
        # Write next to the target and rename, so a failed export leaves no half file.
        partial = output.with_name(output.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(output)
        self.stderr.write(f"{len(scheme.concepts)} begrippen naar {output}")
