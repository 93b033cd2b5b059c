"""The editor's side: composition, reordering, previews, a test to themself; the archive."""

import pytest
from django.urls import reverse

from kennisbrug.newsletter.compose import compose, sections
from kennisbrug.newsletter.models import Issue, IssueItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(db) -> Issue:
    demo = Issue.objects.get(slug="nieuwsbrief-demo")
    issue = Issue.objects.create(
        title="Concept", slug="concept", period_start=demo.period_start, period_end=demo.period_end
    )
    compose(issue)
    return issue


def test_an_issue_composes_itself_grouped_news_first_then_events(draft):
    groups = [label for label, _ in sections(draft)]

    assert groups[:2] == ["Nieuws en dossier", "Evenementen"]
    news = [item.title for item in sections(draft)[0][1]]
    assert news[0].startswith("Leerateliers in Groningen")  # the newest first
    events = [item.title for item in sections(draft)[1][1]]
    assert events == [
        "Landelijke Werkplaatsendag: samen leren in het sociaal domein",
        "Symposium Armoede en schulden: wat werkt in de wijk?",
    ]


def test_a_werkplaats_issue_holds_only_that_werkplaats(draft, werkplaats_a):
    draft.werkplaats = werkplaats_a
    draft.save()
    compose(draft)

    titles = list(draft.items.values_list("title", flat=True))
    assert any(t.startswith("Leerateliers in Groningen") for t in titles)
    assert not any(t.startswith("Drie gemeenten in Zuid-Limburg") for t in titles)


def test_the_editor_reorders_items_by_their_numbers(draft):
    last = draft.items.filter(kind=IssueItem.Kind.NEWS).order_by("position").last()
    last.position = 1
    last.save()

    assert sections(draft)[0][1][0] == last


def test_previews_show_the_issue_on_the_web_in_html_mail_and_in_text(draft, admin_client_):
    item = draft.items.first()
    for name in ["voorbeeld", "voorbeeld_mail", "voorbeeld_tekst"]:
        response = admin_client_.get(reverse(f"admin:newsletter_issue_{name}", args=[draft.pk]))
        assert response.status_code == 200, name
        assert item.title in response.content.decode(), name


def test_the_editor_sends_a_test_to_themself_only(draft, admin_client_, network_admin, mailoutbox):
    admin_client_.post(reverse("admin:newsletter_issue_proef", args=[draft.pk]))

    (message,) = mailoutbox
    assert message.to == [network_admin.email]
    assert message.subject == "[PROEF] Concept"
    assert "List-Unsubscribe" not in message.extra_headers
    draft.refresh_from_db()
    assert draft.status == Issue.Status.DRAFT and not draft.deliveries.exists()


def test_an_editor_of_another_werkplaats_cannot_open_a_network_issue(draft, client, editor_b):
    client.force_login(editor_b)

    response = client.get(reverse("admin:newsletter_issue_voorbeeld", args=[draft.pk]))

    assert response.status_code == 404


def test_the_archive_lists_sent_issues_and_hides_drafts(client, draft):
    archive = client.get(reverse("newsletter:archive")).content.decode()
    demo = Issue.objects.get(slug="nieuwsbrief-demo")

    assert demo.title in archive and draft.title not in archive
    page = client.get(demo.get_absolute_url()).content.decode()
    assert "Welkom bij de nieuwsbrief" in page
    assert client.get(reverse("newsletter:issue", args=[draft.slug])).status_code == 404
