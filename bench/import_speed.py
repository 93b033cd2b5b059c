"""Import throughput: how many products per second `kennisbrug import` writes.

Runs on a fresh database in a temporary folder (SQLite by default; set DATABASE_URL to an
empty PostgreSQL database for PostgreSQL). Prints, per size, in one run on the same machine:
  - the baseline: Django's bulk_create of the same N products (no checks, links, audit, index),
  - the first import of N products (parse, validate, write, links, audit log, search index),
    and how much of it went to the search index,
  - the re-import of the same file (must change nothing),
  - with --row-path also the row-by-row path the bulk path replaced (slow: ~20 queries a row),
each as items/s of wall time and of this process's CPU time (the machine may be shared), with
its time as a multiple of the baseline's. Usage:
  python bench/import_speed.py [--sizes 2000,10000] [--row-path]
"""

from __future__ import annotations

import argparse
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

from kennisbrug.interchange.entities import ENTITIES  # noqa: E402
from kennisbrug.interchange.importer import import_file  # noqa: E402
from kennisbrug.products.models import Product  # noqa: E402
from kennisbrug.search import indexer  # noqa: E402

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


class Clock:
    """Wall and CPU seconds of one step; CPU is this process only (the database engine runs
    in-process for SQLite, in the server for PostgreSQL)."""

    def __init__(self, fn) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        self.wall = time.perf_counter() - wall
        self.cpu = time.process_time() - cpu


def index_seconds() -> list[float]:
    """Wall seconds spent in the search index, added up while an import runs."""
    spent = [0.0]
    original = indexer.index_records

    def timed(records) -> None:
        start = time.perf_counter()
        try:
            original(records)
        finally:
            spent[0] += time.perf_counter() - start

    indexer.index_records = timed
    return spent


def run(n: int, row_path: bool) -> None:
    source = f"bench-{n}"
    rows = synthetic_products(n)
    for r in rows:
        r["source"] = source
    path = workdir / f"{source}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")

    spent = index_seconds()
    first = Clock(lambda: import_file("products", path))
    index_part, spent[0] = spent[0], 0.0
    again = Clock(lambda: import_file("products", path))
    assert Product.objects.filter(source=source).count() == n

    def baseline() -> None:
        with transaction.atomic():
            Product.objects.bulk_create(
                Product(
                    source=f"baseline-{n}",
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

    base = Clock(baseline)

    def line(label: str, c: Clock, note: str = "") -> None:
        print(
            f"{label:<26}{n / c.wall:8.0f} items/s wall {n / c.cpu:8.0f} items/s cpu"
            f"   {c.wall / base.wall:5.1f}x baseline wall {c.cpu / base.cpu:5.1f}x cpu{note}"
        )

    print(f"engine: {connection.vendor}, items: {n}")
    line("baseline bulk_create:", base)
    line("import (first time):", first, f"   (search index {index_part:.2f} s of {first.wall:.2f})")
    line("re-import (no changes):", again)
    if row_path:
        for r in rows:
            r["source"] = f"rows-{n}"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        ENTITIES["products"].bulk = False
        try:
            line("row path, first time:", Clock(lambda: import_file("products", path)))
            line("row path, re-import:", Clock(lambda: import_file("products", path)))
        finally:
            ENTITIES["products"].bulk = True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2000", help="comma-separated numbers of products")
    parser.add_argument("--row-path", action="store_true", help="also time the row-by-row path")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0, no_accounts=True)
    for n in (int(size) for size in args.sizes.split(",")):
        run(n, args.row_path)


if __name__ == "__main__":
    main()
