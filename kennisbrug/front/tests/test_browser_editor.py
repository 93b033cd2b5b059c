"""The editor's flow end to end, in Dutch, in the beheer: a contributor adds a product with an
attachment and submits it for review; the network admin publishes it; it appears in search."""

import uuid

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kennisbrug.front.tests.conftest import BROWSER_PASSWORD
from kennisbrug.lib.tests.test_textextract import make_pdf
from kennisbrug.products.models import Product

# No django_db mark: see the committed_db fixture.
pytestmark = [pytest.mark.browser]


def log_in(page, username: str) -> None:
    page.goto(reverse("admin:login"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(BROWSER_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/beheer/")


def test_a_contributor_submits_a_product_an_admin_publishes_it_and_search_finds_it(
    browser, site_url, browser_accounts, committed_db, tmp_path, shoot
):
    token = uuid.uuid4().hex[:6]
    title = f"Valpreventie in Hengelo: een buurtgids ({token})"
    pdf = tmp_path / "buurtgids.pdf"
    pdf.write_bytes(make_pdf("Valpreventie bij thuiswonende ouderen in Hengelo"))

    # 1. The contributor writes the product and offers it for review.
    contributor = browser.new_context(base_url=site_url, locale="nl-NL").new_page()
    log_in(contributor, browser_accounts["contributor"])
    contributor.goto(reverse("admin:products_product_changelist"))
    contributor.locator("#content a.addlink").first.click()  # not the sidebar's add links
    contributor.wait_for_url("**/add/")
    contributor.locator("#id_kind").select_option("handreiking")
    contributor.locator("#id_title").fill(title)
    contributor.locator("#id_summary").fill(
        "Een buurtgids voor vrijwilligers die ouderen helpen vallen thuis te voorkomen."
    )
    contributor.locator("#id_keywords").fill("valpreventie, ouderen, buurt")
    contributor.locator("#id_werkplaats").select_option(label="WSD Twente")
    contributor.locator("#id_status").select_option("ter-review")
    assert contributor.locator("#id_status option[value='gepubliceerd']").count() == 0
    contributor.locator("input[name='attachments-0-title']").fill("De buurtgids")
    contributor.locator("input[name='attachments-0-file']").set_input_files(str(pdf))
    shoot(contributor, "beheer-kennisproduct-toevoegen")
    contributor.get_by_role("button", name="Opslaan", exact=True).click()
    expect(contributor.locator(".messagelist .success")).to_have_count(1)
    contributor.context.close()

    product = Product.objects.get(title=title)
    assert product.status == Product.Status.REVIEW
    assert "Valpreventie bij thuiswonende ouderen" in product.attachments.get().text

    # 2. Not public yet: no page, not in search.
    admin = browser.new_context(base_url=site_url, locale="nl-NL").new_page()
    assert admin.goto(product.get_absolute_url()).status == 404
    admin.goto(reverse("search:results") + f"?q={token}")
    assert admin.get_by_text(title).count() == 0

    # 3. The network admin finds it among the products for review and publishes it.
    log_in(admin, browser_accounts["admin"])
    admin.goto(reverse("admin:products_product_changelist") + "?status__exact=ter-review")
    row = admin.locator("tr", has=admin.get_by_role("link", name=title))
    row.locator("input.action-select").check()
    admin.locator("select[name='action']").select_option("publish")
    admin.get_by_role("button", name="Uitvoeren").click()
    assert "1 product(en) gepubliceerd." in admin.locator(".messagelist").inner_text()
    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED

    # 4. Everyone finds it now, with its attachment.
    admin.goto(reverse("search:results") + "?q=valpreventie+hengelo+buurtgids")
    admin.get_by_role("link", name=title).click()
    admin.wait_for_url(f"**{product.get_absolute_url()}")
    assert admin.locator("h1").inner_text() == title
    download = admin.locator("a.download")
    assert download.inner_text() == "De buurtgids"
    assert download.get_attribute("href").endswith(".pdf")
    shoot(admin, "kennisproduct-na-publicatie")
    admin.context.close()


# Marked django_db, so the test database exists even when this file runs alone: pytest-django
# sets up databases only for sessions in which some test asks for one.
@pytest.mark.django_db
def test_the_beheer_welcomes_editors_in_dutch(page):
    page.goto(reverse("admin:login"))

    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_label("Gebruikersnaam").count() == 1
    assert page.get_by_role("button", name="Aanmelden").count() == 1
