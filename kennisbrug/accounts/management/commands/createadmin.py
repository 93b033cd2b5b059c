from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Maak een netwerkbeheerder (of geef een bestaande gebruiker die rol). Het wachtwoord "
        "komt uit KENNISBRUG_ADMIN_PASSWORD of wordt gevraagd."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="gebruikersnaam")
        parser.add_argument("--email", default="", help="e-mailadres")

    def handle(self, *args, username: str, email: str, **options) -> None:
        password = os.environ.get("KENNISBRUG_ADMIN_PASSWORD")
        if password is None:
            if not self.stdin_is_tty():
                raise CommandError(
                    "Geen wachtwoord: zet KENNISBRUG_ADMIN_PASSWORD of draai interactief.",
                    returncode=2,
                )
            password = getpass.getpass("Wachtwoord: ")
        user_model = get_user_model()
        user = user_model(username=username, email=email)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from None
        user, created = user_model.objects.get_or_create(username=username)
        user.email = email or user.email
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        verb = "aangemaakt" if created else "bijgewerkt"
        self.stdout.write(f"Netwerkbeheerder {username!r} {verb}.")

    def stdin_is_tty(self) -> bool:
        import sys

        return sys.stdin.isatty()
