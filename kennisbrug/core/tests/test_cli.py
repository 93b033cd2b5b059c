import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from kennisbrug.cli import usage

pytestmark = pytest.mark.django_db


def test_the_help_lists_the_commands_in_dutch(capsys):
    from kennisbrug.cli import main

    main(["kennisbrug", "--help"])

    out = capsys.readouterr().out
    assert out == usage()
    for command in ("serve", "demo", "import", "export", "createadmin"):
        assert f"  {command}" in out
    assert "Opdrachten" in out


def test_a_rejected_import_exits_with_code_2_and_names_the_line(tmp_path):
    path = tmp_path / "thema.jsonl"
    path.write_text(json.dumps({"source_id": "x", "name": "X", "parent": "bestaat-niet"}) + "\n")

    with pytest.raises(CommandError) as caught:
        call_command("import", "themes", str(path))

    assert caught.value.returncode == 2
    assert "regel 1" in str(caught.value) and "parent" in str(caught.value)


def test_the_entry_point_runs_as_a_program():
    result = subprocess.run(
        [sys.executable, "-m", "kennisbrug.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "kennisbrug OPDRACHT" in result.stdout


def test_createadmin_makes_a_network_admin(monkeypatch):
    from django.contrib.auth.models import User

    monkeypatch.setenv("KENNISBRUG_ADMIN_PASSWORD", "een-heel-lang-wachtwoord-42")
    call_command("createadmin", "coordinator", email="c@example.org")

    user = User.objects.get(username="coordinator")
    assert user.is_superuser and user.is_staff
    assert user.check_password("een-heel-lang-wachtwoord-42")


def test_createadmin_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("KENNISBRUG_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("createadmin", "zwak")


def test_the_demo_loads_idempotently():
    from kennisbrug.audit.models import AuditEntry

    before = AuditEntry.objects.count()
    call_command("demo", verbosity=0)
    # The demo data is already there: the second load only adds the demo accounts.
    assert (
        not AuditEntry.objects.filter(pk__gt=before)
        .exclude(content_type__model="editorship")
        .exists()
    )
