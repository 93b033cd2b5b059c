"""Attachments are checked at upload and their text is kept for search."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kennisbrug.lib.tests.test_textextract import make_docx, make_pdf
from kennisbrug.products.models import Attachment, Product
from kennisbrug.products.tests.test_admin_scope import change_url, form_data, make_product

pytestmark = pytest.mark.django_db


def upload(client, product: Product, name: str, data: bytes):
    payload = form_data(
        product,
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "Het rapport",
            "attachments-0-file": SimpleUploadedFile(name, data),
        },
    )
    return client.post(change_url(product), payload)


def test_an_uploaded_pdf_is_stored_with_its_text(editor_a_client, werkplaats_a):
    product = make_product(werkplaats_a, "Rapport met bijlage")

    response = upload(editor_a_client, product, "rapport.pdf", make_pdf("Armoede in Emmen"))

    assert response.status_code == 302
    attachment = Attachment.objects.get(product=product)
    assert attachment.media_type == "application/pdf"
    assert "Armoede in Emmen" in attachment.text
    assert attachment.size > 0


def test_an_uploaded_docx_is_stored_with_its_text(editor_a_client, werkplaats_a):
    product = make_product(werkplaats_a, "Verslag")

    upload(editor_a_client, product, "verslag.docx", make_docx("Mantelzorg in Assen"))

    assert Attachment.objects.get(product=product).text == "Mantelzorg in Assen"


def test_a_fake_pdf_is_refused_and_nothing_is_stored(editor_a_client, werkplaats_a):
    product = make_product(werkplaats_a, "Verdacht")

    response = upload(editor_a_client, product, "rapport.pdf", b"MZ this is a program")

    assert response.status_code == 200
    assert "geen PDF" in response.content.decode()
    assert not Attachment.objects.filter(product=product).exists()


def test_a_too_large_file_is_refused(editor_a_client, werkplaats_a, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    product = make_product(werkplaats_a, "Groot")

    response = upload(editor_a_client, product, "rapport.pdf", make_pdf("x" * 200))

    assert response.status_code == 200
    assert not Attachment.objects.filter(product=product).exists()


def test_the_product_page_links_the_attachment(client, editor_a_client, werkplaats_a):
    product = make_product(werkplaats_a, "Openbaar", status=Product.Status.PUBLISHED)
    upload(editor_a_client, product, "rapport.pdf", make_pdf("Tekst"))

    page = client.get(reverse("front:product", args=[product.pk])).content.decode()

    assert "Het rapport" in page and ".pdf" in page
