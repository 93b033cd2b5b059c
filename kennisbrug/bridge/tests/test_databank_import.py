"""Importing a databank's export: idempotent, all or nothing, withdrawn instead of deleted."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command

from kennisbrug.bridge.databank import import_databank_export
from kennisbrug.interchange.errors import ImportRejected
from kennisbrug.interventions.models import Databank, Intervention
from kennisbrug.search.engine import search

pytestmark = pytest.mark.django_db
SLUG = "databank-effectieve-jeugdinterventies"


def export_rows(databank: Databank) -> list[dict]:
    """The databank's current interventions as its export would list them (Dutch columns)."""
    rows = []
    for i in databank.interventions.active().order_by("source_id"):
        rows.append(
            {
                "id": i.source_id,
                "naam": i.title,
                "samenvatting": i.summary,
                "doel": i.goal,
                "doelgroep": i.target_group_text,
                "aanpak": i.approach,
                "werkzame elementen": i.active_elements,
                "onderbouwing": i.rationale,
                "uitvoerende organisaties": i.providers,
                "beschrijving": i.body,
                "trefwoorden": i.keywords,
                "themas": sorted(t.slug for t in i.themes.all()),
                "doelgroepen": sorted(g.name for g in i.target_groups.all()),
                "erkenningsniveau": i.get_evidence_level_display() if i.evidence_level else "",
                "erkend op": i.recognised_on.isoformat() if i.recognised_on else "",
                "jaar": i.year,
                "link": i.url,
                "werkplaats": i.werkplaats.slug if i.werkplaats else "",
            }
        )
    return rows


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return path


def test_the_same_export_twice_changes_nothing(tmp_path):
    databank = Databank.objects.get(slug=SLUG)
    path = write_jsonl(tmp_path / "nji.jsonl", export_rows(databank))
    before = {i.pk: i.updated_at for i in databank.interventions.all()}

    result = import_databank_export(databank, path)

    assert result.counts["unchanged"] == len(before)
    assert result.counts["created"] == result.counts["updated"] == 0
    assert result.withdrawn == [] and result.restored == []
    assert {i.pk: i.updated_at for i in databank.interventions.all()} == before


def test_an_intervention_missing_from_a_full_export_is_withdrawn_not_deleted(tmp_path):
    databank = Databank.objects.get(slug=SLUG)
    rows = export_rows(databank)
    gone = rows.pop(0)
    path = write_jsonl(tmp_path / "nji.jsonl", rows)

    result = import_databank_export(databank, path)

    assert result.withdrawn == [gone["id"]]
    intervention = Intervention.objects.get(source=SLUG, source_id=gone["id"])
    assert intervention.withdrawn_at is not None
    assert gone["id"] not in [h.source_id for h in search(gone["naam"], limit=20).hits]
    # Importing the same file again withdraws nothing more and keeps the first date.
    first = intervention.withdrawn_at
    again = import_databank_export(databank, path)
    assert again.withdrawn == []
    intervention.refresh_from_db()
    assert intervention.withdrawn_at == first


def test_a_withdrawn_intervention_page_says_so(client, tmp_path):
    databank = Databank.objects.get(slug=SLUG)
    rows = export_rows(databank)
    gone = rows.pop()
    import_databank_export(databank, write_jsonl(tmp_path / "nji.jsonl", rows))
    intervention = Intervention.objects.get(source=SLUG, source_id=gone["id"])

    page = client.get(intervention.get_absolute_url()).content.decode()

    assert "staat niet meer in de databank" in page


def test_an_intervention_that_comes_back_is_restored(tmp_path):
    databank = Databank.objects.get(slug=SLUG)
    rows = export_rows(databank)
    import_databank_export(databank, write_jsonl(tmp_path / "a.jsonl", rows[1:]))

    result = import_databank_export(databank, write_jsonl(tmp_path / "b.jsonl", rows))

    assert result.restored == [rows[0]["id"]]
    assert Intervention.objects.get(source=SLUG, source_id=rows[0]["id"]).withdrawn_at is None


def test_a_partial_export_withdraws_nothing(tmp_path):
    databank = Databank.objects.get(slug=SLUG)
    rows = export_rows(databank)[:2]

    result = import_databank_export(
        databank, write_jsonl(tmp_path / "deel.jsonl", rows), full=False
    )

    assert result.withdrawn == []
    assert databank.interventions.active().count() == len(export_rows(databank))


