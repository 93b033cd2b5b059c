"""Issue, list and revoke personal API tokens."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kennisbrug.api.models import ApiToken


class Command(BaseCommand):
    help = "Geef een persoonlijke API-token uit, toon tokens of trek er een in."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="nieuwe token voor een gebruiker")
        create.add_argument("username")
        create.add_argument("--name", default="API", help="waarvoor de token dient")
        listing = sub.add_parser("list", help="tokens van een gebruiker")
        listing.add_argument("username")
        revoke = sub.add_parser("revoke", help="trek een token in (op het begin ervan)")
        revoke.add_argument("prefix")

    def handle(self, *args, action: str, **options) -> None:
        if action == "revoke":
            tokens = ApiToken.objects.usable().filter(prefix=options["prefix"])
            if tokens.count() != 1:
                raise CommandError("Geen (of meer dan één) bruikbare token met dit begin.")
            tokens.get().revoke()
            self.stdout.write("Ingetrokken.")
            return
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Onbekende gebruiker {options['username']!r}.")
        if action == "create":
            _token, raw = ApiToken.issue(user, options["name"])
            self.stdout.write(raw)
            self.stderr.write("Bewaar deze token nu: hij wordt nergens opgeslagen.")
            return
        for token in user.api_tokens.all():
            state = "ingetrokken" if token.revoked_at else "bruikbaar"
            self.stdout.write(f"{token.prefix}…  {token.name}  {state}")
