"""An established OAI-PMH client (sickle) harvests our provider over HTTP."""

import datetime

import pytest
from sickle import Sickle

from kennisbrug.oai.tests.loopback import over_http
from kennisbrug.products.models import Product

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_pages(settings):
    settings.OAI_PAGE_SIZE = 10


def harvest(**kwargs):
    def client(base):
        sickle = Sickle(f"{base}/oai", max_retries=0, timeout=30)
        return [
            (record.header.identifier, record.header.deleted, getattr(record, "metadata", None))
            for record in sickle.ListRecords(ignore_deleted=False, **kwargs)
        ]

    return over_http(client)


def test_sickle_harvests_every_published_product_through_resumption_tokens():
    records = harvest(metadataPrefix="oai_dc")
    published = Product.objects.published()

    assert published.count() > 10  # so the list needed resumption tokens
    assert len(records) == published.count()
    assert len({identifier for identifier, _deleted, _md in records}) == len(records)
    titles = {md["title"][0] for _i, _d, md in records}
    assert titles == set(published.values_list("title", flat=True))


def test_a_from_query_returns_only_what_changed_since():
    changed = list(Product.objects.published().order_by("pk")[:3])
    later = datetime.datetime(2031, 5, 1, 12, tzinfo=datetime.UTC)
    Product.objects.filter(pk__in=[p.pk for p in changed]).update(updated_at=later)

    records = harvest(metadataPrefix="oai_dc", **{"from": "2031-05-01"})

    assert sorted(i.rsplit("/", 1)[1] for i, _d, _m in records) == sorted(
        p.source_id for p in changed
    )


def test_sets_select_by_werkplaats(werkplaats_a):
    records = harvest(metadataPrefix="oai_dc", set="werkplaats:wsd-noord")

    assert len(records) == Product.objects.published().filter(werkplaats=werkplaats_a).count()


def test_a_deleted_product_is_reported_as_deleted():
    product = Product.objects.published().first()
    identifier_end = f"{product.source}/{product.source_id}"
    product.delete()

    records = harvest(metadataPrefix="oai_dc", set=f"soort:{product.kind}")

    deleted = [i for i, is_deleted, _m in records if is_deleted]
    assert len(deleted) == 1 and deleted[0].endswith(identifier_end)


def test_unpublishing_reports_deleted_and_republishing_brings_it_back():
    product = Product.objects.published().first()
    product.status = Product.Status.REVIEW
    product.save()
    first = {i: d for i, d, _m in harvest(metadataPrefix="kennisbrug")}
    product.status = Product.Status.PUBLISHED
    product.save()
    second = {i: d for i, d, _m in harvest(metadataPrefix="kennisbrug")}

    key = next(i for i in first if i.endswith(f"/{product.source_id}"))
    assert first[key] is True and second[key] is False


def test_identify_and_formats_through_sickle():
    def client(base):
        sickle = Sickle(f"{base}/oai", max_retries=0)
        identify = sickle.Identify()
        prefixes = [f.metadataPrefix for f in sickle.ListMetadataFormats()]
        sets = [s.setSpec for s in sickle.ListSets()]
        return identify, prefixes, sets

    identify, prefixes, sets = over_http(client)

    assert identify.protocolVersion == "2.0"
    assert identify.deletedRecord == "persistent"
    assert prefixes == ["oai_dc", "kennisbrug"]
    assert "werkplaats:wsd-noord" in sets and "soort:methode" in sets
