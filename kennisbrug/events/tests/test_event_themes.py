"""An event's themes lead to the theme pages, as on products and projects."""

import pytest
from django.urls import reverse

from kennisbrug.events.models import Event

pytestmark = pytest.mark.django_db


def test_the_themes_of_an_event_link_to_their_theme_pages(client):
    event = Event.objects.get(slug="landelijke-werkplaatsendag")
    theme = event.themes.first()

    page = client.get(event.get_absolute_url()).content.decode()

    assert f'href="{reverse("front:theme", args=[theme.slug])}">{theme.name}</a>' in page
