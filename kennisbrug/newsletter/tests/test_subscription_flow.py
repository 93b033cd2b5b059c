"""The whole way round: subscribe, confirm, receive a composed issue, unsubscribe in one click."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kennisbrug.news.models import Article
from kennisbrug.newsletter import links, sending
from kennisbrug.newsletter.models import Delivery, Issue, Subscriber

pytestmark = pytest.mark.django_db


def link_in(body: str, fragment: str) -> str:
    """The path of the first link in a mail whose URL contains ``fragment``."""
    url = re.search(rf"https?://\S*{fragment}\S*", body).group(0)
    return "/" + url.split("/", 3)[3]


def test_a_visitor_subscribes_confirms_receives_an_issue_and_unsubscribes_with_one_click(
    client, admin_client_, mailoutbox
):
    # 1. Subscribe: nothing is sent to an unconfirmed address but the confirmation.
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": "Lezer@Example.org", "name": "Lotte", "whole_network": "on", "consent": "on"},
    )
    assert "Kijk in je mailbox" in response.content.decode()
    subscriber = Subscriber.objects.get(email="lezer@example.org")
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_at is not None and "nieuwsbrief" in subscriber.consent_text
    (confirmation,) = mailoutbox
    assert confirmation.subject == "Bevestig je inschrijving voor de nieuwsbrief"

    # 2. Confirm with the link from the mail.
    page = client.get(link_in(confirmation.body, "/nieuwsbrief/bevestigen/"))
    assert "Je inschrijving is bevestigd" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.confirmed_at

    # 3. An editor makes an issue; it composes itself from the period's news and events.
    news = Article.objects.published().order_by("-published_at").first()
    # The period is in local days: between 23:00 and 24:00 UTC the UTC date is the day before.
    period_start = timezone.localdate(news.published_at).isoformat()
    admin_client_.post(
        reverse("admin:newsletter_issue_add"),
        {
            "title": "Nieuwsbrief proef",
            "slug": "nieuwsbrief-proef",
            "period_start": period_start,
            "period_end": period_start,
            "intro": "Een inleiding van de redactie.",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )
    issue = Issue.objects.get(slug="nieuwsbrief-proef")
    assert issue.items.filter(title=news.title).exists()
    admin_client_.post(reverse("admin:newsletter_issue_verzenden", args=[issue.pk]))
    mailoutbox.clear()

    # 4. The background task sends it: HTML and text, with List-Unsubscribe headers.
    assert sending.send_due() >= 1
    (newsletter,) = [m for m in mailoutbox if m.to == ["lezer@example.org"]]
    assert newsletter.subject == "Nieuwsbrief proef"
    assert news.title in newsletter.body and "Een inleiding van de redactie." in newsletter.body
    html = newsletter.alternatives[0][0]
    assert news.title in html and html.startswith("<!doctype html>")
    unsubscribe_url = newsletter.extra_headers["List-Unsubscribe"].strip("<>")
    assert newsletter.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in newsletter.body
    assert Delivery.objects.get(issue=issue, email="lezer@example.org").status == "verzonden"
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT

    # 5. One click: the mail client POSTs to the header's address (RFC 8058), no CSRF token.
    path = "/" + unsubscribe_url.split("/", 3)[3]
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED and subscriber.unsubscribed_at


def test_the_unsubscribe_link_in_the_mail_asks_once_then_unsubscribes(client, subscriber):
    path = links.path(subscriber, "unsubscribe")

    page = client.get(path).content.decode()
    subscriber.refresh_from_db()
    assert "Ja, meld me af" in page and subscriber.status == Subscriber.Status.ACTIVE

    client.post(path)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_subscribing_an_active_address_again_changes_nothing_and_says_so_by_mail(
    client, subscriber, werkplaats_a, mailoutbox
):
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": subscriber.email, "werkplaatsen": [werkplaats_a.pk], "consent": "on"},
    )

    assert "Kijk in je mailbox" in response.content.decode()  # the same answer as for a new one
    subscriber.refresh_from_db()
    assert subscriber.whole_network and not subscriber.werkplaatsen.exists()
    assert mailoutbox[0].subject == "Je bent al ingeschreven voor de nieuwsbrief"


def test_without_consent_or_without_a_choice_nobody_is_subscribed(client):
    no_consent = client.post(
        reverse("newsletter:subscribe"), {"email": "a@example.org", "whole_network": "on"}
    )
    no_choice = client.post(
        reverse("newsletter:subscribe"), {"email": "a@example.org", "consent": "on"}
    )

    assert no_consent.status_code == no_choice.status_code == 400
    assert "Zonder toestemming" in no_consent.content.decode()
    assert "Kies minstens één nieuwsbrief" in no_choice.content.decode()
    assert not Subscriber.objects.filter(email="a@example.org").exists()


def test_forged_altered_or_revoked_links_are_refused(client, subscriber):
    good = links.token(subscriber, "manage")
    confirm_as_manage = links.token(subscriber, "confirm")

    assert client.get(reverse("newsletter:preferences", args=[good])).status_code == 200
    assert client.get(reverse("newsletter:preferences", args=[good[:-2] + "xx"])).status_code == 400
    assert (
        client.get(reverse("newsletter:preferences", args=[confirm_as_manage])).status_code == 400
    )
    subscriber.key = "nieuw"
    subscriber.save()
    assert client.get(reverse("newsletter:preferences", args=[good])).status_code == 400


def test_a_confirmation_link_older_than_a_week_is_refused(client, subscriber, monkeypatch):
    token = links.token(subscriber, "confirm")
    monkeypatch.setattr(links, "CONFIRM_MAX_AGE", -1)  # as if the week had passed

    response = client.get(reverse("newsletter:confirm", args=[token]))

    assert response.status_code == 400
    assert "verlopen" in response.content.decode()


def test_the_preference_page_changes_interests_and_shows_the_consent_date(
    client, subscriber, werkplaats_a
):
    path = links.path(subscriber, "manage")

    page = client.get(path).content.decode()
    client.post(path, {"werkplaatsen": [werkplaats_a.pk]})

    assert "toestemming" in page
    subscriber.refresh_from_db()
    assert not subscriber.whole_network
    assert list(subscriber.werkplaatsen.all()) == [werkplaats_a]
