"""The bulk write path gives what the row-by-row path gives: records, links, authors, audit
entries, search entries, tombstones and errors; only the number of queries differs."""

import json
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from kennisbrug.audit.models import AuditEntry
from kennisbrug.interchange import bulk
from kennisbrug.interchange.entities import ENTITIES
from kennisbrug.interchange.errors import ImportRejected
from kennisbrug.interchange.importer import ParsedRow, import_file, import_rows
from kennisbrug.interchange.lookups import Lookups
from kennisbrug.interventions.models import Intervention
from kennisbrug.oai.models import Tombstone
from kennisbrug.products.models import Authorship, Product
from kennisbrug.registry.models import Person
from kennisbrug.search.models import SearchEntry
from kennisbrug.themes.models import TargetGroup

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "demo" / "data"


class Rollback(Exception):
    pass


def product(source_id: str, **extra) -> dict:
    row = {
        "source": "bulk-test",
        "source_id": source_id,
        "kind": "methode",
        "title": f"Samen rondkomen in de wijk ({source_id})",
        "summary": "Vroegsignalering van geldzorgen met buurtteams.",
        "body": "Buurtteams en vrijwilligers bellen aan bij wie een betaalachterstand heeft.",
        "keywords": ["schulden", "vroegsignalering"],
        "target_groups": ["mensen met schulden"],
        "themes": ["schulden"],
        "year": 2024,
        "werkplaats": "WSDN",
        "authors": ["Test Auteur"],
        "status": "gepubliceerd",
    }
    row.update(extra)
    return row


def rows_of(items: list[dict]) -> list[tuple[int, dict]]:
    return [(line, dict(row)) for line, row in enumerate(items, start=1)]


def outcome(model, source: str) -> dict:
    """Everything an import of ``source`` rows leaves behind, without database ids."""
    records = {}
    for obj in model.objects.filter(source=source):
        values = {
            f.attname: getattr(obj, f.attname)
            for f in model._meta.concrete_fields
            if f.attname not in {"id", "created_at", "updated_at"}
        }
        values["themes"] = sorted(obj.themes.values_list("slug", flat=True))
        values["target_groups"] = sorted(obj.target_groups.values_list("name", flat=True))
        if model is Product:
            values["authors"] = [a.person.name for a in obj.authorship_set.order_by("position")]
        records[obj.source_id] = values
    by_pk = {str(obj.pk): obj.source_id for obj in model.objects.filter(source=source)}
    lines = {str(a.pk): a for a in Authorship.objects.select_related("product", "person")}
    names = dict(Person.objects.values_list("pk", "name"))
    audit = []
    for e in AuditEntry.objects.filter(id__gt=outcome.mark).order_by("id"):
        changes = {k: v for k, v in e.changes.items() if k not in {"id", "product_id"}}
        if "person_id" in changes:  # a new person's id differs per run on PostgreSQL
            changes["person_id"] = [names.get(pk) for pk in changes["person_id"]]
        target = by_pk.get(e.object_id, e.object_id)
        if e.content_type.model == "authorship":
            line = lines.get(e.object_id)  # None: deleted (its id differs per run on PostgreSQL)
            target = (line.product.source_id, line.person.name, line.position) if line else None
        if e.content_type.model in {"person", "targetgroup"}:
            target = e.object_repr
        audit.append(
            (e.action, e.content_type.model, str(target), e.object_repr, e.werkplaats_id, changes)
        )
    entries = SearchEntry.objects.filter(source=source)
    return {
        "records": records,
        # Order within a record's entries is the same; people and groups are made up front.
        "audit": sorted(audit, key=repr),
        "audit_per_record": [a for a in audit if a[1] not in {"person", "targetgroup"}],
        "people": sorted(Person.objects.values_list("name", "source", "source_id")),
        "groups": sorted(TargetGroup.objects.values_list("name", "slug")),
        "search": sorted(entries.values_list("source_id", "title", "theme_ids", "year")),
        "tombstones": sorted(Tombstone.objects.filter(source=source).values_list("source_id")),
    }


def both_paths(entity: str, items: list[dict], source: str, before=None) -> tuple[dict, dict]:
    """Import the rows once per path from the same starting point (each rolled back)."""
    results = []
    for use_bulk in (False, True):
        try:
            with transaction.atomic():
                if before:
                    before()
                outcome.mark = AuditEntry.objects.order_by("-id").values_list("id", flat=True)[0]
                result = import_rows(entity, rows_of(items), csv=False, bulk=use_bulk)
                results.append((dict(result.counts), outcome(ENTITIES[entity].model, source)))
                raise Rollback
        except Rollback:
            pass
    return results[0], results[1]


