import pytest

from kennisbrug.audit.context import acting_as
from kennisbrug.audit.models import AuditEntry
from kennisbrug.registry.models import Organisation
from kennisbrug.themes.models import Agenda, Theme, Vraagstuk

pytestmark = pytest.mark.django_db


def entries_for(obj):
    return AuditEntry.objects.filter(
        content_type__model=obj._meta.model_name, object_id=str(obj.pk)
    ).order_by("id")


def test_create_update_and_delete_are_logged_with_the_actor():
    with acting_as("tester"):
        org = Organisation.objects.create(source_id="x-1", name="Stichting Proef", kind="overig")
        org.name = "Stichting Proef en Co"
        org.save()
        org_id = org.pk
        org.delete()

    entries = AuditEntry.objects.filter(content_type__model="organisation", object_id=str(org_id))
    assert [e.action for e in entries.order_by("id")] == ["create", "update", "delete"]
    update = entries.get(action="update")
    assert update.changes == {"name": ["Stichting Proef", "Stichting Proef en Co"]}
    assert {e.actor for e in entries} == {"tester"}


def test_saving_without_changes_writes_no_entry():
    theme = Theme.objects.get(slug="armoede")
    before = entries_for(theme).count()
    theme.save()
    assert entries_for(theme).count() == before


def test_many_to_many_changes_are_logged_and_tied_to_the_werkplaats(werkplaats_a):
    agenda = Agenda.objects.create(
        source_id="aud-1",
        werkplaats=werkplaats_a,
        title="Proefagenda",
        start_year=2030,
        end_year=2031,
    )
    vraagstuk = Vraagstuk.objects.create(
        source_id="aud-v1", agenda=agenda, title="Werkt het?", kind="handelingsvraagstuk"
    )
    vraagstuk.themes.add(Theme.objects.get(slug="schulden"))

    last = entries_for(vraagstuk).last()
    assert last.changes == {"themes": {"added": ["Schulden en geldzorgen"]}}
    assert last.werkplaats == werkplaats_a
