"""An e-mail backend that refuses the first FAILURES messages, as a flaky SMTP server would."""

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

FAILURES = {"left": 0}


class FlakyBackend(EmailBackend):
    def send_messages(self, messages):
        if FAILURES["left"] > 0:
            FAILURES["left"] -= 1
            raise ConnectionRefusedError("SMTP-server weigert de verbinding")
        return super().send_messages(messages)


__all__ = ["FlakyBackend", "mail"]
