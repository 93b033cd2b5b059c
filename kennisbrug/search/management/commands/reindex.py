import time

from django.core.management.base import BaseCommand

from kennisbrug.search import indexer


class Command(BaseCommand):
    help = (
        "Bouw de zoekindex opnieuw op: train het corpusmodel op alle teksten en indexeer "
        "alles opnieuw (nodig na grote wijzigingen in de thesaurus)."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = indexer.rebuild()
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Zoekindex opgebouwd: {count} items in {seconds:.1f} s.")
        )
