import json
from pathlib import Path

import pytest

from kennisbrug.audit.models import AuditEntry
from kennisbrug.interchange.errors import ImportRejected
from kennisbrug.interchange.importer import import_file
from kennisbrug.products.models import Product
from kennisbrug.registry.models import Municipality

pytestmark = pytest.mark.django_db


def product(source_id: str, **extra) -> dict:
    row = {
        "source": "test-bron",
        "source_id": source_id,
        "kind": "methode",
        "title": f"Buurtgesprekken over geldzorgen ({source_id})",
        "summary": "Een korte werkwijze voor gesprekken over rondkomen.",
        "body": "Professionals voeren het gesprek aan de keukentafel.",
        "keywords": ["schulden", "vroegsignalering"],
        "target_groups": ["mensen met schulden"],
        "themes": ["schulden"],
        "year": 2024,
        "werkplaats": "WSDN",
        "authors": ["Test Auteur"],
        "status": "gepubliceerd",
        "evidence_level": "",
    }
    row.update(extra)
    return row


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_a_valid_file_creates_its_records_with_their_origin(tmp_path, werkplaats_a):
    path = write_jsonl(tmp_path / "p.jsonl", [product("a-1"), product("a-2")])

    result = import_file("products", path)

    assert result.counts["created"] == 2
    created = Product.objects.get(source="test-bron", source_id="a-1")
    assert created.werkplaats == werkplaats_a  # found by its alias "WSDN"
    assert created.keywords == ["schulden", "vroegsignalering"]
    assert [t.slug for t in created.themes.all()] == ["schulden"]
    assert [g.name for g in created.target_groups.all()] == ["mensen met schulden"]
    assert [a.name for a in created.authors.all()] == ["Test Auteur"]


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [product("b-1"), product("b-2")])
    import_file("products", path)
    before = list(Product.objects.filter(source="test-bron").values_list("pk", "updated_at"))
    audit_before = AuditEntry.objects.count()

    result = import_file("products", path)

    assert result.counts["unchanged"] == 2 and result.counts["created"] == 0
    after = list(Product.objects.filter(source="test-bron").values_list("pk", "updated_at"))
    assert after == before
    assert AuditEntry.objects.count() == audit_before


def test_a_changed_line_updates_its_record_and_is_audited(tmp_path):
    import_file("products", write_jsonl(tmp_path / "p.jsonl", [product("c-1")]))
    changed = write_jsonl(
        tmp_path / "p2.jsonl", [product("c-1", title="Nieuwe titel", themes=["armoede"])]
    )

    result = import_file("products", changed)

    assert result.counts["updated"] == 1
    record = Product.objects.get(source="test-bron", source_id="c-1")
    assert record.title == "Nieuwe titel"
    assert [t.slug for t in record.themes.all()] == ["armoede"]
    entries = AuditEntry.objects.filter(
        content_type__model="product", object_id=str(record.pk), action="update"
    )
    title_change = next(e for e in entries if "title" in e.changes)
    assert title_change.changes["title"] == [
        "Buurtgesprekken over geldzorgen (c-1)",
        "Nieuwe titel",
    ]
    assert title_change.actor == "import p2.jsonl"
    assert any(e.changes.get("themes") == {"added": ["Armoede"]} for e in entries)


def test_one_bad_line_rejects_the_whole_file_naming_line_and_field(tmp_path):
    path = write_jsonl(
        tmp_path / "p.jsonl", [product("d-1"), product("d-2"), product("d-3", kind="boek")]
    )

    with pytest.raises(ImportRejected) as caught:
        import_file("products", path)

    error = caught.value.errors[0]
    assert (error.line, error.field) == (3, "kind")
    assert "boek" in str(caught.value) and "regel 3" in str(caught.value)
    assert not Product.objects.filter(source="test-bron").exists()


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        ({"werkplaats": "WSD Atlantis"}, "werkplaats", "onbekend"),
        ({"themes": ["geen-thema"]}, "themes", "onbekend"),
        ({"year": "twintig"}, "year", "geheel getal"),
        ({"keywords": "los woord"}, "keywords", "lijst"),
        ({"title": ""}, "title", "verplicht"),
        ({"url": "niet een url"}, "url", "URL"),
        ({"onbekend_veld": 1}, "onbekend_veld", "onbekend veld"),
        ({"published_on": "31-12-2024"}, "published_on", "JJJJ-MM-DD"),
    ],
)
def test_bad_values_are_named_by_field(tmp_path, bad, field, message):
    path = write_jsonl(tmp_path / "p.jsonl", [product("e-1", **bad)])
    with pytest.raises(ImportRejected) as caught:
        import_file("products", path)
    assert caught.value.errors[0].field == field
    assert message in caught.value.errors[0].message


