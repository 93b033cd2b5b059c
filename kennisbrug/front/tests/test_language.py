"""English is a full interface, not a half one; numbers and dates follow the language."""

import datetime
import gettext
import io
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from docx import Document

from kennisbrug.bridge import items

pytestmark = pytest.mark.django_db
PACKAGE = Path(__file__).resolve().parents[2]
LOCALE = PACKAGE / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid


def _unquote(text: str) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), text[1:-1])


def po_entries(path: Path = LOCALE / "django.po") -> list[Entry]:
    """The entries of a .po file (without the header and obsolete ones), strings joined."""
    entries, entry, target = [], Entry(), None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():  # a blank line ends an entry
            if target is not None and entry.msgid:
                entries.append(entry)
            entry, target = Entry(), None
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue  # comments, and obsolete entries (#~)
        elif line.startswith('"'):
            value = _unquote(line)
            if target == "msgstr":
                entry.msgstr[-1] += value
            else:
                setattr(entry, target, (getattr(entry, target) or "") + value)
        else:
            keyword, _space, value = line.partition(" ")
            if keyword.startswith("msgstr"):
                target = "msgstr"
                entry.msgstr.append(_unquote(value))
            else:
                target = keyword
                setattr(entry, keyword, _unquote(value))
    return entries


def test_every_interface_text_has_an_english_translation_and_none_is_fuzzy():
    entries = po_entries()
    assert len(entries) > 1000
    untranslated = [e.msgid for e in entries if not all(e.msgstr)]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]

    assert not untranslated
    assert not fuzzy


def test_translations_keep_the_placeholders_of_their_dutch_text():
    broken = []
    for e in po_entries():
        sources = [e.msgid, e.msgid_plural] if e.msgid_plural else [e.msgid]
        for index, text in enumerate(e.msgstr):
            source = sources[min(index, len(sources) - 1)]
            # A singular may name its count in words ("the one project"), never a new one.
            wanted, found = set(PLACEHOLDER.findall(source)), set(PLACEHOLDER.findall(text))
            if found - wanted or (not e.msgid_plural and found != wanted):
                broken.append(e.msgid)
    assert not broken


def test_the_compiled_catalog_matches_the_po_file():
    # The .mo is committed so a fresh clone shows English; it must not lag behind the .po.
    with open(LOCALE / "django.mo", "rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for e in po_entries():
        if e.msgid_plural:
            got = [catalog.ngettext(e.msgid, e.msgid_plural, n) for n in (1, 2)]
        elif e.msgctxt is not None:
            got = [catalog.pgettext(e.msgctxt, e.msgid)]
        else:
            got = [catalog.gettext(e.msgid)]
        assert got == e.msgstr, e.msgid


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (xgettext)")
def test_makemessages_finds_no_text_the_catalogue_lacks(tmp_path, monkeypatch, settings):
    """Run the documented makemessages over a copy of the code: nothing new, nothing stale."""
    copy = tmp_path / "kennisbrug"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=lambda _dir, names: [
            n
            for n in names
            if n == "__pycache__"
            or (Path(_dir, n).is_file() and not n.endswith((".py", ".html", ".txt", ".po")))
        ],
    )
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["en"], no_location=True, no_wrap=True, verbosity=0)

    before = {e.key for e in po_entries()}
    after = po_entries(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")
    assert sorted(e.msgid for e in after if e.key not in before) == []  # new texts
    assert sorted(k[1] for k in before - {e.key for e in after}) == []  # stale texts
    assert [e.msgid for e in after if "fuzzy" in e.flags or not all(e.msgstr)] == []


def test_the_english_site_speaks_english(client):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("front:werkplaats", args=["wsd-noord"])).content.decode()

    assert '<html lang="en">' in html
    assert "Who takes part" in html and "Wie doen er mee" not in html
    assert 'content="en_GB"' in html


def _method_url() -> str:
    method = items.by_source_id("wsd-noord:prod-001")
    return reverse("readiness:check", args=[method.pk])


