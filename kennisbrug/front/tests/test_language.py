"""English is a full interface, not a half one; numbers and dates follow the language."""

import datetime
import gettext
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db
LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def po_entries() -> dict[str, str]:
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    return dict(re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', text, re.M))


def test_every_interface_text_has_an_english_translation():
    untranslated = [msgid for msgid, msgstr in po_entries().items() if not msgstr]
    assert not untranslated


def test_the_compiled_catalog_matches_the_po_file():
    # The .mo is committed so a fresh clone shows English; it must not lag behind the .po.
    with open(LOCALE / "django.mo", "rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for msgid, msgstr in po_entries().items():
        if "\\" not in msgid:
            assert catalog.gettext(msgid) == msgstr, msgid


def test_the_english_site_speaks_english(client):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("front:werkplaats", args=["wsd-noord"])).content.decode()

    assert '<html lang="en">' in html
    assert "Who takes part" in html and "Wie doen er mee" not in html
    assert 'content="en_GB"' in html


def test_numbers_and_dates_are_written_the_dutch_way_in_dutch():
    template = Template('{% load front %}{{ n|getal }} · {{ d|date:"j F Y" }}')
    context = Context({"n": 12345, "d": datetime.date(2026, 3, 9)})
    with translation.override("nl"):
        assert template.render(context) == "12.345 · 9 maart 2026"
    with translation.override("en"):
        assert template.render(context) == "12,345 · 9 March 2026"
