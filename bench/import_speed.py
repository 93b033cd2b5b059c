"""Import throughput: how many products per second `kennisbrug import` writes.

Runs on a fresh database in a temporary folder (SQLite by default; set DATABASE_URL for
PostgreSQL). Prints, in one run on the same machine:
  - the first import of N products (parse, validate, write, audit log),
  - the re-import of the same file (must change nothing),
  - the baseline: Django's bulk_create of the same N products (no checks, no audit),
and the ratio of each to the baseline. Usage: python bench/import_speed.py [N]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
workdir = Path(tempfile.mkdtemp(prefix="kb-bench-"))
os.environ.setdefault("KENNISBRUG_VAR_DIR", str(workdir))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from kennisbrug.interchange.importer import import_file  # noqa: E402
from kennisbrug.products.models import Product  # noqa: E402

WERKPLAATSEN = ["wsd-noord", "wsd-zuyd", "wsd-twente", "wsd-friesland", "WSDN", "kUS"]
THEMES = ["armoede", "schulden", "eenzaamheid", "mantelzorg", "jeugdhulp", "langer-thuis"]


def synthetic_products(n: int) -> list[dict]:
    rows = []
    for i in range(n):
        rows.append(
            {
                "source": "bench",
                "source_id": f"bench-{i}",
                "kind": ["methode", "factsheet", "onderzoeksrapport"][i % 3],
                "title": f"Werken aan bestaanszekerheid in wijk {i}",
                "summary": "Een korte samenvatting over geldzorgen en vroegsignalering. " * 3,
                "body": "Professionals en vrijwilligers werken samen in de wijk. " * 30,
                "keywords": ["schulden", f"wijk {i % 50}"],
                "target_groups": ["mensen met schulden", "gezinnen"],
                "themes": [THEMES[i % len(THEMES)].replace("mantelzorg", "informele-zorg")],
                "year": 2020 + i % 6,
                "werkplaats": WERKPLAATSEN[i % len(WERKPLAATSEN)],
                "authors": [f"Auteur {i % 40}"],
                "status": "gepubliceerd",
            }
        )
    return rows


def timed(label: str, fn) -> float:
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0, no_accounts=True)
    rows = synthetic_products(n)
    path = workdir / "bench-products.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")

    first = timed("import", lambda: import_file("products", path))
    again = timed("re-import", lambda: import_file("products", path))

    def baseline() -> None:
        with transaction.atomic():
            Product.objects.bulk_create(
                Product(
                    source="baseline",
                    source_id=r["source_id"],
                    kind=r["kind"],
                    title=r["title"],
                    summary=r["summary"],
                    body=r["body"],
                    keywords=r["keywords"],
                    year=r["year"],
                    status=r["status"],
                )
                for r in rows
            )

    base = timed("bulk_create", baseline)
    print(f"engine: {connection.vendor}, items: {n}")
    print(f"baseline bulk_create:   {n / base:9.0f} items/s")
    print(f"import (first time):    {n / first:9.0f} items/s   {first / base:6.1f}x baseline time")
    print(f"re-import (no changes): {n / again:9.0f} items/s   {again / base:6.1f}x baseline time")


if __name__ == "__main__":
    main()
