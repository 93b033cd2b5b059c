"""Exports in the import formats, schema.org JSON-LD and the theme taxonomy as SKOS."""

import csv
import io

import openpyxl
import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF, SKOS

from kennisbrug.interchange.entities import ENTITIES
from kennisbrug.interchange.importer import import_rows
from kennisbrug.interchange.readers import read_csv, read_jsonl
from kennisbrug.products.models import Product
from kennisbrug.themes.models import Theme

pytestmark = pytest.mark.django_db
SCHEMA = Namespace("https://schema.org/")


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_jsonl_export_holds_only_published_products_and_imports_back_unchanged(client):
    response = client.get("/export/products.jsonl")
    rows = list(read_jsonl(body(response).decode()))

    assert response.status_code == 200
    assert len(rows) == Product.objects.published().count()
    assert {row["status"] for _line, row in rows} == {"gepubliceerd"}
    result = import_rows("products", rows, csv=False)
    assert result.counts["unchanged"] == len(rows) and not result.counts["created"]


def test_the_csv_export_imports_back_unchanged(client):
    text = body(client.get("/export/projects.csv")).decode()

    assert next(csv.reader(io.StringIO(text))) == ENTITIES["projects"].field_names
    result = import_rows("projects", read_csv(text), csv=True)
    assert result.counts["created"] == result.counts["updated"] == 0


def test_the_xlsx_export_has_the_csv_header_and_a_row_per_record(client):
    response = client.get("/export/products.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert list(rows[0]) == ENTITIES["products"].field_names
    assert len(rows) - 1 == Product.objects.published().count()


@pytest.mark.parametrize("name", ["werkplaatsen", "organisations", "themes", "interventions"])
def test_every_main_entity_exports_in_three_formats(client, name):
    for fmt in ("jsonl", "csv", "xlsx"):
        response = client.get(f"/export/{name}.{fmt}")
        assert response.status_code == 200, fmt
        assert f"kennisbrug-{name}.{fmt}" in response["Content-Disposition"]


def test_schema_org_json_ld_parses_offline_with_rdflib(client):
    graph = Graph().parse(
        data=client.get("/export/schema-org/products.jsonld").content, format="json-ld"
    )
    named = {
        str(o) for s, _p, o in graph.triples((None, SCHEMA.name, None)) if "/producten/" in str(s)
    }

    assert named == set(Product.objects.published().values_list("title", flat=True))
    assert (None, RDF.type, SCHEMA.Report) in graph


def test_the_theme_taxonomy_is_skos_in_turtle_and_json_ld(client):
    turtle = Graph().parse(data=client.get("/export/themas.ttl").content, format="turtle")
    jsonld = Graph().parse(data=client.get("/export/themas.jsonld").content, format="json-ld")

    concepts = set(turtle.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == Theme.objects.count()
    assert len(turtle) == len(jsonld)
    child = Theme.objects.filter(parent__isnull=False).first()
    assert any(
        str(o).endswith(f"/themas/{child.parent.slug}/")
        for _s, _p, o in turtle.triples((None, SKOS.broader, None))
    )


def test_the_export_page_links_every_format(client):
    html = client.get("/export/").content.decode()

    assert html.count("<h1") == 1
    assert "/export/products.xlsx" in html and "/export/themas.ttl" in html


def test_an_unknown_export_is_404(client):
    assert client.get("/export/people.csv").status_code == 404
    assert client.get("/export/products.pdf").status_code == 404
