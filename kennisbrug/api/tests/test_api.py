"""Reading, searching and writing through the REST API, as a program would."""

import json

import pytest
from django.core.cache import cache
from django.core.management import call_command

from kennisbrug.api.models import ApiToken
from kennisbrug.audit.models import AuditEntry
from kennisbrug.products.models import Product
from kennisbrug.search.engine import search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def bearer(user) -> dict:
    _token, raw = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def put(client, path, data, **headers):
    return client.put(path, json.dumps(data), content_type="application/json", **headers)


NEW_PRODUCT = {
    "kind": "handreiking",
    "title": "Handreiking voor het keukentafelgesprek over geldzorgen",
    "summary": "Zo begin je het gesprek over geld zonder dat iemand zich schaamt.",
    "werkplaats": "wsd-noord",
    "themes": [],
    "status": "concept",
}


def test_a_product_list_shows_only_published_products_with_stable_links(client):
    response = client.get("/api/v1/products?per_page=100")
    body = response.json()

    assert response.status_code == 200
    assert body["count"] == Product.objects.published().count()
    first = body["results"][0]
    assert first["links"]["self"].endswith(
        f"/api/v1/products/{first['source']}/{first['source_id']}"
    )
    assert {r["status"] for r in body["results"]} == {"gepubliceerd"}


def test_a_record_reads_by_source_and_source_id(client):
    product = Product.objects.published().first()
    response = client.get(f"/api/v1/products/{product.source}/{product.source_id}")

    assert response.status_code == 200
    assert response.json()["title"] == product.title


def test_filters_narrow_the_list(client, werkplaats_a):
    body = client.get("/api/v1/products?werkplaats=wsd-noord&per_page=100").json()
    expected = Product.objects.published().filter(werkplaats=werkplaats_a).count()

    assert body["count"] == expected > 0
    assert {r["werkplaats"] for r in body["results"]} == {"wsd-noord"}


def test_search_answers_as_the_site_does(client):
    body = client.get("/api/v1/search?q=schulden&per_page=5").json()
    site = search("schulden", per_page=5)

    assert body["total"] == site.total
    assert [h["source_id"] for h in body["hits"]] == [h.source_id for h in site.hits]
    assert {f["name"] for f in body["facets"]} >= {"soort", "werkplaats", "thema"}


@pytest.mark.parametrize(
    "path,status",
    [
        ("/api/v1/products?page=0", 400),
        ("/api/v1/products?per_page=101", 400),
        ("/api/v1/products?modified_since=gisteren", 400),
        ("/api/v1/search?soort=onzin", 400),
        ("/api/v1/producten", 404),
        ("/api/v1/products/kennisbrug/bestaat-niet", 404),
        ("/api/iets", 404),
    ],
)
def test_bad_requests_get_a_json_error(client, path, status):
    response = client.get(path)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == status and response.json()["error"]


def test_writing_without_a_token_is_refused(client):
    response = put(client, "/api/v1/products/kennisbrug/nieuw", NEW_PRODUCT)

    assert response.status_code == 401
    assert not Product.objects.filter(source_id="nieuw").exists()


def test_an_editor_creates_and_updates_a_product_of_their_werkplaats(client, editor_a):
    auth = bearer(editor_a)
    path = "/api/v1/products/kennisbrug/keukentafel"

    created = put(client, path, NEW_PRODUCT, **auth)
    again = put(client, path, NEW_PRODUCT | {"status": "gepubliceerd"}, **auth)

    assert created.status_code == 201 and again.status_code == 200
    product = Product.objects.get(source="kennisbrug", source_id="keukentafel")
    assert product.status == "gepubliceerd"
    assert AuditEntry.objects.filter(actor__contains="API-token").exists()


def test_a_token_cannot_write_another_werkplaats(client, editor_b):
    response = put(client, "/api/v1/products/kennisbrug/x", NEW_PRODUCT, **bearer(editor_b))

    assert response.status_code == 403
    assert not Product.objects.filter(source_id="x").exists()


def test_a_token_cannot_change_a_record_of_another_werkplaats(client, editor_a):
    other = Product.objects.published().exclude(werkplaats__slug="wsd-noord").first()
    row = NEW_PRODUCT | {"source": other.source, "source_id": other.source_id}

    response = client.post(
        "/api/v1/products", json.dumps(row), content_type="application/json", **bearer(editor_a)
    )

    assert response.status_code == 403
    other.refresh_from_db()
    assert other.title != NEW_PRODUCT["title"]


def test_a_contributor_submits_for_review_but_cannot_publish(client, contributor_a):
    auth = bearer(contributor_a)
    review = put(
        client, "/api/v1/products/kennisbrug/r", NEW_PRODUCT | {"status": "ter-review"}, **auth
    )
    publish = put(
        client, "/api/v1/products/kennisbrug/p", NEW_PRODUCT | {"status": "gepubliceerd"}, **auth
    )

    assert review.status_code == 201
    assert publish.status_code == 403
    assert not Product.objects.filter(source_id="p").exists()


def test_an_invalid_record_names_the_field_and_writes_nothing(client, editor_a):
    response = put(
        client,
        "/api/v1/products/kennisbrug/fout",
        NEW_PRODUCT | {"kind": "roman", "year": "ooit"},
        **bearer(editor_a),
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"kind", "year"}
    assert not Product.objects.filter(source_id="fout").exists()


def test_an_editor_deletes_a_product_of_their_werkplaats(client, editor_a):
    auth = bearer(editor_a)
    put(client, "/api/v1/products/kennisbrug/weg", NEW_PRODUCT, **auth)

    response = client.delete("/api/v1/products/kennisbrug/weg", **auth)

    assert response.status_code == 204
    assert not Product.objects.filter(source_id="weg").exists()


def test_a_revoked_token_no_longer_works(client, editor_a):
    auth = bearer(editor_a)
    ApiToken.objects.get(user=editor_a).revoke()

    assert client.get("/api/v1/products", **auth).status_code == 401


def test_read_only_resources_refuse_writes(client, network_admin):
    response = client.post(
        "/api/v1/werkplaatsen", "{}", content_type="application/json", **bearer(network_admin)
    )

    assert response.status_code == 405
    assert response["Allow"] == "GET"


def test_the_rate_limit_answers_429_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = 3
    statuses = [client.get("/api/v1/themes").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert int(client.get("/api/v1/themes")["Retry-After"]) > 0


def test_the_docs_page_lists_every_operation_without_scripts(client):
    response = client.get("/api/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "GET /api/v1/products/{source}/{source_id}" in html
    assert "<script" not in html


def test_the_apitoken_command_issues_a_working_token(client, editor_a, capsys):
    call_command("apitoken", "create", editor_a.username, "--name", "script")
    raw = capsys.readouterr().out.strip()

    assert raw.startswith("kb_")
    response = put(
        client, "/api/v1/products/kennisbrug/cmd", NEW_PRODUCT, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    "value,status",
    [("0045-08-12T20:47:16.7+21:32", 200), ("0001-01-01T00:00:00+05:00", 400)],
)
def test_modified_since_with_any_iso_offset_is_answered_not_crashed(client, value, status):
    from urllib.parse import quote

    response = client.get(f"/api/v1/themes?modified_since={quote(value)}")

    assert response.status_code == status


def test_a_nul_character_in_a_record_is_refused_on_every_database(client, editor_a):
    row = NEW_PRODUCT | {"keywords": ["schuld\x00hulp"]}

    response = put(client, "/api/v1/products/kennisbrug/nul", row, **bearer(editor_a))

    assert response.status_code == 400 and "keywords" in response.json()["fields"]
