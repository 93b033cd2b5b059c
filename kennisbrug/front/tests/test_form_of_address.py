"""The interface says "je" to its reader, never "u" (docs/site.md, "Aanspreekvorm").

Every interface text is a msgid of the English catalogue (test_language.py keeps that
catalogue complete), and the Dutch catalogue holds our rewordings of Django's beheer
messages; so reading both finds any "u" or "uw" that slipped into a template, form, message
or e-mail.
"""

from __future__ import annotations

import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale"
POLITE = re.compile(r"\b(u|uw|uzelf)\b", re.IGNORECASE)


def texts(po: Path, field: str) -> list[str]:
    return re.findall(rf'^{field} "(.*)"$', po.read_text(encoding="utf-8"), re.MULTILINE)


def test_no_interface_text_says_u():
    dutch = texts(LOCALE / "en/LC_MESSAGES/django.po", "msgid")
    dutch += texts(LOCALE / "nl/LC_MESSAGES/django.po", "msgstr")
    assert len(dutch) > 1000  # the catalogue was read
    assert [t for t in dutch if POLITE.search(t)] == []


def test_the_interface_does_say_je():
    dutch = texts(LOCALE / "en/LC_MESSAGES/django.po", "msgid")
    assert any(re.search(r"\bje\b", t) for t in dutch)
