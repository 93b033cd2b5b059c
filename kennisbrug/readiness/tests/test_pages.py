"""The check page, the editors' form, the draft as PDF and DOCX, the institutes' list."""

import csv
import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from kennisbrug.bridge import items
from kennisbrug.readiness.models import ReadinessCheck

pytestmark = pytest.mark.django_db


@pytest.fixture
def method():
    return items.by_source_id("wsd-noord:prod-001")  # demo: checked, overdraagbaarheid missing


def test_the_check_page_shows_score_missing_parts_and_close_interventions(client, method):
    page = client.get(reverse("readiness:check", args=[method.pk])).content.decode()

    assert "/100" in page and "Bijna" in page
    assert "Overdraagbaarheid ontbreekt" in page
    assert "Deur op een Kier" in page  # the closest recognised intervention
    assert "concept.pdf" in page and "concept.docx" in page
    assert "Check bewerken" not in page  # the public may read, not edit


def test_an_unchecked_method_is_estimated_from_its_text(client):
    method = items.by_source_id("wsd-zhz:prod-002")
    assert not ReadinessCheck.objects.filter(product=method).exists()

    page = client.get(reverse("readiness:check", args=[method.pk])).content.decode()

    assert "Dit is een schatting." in page


def test_the_editor_fills_in_the_check_for_their_own_method(editor_a_client, method):
    url = reverse("readiness:edit", args=[method.pk])
    form = editor_a_client.get(url).content.decode()
    assert "Overdraagbaarheid" in form

    data = {f: getattr(method.readiness_check, f) for f in method.readiness_check.fields()}
    data["overdraagbaarheid"] = (
        "Er is een handleiding en een draaiboek voor de training. De kern ligt vast; de sociale "
        "kaart passen teams aan. Andere gemeenten in Drenthe werken er al mee."
    )
    response = editor_a_client.post(url, data)

    assert response.status_code == 302
    check = ReadinessCheck.objects.get(product=method)
    assert check.overdraagbaarheid.startswith("Er is een handleiding")
    assert check.updated_by.username == "redacteur-noord"
    page = editor_a_client.get(reverse("readiness:check", args=[method.pk])).content.decode()
    assert "Overdraagbaarheid ontbreekt" not in page and "Check bewerken" in page


@pytest.mark.parametrize("persona", ["editor_b", "contributor_a"])
def test_others_may_not_fill_in_werkplaats_a_checks(request, client, persona, method):
    client.force_login(request.getfixturevalue(persona))
    before = ReadinessCheck.objects.get(product=method).aanleiding

    response = client.post(reverse("readiness:edit", args=[method.pk]), {"aanleiding": "x"})

    assert response.status_code == 403
    assert ReadinessCheck.objects.get(product=method).aanleiding == before


def test_the_editor_of_an_unchecked_method_gets_a_prefilled_form(editor_a_client):
    method = items.by_source_id("wsd-noord:prod-001")
    ReadinessCheck.objects.filter(product=method).delete()

    form = editor_a_client.get(reverse("readiness:edit", args=[method.pk])).content.decode()

    assert "Voorlopig ingevuld" in form
    assert "Niemand vroeg ernaar" in form  # from "Waarom deze werkwijze" → aanleiding


def test_the_draft_pdf_has_the_worksheet_sections_and_names_what_is_missing(client, method):
    response = client.get(reverse("readiness:draft-pdf", args=[method.pk]))

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for heading in (
        "1. Samenvatting",
        "2. Probleem en aanleiding",
        "5. Aanpak",
        "8. Onderzoek naar praktijkervaringen",
        "Nog aan te vullen",
    ):
        assert heading in text
    assert "[Nog in te vullen]" in text and "Overdraagbaarheid ontbreekt" in text
    assert "Deur op een Kier" in text


def test_the_draft_docx_has_the_same_structure(client, method):
    response = client.get(reverse("readiness:draft-docx", args=[method.pk]))

    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["1. Samenvatting", "2. Probleem en aanleiding", "3. Doelgroep"]
    assert "Nog aan te vullen" in headings
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Overdraagbaarheid ontbreekt" in body and "Hoofddoel: geldzorgen" in body


def test_the_institutes_list_sorts_methods_by_readiness_and_exports_csv(client):
    page = client.get(reverse("readiness:candidates")).content.decode()
    assert "Het geldgesprek aan de keukentafel" in page and "geschat" in page

    response = client.get(reverse("readiness:candidates-csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode()), delimiter=";"))

    scores = [int(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True) and len(rows) >= 10
    noord = next(r for r in rows if r["methode"].startswith("Het geldgesprek"))
    assert noord["ingevuld_door_werkplaats"] == "ja" and "Overdraagbaarheid" in noord["ontbreekt"]


def test_a_method_page_links_to_its_check(client, method):
    page = client.get(method.get_absolute_url()).content.decode()

    assert reverse("readiness:check", args=[method.pk]) in page


def test_a_concept_product_has_no_check_page(client, werkplaats_a):
    from kennisbrug.products.models import Product

    concept = Product.objects.create(
        source_id="rd-1", kind="methode", title="Concept", werkplaats=werkplaats_a
    )
    assert client.get(reverse("readiness:check", args=[concept.pk])).status_code == 404
