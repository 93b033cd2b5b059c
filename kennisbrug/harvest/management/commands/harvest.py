"""``kennisbrug harvest URL`` harvests one OAI-PMH source; ``--all`` every registered one
(that is what cron or a systemd timer runs; see docs/open-interfaces.md)."""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError

from kennisbrug.harvest.harvester import harvest, source_for
from kennisbrug.harvest.models import HarvestRun, HarvestSource
from kennisbrug.registry.models import Werkplaats


class Command(BaseCommand):
    help = "Oogst kennisproducten uit een OAI-PMH-bron (incrementeel, hervat na een storing)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("url", nargs="?", help="het OAI-PMH-adres van de bron")
        parser.add_argument("--set", default="", help="alleen deze set oogsten")
        parser.add_argument(
            "--from", dest="start", help="vanaf deze datum (JJJJ-MM-DD) in plaats van de vorige"
        )
        parser.add_argument("--prefix", default="oai_dc", help="metadataformaat (oai_dc)")
        parser.add_argument("--werkplaats", help="slug van de werkplaats van de producten")
        parser.add_argument(
            "--review", action="store_true", help="producten ter review in plaats van publiceren"
        )
        parser.add_argument("--all", action="store_true", help="oogst alle bekende bronnen")

    def handle(self, *args, url, start, all, **options) -> None:
        if start and not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?", start):
            raise CommandError("--from verwacht JJJJ-MM-DD of JJJJ-MM-DDThh:mm:ssZ.")
        if all == bool(url):
            raise CommandError("Geef een adres of --all.")
        if all:
            sources = list(HarvestSource.objects.all())
        else:
            werkplaats = None
            if options["werkplaats"]:
                werkplaats = Werkplaats.objects.filter(slug=options["werkplaats"]).first()
                if werkplaats is None:
                    raise CommandError(f"Onbekende werkplaats {options['werkplaats']!r}.")
            sources = [
                source_for(
                    url, options["set"], options["prefix"], werkplaats, not options["review"]
                )
            ]
        failed = 0
        for source in sources:
            run = harvest(source, start)
            self.stdout.write(
                f"{source.slug}: {run.get_status_display()} — {run.created} nieuw, "
                f"{run.updated} bijgewerkt, {run.unchanged} ongewijzigd, "
                f"{run.withdrawn} ingetrokken, {run.pages} pagina's"
                + (" (hervat)" if run.resumed else "")
            )
            if run.status == HarvestRun.Status.FAILED:
                failed += 1
                self.stderr.write(f"{source.slug}: {run.error}")
        if failed:
            raise CommandError(f"{failed} oogst(en) mislukt; een volgende run gaat verder.")
