"""Programmes and external projects come in through the interchange import: all or nothing,
idempotent, errors by line and field; an imported project is checked by the radar."""

import json

import pytest
from django.core import mail

from kennisbrug.interchange.errors import ImportRejected
from kennisbrug.interchange.importer import import_file
from kennisbrug.programmes.models import ExternalProject
from kennisbrug.radar.models import Subscription

pytestmark = pytest.mark.django_db

ROW = {
    "source": "city-deal-nijmegen",
    "source_id": "cd-2026-07",
    "programme": "city-deal-kennis-maken",
    "title": "Ontmoeten in Lindenholt: een eettafel tegen eenzaamheid",
    "summary": "Studenten van HAN en ROC Nijmegen openen een wekelijkse eettafel.",
    "municipalities": ["Nijmegen"],
    "themes": ["eenzaamheid"],
    "partners": ["Hogeschool van Arnhem en Nijmegen", "ROC Nijmegen"],
    "start": "2026-09-01",
    "end": "2027",
    "contact_name": "Proef Persoon",
    "contact_email": "proef@example.org",
    "url": "https://citydealkennismaken.nl/",
}


def write_jsonl(tmp_path, rows):
    path = tmp_path / "externe-projecten.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_importing_the_same_file_twice_makes_one_project(tmp_path):
    path = write_jsonl(tmp_path, [ROW])

    first = import_file("external-projects", path)
    second = import_file("external-projects", path)

    assert first.counts["created"] == 1
    assert second.counts == {"unchanged": 1}
    project = ExternalProject.objects.get(source="city-deal-nijmegen", source_id="cd-2026-07")
    assert project.programme.slug == "city-deal-kennis-maken"
    assert [m.name for m in project.municipalities.all()] == ["Nijmegen"]
    assert project.end.isoformat() == "2027-12-31"
    assert {o.name for o in project.partners.all()} == set(ROW["partners"])


def test_csv_works_with_bar_separated_lists(tmp_path):
    path = tmp_path / "projecten.csv"
    path.write_text(
        "source_id,programme,title,municipalities,themes\n"
        "cd-csv-1,city-deal-kennis-maken,Buurtkamer Hatert,"
        "Nijmegen|Arnhem,eenzaamheid|sociale-basis\n",
        "utf-8",
    )

    import_file("external-projects", path)

    project = ExternalProject.objects.get(source_id="cd-csv-1")
    assert {m.name for m in project.municipalities.all()} == {"Nijmegen", "Arnhem"}
    assert {t.slug for t in project.themes.all()} == {"eenzaamheid", "sociale-basis"}


def test_a_bad_line_names_line_and_field_and_writes_nothing(tmp_path):
    good = dict(ROW, source_id="cd-goed")
    bad_programme = dict(ROW, source_id="cd-fout-1", programme="bestaat-niet")
    bad_city = dict(ROW, source_id="cd-fout-2", municipalities=["Atlantis"])
    path = write_jsonl(tmp_path, [good, bad_programme, bad_city])

    with pytest.raises(ImportRejected) as rejected:
        import_file("external-projects", path)

    text = str(rejected.value)
    assert "regel 2, veld programme" in text and "bestaat-niet" in text
    assert "regel 3, veld municipalities" in text and "Atlantis" in text
    assert not ExternalProject.objects.filter(source_id__startswith="cd-").exists()


def test_programmes_import_by_slug(tmp_path):
    path = tmp_path / "programmas.jsonl"
    path.write_text(
        json.dumps({"source_id": "proef-programma", "name": "Proefprogramma", "kind": "overig"})
        + "\n",
        "utf-8",
    )

    import_file("programmes", path)
    import_file("programmes", path)

    from kennisbrug.programmes.models import Programme

    assert Programme.objects.filter(slug="proef-programma").count() == 1


def test_an_import_alerts_subscribers_once_it_commits(
    tmp_path, make_user, arnhem_nijmegen, django_capture_on_commit_callbacks
):
    follower = make_user("volger-import")
    Subscription.objects.create(user=follower, werkplaats=arnhem_nijmegen)
    path = write_jsonl(tmp_path, [ROW])

    with django_capture_on_commit_callbacks(execute=True):
        import_file("external-projects", path)
    with django_capture_on_commit_callbacks(execute=True):
        import_file("external-projects", path)

    assert [m.to for m in mail.outbox] == [[follower.email]]
    assert ROW["title"] in mail.outbox[0].subject
