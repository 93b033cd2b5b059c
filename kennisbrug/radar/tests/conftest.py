from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User

from kennisbrug.programmes.models import ExternalProject, Programme
from kennisbrug.registry.models import Municipality, Werkplaats
from kennisbrug.themes.models import Theme


@pytest.fixture
def arnhem_nijmegen(db) -> Werkplaats:
    return Werkplaats.objects.get(slug="wsd-arnhem-nijmegen")


@pytest.fixture
def city_deal(db) -> Programme:
    return Programme.objects.get(slug="city-deal-kennis-maken")


@pytest.fixture
def make_external(city_deal):
    """An external project with its places and themes set, as an admin or import would."""

    def make(
        title: str,
        places: list[str],
        themes: list[str] = (),
        summary: str = "",
        programme: Programme | None = None,
        end: datetime.date | None = datetime.date(2028, 6, 30),
    ) -> ExternalProject:
        project = ExternalProject.objects.create(
            programme=programme or city_deal,
            title=title,
            summary=summary,
            start=min(datetime.date(2026, 9, 1), end or datetime.date.max),
            end=end,
            contact_name="Proef Persoon",
            contact_email="proef@example.org",
        )
        project.municipalities.set(Municipality.objects.filter(name__in=places))
        project.themes.set(Theme.objects.filter(slug__in=themes))
        return project

    return make


@pytest.fixture
def make_user(db):
    def make(username: str, email: str | None = None) -> User:
        return User.objects.create_user(
            username, f"{username}@example.org" if email is None else email, "x" * 20
        )

    return make