def _product_url() -> str:
    return items.by_source_id("wsd-noord:prod-001").get_absolute_url()


@pytest.mark.parametrize(
    ("url", "english", "dutch"),
    [
        (lambda: reverse("radar:network"), "Where are most overlaps?", "meeste overlappen"),
        (
            lambda: reverse("radar:werkplaats", args=["wsd-noord"]),
            "Werkplaatsen with a similar agenda",
            "Werkplaatsen met een vergelijkbare agenda",
        ),
        (lambda: reverse("monitoring:dashboard"), "Key figures", "Kerncijfers"),
        (_method_url, "What is missing or weak", "Wat ontbreekt of zwak is"),
        (
            lambda: reverse("readiness:candidates"),
            "candidates for a databank",
            "kandidaten voor een databank",
        ),
        (_product_url, "Links with national and regional knowledge", "Verbanden met"),
        (lambda: reverse("events:list"), "Coming up", "Binnenkort"),
        (
            lambda: reverse("events:detail", args=["landelijke-werkplaatsendag"]),
            "Add to your calendar",
            "Zet in je agenda",
        ),
        (
            lambda: reverse("experts:experts") + "?q=schulden",
            "Who knows more",
            "Wie weet hier meer",
        ),
        (lambda: reverse("programmes:programmes"), "External programmes", "Externe programma's"),
    ],
    ids=[
        "radar",
        "radar-werkplaats",
        "monitoring",
        "readiness",
        "readiness-candidates",
        "bridge",
        "events",
        "event",
        "experts",
        "programmes",
    ],
)
def test_pages_of_the_newer_apps_turn_english_with_the_language_switch(client, url, english, dutch):
    page = url()
    switched = client.post(reverse("set_language"), {"language": "en", "next": page})
    assert switched.status_code == 302 and switched["Location"] == page

    html = client.get(page).content.decode()

    assert '<html lang="en">' in html
    assert english in html
    assert dutch not in html  # record texts stay Dutch, so the test names interface phrases


def test_readiness_advice_is_english_but_the_databank_draft_stays_dutch(client):
    client.cookies["django_language"] = "en"
    method = items.by_source_id("wsd-noord:prod-001")  # demo: transferability missing

    page = client.get(reverse("readiness:check", args=[method.pk])).content.decode()
    draft = client.get(reverse("readiness:draft-docx", args=[method.pk]))

    assert "Transferability is missing. Describe whether and how" in page
    assert "(missing)" in page and "Nearly:" in page
    text = "\n".join(p.text for p in Document(io.BytesIO(draft.content)).paragraphs)
    assert "Overdraagbaarheid en implementatie" in text and "Nog aan te vullen" in text
    assert "Transferability" not in text


def test_numbers_and_dates_are_written_the_dutch_way_in_dutch():
    template = Template('{% load front %}{{ n|getal }} · {{ d|date:"j F Y" }}')
    context = Context({"n": 12345, "d": datetime.date(2026, 3, 9)})
    with translation.override("nl"):
        assert template.render(context) == "12.345 · 9 maart 2026"
    with translation.override("en"):
        assert template.render(context) == "12,345 · 9 March 2026"


DUTCH_DAY = r"(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d{1,2} [a-z]+ \d{4}"
ENGLISH_DAY = (
    r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}"
)


@pytest.mark.parametrize(
    ("language", "money", "day"),
    [
        ("nl", r"€ \d{1,3}(\.\d{3})+,\d\d", DUTCH_DAY),
        ("en", r"€ \d{1,3}(,\d{3})+\.\d\d", ENGLISH_DAY),
    ],
)
def test_amounts_and_event_dates_follow_the_language(client, language, money, day):
    client.cookies["django_language"] = language

    monitoring = client.get(reverse("monitoring:dashboard")).content.decode()
    events = client.get(reverse("events:list")).content.decode()

    assert re.search(money, monitoring)
    assert re.search(day, events)
