"""Editors confirm or reject suggestions for their own werkplaats, on the record's page."""

import pytest
from django.urls import reverse

from kennisbrug.audit.models import AuditEntry
from kennisbrug.bridge import items
from kennisbrug.bridge.models import Link

pytestmark = pytest.mark.django_db
JUDGE = reverse("bridge:judge")


def form(subject, target, decision, next_url="/"):
    return {
        "subject": f"{items.kind_of(subject)}:{subject.pk}",
        "target": f"{items.kind_of(target)}:{target.pk}",
        "oordeel": decision,
        "next": next_url,
    }


@pytest.fixture
def method():
    return items.by_source_id("wsd-noord:prod-001")  # WSD Noord = werkplaats A


@pytest.fixture
def intervention():
    return items.by_source_id("DESI-1163")  # Budgetkring: suggested, not yet judged


def test_the_editor_of_the_werkplaats_confirms_a_suggestion(editor_a_client, method, intervention):
    response = editor_a_client.post(JUDGE, form(method, intervention, "bevestig", "/x/"))

    assert response.status_code == 302 and response["Location"] == "/x/#verbanden"
    link = Link.objects.get(subject_id=method.pk, target_id=intervention.pk)
    assert link.status == Link.Status.CONFIRMED
    assert link.decided_by.username == "redacteur-noord"
    audit = AuditEntry.objects.get(object_id=str(link.pk), content_type__app_label="bridge")
    assert (audit.actor, audit.werkplaats_id) == ("redacteur-noord", method.werkplaats_id)


def test_a_rejection_can_be_taken_back(editor_a_client, method, intervention):
    editor_a_client.post(JUDGE, form(method, intervention, "wijs-af"))
    assert Link.objects.get(subject_id=method.pk, target_id=intervention.pk).status == "afgewezen"

    editor_a_client.post(JUDGE, form(method, intervention, "herzie"))

    assert not Link.objects.filter(subject_id=method.pk, target_id=intervention.pk).exists()


@pytest.mark.parametrize("persona", ["editor_b", "contributor_a"])
def test_others_may_not_judge_werkplaats_a_links(request, client, persona, method, intervention):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(JUDGE, form(method, intervention, "bevestig"))

    assert response.status_code == 403
    assert not Link.objects.filter(subject_id=method.pk, target_id=intervention.pk).exists()


def test_an_anonymous_reader_is_sent_to_log_in(client, method, intervention):
    response = client.post(JUDGE, form(method, intervention, "bevestig"))

    assert response.status_code == 302 and "login" in response["Location"]
    assert not Link.objects.filter(subject_id=method.pk, target_id=intervention.pk).exists()


def test_an_intervention_cannot_be_the_subject(admin_client_, method, intervention):
    response = admin_client_.post(JUDGE, form(intervention, method, "bevestig"))

    assert response.status_code == 400


def test_a_foreign_next_address_is_not_followed(editor_a_client, method, intervention):
    response = editor_a_client.post(
        JUDGE, form(method, intervention, "bevestig", "https://example.com/")
    )

    assert response["Location"] == method.get_absolute_url() + "#verbanden"


def test_the_product_page_shows_suggestions_with_reasons_and_buttons_for_its_editor(
    client, editor_a_client, method
):
    public = client.get(method.get_absolute_url()).content.decode()
    editor = editor_a_client.get(method.get_absolute_url()).content.decode()

    assert "Erkende interventies die hierop lijken" in public
    assert "Deur op een Kier" in public and "Bevestigd" in public
    assert 'Gedeelde onderwerpen: <mark lang="nl">' in public
    assert "Vergelijkbaar werk in andere werkplaatsen" in public
    assert 'value="bevestig"' not in public
    assert 'value="bevestig"' in editor


def test_the_intervention_page_lists_related_regional_work(client):
    intervention = items.by_source_id("DESI-1208")

    page = client.get(intervention.get_absolute_url()).content.decode()

    assert "Regionaal werk dat hierop aansluit" in page
    assert "Het geldgesprek aan de keukentafel" in page


def test_the_project_page_shows_its_confirmed_intervention(client):
    project = items.by_source_id("wsd-noord:proj-iwp-armoede-emmen")

    page = client.get(project.get_absolute_url()).content.decode()

    assert "Krap &amp; Kansrijk" in page


def test_the_json_twin_has_both_lists(client, method):
    data = client.get(reverse("bridge:related-json", args=["product", method.pk])).json()

    assert set(data) == {"interventions", "elsewhere"}
    assert data["interventions"][0]["source_id"] == "DESI-1208"
    assert client.get(reverse("bridge:related-json", args=["werkplaats", 1])).status_code == 404
