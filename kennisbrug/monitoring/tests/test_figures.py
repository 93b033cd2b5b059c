"""The dashboard, the XLSX export and the PDF report show the figures the records add up to.

Expected figures are computed in tests/helpers.py from the records, on the demo data and on a
generated werkplaats with random ledger lines, projects and products.
"""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal

import pytest
from django.urls import reverse

from kennisbrug.monitoring.models import CoFinancing, FundingPeriod, ProjectFunding, Subsidy
from kennisbrug.monitoring.report import render_report_pdf
from kennisbrug.monitoring.tests.helpers import (
    dashboard_tables,
    euro_nl,
    expected_ledger,
    expected_outputs,
    int_nl,
    pdf_text,
    xlsx_tables,
)
from kennisbrug.products.models import Product
from kennisbrug.projects.models import ParticipantCount, Project, WorkForm
from kennisbrug.registry.models import Municipality, Organisation, Werkplaats

pytestmark = pytest.mark.django_db
FIRST, LAST = 2031, 2033


def cents(rnd: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rnd.randrange(low * 100, high * 100)) / 100


@pytest.fixture
def generated(db):
    """A werkplaats with a random ledger, projects and products in a period of its own."""
    rnd = random.Random(2031)
    period = FundingPeriod.objects.create(slug="2031-2033", start_year=FIRST, end_year=LAST)
    werkplaats = Werkplaats.objects.create(
        name="Werkplaats Sociaal Domein Proefregio", short_name="WSD Proefregio", slug="wsd-proef"
    )
    subsidies = []
    for kind, title in [("basis", ""), ("impuls", "Extra impuls"), ("impuls", "Tweede impuls")]:
        amount = cents(rnd, 100_000, 900_000)
        Subsidy.objects.create(
            werkplaats=werkplaats, period=period, kind=kind, title=title, amount=amount
        )
        subsidies.append((amount, FIRST, LAST, kind == "impuls"))
    kinds = [choice for choice, _label in Organisation.Kind.choices]
    partners = [
        Organisation.objects.create(name=f"Proefpartner {n}", kind=rnd.choice(kinds))
        for n in range(6)
    ]
    for partner in partners:
        for year in range(FIRST, LAST + 1):
            CoFinancing.objects.create(
                werkplaats=werkplaats,
                partner=partner,
                year=year,
                hours_planned=Decimal(rnd.randrange(0, 20000)) / 10,
                hours_realised=Decimal(rnd.randrange(0, 20000)) / 10,
                hourly_rate=rnd.choice([None, Decimal("95.00"), cents(rnd, 50, 120)]),
                money_planned=rnd.choice([Decimal(0), cents(rnd, 0, 50_000)]),
                money_realised=rnd.choice([Decimal(0), cents(rnd, 0, 50_000)]),
            )
    forms = list(WorkForm.objects.all())
    places = list(Municipality.objects.all()[:40])
    roles = [choice for choice, _label in ParticipantCount.Role.choices]
    projects, funding = [], []
    for n in range(14):
        start, end = sorted(rnd.sample(range(FIRST - 2, LAST + 3), 2))
        project = Project.objects.create(
            werkplaats=werkplaats,
            title=f"Proefproject {n}",
            kind=rnd.choice([c for c, _l in Project.Kind.choices]),
            practice_question="Wat werkt hier?",
            start=f"{start}-03-01",
            end=f"{end}-10-31",
            nationally_relevant=rnd.random() < 0.3,
        )
        project.forms.set(rnd.sample(forms, 2))
        chosen_places = rnd.sample(places, rnd.randrange(0, 5))
        project.municipalities.set(chosen_places)
        counts = {role: rnd.randrange(1, 30) for role in rnd.sample(roles, 3)}
        for role, count in counts.items():
            ParticipantCount.objects.create(project=project, role=role, count=count)
        for year in range(max(start, FIRST), min(end, LAST) + 1):
            amount = cents(rnd, 1_000, 60_000)
            ProjectFunding.objects.create(project=project, year=year, amount=amount)
            funding.append((year, amount, project.nationally_relevant))
        projects.append(
            {
                "start": start,
                "end": end,
                "kind": project.kind,
                "participants": counts,
                "municipalities": {m.pk for m in chosen_places},
                "national": project.nationally_relevant,
            }
        )
    products = []
    product_kinds = [c for c, _l in Product.Kind.choices]
    for n in range(30):
        item = {
            "year": rnd.randrange(FIRST - 1, LAST + 2),
            "kind": rnd.choice(product_kinds),
            "published": rnd.random() < 0.8,
        }
        Product.objects.create(
            werkplaats=werkplaats,
            title=f"Proefproduct {n}",
            kind=item["kind"],
            year=item["year"],
            status=Product.Status.PUBLISHED if item["published"] else Product.Status.CONCEPT,
        )
        products.append(item)
    return {
        "werkplaats": werkplaats,
        "period": period,
        "subsidies": subsidies,
        "lines": list(CoFinancing.objects.filter(werkplaats=werkplaats)),
        "funding": funding,
        "projects": projects,
        "products": products,
    }


