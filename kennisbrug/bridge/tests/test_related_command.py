"""`kennisbrug related SOURCE_ID --json`: a stable shape to script against."""

import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db
FIELDS = {"source", "source_id", "title", "score", "reason"}


def run(*args, capsys) -> str:
    call_command("related", *args)
    return capsys.readouterr().out


def test_json_has_ranked_interventions_and_elsewhere_with_the_promised_fields(capsys):
    data = json.loads(run("wsd-noord:prod-001", "--json", "--limit", "3", capsys=capsys))

    assert list(data) == ["interventions", "elsewhere"]
    assert 1 <= len(data["interventions"]) <= 3 and 1 <= len(data["elsewhere"]) <= 3
    for item in data["interventions"] + data["elsewhere"]:
        assert set(item) >= FIELDS
        assert isinstance(item["score"], float) and item["reason"]
    suggested = [i["score"] for i in data["interventions"] if i["status"] == "voorgesteld"]
    assert suggested == sorted(suggested, reverse=True)


def test_the_same_call_gives_the_same_output(capsys):
    first = run("DESI-1042", "--json", capsys=capsys)
    second = run("DESI-1042", "--json", capsys=capsys)

    assert first == second
    assert json.loads(first)["elsewhere"], "an intervention lists regional work"


def test_plain_output_names_the_reason(capsys):
    out = run("wsd-noord:prod-001", capsys=capsys)

    assert "Erkende interventies:" in out and "Gedeelde onderwerpen" in out


def test_an_unknown_id_exits_with_code_2():
    with pytest.raises(CommandError) as caught:
        call_command("related", "bestaat-niet")
    assert caught.value.returncode == 2
