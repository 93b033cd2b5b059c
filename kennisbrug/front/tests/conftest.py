"""Browser-test helpers of the public site: where screenshots go, and committed accounts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

BROWSER_PASSWORD = "browser-test-wachtwoord"


def screenshot_dir() -> Path:
    """KENNISBRUG_SCREENSHOTS, else var/screenshots in the checkout (CI keeps that folder)."""
    folder = Path(
        os.environ.get("KENNISBRUG_SCREENSHOTS") or settings.BASE_DIR / "var" / "screenshots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def shoot():
    def save(page, name: str) -> Path:
        path = screenshot_dir() / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture(scope="session")
def browser_accounts(django_db_setup, django_db_blocker) -> dict[str, str]:
    """A contributor of WSD Twente and a network admin, committed so the server thread sees
    them (a test's own writes stay in its transaction). Browser tests run last, so nothing
    else sees these rows."""
    from django.contrib.auth.models import User

    from kennisbrug.accounts.models import Editorship
    from kennisbrug.registry.models import Werkplaats

    # The tests check passwords with the fast hasher only (see kennisbrug/conftest.py).
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        contributor, _ = User.objects.get_or_create(username="browser-bijdrager", is_staff=True)
        contributor.set_password(BROWSER_PASSWORD)
        contributor.save()
        Editorship.objects.get_or_create(
            user=contributor,
            werkplaats=Werkplaats.objects.get(slug="wsd-twente"),
            defaults={"role": Editorship.Role.CONTRIBUTOR},
        )
        admin, _ = User.objects.get_or_create(
            username="browser-beheer", is_staff=True, is_superuser=True
        )
        admin.set_password(BROWSER_PASSWORD)
        admin.save()
    return {"contributor": "browser-bijdrager", "admin": "browser-beheer"}
