"""Bad requests get the OAI-PMH error code the protocol prescribes."""

import xml.etree.ElementTree as ET

import pytest

from kennisbrug.products.models import Product

pytestmark = pytest.mark.django_db
OAI = "{http://www.openarchives.org/OAI/2.0/}"


def error_code(client, query: str) -> str | None:
    response = client.get(f"/oai?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    error = ET.fromstring(response.content).find(f"{OAI}error")
    return None if error is None else error.get("code")


@pytest.mark.parametrize(
    "query,code",
    [
        ("", "badVerb"),
        ("verb=Opruimen", "badVerb"),
        ("verb=Identify&verb=Identify", "badVerb"),
        ("verb=Identify&extra=1", "badArgument"),
        ("verb=ListRecords", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=gisteren", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2024-01-01T00:00:00Z",
            "badArgument",
        ),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-01&until=2024-01-01", "badArgument"),
        ("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"),
        ("verb=ListRecords&resumptionToken=zomaar", "badResumptionToken"),
        ("verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc", "badArgument"),
        ("verb=ListIdentifiers&metadataPrefix=oai_dc&from=2099-01-01", "noRecordsMatch"),
        ("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elders:x/y", "idDoesNotExist"),
        ("verb=ListSets&resumptionToken=x", "badResumptionToken"),
        ("verb=ListMetadataFormats&identifier=oai:127.0.0.1:geen/record", "idDoesNotExist"),
        ("verb=Identify", None),
    ],
)
def test_bad_arguments_get_the_right_error_code(client, query, code):
    assert error_code(client, query) == code


def test_get_record_in_the_richer_format_carries_every_import_field(client):
    product = Product.objects.published().exclude(keywords=[]).first()
    identifier = f"oai:127.0.0.1:{product.source}/{product.source_id}"

    response = client.get(f"/oai?verb=GetRecord&metadataPrefix=kennisbrug&identifier={identifier}")
    root = ET.fromstring(response.content)
    ns = "{urn:kennisbrug:oai:product:1}"
    record = root.find(f"{OAI}GetRecord/{OAI}record/{OAI}metadata/{ns}product")

    assert record.find(f"{ns}title").text == product.title
    assert [k.text for k in record.findall(f"{ns}keywords")] == product.keywords
    assert record.find(f"{ns}werkplaats").text == product.werkplaats.slug


def test_post_requests_are_answered_like_get(client):
    response = client.post("/oai", {"verb": "Identify"})

    assert b"<repositoryName>" in response.content
