"""Monitoring pages: structure and accessibility, warnings, exports and the report command."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape as html_unescape

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kennisbrug.monitoring.models import CoFinancing
from kennisbrug.monitoring.tests.helpers import pdf_text
from kennisbrug.registry.models import Werkplaats

pytestmark = pytest.mark.django_db

PAGES = [
    ("monitoring:dashboard", [], {}),
    ("monitoring:dashboard", [], {"werkplaats": "wsd-noord", "jaar": "2024"}),
    ("monitoring:dashboard", [], {"periode": "", "thema": "armoede"}),
    ("monitoring:ledger", ["wsd-noord"], {}),
]


@pytest.mark.parametrize(("name", "args", "query"), PAGES)
def test_every_monitoring_page_has_one_h1_a_language_and_a_skip_link(client, name, args, query):
    response = client.get(reverse(name, args=args), query)

    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html


def test_every_chart_is_a_labelled_image_followed_by_its_data_table(client):
    html = client.get(reverse("monitoring:dashboard")).content.decode()

    charts = re.findall(r'<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"', html)
    assert len(charts) >= 10
    for labels in charts:
        title_id, desc_id = labels.split()
        assert f'<title id="{title_id}">' in html and f'<desc id="{desc_id}">' in html
    for block in re.findall(r"<figure>.*?</section>", html, flags=re.S):
        assert '<table class="data">' in block and 'scope="col"' in block


def test_every_filter_has_a_label(client):
    html = client.get(reverse("monitoring:dashboard")).content.decode()

    for field_id in re.findall(r'<(?:select|input)[^>]*id="([^"]+)"', html):
        if field_id == "kop-zoekterm":
            continue
        assert f'for="{field_id}"' in html, field_id


def test_the_dashboard_warns_when_a_werkplaats_is_off_track(client, werkplaats_a, settings):
    settings.MONITORING_MIN_COFINANCING_RATIO = Decimal("0.50")
    CoFinancing.objects.filter(werkplaats=werkplaats_a, year__lte=2025).update(
        hours_realised=0, money_realised=0
    )

    html = client.get(reverse("monitoring:dashboard"), {"periode": "2023-2026"}).content.decode()

    warning = re.search(r'<strong lang="nl">WSD Noord:</strong>([^<]*)', html)
    assert warning and "Gerealiseerde cofinanciering t/m 2025 is € 0,00" in warning.group(1)


def test_a_stricter_rule_from_the_settings_warns_everyone(client, settings):
    settings.MONITORING_MIN_COFINANCING_RATIO = Decimal("5")

    html = client.get(reverse("monitoring:dashboard"), {"periode": "2023-2026"}).content.decode()

    warned = set(
        html_unescape(name)
        for name in re.findall(
            r'<li><strong lang="nl">([^<]+):</strong> Geplande cofinanciering', html
        )
    )
    assert warned == {str(w) for w in Werkplaats.objects.active()}


def test_an_unknown_table_is_not_found(client):
    response = client.get(reverse("monitoring:table-csv", args=["bestaat-niet"]))

    assert response.status_code == 404


def test_each_table_downloads_as_xlsx(client):
    response = client.get(reverse("monitoring:table-xlsx", args=["deelnemers-rol"]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="deelnemers-rol-')


def test_the_annual_report_downloads_from_the_dashboard(client):
    html = client.get(reverse("monitoring:dashboard"), {"werkplaats": "wsd-zuyd"}).content.decode()
    link = re.search(r'href="(/monitoring/jaarverslag\.pdf\?[^"]+)"', html).group(1)

    response = client.get(link.replace("&amp;", "&"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Werkplaats Sociaal Domein Zuyd" in text or "WSD Zuyd" in text


def test_the_report_command_writes_the_network_pdf(tmp_path):
    target = tmp_path / "netwerk.pdf"

    call_command("report", "--year", "2025", "--pdf", str(target))

    text = pdf_text(target.read_bytes())
    assert "Jaarverslag 2025" in text
    assert "het hele netwerk" in text
    assert "Subsidie en cofinanciering per werkplaats" in text


def test_the_report_command_names_an_unknown_werkplaats(tmp_path):
    with pytest.raises(CommandError, match="werkplaats 'Atlantis'"):
        call_command("report", "--werkplaats", "Atlantis", "--year", "2025", "--pdf", "x.pdf")
