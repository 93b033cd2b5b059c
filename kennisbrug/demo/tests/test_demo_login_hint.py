"""The demo's login hint names the address the site is really served on."""

from __future__ import annotations

from io import StringIO

import pytest

from kennisbrug.demo.management.commands.demo import Command, login_url


def hint(address: str) -> str:
    out = StringIO()
    command = Command(stdout=out)
    command.make_accounts(address)
    return out.getvalue()


@pytest.mark.django_db
def test_the_hint_uses_the_address_of_make_run():
    text = hint("127.0.0.1:8123")
    assert "http://127.0.0.1:8123/beheer/" in text
    assert "8000" not in text


@pytest.mark.django_db
def test_without_an_address_the_hint_names_no_wrong_port_as_fact():
    text = hint("")
    assert text.startswith("Inloggen op /beheer/ van de site")


@pytest.mark.parametrize(
    ("address", "url"),
    [
        ("8080", "http://127.0.0.1:8080/beheer/"),
        ("0.0.0.0:9000", "http://127.0.0.1:9000/beheer/"),
        ("localhost:8001", "http://localhost:8001/beheer/"),
        ("[::1]:8002", "http://[::1]:8002/beheer/"),
    ],
)
def test_addresses_as_serve_accepts_them(address, url):
    assert login_url(address) == url