def test_broken_json_is_reported_with_its_line(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(product("f-1")) + "\n{niet: json}\n", "utf-8")
    with pytest.raises(ImportRejected, match="regel 2"):
        import_file("products", path)
    assert not Product.objects.filter(source="test-bron").exists()


def test_a_key_twice_in_one_file_is_an_error(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [product("g-1"), product("g-1")])
    with pytest.raises(ImportRejected, match="staat al op regel 1"):
        import_file("products", path)


def test_a_failure_while_writing_rolls_everything_back(tmp_path):
    # The second line passes the field checks but breaks a model rule (title too long is caught
    # early, so use an agenda that ends before it starts).
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            {
                "source_id": "t-1",
                "werkplaats": "wsd-noord",
                "title": "Goed",
                "start_year": 2030,
                "end_year": 2032,
            },
            {
                "source_id": "t-2",
                "werkplaats": "wsd-zuyd",
                "title": "Fout",
                "start_year": 2031,
                "end_year": 2029,
            },
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        import_file("agendas", path)
    assert caught.value.errors[0].line == 2
    from kennisbrug.themes.models import Agenda

    assert not Agenda.objects.filter(source_id__in=["t-1", "t-2"]).exists()


def test_csv_lists_and_counts_use_the_documented_separators(tmp_path, werkplaats_b):
    path = tmp_path / "projecten.csv"
    path.write_text(
        "source,source_id,werkplaats,title,kind,practice_question,themes,municipalities,"
        "participants,people,nationally_relevant,start,end\n"
        'test-bron,pr-1,WSD Zuyd,Samen tegen armoede,werkteam,"Hoe bereiken we gezinnen?",'
        "armoede|schulden,Maastricht|GM0917,professional=12|student=4,"
        "Anna Test=professional!|Bram Test=student,ja,2024,2026\n",
        "utf-8",
    )

    import_file("projects", path)

    from kennisbrug.projects.models import Project

    project = Project.objects.get(source="test-bron", source_id="pr-1")
    assert project.werkplaats == werkplaats_b
    assert sorted(t.slug for t in project.themes.all()) == ["armoede", "schulden"]
    assert sorted(m.name for m in project.municipalities.all()) == ["Heerlen", "Maastricht"]
    assert dict(project.participant_counts.values_list("role", "count")) == {
        "professional": 12,
        "student": 4,
    }
    lead = project.people.get(is_lead=True)
    assert lead.person.name == "Anna Test"
    assert project.nationally_relevant is True
    assert (project.start.isoformat(), project.end.isoformat()) == ("2024-01-01", "2026-12-31")


def test_the_cbs_municipality_table_is_read_as_published(tmp_path):
    path = tmp_path / "gemeenten.csv"
    path.write_text(
        "Gemeentecode;GemeentecodeGM;Gemeentenaam;Provinciecode;ProvinciecodePV;Provincienaam\n"
        "1680;GM1680;Aa en Hunze;22;PV22;Drenthe\n"
        "363;GM0363;Amsterdam;27;PV27;Noord-Holland\n",
        "utf-8",
    )

    result = import_file("municipalities", path, "cbs")

    assert result.counts["created"] == 1  # Amsterdam was already in the demo data
    aa = Municipality.objects.get(code="GM1680")
    assert (aa.name, aa.province.name) == ("Aa en Hunze", "Drenthe")


def test_a_cbs_table_without_its_code_column_is_refused(tmp_path):
    path = tmp_path / "gemeenten.csv"
    path.write_text("Naam;Provincie\nAmsterdam;Noord-Holland\n", "utf-8")
    with pytest.raises(ImportRejected, match="GemeentecodeGM"):
        import_file("municipalities", path, "cbs")
