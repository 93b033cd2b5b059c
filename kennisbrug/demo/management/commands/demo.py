from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from kennisbrug.accounts.models import Editorship
from kennisbrug.audit.context import acting_as
from kennisbrug.demo import dissemination
from kennisbrug.interchange.entities import IMPORT_ORDER
from kennisbrug.interchange.errors import ImportRejected
from kennisbrug.interchange.importer import import_file
from kennisbrug.registry.models import Werkplaats
from kennisbrug.search import indexer as search_indexer

DATA = Path(__file__).resolve().parents[2] / "data"
DEMO_PASSWORD = "demo-kennisbrug"
#: (username, werkplaats slug or None for a network admin, role)
DEMO_ACCOUNTS = [
    ("beheer", None, None),
    ("redactie-noord", "wsd-noord", Editorship.Role.EDITOR),
    ("redactie-zuyd", "wsd-zuyd", Editorship.Role.EDITOR),
    ("bijdrager-twente", "wsd-twente", Editorship.Role.CONTRIBUTOR),
]


def demo_files(entity: str) -> list[Path]:
    files = []
    single = DATA / f"{entity}.jsonl"
    if single.exists():
        files.append(single)
    folder = DATA / entity
    if folder.is_dir():
        files.extend(sorted(folder.glob("*.jsonl")))
    return files


def login_url(address: str) -> str:
    """The beheer's address for the login hint: the demo does not know where the site runs
    unless told (`make run ADDRESS=…` passes it), so without an address it names the path only."""
    address = address.strip()
    if not address:
        return "/beheer/ van de site (bijv. http://127.0.0.1:8000/beheer/ bij 'kennisbrug serve')"
    if address.isdigit():  # "8080", as serve/runserver accept it
        address = f"127.0.0.1:{address}"
    if ":" not in address:
        return f"http://{address}/beheer/"
    host, _, port = address.rpartition(":")
    if host in ("0.0.0.0", "", "::", "[::]"):  # listening everywhere: this machine answers
        host = "127.0.0.1"
    return f"http://{host}:{port}/beheer/"


class Command(BaseCommand):
    help = (
        "Laad de demodata: alle werkplaatsen met partners, agenda's, projecten, "
        "kennisproducten en landelijke interventies. Veilig om te herhalen. Maakt ook "
        "demo-accounts (niet in productie)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-accounts", action="store_true", help="geen demo-accounts")
        parser.add_argument(
            "--address",
            default="",
            help="adres:poort waarop de site draait (zoals bij serve), voor de inloglink",
        )

    def handle(self, *args, no_accounts: bool, address: str = "", **options) -> None:
        # The index is rebuilt once at the end (with a freshly trained corpus model) instead
        # of record by record.
        with acting_as("demo"), transaction.atomic(), search_indexer.suspended():
            for entity in IMPORT_ORDER:
                for path in demo_files(entity):
                    try:
                        result = import_file(entity, path, actor="demo")
                    except ImportRejected as exc:
                        raise CommandError(f"Demodata klopt niet: {exc.describe()}") from None
                    if options["verbosity"] > 1:
                        self.stdout.write(f"{path.relative_to(DATA)}: {result}")
            dissemination.load()  # events, news, newsletter: dates relative to today
            indexed = search_indexer.rebuild()
            __import__("kennisbrug.bridge.demo").bridge.demo.load(DATA)  # links, readiness checks
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata geladen: {Werkplaats.objects.count()} werkplaatsen; "
                f"{indexed} vindbare items in de zoekindex."
            )
        )
        if no_accounts or getattr(settings, "PRODUCTION", False):
            return
        self.make_accounts(address)

    def make_accounts(self, address: str = "") -> None:
        user_model = get_user_model()
        for username, slug, role in DEMO_ACCOUNTS:
            user, created = user_model.objects.get_or_create(username=username)
            if created:
                user.set_password(DEMO_PASSWORD)
            user.is_staff = True
            user.is_superuser = slug is None
            user.save()
            if slug:
                Editorship.objects.update_or_create(
                    user=user, werkplaats=Werkplaats.objects.get(slug=slug), defaults={"role": role}
                )
        self.stdout.write(
            f"Inloggen op {login_url(address)} als 'beheer' (netwerkbeheer), "
            "'redactie-noord' (redacteur WSD Noord) of 'bijdrager-twente', "
            f"wachtwoord '{DEMO_PASSWORD}'."
        )