def test_a_csv_export_with_a_new_intervention_and_all_fields(tmp_path):
    databank = Databank.objects.get(slug=SLUG)
    rows = export_rows(databank)
    new = {
        "id": "NJI-9001",
        "naam": "Samen Sterk Thuis – gezinscoaching na een verhuizing",
        "samenvatting": "Gezinnen die net verhuisd zijn krijgen een coach.",
        "doel": "Ouders hebben na zes maanden een steunend netwerk in de nieuwe buurt.",
        "doelgroep": "Gezinnen met kinderen tot 12 jaar die in het afgelopen jaar verhuisden.",
        "aanpak": "Tien huisbezoeken in vier maanden.",
        "werkzame elementen": "Vaste coach; netwerkkaart.",
        "onderbouwing": "Sociale steun beschermt tegen opvoedstress.",
        "uitvoerende organisaties": "Welzijnsorganisaties, CJG's",
        "beschrijving": "",
        "trefwoorden": "netwerk|verhuizing",
        "themas": "opvoeden-opgroeien",
        "doelgroepen": "",
        "erkenningsniveau": "Goed onderbouwd",
        "erkend op": "2025-06-01",
        "jaar": "2025",
        "link": "https://www.nji.nl/interventies/samen-sterk-thuis",
        "werkplaats": "",
    }
    path = tmp_path / "nji.csv"
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(new), delimiter=";")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    **row,
                    "trefwoorden": "|".join(row["trefwoorden"]),
                    "themas": "|".join(row["themas"]),
                    "doelgroepen": "|".join(row["doelgroepen"]),
                }
            )
        writer.writerow(new)

    result = import_databank_export(databank, path)

    assert result.counts["created"] == 1 and result.withdrawn == []
    made = Intervention.objects.get(source=SLUG, source_id="NJI-9001")
    assert made.evidence_level == "goed-onderbouwd"
    assert str(made.recognised_on) == "2025-06-01"
    assert made.active_elements == "Vaste coach; netwerkkaart."
    assert made.providers.startswith("Welzijnsorganisaties")
    assert [t.slug for t in made.themes.all()] == ["opvoeden-opgroeien"]
    assert made.url.endswith("samen-sterk-thuis")


def test_a_bad_line_writes_nothing_and_names_line_and_field(tmp_path):
    databank = Databank.objects.get(slug=SLUG)
    rows = export_rows(databank)[1:]  # would withdraw the first one if it were accepted
    rows[2]["erkend op"] = "vorig jaar"
    path = write_jsonl(tmp_path / "nji.jsonl", rows)

    with pytest.raises(ImportRejected) as caught:
        import_databank_export(databank, path)

    assert "regel 3, veld recognised_on" in str(caught.value)
    assert databank.interventions.filter(withdrawn_at__isnull=False).count() == 0


def test_a_row_of_another_databank_is_refused(tmp_path):
    databank = Databank.objects.get(slug=SLUG)
    rows = export_rows(databank)
    rows[0]["bron"] = "databank-effectieve-sociale-interventies"

    with pytest.raises(ImportRejected) as caught:
        import_databank_export(databank, write_jsonl(tmp_path / "nji.jsonl", rows))

    assert "regel 1, veld source" in str(caught.value)


def test_an_empty_full_export_is_refused(tmp_path):
    databank = Databank.objects.get(slug=SLUG)
    path = tmp_path / "leeg.csv"
    path.write_text("id;naam\n")

    with pytest.raises(ImportRejected):
        import_databank_export(databank, path)
    assert databank.interventions.filter(withdrawn_at__isnull=False).count() == 0


def test_the_command_reports_withdrawals_and_refuses_an_unknown_databank(tmp_path, capsys):
    databank = Databank.objects.get(slug=SLUG)
    rows = export_rows(databank)
    gone = rows.pop(0)["id"]
    path = write_jsonl(tmp_path / "nji.jsonl", rows)

    call_command("databank", SLUG, str(path))

    out = capsys.readouterr().out
    assert "1 ingetrokken" in out and f"ingetrokken: {gone}" in out
    with pytest.raises(CommandError) as caught:
        call_command("databank", "bestaat-niet", str(path))
    assert caught.value.returncode == 2
