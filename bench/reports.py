"""Monitoring speed: the network-wide dashboard and the PDF annual report at scale.

On a fresh database in a temporary folder (SQLite by default; set DATABASE_URL for
PostgreSQL): load the demo data, add N synthetic items (projects and published products with
work forms, municipalities, partners, participants and target groups) spread over ten years, and
a ledger for those ten years (subsidies, co-financing per partner per year, project funding).
Then time, each a few times (best and median):
  - the network dashboard for all years and for the current period (HTML, through the client),
  - the workbook of every table (XLSX),
  - the network's annual PDF report for one year.
Goals (issue 7): dashboard ≤ 2 s, PDF ≤ 10 s on SQLite with 100k items and 10 years of ledger.
Usage: python bench/reports.py [N] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
workdir = Path(tempfile.mkdtemp(prefix="kb-bench-reports-"))
os.environ.setdefault("KENNISBRUG_VAR_DIR", str(workdir))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from kennisbrug.monitoring.models import (  # noqa: E402
    CoFinancing,
    FundingPeriod,
    ProjectFunding,
    Subsidy,
)
from kennisbrug.monitoring.report import render_report_pdf  # noqa: E402
from kennisbrug.products.models import Product  # noqa: E402
from kennisbrug.projects.models import ParticipantCount, Project, WorkForm  # noqa: E402
from kennisbrug.registry.models import Municipality, Organisation, Werkplaats  # noqa: E402
from kennisbrug.themes.models import TargetGroup, Theme  # noqa: E402

FIRST, LAST = 2017, 2026


def build(n: int) -> None:
    rnd = random.Random(100)
    werkplaatsen = list(Werkplaats.objects.active())
    forms = list(WorkForm.objects.values_list("pk", flat=True))
    places = list(Municipality.objects.values_list("pk", flat=True))
    partners = list(Organisation.objects.values_list("pk", flat=True))
    groups = list(TargetGroup.objects.values_list("pk", flat=True))
    themes = list(Theme.objects.values_list("pk", flat=True))
    roles = [c for c, _l in ParticipantCount.Role.choices]
    project_kinds = [c for c, _l in Project.Kind.choices]
    product_kinds = [c for c, _l in Product.Kind.choices]
    with transaction.atomic():
        FundingPeriod.objects.update_or_create(
            slug="2017-2019", defaults={"start_year": 2017, "end_year": 2019}
        )
        FundingPeriod.objects.filter(slug="2016-2019").delete()
        periods = list(FundingPeriod.objects.filter(start_year__gte=FIRST))
        Subsidy.objects.bulk_create(
            [
                Subsidy(werkplaats=w, period=p, amount=Decimal(rnd.randrange(500, 900)) * 1000)
                for w in werkplaatsen
                for p in periods
            ],
            ignore_conflicts=True,
        )
        CoFinancing.objects.all().delete()
        CoFinancing.objects.bulk_create(
            [
                CoFinancing(
                    werkplaats=w,
                    partner_id=partner,
                    year=year,
                    hours_planned=Decimal(rnd.randrange(0, 4000)) / 10,
                    hours_realised=Decimal(rnd.randrange(0, 4000)) / 10,
                    money_planned=Decimal(rnd.randrange(0, 2_000_000)) / 100,
                    money_realised=Decimal(rnd.randrange(0, 2_000_000)) / 100,
                )
                for w in werkplaatsen
                for partner in rnd.sample(partners, 10)
                for year in range(FIRST, LAST + 1)
            ]
        )
        n_projects = n * 3 // 10
        projects = Project.objects.bulk_create(
            [
                Project(
                    werkplaats=rnd.choice(werkplaatsen),
                    title=f"Project {i}",
                    kind=rnd.choice(project_kinds),
                    practice_question="Wat werkt?",
                    start=f"{(start := rnd.randrange(FIRST, LAST + 1))}-02-01",
                    end=f"{min(start + rnd.randrange(0, 3), LAST)}-11-30",
                    nationally_relevant=rnd.random() < 0.15,
                    source="bench",
                    source_id=f"bench-project-{i}",
                )
                for i in range(n_projects)
            ],
            batch_size=2000,
        )
        through = Project.forms.through
        through.objects.bulk_create(
            [through(project_id=p.pk, workform_id=rnd.choice(forms)) for p in projects],
            batch_size=5000,
        )
        through = Project.municipalities.through
        through.objects.bulk_create(
            [through(project_id=p.pk, municipality_id=rnd.choice(places)) for p in projects],
            batch_size=5000,
        )
        through = Project.partners.through
        through.objects.bulk_create(
            [through(project_id=p.pk, organisation_id=rnd.choice(partners)) for p in projects],
            batch_size=5000,
        )
        through = Project.beneficiary_groups.through
        through.objects.bulk_create(
            [through(project_id=p.pk, targetgroup_id=rnd.choice(groups)) for p in projects],
            batch_size=5000,
        )
        through = Project.themes.through
        through.objects.bulk_create(
            [through(project_id=p.pk, theme_id=rnd.choice(themes)) for p in projects],
            batch_size=5000,
        )
        ParticipantCount.objects.bulk_create(
            [
                ParticipantCount(project_id=p.pk, role=role, count=rnd.randrange(1, 20))
                for p in projects
                for role in rnd.sample(roles, 2)
            ],
            batch_size=5000,
        )
        ProjectFunding.objects.bulk_create(
            [
                ProjectFunding(
                    project_id=p.pk, year=year, amount=Decimal(rnd.randrange(1000, 50000))
                )
                for p in projects
                # bulk_create keeps the dates as the strings they were given
                for year in range(int(p.start[:4]), int(p.end[:4]) + 1)
            ],
            batch_size=5000,
        )
        Product.objects.bulk_create(
            [
                Product(
                    kind=rnd.choice(product_kinds),
                    title=f"Product {i}",
                    werkplaats=rnd.choice(werkplaatsen),
                    year=rnd.randrange(FIRST, LAST + 1),
                    status=Product.Status.PUBLISHED,
                    source="bench",
                    source_id=f"bench-product-{i}",
                )
                for i in range(n - n_projects)
            ],
            batch_size=2000,
        )


def timed(label: str, repeat: int, action) -> None:
    """Wall time, and this process's CPU time (SQLite runs in-process, so it counts too):
    on a shared machine the CPU time is the fairer figure."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    print(
        f"{label:<40} wall best {min(walls):6.2f} s, median {statistics.median(walls):6.2f} s;"
        f" CPU best {min(cpus):6.2f} s (n={repeat}, load {os.getloadavg()[0]:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("items", nargs="?", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("demo", no_accounts=True, verbosity=0)
    start = time.perf_counter()
    build(args.items)
    print(
        f"{connection.vendor}: {Project.objects.count():,} projects, "
        f"{Product.objects.count():,} products, {CoFinancing.objects.count():,} co-financing "
        f"lines, {ProjectFunding.objects.count():,} project funding rows "
        f"(built in {time.perf_counter() - start:.0f} s)"
    )
    setup_test_environment()
    client = Client()

    def get(url: str) -> None:
        response = client.get(url, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code

    timed("dashboard, network, all years", args.repeat, lambda: get("/monitoring/?periode="))
    timed("dashboard, network, period 2023-2026", args.repeat, lambda: get("/monitoring/"))
    timed(
        "workbook (XLSX), network, all years",
        args.repeat,
        lambda: get("/monitoring/export.xlsx?periode="),
    )
    render_report_pdf(None, 2025)  # warm up fonts
    timed("PDF annual report, network, 2025", args.repeat, lambda: render_report_pdf(None, 2025))


if __name__ == "__main__":
    main()
