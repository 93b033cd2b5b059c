from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Start Kennisbrug op deze machine (brengt eerst de database bij). Voor productie: "
        "draai kennisbrug.wsgi achter een WSGI-server, zie de README."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000", help="adres:poort")

    def handle(self, *args, address: str, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        # runserver serves static files itself when DEBUG is on; --noreload keeps one process.
        call_command("runserver", address, use_reloader=False)
