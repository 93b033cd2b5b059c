"""The thesaurus in the beheer: network admins change it, editors of a werkplaats only look."""

import pytest
from django.urls import reverse

from kennisbrug.thesaurus.models import Concept, Label

pytestmark = pytest.mark.django_db


def change_url(concept: Concept) -> str:
    return reverse("admin:thesaurus_concept_change", args=[concept.pk])


def form_data(response) -> dict:
    """The change form as the browser would submit it, inline terms included."""
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for subform in formset.forms:
            for name in subform.fields:
                if subform[name].value() is not None:
                    data[subform.add_prefix(name)] = subform[name].value()
    return data


@pytest.fixture
def concept(db) -> Concept:
    return Concept.objects.get(slug="eenzaamheid")


def test_a_network_admin_changes_a_concept_and_its_terms(admin_client_, concept):
    data = form_data(admin_client_.get(change_url(concept)))
    data["pref_label"] = "eenzaamheid (gewijzigd)"
    data["labels-TOTAL_FORMS"] = str(int(data["labels-TOTAL_FORMS"]))
    extra = int(data["labels-INITIAL_FORMS"])
    data |= {f"labels-{extra}-text": "alleen op de wereld", f"labels-{extra}-kind": "hidden"}

    response = admin_client_.post(change_url(concept), data)

    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.pref_label == "eenzaamheid (gewijzigd)"
    assert concept.labels.filter(text="alleen op de wereld", kind="hidden").exists()


def test_an_editor_sees_a_concept_but_cannot_change_it(admin_client_, editor_a_client, concept):
    data = form_data(admin_client_.get(change_url(concept)))
    data["pref_label"] = "gewijzigd door een redacteur"

    assert editor_a_client.get(change_url(concept)).status_code == 200
    response = editor_a_client.post(change_url(concept), data)

    assert response.status_code == 403
    concept.refresh_from_db()
    assert concept.pref_label == "eenzaamheid"


def test_an_editor_cannot_add_a_concept_or_change_a_term(editor_a_client, concept):
    label = concept.labels.first()

    add = editor_a_client.post(
        reverse("admin:thesaurus_concept_add"), {"slug": "nieuw", "pref_label": "nieuw"}
    )
    change = editor_a_client.post(
        reverse("admin:thesaurus_label_change", args=[label.pk]),
        {"concept": concept.pk, "text": "gewijzigd", "kind": "alt", "language": "nl"},
    )

    assert add.status_code == 403 and change.status_code == 403
    assert not Concept.objects.filter(slug="nieuw").exists()
    label.refresh_from_db()
    assert label.text != "gewijzigd"


def test_the_beheer_refuses_a_broader_concept_below_the_concept_itself(admin_client_):
    poverty = Concept.objects.get(slug="armoede")
    child_poverty = Concept.objects.get(slug="kinderarmoede")
    data = form_data(admin_client_.get(change_url(poverty)))
    data["broader"] = [*data["broader"], child_poverty.pk]

    response = admin_client_.post(change_url(poverty), data)

    assert response.status_code == 200
    assert "kan niet onder zichzelf" in response.content.decode()
    assert not poverty.broader.filter(pk=child_poverty.pk).exists()


def test_the_concept_list_finds_a_concept_by_a_hidden_search_term(editor_a_client):
    response = editor_a_client.get(reverse("admin:thesaurus_concept_changelist"), {"q": "SHV"})

    assert response.status_code == 200
    assert "schuldhulpverlening" in response.content.decode()
    assert Label.objects.get(text="SHV").concept.slug == "schuldhulpverlening"
