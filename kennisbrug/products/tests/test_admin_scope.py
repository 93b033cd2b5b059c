"""An editor works on their own werkplaats only; the network admin on everything."""

import re

import pytest
from django.urls import reverse

from kennisbrug.audit.models import AuditEntry
from kennisbrug.products.models import Product

pytestmark = pytest.mark.django_db


def make_product(werkplaats, title: str, status=Product.Status.CONCEPT) -> Product:
    return Product.objects.create(
        source="test",
        source_id=title,
        kind="factsheet",
        title=title,
        werkplaats=werkplaats,
        status=status,
    )


def change_url(product: Product) -> str:
    return reverse("admin:products_product_change", args=[product.pk])


def form_data(product: Product, **changes) -> dict:
    data = {
        "kind": product.kind,
        "title": product.title,
        "summary": product.summary,
        "body": product.body,
        "keywords": "[]",
        "werkplaats": product.werkplaats_id,
        "status": product.status,
        "licence": "",
        "evidence_level": "",
        "url": "",
        "authorship_set-TOTAL_FORMS": "0",
        "authorship_set-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_an_editor_opens_and_changes_a_product_of_their_own_werkplaats(
    editor_a_client, editor_a, werkplaats_a
):
    product = make_product(werkplaats_a, "Eigen factsheet")

    assert editor_a_client.get(change_url(product)).status_code == 200
    response = editor_a_client.post(change_url(product), form_data(product, title="Bijgewerkt"))

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.title == "Bijgewerkt"
    entry = AuditEntry.objects.filter(object_id=str(product.pk), action="update").first()
    assert entry.user == editor_a and entry.werkplaats == werkplaats_a
    assert entry.changes["title"] == ["Eigen factsheet", "Bijgewerkt"]


def test_an_editor_gets_no_edit_form_for_another_werkplaats(editor_a_client, werkplaats_b):
    product = make_product(werkplaats_b, "Factsheet van Zuyd")

    response = editor_a_client.get(change_url(product))

    # Django's admin answers a record outside the queryset with a redirect to the index.
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert (
        "Factsheet van Zuyd"
        not in editor_a_client.get(reverse("admin:products_product_changelist")).content.decode()
    )


def test_an_editor_cannot_change_another_werkplaats_by_posting(editor_a_client, werkplaats_b):
    product = make_product(werkplaats_b, "Factsheet van Zuyd")

    editor_a_client.post(change_url(product), form_data(product, title="Gekaapt"))

    product.refresh_from_db()
    assert product.title == "Factsheet van Zuyd"


def test_an_editor_cannot_add_a_product_for_another_werkplaats(
    editor_a_client, werkplaats_a, werkplaats_b
):
    draft = Product(kind="factsheet", title="Ondergeschoven", werkplaats=werkplaats_b)

    response = editor_a_client.post(reverse("admin:products_product_add"), form_data(draft))

    assert response.status_code == 200  # the form comes back with an error
    assert not Product.objects.filter(title="Ondergeschoven").exists()


@pytest.mark.parametrize(
    "changelist", ["admin:products_product_changelist", "admin:audit_auditentry_changelist"]
)
def test_an_editor_sees_only_their_own_werkplaats_in_products_and_audit_log(
    editor_a_client, werkplaats_a, werkplaats_b, changelist
):
    make_product(werkplaats_a, "Van Noord")
    make_product(werkplaats_b, "Van Zuyd")

    page = editor_a_client.get(reverse(changelist)).content.decode()

    assert "Van Noord" in page and "Van Zuyd" not in page


def test_an_editor_may_look_at_themes_but_not_change_them(editor_a_client):
    from kennisbrug.themes.models import Theme

    theme = Theme.objects.get(slug="armoede")
    url = reverse("admin:themes_theme_change", args=[theme.pk])

    assert editor_a_client.get(url).status_code == 200
    editor_a_client.post(url, {"name": "Gewijzigd", "slug": "armoede", "position": 0})

    theme.refresh_from_db()
    assert theme.name == "Armoede"


def test_the_network_admin_changes_any_werkplaats(admin_client_, werkplaats_b):
    product = make_product(werkplaats_b, "Factsheet van Zuyd")

    admin_client_.post(change_url(product), form_data(product, title="Door beheer"))

    product.refresh_from_db()
    assert product.title == "Door beheer"


def test_a_contributor_submits_for_review_but_cannot_publish(contributor_a_client, werkplaats_a):
    product = make_product(werkplaats_a, "Bijdrage")
    changelist = reverse("admin:products_product_changelist")

    contributor_a_client.post(changelist, {"action": "publish", "_selected_action": [product.pk]})
    product.refresh_from_db()
    assert product.status == Product.Status.CONCEPT

    contributor_a_client.post(
        changelist, {"action": "submit_for_review", "_selected_action": [product.pk]}
    )
    product.refresh_from_db()
    assert product.status == Product.Status.REVIEW

    # Nor by the form: "gepubliceerd" is not a choice for a contributor.
    response = contributor_a_client.post(
        change_url(product), form_data(product, status=Product.Status.PUBLISHED)
    )
    assert response.status_code == 200
    product.refresh_from_db()
    assert product.status == Product.Status.REVIEW


def test_the_anonymous_reader_is_sent_to_the_login(client, werkplaats_a):
    product = make_product(werkplaats_a, "Eigen factsheet")
    response = client.get(change_url(product))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_the_add_form_offers_an_editor_only_their_own_werkplaats(
    editor_a_client, werkplaats_a, werkplaats_b
):
    page = editor_a_client.get(reverse("admin:products_product_add")).content.decode()

    select = re.search(r'<select name="werkplaats".*?</select>', page, re.S).group(0)
    assert f'<option value="{werkplaats_a.pk}"' in select
    assert f'<option value="{werkplaats_b.pk}"' not in select


@pytest.mark.parametrize(
    "name",
    [
        "admin:index",
        "admin:registry_werkplaats_changelist",
        "admin:projects_project_changelist",
        "admin:projects_project_add",
        "admin:themes_agenda_changelist",
        "admin:registry_membership_changelist",
        "admin:audit_auditentry_changelist",
    ],
)
def test_the_editors_pages_in_the_beheer_open(editor_a_client, name):
    assert editor_a_client.get(reverse(name)).status_code == 200


def test_a_new_product_of_an_editor_with_one_werkplaats_starts_in_that_werkplaats(
    editor_a_client, werkplaats_a
):
    page = editor_a_client.get(reverse("admin:products_product_add")).content.decode()

    select = re.search(r'<select name="werkplaats".*?</select>', page, re.S).group(0)
    assert f'<option value="{werkplaats_a.pk}" selected>' in select
