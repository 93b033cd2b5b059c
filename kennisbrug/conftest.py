"""Shared fixtures: the demo data set loaded once, and the personas every test speaks of.

Personas: the network admin, the editor of WSD Noord (werkplaats A), the editor of WSD Zuyd
(werkplaats B), a contributor of WSD Noord, and the anonymous reader.
"""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from kennisbrug.accounts.models import Editorship
from kennisbrug.registry.models import Werkplaats

pytest_plugins = ["kennisbrug.testing.browser"]

PASSWORD = "een-lang-testwachtwoord"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Tests read and write the real demo data set, loaded once; each test rolls back its changes.
    with django_db_blocker.unblock():
        call_command("demo", no_accounts=True, verbosity=0)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = settings.VAR_DIR / "test-media"


@pytest.fixture(autouse=True)
def dutch_after_each_test():
    # The locale middleware leaves the language of the last request active on the thread; a
    # test that asked for English must not make the next test's code speak English.
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def werkplaats_a(db) -> Werkplaats:
    return Werkplaats.objects.get(slug="wsd-noord")


@pytest.fixture
def werkplaats_b(db) -> Werkplaats:
    return Werkplaats.objects.get(slug="wsd-zuyd")


def _user(username: str, *, superuser: bool = False) -> User:
    return User.objects.create_user(
        username, f"{username}@example.org", PASSWORD, is_staff=True, is_superuser=superuser
    )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def network_admin(db) -> User:
    return _user("netwerkbeheer", superuser=True)


def _editor(username: str, werkplaats: Werkplaats, role: str) -> User:
    user = _user(username)
    Editorship.objects.create(user=user, werkplaats=werkplaats, role=role)
    return user


@pytest.fixture
def editor_a(werkplaats_a) -> User:
    return _editor("redacteur-noord", werkplaats_a, Editorship.Role.EDITOR)


@pytest.fixture
def editor_b(werkplaats_b) -> User:
    return _editor("redacteur-zuyd", werkplaats_b, Editorship.Role.EDITOR)


@pytest.fixture
def contributor_a(werkplaats_a) -> User:
    return _editor("bijdrager-noord", werkplaats_a, Editorship.Role.CONTRIBUTOR)


@pytest.fixture
def admin_client_(network_admin) -> Client:
    return _client(network_admin)


@pytest.fixture
def editor_a_client(editor_a) -> Client:
    return _client(editor_a)


@pytest.fixture
def contributor_a_client(contributor_a) -> Client:
    return _client(contributor_a)
