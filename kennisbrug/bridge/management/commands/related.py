from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kennisbrug.bridge import items
from kennisbrug.bridge.matching import related


class Command(BaseCommand):
    help = (
        "Toon wat bij een kennisproduct, project of interventie past: erkende interventies en "
        "werk van andere werkplaatsen, elk met de reden. Met --json voor scripts: "
        '{"interventions": [...], "elsewhere": [...]}.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source_id", help="het id bij de bron, bijv. wsd-noord:prod-001 of DESI-1042"
        )
        parser.add_argument("--source", help="de bron, als twee bronnen hetzelfde id gebruiken")
        parser.add_argument("--json", action="store_true", help="JSON voor scripts")
        parser.add_argument("--limit", type=int, default=5, help="aantal per lijst (5)")

    def handle(self, *args, source_id: str, source: str | None, limit: int, **options) -> None:
        try:
            obj = items.by_source_id(source_id, source)
        except items.AmbiguousSourceId as exc:
            raise CommandError(
                f"{source_id!r} komt bij meer bronnen voor ({exc}); geef --source op.",
                returncode=2,
            ) from None
        if obj is None:
            raise CommandError(f"Niets gevonden met id {source_id!r}.", returncode=2)
        result = related(obj, limit=max(1, min(limit, 50)))
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        self.stdout.write(f"{obj}")
        sections = [("Erkende interventies", result.interventions)]
        sections.append(
            (
                "Regionaal werk"
                if items.kind_of(obj) == "interventie"
                else "Elders in het netwerk",
                result.elsewhere,
            )
        )
        for heading, suggestions in sections:
            self.stdout.write(f"\n{heading}:")
            if not suggestions:
                self.stdout.write("  (niets gevonden)")
            for rank, s in enumerate(suggestions, 1):
                where = f" · {s.werkplaats}" if s.werkplaats else ""
                mark = " [bevestigd]" if s.confirmed else ""
                self.stdout.write(f"{rank:>3}. {s.title}{where}{mark}  ({s.score:.3f})")
                self.stdout.write(f"     {s.source_id} — {s.reason}")
