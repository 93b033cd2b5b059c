"""The radar names themes in the reader's language, as the rest of the site does."""

import pytest
from django.urls import reverse

from kennisbrug.themes.models import Theme

pytestmark = pytest.mark.django_db


def test_side_by_side_rows_carry_the_english_theme_name_on_the_english_site(client):
    theme = Theme.objects.get(slug="eenzaamheid")  # on both agendas below
    assert theme.name_en and theme.name_en != theme.name
    client.cookies["django_language"] = "en"

    url = reverse("radar:side-by-side") + "?w=wsd-arnhem-nijmegen&w=wsd-twente"
    html = client.get(url).content.decode()

    assert f'<th scope="row"><span lang="en">{theme.name_en}</span><br>' in html
