"""Logging in, following and the dashboard in a real browser.

The browser talks to a server thread, which only sees committed rows; so this test creates its
own user outside a test transaction and removes it (with its subscriptions) afterwards.
"""

import uuid

import pytest
from django.contrib.auth.models import User
from django.db import connections
from django.urls import reverse

from kennisbrug.radar.models import Subscription
from kennisbrug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser]
PASSWORD = "een-lang-browserwachtwoord"


@pytest.fixture
def reader(django_db_blocker):
    with django_db_blocker.unblock():
        user = User.objects.create_user(
            f"radar-{uuid.uuid4().hex[:8]}", "radar-lezer@example.org", PASSWORD, is_staff=True
        )
    yield user
    with django_db_blocker.unblock():
        user.delete()
        # This connection lives outside any test transaction; close it so PostgreSQL can drop
        # the test database at the end of the session.
        connections.close_all()


@pytest.mark.django_db
def test_the_dashboard_asks_for_a_login_first(client):
    # Also makes pytest-django set up the test database when this module runs on its own.
    response = client.get(reverse("radar:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_reader_follows_a_werkplaats_and_a_theme_and_sees_the_dashboard(
    page, reader, django_db_blocker
):
    page.goto(reverse("radar:dashboard"))
    page.get_by_label("Gebruikersnaam").fill(reader.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url("**/radar/mijn/")
    assert_accessible(page)

    page.goto(reverse("radar:werkplaats", args=["wsd-arnhem-nijmegen"]))
    page.get_by_role("button", name="Volg deze werkplaats").click()
    assert page.get_by_role("button", name="Niet meer volgen").is_visible()
    assert_accessible(page)

    page.goto(reverse("radar:dashboard"))
    page.get_by_label("Thema").select_option(label="– Eenzaamheid en sociaal isolement")
    page.get_by_role("button", name="Volg thema").click()
    assert page.get_by_role("status").inner_text().startswith("Je volgt nu")
    assert_accessible(page)

    with django_db_blocker.unblock():
        followed = {str(s.target) for s in Subscription.objects.filter(user=reader)}
    assert followed == {"WSD Arnhem en Nijmegen", "Eenzaamheid en sociaal isolement"}
