"""Who is calling: anonymous, or the holder of a personal token (``Authorization: Bearer``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from kennisbrug.accounts.models import Editorship
from kennisbrug.accounts.scope import is_network_admin
from kennisbrug.api.errors import ApiError
from kennisbrug.api.models import ApiToken, hash_token


@dataclass
class Caller:
    token: ApiToken | None = None

    @property
    def user(self) -> AbstractBaseUser | None:
        return self.token.user if self.token else None

    @property
    def is_admin(self) -> bool:
        return self.user is not None and is_network_admin(self.user)

    def roles(self) -> dict[int, str]:
        """Werkplaats id → role (redacteur or bijdrager) for the token's holder."""
        if self.user is None:
            return {}
        if not hasattr(self, "_roles"):
            self._roles = dict(
                Editorship.objects.filter(user=self.user).values_list("werkplaats_id", "role")
            )
        return self._roles

    @property
    def label(self) -> str:
        return f"API-token {self.token.name} van {self.user}" if self.token else "anoniem"


def caller_of(request: HttpRequest) -> Caller:
    header = request.headers.get("Authorization", "")
    if not header:
        return Caller()
    scheme, _sep, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise ApiError(401, "Gebruik de kop 'Authorization: Bearer <token>'.")
    token = (
        ApiToken.objects.usable()
        .select_related("user")
        .filter(key_hash=hash_token(raw.strip()))
        .first()
    )
    if token is None:
        raise ApiError(401, "Onbekende of ingetrokken token.")
    now = timezone.now()
    # Written at most once a minute, so reading through the API does not become writing.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return Caller(token)
