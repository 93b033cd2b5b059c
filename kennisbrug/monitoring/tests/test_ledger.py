"""The co-financing ledger: validation, imports (all or nothing) and who may edit what."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kennisbrug.interchange.errors import ImportRejected
from kennisbrug.monitoring.ledger_import import import_ledger
from kennisbrug.monitoring.models import CoFinancing
from kennisbrug.registry.models import Membership

pytestmark = pytest.mark.django_db
HEADER = "partner,year,hours_planned,hours_realised,hourly_rate,money_planned,money_realised,note"


def partner_of(werkplaats) -> str:
    membership = Membership.objects.filter(werkplaats=werkplaats).select_related("organisation")
    return membership.order_by("organisation__name").first().organisation.name


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_negative_hours_and_years_outside_any_period_are_refused(werkplaats_a):
    line = CoFinancing(
        werkplaats=werkplaats_a,
        partner=Membership.objects.filter(werkplaats=werkplaats_a).first().organisation,
        year=2024,
        hours_realised=Decimal("-3"),
    )
    with pytest.raises(ValidationError) as negative:
        line.full_clean()
    assert "hours_realised" in negative.value.message_dict

    line.hours_realised, line.year = Decimal("3"), 2040
    with pytest.raises(ValidationError) as outside:
        line.full_clean()
    assert "geen subsidieperiode" in outside.value.message_dict["year"][0]

    line.year = 2021  # a period exists, but this werkplaats had no subsidy in it
    with pytest.raises(ValidationError) as no_subsidy:
        line.full_clean()
    assert "geen subsidie" in no_subsidy.value.message_dict["year"][0]


def test_a_csv_import_writes_every_line_and_again_changes_nothing(werkplaats_a):
    partner = partner_of(werkplaats_a)
    data = f'{HEADER}\n"{partner}",2024,100,"80,5",,"1.250,00",1000,\n'.encode()
    CoFinancing.objects.filter(werkplaats=werkplaats_a, year=2024).delete()

    first = import_ledger("noord.csv", data, werkplaats=werkplaats_a)
    again = import_ledger("noord.csv", data, werkplaats=werkplaats_a)

    line = CoFinancing.objects.get(werkplaats=werkplaats_a, year=2024, partner__name=partner)
    assert line.hours_realised == Decimal("80.5")
    assert line.money_planned == Decimal("1250.00")
    assert line.hourly_rate is None
    assert first.counts["created"] == 1
    assert again.counts["unchanged"] == 1


def test_a_bad_line_rejects_the_whole_file_and_names_line_and_field(werkplaats_a):
    partner = partner_of(werkplaats_a)
    before = list(CoFinancing.objects.order_by("pk").values_list("pk", "hours_realised"))
    data = (
        f"{HEADER}\n"
        f'"{partner}",2025,999,999,,0,0,wordt niet opgeslagen\n'
        f'"{partner}",2024,10,-4,,0,0,\n'
        f'"Onbekende Stichting",2024,10,4,,0,0,\n'
        f'"{partner}",2041,10,4,,0,0,\n'
    ).encode()

    with pytest.raises(ImportRejected) as rejected:
        import_ledger("fout.csv", data, werkplaats=werkplaats_a)

    messages = [str(error) for error in rejected.value.errors]
    assert "regel 3, veld hours_realised: mag niet negatief zijn" in messages
    assert any(m.startswith("regel 4, veld partner: onbekend") for m in messages)
    assert list(CoFinancing.objects.order_by("pk").values_list("pk", "hours_realised")) == before


def test_a_year_without_a_period_is_refused_at_write_time_with_its_line(werkplaats_a):
    partner = partner_of(werkplaats_a)
    data = f'{HEADER}\n"{partner}",2025,1,1,,0,0,\n"{partner}",2041,10,4,,0,0,\n'.encode()
    count = CoFinancing.objects.count()

    with pytest.raises(ImportRejected) as rejected:
        import_ledger("fout.csv", data, werkplaats=werkplaats_a)

    assert str(rejected.value.errors[0]).startswith("regel 3, veld year:")
    assert CoFinancing.objects.count() == count


def test_an_xlsx_import_reads_typed_cells_and_reports_spreadsheet_rows(werkplaats_a):
    partner = partner_of(werkplaats_a)
    good = xlsx([HEADER.split(","), [partner, 2023, 12.5, 10, 80, 0, 250.75, "uit Excel"]])
    bad = xlsx(
        [
            HEADER.split(","),
            [partner, 2023, 1, 1, None, 0, 0],
            [partner, 2023, 1, "veel"],
            [partner, 2023, 2, 2],
        ]
    )

    import_ledger("noord.xlsx", good, werkplaats=werkplaats_a)
    with pytest.raises(ImportRejected) as rejected:
        import_ledger("noord.xlsx", bad, werkplaats=werkplaats_a)

    line = CoFinancing.objects.get(werkplaats=werkplaats_a, year=2023, partner__name=partner)
    assert (line.hours_planned, line.money_realised, line.note) == (
        Decimal("12.5"),
        Decimal("250.75"),
        "uit Excel",
    )
    messages = [str(error) for error in rejected.value.errors]
    assert any(m.startswith("regel 3, veld hours_realised") for m in messages)
    assert any("regel 4, veld year: staat al op regel 2" in m for m in messages)


def test_an_editor_imports_on_the_own_ledger_page(editor_a_client, werkplaats_a):
    partner = partner_of(werkplaats_a)
    upload = SimpleUploadedFile(
        "noord.csv", f'{HEADER}\n"{partner}",2026,5,5,,0,0,via de site\n'.encode()
    )

    response = editor_a_client.post(
        reverse("monitoring:ledger-import", args=[werkplaats_a.slug]), {"file": upload}
    )

    assert response.status_code == 302
    assert CoFinancing.objects.get(
        werkplaats=werkplaats_a, year=2026, partner__name=partner
    ).note == ("via de site")


def test_an_import_with_errors_shows_them_and_writes_nothing(editor_a_client, werkplaats_a):
    partner = partner_of(werkplaats_a)
    upload = SimpleUploadedFile("noord.csv", f'{HEADER}\n"{partner}",2026,-5,5,,0,0,\n'.encode())
    count = CoFinancing.objects.count()

    response = editor_a_client.post(
        reverse("monitoring:ledger-import", args=[werkplaats_a.slug]), {"file": upload}
    )

    assert response.status_code == 400
    assert "regel 2, veld hours_planned: mag niet negatief zijn" in response.content.decode()
    assert CoFinancing.objects.count() == count


def test_an_editor_cannot_import_into_another_werkplaats(
    editor_a_client, werkplaats_a, werkplaats_b
):
    partner = partner_of(werkplaats_b)
    csv = f'werkplaats,{HEADER}\nwsd-zuyd,"{partner}",2025,5,5,,0,0,\n'.encode()

    other_page = editor_a_client.post(
        reverse("monitoring:ledger-import", args=[werkplaats_b.slug]),
        {"file": SimpleUploadedFile("zuyd.csv", csv)},
    )
    own_page = editor_a_client.post(
        reverse("monitoring:ledger-import", args=[werkplaats_a.slug]),
        {"file": SimpleUploadedFile("zuyd.csv", csv)},
    )

    assert other_page.status_code == 403
    assert own_page.status_code == 400
    assert (
        "regel 2, veld werkplaats: deze regel hoort niet bij wsd-noord" in own_page.content.decode()
    )


def test_contributors_and_readers_may_not_import(contributor_a_client, client, werkplaats_a):
    url = reverse("monitoring:ledger-import", args=[werkplaats_a.slug])

    assert contributor_a_client.get(url).status_code == 403
    assert client.get(url).status_code == 302  # to the login page


def test_in_the_beheer_an_editor_sees_and_changes_only_the_own_ledger(
    editor_a_client, werkplaats_a, werkplaats_b
):
    own = CoFinancing.objects.filter(werkplaats=werkplaats_a).first()
    other = CoFinancing.objects.filter(werkplaats=werkplaats_b).first()

    listing = editor_a_client.get(reverse("admin:monitoring_cofinancing_changelist"))
    own_form = editor_a_client.get(reverse("admin:monitoring_cofinancing_change", args=[own.pk]))
    other_form = editor_a_client.get(
        reverse("admin:monitoring_cofinancing_change", args=[other.pk])
    )

    assert listing.status_code == 200
    assert (
        listing.context["cl"].result_count
        == CoFinancing.objects.filter(werkplaats=werkplaats_a).count()
    )
    assert own_form.status_code == 200
    assert other_form.status_code == 302  # "not found" in the admin redirects to the index


def test_the_ledger_export_goes_round_through_the_import(client, werkplaats_a):
    before = list(
        CoFinancing.objects.filter(werkplaats=werkplaats_a)
        .order_by("pk")
        .values_list("pk", "hours_realised", "money_realised", "hourly_rate")
    )

    exported = client.get(reverse("monitoring:ledger-xlsx", args=[werkplaats_a.slug])).content
    result = import_ledger("terug.xlsx", exported, werkplaats=werkplaats_a)

    sheet = load_workbook(io.BytesIO(exported)).active
    assert sheet.max_row - 1 == len(before) > 0
    assert result.counts["unchanged"] == len(before)
    assert (
        list(
            CoFinancing.objects.filter(werkplaats=werkplaats_a)
            .order_by("pk")
            .values_list("pk", "hours_realised", "money_realised", "hourly_rate")
        )
        == before
    )


def test_an_editor_reading_english_gets_the_import_errors_in_english(editor_a_client, werkplaats_a):
    partner = partner_of(werkplaats_a)
    csv = f'{HEADER}\n"{partner}",2026,-5,5,,0,0,\n"{partner}",2026,5,5,,12.345,0,\n'.encode()
    editor_a_client.cookies["django_language"] = "en"

    response = editor_a_client.post(
        reverse("monitoring:ledger-import", args=[werkplaats_a.slug]),
        {"file": SimpleUploadedFile("noord.csv", csv)},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "line 2, field hours_planned: must not be negative" in page
    assert "line 3, field money_planned: at most 2 decimal places" in page
    assert "regel" not in page and "veld" not in page


def test_the_command_line_keeps_the_import_errors_dutch(werkplaats_a):
    csv = f"{HEADER}\nNiemand,2026,-5,5,,0,0,\n".encode()

    with pytest.raises(ImportRejected) as rejected:
        import_ledger("noord.csv", csv, werkplaats=werkplaats_a)

    assert str(rejected.value.errors[0]).startswith("regel 2, veld ")
