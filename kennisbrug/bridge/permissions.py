"""Who may judge a suggestion: the editors (not contributors) of the subject's werkplaats."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from kennisbrug.accounts.models import Editorship
from kennisbrug.accounts.scope import is_network_admin


def judging_werkplaats_ids(user: AbstractBaseUser | AnonymousUser) -> set[int] | None:
    """The werkplaatsen whose links this user may judge; None means all (network admin)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if is_network_admin(user):
        return None
    cached = getattr(user, "_kb_judging_ids", None)
    if cached is None:
        cached = set(
            Editorship.objects.filter(user=user, role=Editorship.Role.EDITOR).values_list(
                "werkplaats_id", flat=True
            )
        )
        user._kb_judging_ids = cached
    return cached


def may_judge(user: AbstractBaseUser | AnonymousUser, werkplaats_id: int | None) -> bool:
    if werkplaats_id is None:
        return False
    allowed = judging_werkplaats_ids(user)
    return allowed is None or werkplaats_id in allowed
