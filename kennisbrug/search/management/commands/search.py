import json

from django.core.management.base import BaseCommand, CommandParser

from kennisbrug.search.engine import FACETS, search


class Command(BaseCommand):
    help = (
        "Zoek in alles (kennisproducten, interventies, projecten, agendavraagstukken, "
        "werkplaatsen), met dezelfde zoekmachine als de website."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", help="de zoekvraag, bijvoorbeeld 'eenzaamheid ouderen'")
        parser.add_argument("--json", action="store_true", help="JSON voor scripts")
        parser.add_argument("--limit", type=int, default=10, help="aantal resultaten (10)")
        parser.add_argument("--sort", choices=["relevantie", "datum"], default="relevantie")
        for name in FACETS:
            parser.add_argument(f"--{name}", action="append", default=[], help=f"filter op {name}")

    def handle(self, *args, query: str, limit: int, **options) -> None:
        filters = {name: options[name] for name in FACETS}
        results = search(
            query, filters=filters, sort=options["sort"], limit=max(1, limit), facets=False
        )
        if options["json"]:
            self.stdout.write(json.dumps([h.as_json() for h in results.hits], ensure_ascii=False))
            return
        if results.corrections:
            fixed = ", ".join(f"{a} → {b}" for a, b in results.corrections.items())
            self.stdout.write(f"Gecorrigeerd: {fixed}")
        if results.concepts:
            self.stdout.write(f"Ook gezocht op: {', '.join(results.concepts)}")
        self.stdout.write(f"{results.total} resultaten")
        for rank, hit in enumerate(results.hits, 1):
            where = f" · {hit.werkplaats}" if hit.werkplaats else ""
            self.stdout.write(
                f"{rank:>3}. [{hit.kind_label}{where}] {hit.title}  ({hit.score:.3f})"
            )
            self.stdout.write(f"     {hit.source_id}  {hit.url}")