def test_the_dashboard_shows_the_generated_ledger_and_outputs_exactly(client, generated):
    ledger = expected_ledger(
        generated["subsidies"], generated["lines"], generated["funding"], FIRST, LAST
    )
    outputs = expected_outputs(generated["projects"], generated["products"], FIRST, LAST)

    response = client.get(
        reverse("monitoring:dashboard"), {"periode": "2031-2033", "werkplaats": "wsd-proef"}
    )

    assert response.status_code == 200
    tables = dashboard_tables(response.content.decode())
    row = tables["financiering"]["WSD Proefregio"]
    assert Decimal(row[0]) == ledger["subsidy"]
    assert Decimal(row[1]) == ledger["impulse"]
    assert Decimal(row[2]) == ledger["planned"]
    assert Decimal(row[3]) == ledger["realised"]
    assert Decimal(row[6]) == ledger["national"]
    outputs_row = tables["opbrengsten"]["WSD Proefregio"]
    assert [int(v) for v in outputs_row] == [
        outputs["projects"],
        outputs["national"],
        outputs["products"],
        sum(outputs["participants"].values()),
        outputs["municipalities"],
    ]
    kinds = dict(Project.Kind.choices)
    assert {k: int(v[0]) for k, v in tables["projecten-soort"].items() if k != "Totaal"} == {
        str(kinds[k]): n for k, n in outputs["project_kinds"].items()
    }
    roles = dict(ParticipantCount.Role.choices)
    assert {k: int(v[0]) for k, v in tables["deelnemers-rol"].items() if k != "Totaal"} == {
        str(roles[k]): n for k, n in outputs["participants"].items()
    }
    product_kinds = dict(Product.Kind.choices)
    assert {k: int(v[0]) for k, v in tables["producten-soort"].items() if k != "Totaal"} == {
        str(product_kinds[k]): n for k, n in outputs["product_kinds"].items()
    }
    html = response.content.decode()
    assert euro_nl(ledger["realised"]) in html


def test_one_year_takes_its_share_of_the_period_subsidy(client, generated):
    year = FIRST + 1
    ledger = expected_ledger(
        generated["subsidies"], generated["lines"], generated["funding"], year, year
    )

    response = client.get(
        reverse("monitoring:dashboard"), {"jaar": year, "werkplaats": "wsd-proef"}
    )

    row = dashboard_tables(response.content.decode())["financiering"]["WSD Proefregio"]
    assert Decimal(row[0]) == ledger["subsidy"]
    assert Decimal(row[3]) == ledger["realised"]