def test_new_products_come_out_the_same_on_both_paths():
    items = [
        product("n-1"),
        product("n-2", authors=["Nieuwe Auteur", "Test Auteur"], themes=["armoede", "schulden"]),
        product("n-3", target_groups=["Gezinnen met jonge kinderen"], werkplaats="wsd-zuyd"),
        product("n-4", year=None, published_on="2023-05-01", status="concept", authors=[]),
        product("n-5", keywords=[], target_groups=[], themes=[], werkplaats=None),
    ]
    row_path, bulk_path = both_paths("products", items, "bulk-test")

    assert row_path == bulk_path
    counts, seen = bulk_path
    assert counts == {"created": 5}
    assert seen["records"]["n-4"]["year"] == 2023  # as Product.save() would set it
    assert seen["records"]["n-2"]["authors"] == ["Nieuwe Auteur", "Test Auteur"]
    assert ("Nieuwe Auteur", "bulk-test", "naam:nieuwe-auteur") in seen["people"]
    assert len(seen["search"]) == 4  # the concept is not public, so not in the index


def test_changed_products_come_out_the_same_on_both_paths():
    first = [product(f"c-{i}") for i in range(1, 6)]
    changed = [
        product("c-1"),  # unchanged
        product("c-2", title="Een nieuwe titel", themes=["armoede"]),
        product("c-3", authors=["Tweede Auteur", "Test Auteur"]),
        product("c-4", status="concept"),  # leaves the public: gets a tombstone
        product("c-5", target_groups=["gezinnen"], keywords=["armoede"]),
        product("c-6"),  # new
    ]

    def before():
        import_rows("products", rows_of(first), csv=False, bulk=False)
        Tombstone.objects.create(
            source="bulk-test", source_id="c-6", set_specs=[], withdrawn_at="2025-01-01T00:00Z"
        )

    row_path, bulk_path = both_paths("products", changed, "bulk-test", before)

    assert row_path == bulk_path
    counts, seen = bulk_path
    assert counts == {"unchanged": 1, "updated": 4, "created": 1}
    assert seen["tombstones"] == [("c-4",)]  # c-6 is public again, c-4 no longer is
    assert ("delete", "authorship") in {a[:2] for a in seen["audit"]}  # c-3's old line
    assert any(a[5] == {"themes": {"removed": ["Schulden en geldzorgen"]}} for a in seen["audit"])


def test_interventions_come_out_the_same_on_both_paths():
    source = "databank-effectieve-sociale-interventies"
    items = [
        {
            "source": source,
            "source_id": f"BULK-{i}",
            "title": f"Buurtmaatjes {i}",
            "summary": "Vrijwilligers bezoeken ouderen die alleen zijn.",
            "themes": ["eenzaamheid"],
            "target_groups": ["ouderen", f"doelgroep {i}"],
            "evidence_level": "goed-onderbouwd",
            "recognised_on": "2024-03-01",
        }
        for i in range(4)
    ]
    row_path, bulk_path = both_paths("interventions", items, source)
    assert row_path == bulk_path
    assert bulk_path[0] == {"created": 4}


def test_the_demo_products_written_by_the_bulk_path_are_what_the_row_path_writes():
    # The test database holds the demo, loaded through the bulk path: the row path, which
    # compares every field, link and author, finds nothing to change in any demo file.
    files = sorted((DEMO / "products").glob("*.jsonl")) + [DEMO / "interventions.jsonl"]
    for path in files:
        entity = "interventions" if path.name == "interventions.jsonl" else "products"
        text = path.read_text("utf-8")
        rows = [(n, json.loads(line)) for n, line in enumerate(text.splitlines(), 1) if line]
        result = import_rows(entity, rows, csv=False, bulk=False)
        assert result.counts["created"] == result.counts["updated"] == 0, path.name


def test_an_error_late_in_a_large_file_writes_nothing(tmp_path):
    items = [
        product(f"e-{i}", target_groups=[f"groep {i}"], authors=[f"Persoon {i}"])
        for i in range(1200)
    ]
    items[1099]["themes"] = ["schulden", "geen-thema"]
    path = tmp_path / "groot.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in items), "utf-8")
    audit_before = AuditEntry.objects.count()

    with pytest.raises(ImportRejected) as caught:
        import_file("products", path)

    error = caught.value.errors[0]
    assert (error.line, error.field) == (1100, "themes")
    assert str(error) == "regel 1100, veld themes: onbekend: 'geen-thema'"
    assert not Product.objects.filter(source="bulk-test").exists()
    assert not TargetGroup.objects.filter(name__startswith="groep ").exists()
    assert not Person.objects.filter(name__startswith="Persoon ").exists()
    assert AuditEntry.objects.count() == audit_before


