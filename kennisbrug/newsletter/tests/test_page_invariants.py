"""The site-wide page rules (kennisbrug/core/tests/test_site_invariants.py) for every public page
of events, news and the newsletter, including the personal-link pages."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kennisbrug.events.models import Event, Registration
from kennisbrug.newsletter import links
from kennisbrug.newsletter.models import Issue, Subscriber

pytestmark = pytest.mark.django_db
NAMESPACES = ("events", "news", "newsletter")
NOT_HTML = {"events:feed", "events:ics", "news:feed", "events:cancel"}


def page_names() -> list[str]:
    return [
        f"{entry.namespace}:{p.name}"
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and entry.namespace in NAMESPACES
        for p in entry.url_patterns
        if isinstance(p, URLPattern) and f"{entry.namespace}:{p.name}" not in NOT_HTML
    ]


def sample_args(name: str, subscriber: Subscriber) -> list:
    samples = {
        "events:detail": lambda: ["landelijke-werkplaatsendag"],
        "events:registration": lambda: [
            Registration.objects.filter(event__slug="symposium-armoede-en-schulden-noord")
            .first()
            .token
        ],
        "news:detail": lambda: ["dossier-bestaanszekerheid-wat-werkt"],
        "newsletter:issue": lambda: [Issue.objects.sent().first().slug],
        "newsletter:confirm": lambda: [links.token(subscriber, "confirm")],
        "newsletter:preferences": lambda: [links.token(subscriber, "manage")],
        "newsletter:unsubscribe": lambda: [links.token(subscriber, "unsubscribe")],
    }
    return samples[name]() if name in samples else []


@pytest.mark.parametrize("name", page_names())
def test_every_dissemination_page_has_one_h1_a_language_and_a_skip_link(client, name, subscriber):
    response = client.get(reverse(name, args=sample_args(name, subscriber)))

    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert re.search(r'<html lang="nl">', html)
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert re.search(r"<title>[^<]+ · Kennisbrug</title>", html)


def test_the_demo_has_news_upcoming_events_with_workshops_and_a_past_issue():
    from kennisbrug.news.models import Article

    assert Article.objects.published().count() >= 3
    upcoming = Event.objects.published().upcoming().filter(rounds__workshops__isnull=False)
    assert upcoming.distinct().count() == 2
    assert Issue.objects.sent().filter(items__isnull=False).distinct().count() == 1
