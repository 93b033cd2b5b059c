from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command

from kennisbrug.radar import services
from kennisbrug.radar.models import Alert, Overlap, Subscription
from kennisbrug.radar.overlaps import RadarContext

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def test_the_command_lists_a_werkplaats_overlaps():
    out = StringIO()

    call_command("radar", werkplaats="wsd-arnhem-nijmegen", stdout=out)

    assert "Wijkleerbedrijf Dukenburg" in out.getvalue()
    assert "WSD Twente" not in out.getvalue()


def test_an_unknown_werkplaats_is_an_error():
    with pytest.raises(CommandError, match="Onbekende werkplaats"):
        call_command("radar", werkplaats="bestaat-niet")


def test_notify_stores_overlaps_once_and_reports():
    out = StringIO()

    call_command("radar", notify=True, stdout=out)
    call_command("radar", notify=True, stdout=out)

    first, second = out.getvalue().splitlines()
    assert second.endswith("waarvan 0 nieuw; 0 nieuwe signalen; 0 mails verstuurd.")
    assert Overlap.objects.filter(active=True).count() == len(RadarContext().matches())


def test_a_mail_that_fails_is_retried_by_the_next_run(
    settings, make_user, make_external, arnhem_nijmegen
):
    follower = make_user("volger-storing")
    Subscription.objects.create(user=follower, werkplaats=arnhem_nijmegen)
    project = make_external("Eenzaamheid in Hatert", ["Nijmegen"], ["eenzaamheid"])
    settings.EMAIL_BACKEND = "kennisbrug.radar.tests.test_command.RefusingBackend"

    result = services.refresh(external_ids=[project.pk])
    alert = Alert.objects.get(user=follower)

    assert result.new_alerts == 1 and result.mailed == 0
    assert alert.emailed_at is None  # released for the next run
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.send_pending() == 1
    assert services.send_pending() == 0
    assert len(mail.outbox) == 1


def test_an_overlap_that_disappears_is_kept_but_marked_inactive(make_external):
    project = make_external("Eenzaamheid in Hatert", ["Nijmegen"], ["eenzaamheid"])
    services.refresh(external_ids=[project.pk])
    project.municipalities.clear()

    services.refresh(external_ids=[project.pk])

    assert Overlap.objects.get(external_project=project).active is False
