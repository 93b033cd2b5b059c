"""WCAG 3.1.2 Language of Parts: on the English site, record texts stay Dutch and say so.

Every page type is fetched in English and read as a screen reader would (kennisbrug/testing/
language.py): text in runs of one language each. No English run may hold a record text (a
title, summary, description, the name of a theme without an English name), and the page's own
words (the chrome) stay English.
"""

import re
from collections.abc import Callable

import pytest
from django.urls import reverse

from kennisbrug.bridge import items
from kennisbrug.events.models import Event, Workshop
from kennisbrug.interventions.models import Intervention
from kennisbrug.news.models import Article
from kennisbrug.newsletter.models import Issue
from kennisbrug.products.models import Product
from kennisbrug.programmes.models import ExternalProject, Programme
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Organisation, Werkplaats
from kennisbrug.testing.language import language_runs, text_in
from kennisbrug.themes.models import Agenda, TargetGroup, Theme, Vraagstuk

pytestmark = pytest.mark.django_db

#: Shorter texts could occur inside an English sentence by chance ("Thema", "Jeugd").
SHORTEST = 12


def _external_project() -> ExternalProject:
    return ExternalProject.objects.get(source_id="cdkm-nijmegen-wijkleerbedrijf-dukenburg")


#: One address of every public page type that shows record texts.
PAGES: dict[str, Callable[[], str]] = {
    "home": lambda: reverse("front:home"),
    "werkplaatsen": lambda: reverse("front:werkplaatsen"),
    "werkplaats": lambda: reverse("front:werkplaats", args=["wsd-noord"]),
    "themes": lambda: reverse("front:themes"),
    "theme": lambda: reverse("front:theme", args=["bestaanszekerheid"]),
    "agendas": lambda: reverse("front:agendas"),
    "product": lambda: items.by_source_id("wsd-noord:prod-001").get_absolute_url(),
    "project": lambda: Project.objects.order_by("pk").first().get_absolute_url(),
    "intervention": lambda: (
        Intervention.objects.active().exclude(evidence_level="").order_by("pk").first()
    ).get_absolute_url(),
    "search": lambda: reverse("search:results") + "?q=eenzaamheid+ouderen",
    "search-list": lambda: reverse("search:results") + "?soort=project",
    "network": lambda: reverse("network:graph"),
    "network-theme": lambda: reverse("network:graph") + "?knoop=t-bestaanszekerheid",
    "network-werkplaats": lambda: reverse("network:graph") + "?knoop=w-wsd-noord",
    "map": lambda: reverse("network:map"),
    "experts": lambda: reverse("experts:experts") + "?q=schulden",
    "news": lambda: reverse("news:list"),
    "article": lambda: reverse("news:detail", args=["dossier-bestaanszekerheid-wat-werkt"]),
    "events": lambda: reverse("events:list"),
    "event": lambda: reverse("events:detail", args=["landelijke-werkplaatsendag"]),
    "newsletter-archive": lambda: reverse("newsletter:archive"),
    "newsletter-issue": lambda: reverse("newsletter:issue", args=[Issue.objects.sent()[0].slug]),
    "radar": lambda: reverse("radar:network"),
    "radar-werkplaats": lambda: reverse("radar:werkplaats", args=["wsd-arnhem-nijmegen"]),
    "side-by-side": lambda: (
        reverse("radar:side-by-side")
        + "?w=wsd-arnhem-nijmegen&w=wsd-twente&programma=city-deal-kennis-maken"
    ),
    "programmes": lambda: reverse("programmes:programmes"),
    "programme": lambda: _external_project().programme.get_absolute_url(),
    "external-project": lambda: _external_project().get_absolute_url(),
    "monitoring": lambda: reverse("monitoring:dashboard"),
    "readiness": lambda: reverse(
        "readiness:check", args=[items.by_source_id("wsd-noord:prod-001").pk]
    ),
    "candidates": lambda: reverse("readiness:candidates"),
}


def dutch_record_texts() -> set[str]:
    """Every record text a page may show, long enough not to occur by chance."""
    texts: set[str] = set()

    def add(*values: str) -> None:
        texts.update(" ".join(v.split()) for v in values if v and len(v) >= SHORTEST)

    for p in Product.objects.published():
        add(p.title, p.summary)
    for p in Project.objects.all():
        add(p.title, p.practice_question, p.summary)
    for i in Intervention.objects.all():
        add(i.title, i.summary)
    for a in Agenda.objects.all():
        add(a.title, a.summary)
    for v in Vraagstuk.objects.all():
        add(v.title, v.description)
    for t in Theme.objects.all():
        add(t.description)
        if not t.name_en:
            add(t.name)
    for g in TargetGroup.objects.all():
        add(g.name)
    for w in Werkplaats.objects.all():
        add(w.name, w.description)
    for o in Organisation.objects.all():
        add(o.name)
    for e in Event.objects.all():
        add(e.title, e.summary)
    for w in Workshop.objects.all():
        add(w.title, w.description)
    for a in Article.objects.all():
        add(a.title, a.summary)
    for p in Programme.objects.all():
        add(p.description)
    for p in ExternalProject.objects.all():
        add(p.title, p.summary)
    return texts


@pytest.fixture(scope="module")
def record_texts(django_db_setup, django_db_blocker) -> list[str]:
    with django_db_blocker.unblock():
        return sorted(dutch_record_texts())


def english_runs(client, url: str):
    client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert '<html lang="en">' in html
    return language_runs(html)