def test_a_failure_while_writing_names_its_line_and_rolls_everything_back(tmp_path):
    # Two spellings of one name make the same person key (naam:jan-test) in the same source:
    # the database refuses the second person; nothing of the file may remain.
    items = [product(f"w-{i}", target_groups=[f"schrijfgroep {i}"]) for i in range(1, 51)]
    items[29]["authors"] = ["Jan Test"]
    items[39]["authors"] = ["Jan  Test"]
    results = {}
    for use_bulk in (False, True):
        with pytest.raises(ImportRejected) as caught:
            import_rows("products", rows_of(items), csv=False, filename="w.jsonl", bulk=use_bulk)
        results[use_bulk] = [(e.line, e.field, e.message) for e in caught.value.errors]
        assert not Product.objects.filter(source="bulk-test").exists()
        assert not Person.objects.filter(name="Jan Test").exists()
        assert not TargetGroup.objects.filter(name__startswith="schrijfgroep").exists()
    assert results[True] == results[False]
    assert results[True][0][0] == 40


def test_a_reference_gone_before_writing_is_reported_like_full_clean_does():
    lookups = Lookups()
    entity = ENTITIES["products"]
    values = {
        fl.name: fl.parse(product("r-1").get(fl.name), False, lookups) for fl in entity.fields
    }
    item = ParsedRow(7, values, {"project_id": 987654})  # a project that does not exist
    with pytest.raises(Exception) as caught, transaction.atomic():
        bulk.write_bulk(entity, [item], lookups)
    assert caught.value.error_line == 7
    assert "project" in caught.value.message_dict
    assert not Product.objects.filter(source="bulk-test").exists()


def test_a_reimport_changes_nothing_and_costs_a_fixed_number_of_queries(
    tmp_path, django_assert_max_num_queries
):
    items = [product(f"i-{i}", authors=[f"Auteur {i % 7}"]) for i in range(600)]
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in items), "utf-8")
    with django_assert_max_num_queries(120):  # about twenty per row on the row path
        assert import_file("products", path).counts["created"] == 600
    stored = list(Product.objects.filter(source="bulk-test").values_list("pk", "updated_at"))
    links = list(Authorship.objects.filter(product__source="bulk-test").values_list("pk"))
    index = list(SearchEntry.objects.filter(source="bulk-test").values_list("pk", "seq"))
    audit_before = AuditEntry.objects.count()

    with django_assert_max_num_queries(40):
        result = import_file("products", path)

    assert dict(result.counts) == {"unchanged": 600}
    assert (
        list(Product.objects.filter(source="bulk-test").values_list("pk", "updated_at")) == stored
    )
    assert list(Authorship.objects.filter(product__source="bulk-test").values_list("pk")) == links
    assert list(SearchEntry.objects.filter(source="bulk-test").values_list("pk", "seq")) == index
    assert AuditEntry.objects.count() == audit_before


KNOWN_RECEIVERS = {
    "kennisbrug.audit.signals",
    "kennisbrug.search.signals",
    "kennisbrug.oai.signals",
}


@pytest.mark.parametrize("model", [Product, Intervention, Authorship])
def test_the_bulk_path_knows_every_receiver_of_its_models(model):
    # The bulk path writes without save signals and does their work itself (interchange/bulk.py).
    # A new receiver on these models must be taught to it, or the bulk path would skip it.
    senders = [model] + [f.remote_field.through for f in model._meta.many_to_many]
    modules = set()
    for signal in (pre_save, post_save, pre_delete, post_delete, m2m_changed):
        for sender in senders:
            sync, async_ = signal._live_receivers(sender)
            modules.update(r.__module__ for r in [*sync, *async_])
    assert modules <= KNOWN_RECEIVERS, modules - KNOWN_RECEIVERS


def test_only_entities_the_bulk_path_can_write_exactly_use_it():
    assert {name for name, e in ENTITIES.items() if e.bulk} == {"products", "interventions"}
    with pytest.raises(TypeError, match="rows refer to each other"):
        bulk.check_bulk_entity(ENTITIES["themes"])
    with pytest.raises(TypeError, match="extra field people"):
        bulk.check_bulk_entity(ENTITIES["projects"])
