"""The one place that answers "may this user edit this werkplaats's records?"."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from kennisbrug.accounts.models import Editorship


def is_network_admin(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_active and user.is_superuser)


def editable_werkplaats_ids(user: AbstractBaseUser | AnonymousUser) -> set[int]:
    """The werkplaatsen whose records this user may edit (empty for a network admin: see above)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    cached = getattr(user, "_kb_werkplaats_ids", None)
    if cached is None:
        cached = set(Editorship.objects.filter(user=user).values_list("werkplaats_id", flat=True))
        user._kb_werkplaats_ids = cached
    return cached


def may_publish(user: AbstractBaseUser | AnonymousUser, werkplaats_id: int | None) -> bool:
    """Editors publish; contributors only submit for review."""
    if is_network_admin(user):
        return True
    return Editorship.objects.filter(
        user=user, werkplaats_id=werkplaats_id, role=Editorship.Role.EDITOR
    ).exists()
