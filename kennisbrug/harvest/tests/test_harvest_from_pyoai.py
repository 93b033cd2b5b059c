"""Our harvester against a server that is not ours (pyoai's), over real HTTP on loopback."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from kennisbrug.harvest.harvester import LOCAL, harvest, source_for
from kennisbrug.harvest.models import HarvestedRecord, HarvestRun
from kennisbrug.harvest.tests.remote_repository import Item, RemoteServer, Repository
from kennisbrug.products.models import Product

pytestmark = pytest.mark.django_db


def items(count: int = 25) -> list[Item]:
    return [
        Item(
            f"oai:repository.example.org:{n}",
            datetime.datetime(2024, 1, 1) + datetime.timedelta(days=n),
            {
                "title": [f"Lectoraatsonderzoek naar wijkgericht werken, deel {n}"],
                "creator": ["Vos, Annelies", "Bakker, Youssef"],
                "subject": ["wijkteams", "sociale basis"],
                "description": [f"Verslag {n} van praktijkgericht onderzoek in de wijk."],
                "date": [f"2024-02-{(n % 28) + 1:02d}"],
                "type": ["Rapport"],
                "identifier": [f"https://repository.example.org/item/{n}"],
                "rights": ["CC BY 4.0"],
            },
        )
        for n in range(1, count + 1)
    ]


def products(source):
    return Product.objects.filter(source=source.slug)


def later() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + datetime.timedelta(hours=1)


def test_a_broken_connection_halfway_is_resumed_by_the_next_run_without_duplicates():
    with RemoteServer(Repository(items()), page_size=10) as remote:
        remote.break_request = 3  # Identify, page 1, then page 2 breaks off halfway
        source = source_for(remote.url)
        first = harvest(source)
        source.refresh_from_db()
        token_after_first = source.resumption_token
        after_first = products(source).count()
        remote.break_request = None
        second = harvest(source)

    assert first.status == HarvestRun.Status.FAILED
    assert "XML" in first.error or "verbinding" in first.error
    assert after_first == first.created == 10
    assert token_after_first  # it knew where to go on
    assert second.status == HarvestRun.Status.DONE and second.resumed
    assert "resumptionToken" in remote.requests[3]  # the rerun went on, it did not start over
    assert second.created == 15
    assert products(source).count() == 25
    assert HarvestedRecord.objects.filter(source=source).count() == 25


def test_records_map_dublin_core_to_products_with_the_origin_of_each_field():
    with RemoteServer(Repository(items(3))) as remote:
        source = source_for(remote.url)
        harvest(source)

    product = products(source).get(source_id="oai:repository.example.org:2")
    link = HarvestedRecord.objects.get(product=product)
    assert product.title == "Lectoraatsonderzoek naar wijkgericht werken, deel 2"
    assert product.kind == "onderzoeksrapport" and product.licence == "cc-by-4.0"
    assert product.keywords == ["wijkteams", "sociale basis"]
    assert [a.person.name for a in product.authorship_set.all()] == [
        "Vos, Annelies",
        "Bakker, Youssef",
    ]
    assert product.published_on == datetime.date(2024, 2, 3)
    assert product.status == Product.Status.PUBLISHED
    assert link.origins["title"]["element"] == "dc:title"
    assert link.origins["url"]["element"] == "dc:identifier"


def test_the_next_run_asks_only_for_changes_and_applies_them():
    repository = Repository(items(12))
    with RemoteServer(repository) as remote:
        source = source_for(remote.url)
        harvest(source)
        source.refresh_from_db()
        quiet = harvest(source)
        changed = repository.items["oai:repository.example.org:5"]
        changed.dc = changed.dc | {"title": ["Deel 5, herziene uitgave"]}
        changed.datestamp = later()
        gone = repository.items["oai:repository.example.org:6"]
        gone.deleted, gone.datestamp = True, later()
        busy = harvest(source)

    assert quiet.status == busy.status == HarvestRun.Status.DONE
    assert remote.requests[-1]["from"] == source.harvested_until
    assert (quiet.created, quiet.updated) == (0, 0)
    assert (busy.created, busy.updated, busy.withdrawn) == (0, 1, 1)
    assert products(source).get(source_id=changed.identifier).title == "Deel 5, herziene uitgave"
    assert products(source).get(source_id=gone.identifier).status == Product.Status.CONCEPT
    assert products(source).count() == 12


def test_a_field_edited_here_is_kept_and_its_origin_becomes_local():
    repository = Repository(items(2))
    with RemoteServer(repository) as remote:
        source = source_for(remote.url)
        harvest(source)
        product = products(source).get(source_id="oai:repository.example.org:1")
        product.summary = "Samenvatting door de redactie van de werkplaats."
        product.save()
        item = repository.items[product.source_id]
        item.dc = item.dc | {
            "description": ["Nieuwe tekst van de bron."],
            "title": ["Nieuwe titel"],
        }
        item.datestamp = later()
        harvest(source)

    product.refresh_from_db()
    origins = HarvestedRecord.objects.get(product=product).origins
    assert product.summary == "Samenvatting door de redactie van de werkplaats."
    assert product.title == "Nieuwe titel"
    assert origins["summary"]["element"] == LOCAL and origins["title"]["element"] == "dc:title"


def test_harvesting_everything_again_changes_nothing():
    with RemoteServer(Repository(items(15))) as remote:
        source = source_for(remote.url)
        harvest(source)
        again = harvest(source, start="2000-01-01")

    assert (again.created, again.updated, again.unchanged) == (0, 0, 15)
    assert products(source).count() == 15


def test_the_harvest_command_and_the_log_page(client):
    with RemoteServer(Repository(items(4))) as remote:
        out = StringIO()
        call_command("harvest", remote.url, "--werkplaats", "wsd-noord", stdout=out)
        call_command("harvest", "--all", stdout=out)

    assert "4 nieuw" in out.getvalue() and "0 nieuw" in out.getvalue()
    assert (
        Product.objects.filter(werkplaats__slug="wsd-noord", source__startswith="oai-").count() == 4
    )
    page = client.get("/oogst/").content.decode()
    assert "Repository Hogeschool Testland" in page and "klaar" in page


def test_an_unreachable_source_fails_the_command_but_is_logged():
    with pytest.raises(Exception, match="mislukt"):
        call_command("harvest", "http://127.0.0.1:9/oai", stdout=StringIO(), stderr=StringIO())

    run = HarvestRun.objects.get(source__url="http://127.0.0.1:9/oai")
    assert run.status == HarvestRun.Status.FAILED and "verbinding" in run.error