def _shows(run: str, text: str) -> bool:
    """Whether a run shows a record text: its start (cards cut a summary after 180
    characters), as words of its own (not part of an address such as jonge.mantelzorgers@…)."""
    start = re.escape(text[:60])
    return re.search(rf"(?<![\w.@-]){start}(?![\w@])", run) is not None


@pytest.mark.parametrize("name", list(PAGES))
def test_no_record_text_is_presented_as_english(client, record_texts, name):
    runs = english_runs(client, PAGES[name]())
    english = text_in(runs, "en")

    leaks = sorted({(t, run[:200]) for t in record_texts for run in english if _shows(run, t)})

    assert leaks == [], f"Dutch record text in an English run on {name}"
    assert all(r.lang in {"en", "nl"} for r in runs)


@pytest.mark.parametrize("name", list(PAGES))
def test_the_chrome_around_the_records_stays_english(client, name):
    runs = english_runs(client, PAGES[name]())
    english = " ".join(text_in(runs, "en"))

    assert "Skip to content" in english
    assert "Explore" in english  # the footer
    assert "Werkplaatsen" in english  # the main menu, a proper name in English too


def _runs_of(client, url: str) -> tuple[str, str]:
    runs = english_runs(client, url)
    return " ".join(text_in(runs, "nl")), " ".join(text_in(runs, "en"))


def test_a_product_page_marks_title_summary_body_and_keywords_dutch_but_not_its_labels(client):
    product = items.by_source_id("wsd-noord:prod-001")
    dutch, english = _runs_of(client, product.get_absolute_url())

    assert product.title in dutch and product.summary.split("\n")[0] in dutch
    for keyword in product.keywords:
        assert keyword in dutch
    for label in ("Details", "Kind", "Keywords", "More like this"):
        assert label in english and label not in dutch


def test_search_results_mark_titles_and_snippets_dutch_and_keep_the_labels_english(client):
    dutch, english = _runs_of(client, reverse("search:results") + "?q=eenzaamheid+ouderen")
    runs = english_runs(client, reverse("search:results") + "?q=eenzaamheid+ouderen")

    assert re.search(r"\d+ results? for", english)
    assert "Filters" in english
    snippets = [r.text for r in runs if r.lang == "nl" and "eenzaamheid" in r.text.lower()]
    assert snippets  # highlighted snippets and titles, in Dutch runs


def test_a_theme_with_an_english_name_is_english_and_its_description_dutch(client):
    theme = Theme.objects.get(slug="bestaanszekerheid")
    assert theme.name_en  # the demo names every national theme in English
    dutch, english = _runs_of(client, reverse("front:theme", args=[theme.slug]))

    assert theme.name_en in english
    if theme.description:
        assert theme.description in dutch


def test_a_theme_without_an_english_name_falls_back_to_dutch_and_says_so(client):
    theme = Theme.objects.get(slug="bestaanszekerheid")
    theme.name_en = ""
    theme.save()
    dutch, english = _runs_of(client, reverse("front:theme", args=[theme.slug]))

    assert theme.name in dutch
    assert theme.name not in english


def test_on_the_dutch_site_record_texts_are_simply_dutch(client):
    client.cookies["django_language"] = "nl"
    product = items.by_source_id("wsd-noord:prod-001")
    html = client.get(product.get_absolute_url()).content.decode()

    runs = language_runs(html)

    assert text_in(runs, "en") == ["English"]  # only the language switch, in its own language
    assert product.title in " ".join(text_in(runs, "nl"))


def test_search_cards_show_our_finer_kinds_in_english_and_databank_names_dutch(client):
    runs = english_runs(client, reverse("search:results") + "?q=schulden")
    english = " ".join(r.text for r in runs if r.lang == "en")
    dutch_runs = [r.text.strip() for r in runs if r.lang == "nl"]

    assert "research report" in english  # the index stores "onderzoeksrapport"
    assert "method" in english
    assert "onderzoeksrapport" not in dutch_runs and "methode" not in dutch_runs
    assert any(r.startswith("Databank Effectieve") for r in dutch_runs)  # record text: Dutch


ENGLISH_THEME_PAGES = {
    # page: the themes it shows as graph nodes, filter options or tags
    "network": lambda: [Theme.objects.get(slug="bestaanszekerheid")],
    "network-theme": lambda: [Theme.objects.get(slug="bestaanszekerheid")],
    "monitoring": lambda: [Theme.objects.get(slug="bestaanszekerheid")],
    "experts": lambda: [Theme.objects.get(slug="bestaanszekerheid")],
    "external-project": lambda: list(_external_project().themes.all()),
    "article": lambda: list(
        Article.objects.get(slug="dossier-bestaanszekerheid-wat-werkt").themes.all()
    ),
}


@pytest.mark.parametrize("name", list(ENGLISH_THEME_PAGES))
def test_theme_names_follow_the_reader_where_an_english_name_exists(client, name):
    """The network graph, the monitoring and experts filters and the tags of programmes and
    news show a theme's English name, marked English (as ``naamtaal`` does elsewhere)."""
    shown = [t for t in ENGLISH_THEME_PAGES[name]() if t.name_en and t.name_en != t.name]
    assert shown, f"no theme with an English name on {name}"

    runs = english_runs(client, PAGES[name]())
    english = [r.text.strip() for r in runs if r.lang == "en"]
    dutch = [r.text.strip() for r in runs if r.lang == "nl"]
    for theme in shown:
        assert any(theme.name_en in run for run in english)
        # No longer a Dutch element of its own (it may still be part of a Dutch sentence,
        # such as the radar's reasons, which are record text).
        assert not any(run.startswith(theme.name) for run in dutch)