def test_the_xlsx_export_holds_the_same_figures(client, generated):
    ledger = expected_ledger(
        generated["subsidies"], generated["lines"], generated["funding"], FIRST, LAST
    )
    outputs = expected_outputs(generated["projects"], generated["products"], FIRST, LAST)

    response = client.get(
        reverse("monitoring:workbook"), {"periode": "2031-2033", "werkplaats": "wsd-proef"}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    tables = xlsx_tables(response.content)
    row = tables["Subsidie en cofinanciering per werkplaats"]["WSD Proefregio"]
    assert Decimal(str(row[0])) == ledger["subsidy"]
    assert Decimal(str(row[3])).quantize(Decimal("0.01")) == ledger["realised"]
    assert Decimal(str(row[6])).quantize(Decimal("0.01")) == ledger["national"]
    roles = dict(ParticipantCount.Role.choices)
    participants = tables["Deelnemers naar rol"]
    assert participants["Totaal"][0] == sum(outputs["participants"].values())
    for role, count in outputs["participants"].items():
        assert participants[str(roles[role])][0] == count
    assert tables["Opbrengsten en bereik per werkplaats"]["Totaal"][4] == outputs["municipalities"]


def test_the_csv_export_of_one_table_holds_the_exact_decimals(client, generated):
    ledger = expected_ledger(
        generated["subsidies"], generated["lines"], generated["funding"], FIRST, LAST
    )

    response = client.get(
        reverse("monitoring:table-csv", args=["financiering"]),
        {"periode": "2031-2033", "werkplaats": "wsd-proef"},
    )

    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Werkplaats,Subsidie,")
    cells = lines[1].split(",")
    assert cells[0] == "WSD Proefregio"
    assert Decimal(cells[1]) == ledger["subsidy"]
    assert Decimal(cells[4]) == ledger["realised"]


def test_the_pdf_report_text_holds_the_totals(generated):
    year = FIRST + 1
    ledger = expected_ledger(
        generated["subsidies"], generated["lines"], generated["funding"], year, year
    )
    outputs = expected_outputs(generated["projects"], generated["products"], year, year)

    text = pdf_text(render_report_pdf(generated["werkplaats"], year))

    assert f"Jaarverslag {year}" in text
    assert "Werkplaats Sociaal Domein Proefregio" in text
    for amount in (ledger["subsidy"], ledger["realised"], ledger["planned"], ledger["national"]):
        assert euro_nl(amount) in text
    assert f"{int_nl(sum(outputs['participants'].values()))}\ndeelnemers" in text
    assert f"{outputs['projects']}\nprojecten" in text


def test_the_demo_network_dashboard_adds_up_the_whole_current_ledger(client):
    period = FundingPeriod.objects.get(slug="2023-2026")
    subsidies = [
        (s.amount, period.start_year, period.end_year, s.kind == "impuls")
        for s in Subsidy.objects.filter(period=period)
    ]
    funding = [
        (f.year, f.amount, f.project.nationally_relevant)
        for f in ProjectFunding.objects.select_related("project")
    ]
    ledger = expected_ledger(subsidies, list(CoFinancing.objects.all()), funding, 2023, 2026)

    response = client.get(reverse("monitoring:dashboard"), {"periode": "2023-2026"})

    table = dashboard_tables(response.content.decode())["financiering"]
    assert Decimal(table["Totaal"][0]) == ledger["subsidy"]
    assert Decimal(table["Totaal"][3]) == ledger["realised"]
    assert Decimal(table["Totaal"][6]) == ledger["national"]
    assert len(table) == Werkplaats.objects.active().count() + 1
    assert ledger["subsidy"] > 10_000_000  # every active werkplaats has a demo subsidy


def test_a_theme_narrows_projects_and_products_but_not_the_ledger(client):
    everything = dashboard_tables(
        client.get(reverse("monitoring:dashboard"), {"periode": "2023-2026"}).content.decode()
    )
    themed = dashboard_tables(
        client.get(
            reverse("monitoring:dashboard"), {"periode": "2023-2026", "thema": "armoede"}
        ).content.decode()
    )

    assert themed["financiering"]["Totaal"] == everything["financiering"]["Totaal"]
    assert int(themed["opbrengsten"]["Totaal"][0]) < int(everything["opbrengsten"]["Totaal"][0])
    expected = Counter(
        p.kind
        for p in Project.objects.filter(themes__slug__in=["armoede"]).distinct()
        if p.start and p.start.year <= 2026 and (p.end is None or p.end.year >= 2023)
    )
    assert int(themed["opbrengsten"]["Totaal"][0]) >= sum(expected.values())


@pytest.mark.parametrize(
    ("hours", "dutch", "english"),
    [
        (Decimal("4852.0"), "4.852", "4,852"),
        (Decimal("12.5"), "12,5", "12.5"),
        (Decimal("0"), "0", "0"),
    ],
)
def test_whole_hours_show_without_a_tenth(hours, dutch, english):
    from django.utils import translation

    from kennisbrug.monitoring.tables import HOURS, format_cell

    with translation.override("nl"):
        assert format_cell(hours, HOURS) == dutch
    with translation.override("en"):
        assert format_cell(hours, HOURS) == english


def test_the_dashboard_shows_whole_hours_in_dutch_without_a_tenth(client):
    html = client.get(reverse("monitoring:dashboard"), {"periode": "2023-2026"}).content.decode()
    tables = dashboard_tables(html)
    realised = Decimal(tables["financiering"]["Totaal"][3])
    assert realised > 0
    hours_cells = [c for c in html.split("<td") if "data-value" in c]
    assert hours_cells  # the figures carry their exact value beside the text
    assert not any(",0<" in c or ",0 " in c for c in hours_cells if "€" not in c)
