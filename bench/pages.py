"""Page speed of the public site at 100k items: server-side latency per page type, and the
throughput of a real server under 50 concurrent clients (wrk) on loopback.

For each engine, on a fresh database of its own, in child processes of this script:
  1. ``seed``: migrate, load the demo data, add synthetic knowledge products, projects and
     interventions (with themes and target groups) up to ``--items``, rebuild the search index,
     collect the static files (the server runs with DEBUG off, fingerprinted static files);
  2. ``measure``: every page type through Django's full request handling in-process (the
     test client: middleware, views, templates, database; no network), ``--requests`` times
     over random records and queries, after a warm-up; p50/p95 in ms;
  3. gunicorn as production runs it (``--workers``, ``--threads``; DEBUG off) and ``wrk -c 50``
     over a mix of all page types for ``--duration`` seconds: requests/s, latency, errors.

Needs wrk (Debian: ``apt-get install -y wrk``). Not run in CI: it takes minutes.

Usage: python bench/pages.py [--items 100000] [--requests 100] [--duration 20]
       [--backend sqlite|postgres|both] [--workdir DIR] [--pg-database NAME] [--only TYPES]
       [--seed-only] [--workers 2] [--threads 4] [--json]

``--workdir`` keeps the seeded databases (``DIR/sqlite``, and PostgreSQL's ``--pg-database``)
and reuses them on the next run, after applying new migrations: seed once, iterate many times.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
# Parallel runs (other sessions on the same server) need names of their own: --pg-database.
PG_DATABASE = os.environ.get("PAGES_BENCH_PG_DATABASE", "kennisbrug_bench_pages")
SEED = 20261122
WARM_UP = 5
GOAL_P95_MS = 100.0
CONNECTIONS = 50
QUERIES = [
    "eenzaamheid ouderen",
    "schuldhulpverlening",
    "geldzorgen jongeren",
    "mantelzorg",
    "ervaringsdeskundigheid in de wijk",
    "armoede kinderen",
    "beschermd wonen",
    "laaggeletterdheid",
]
PAGE_TYPES = [
    "home",
    "werkplaatsen",
    "werkplaats",
    "kennisproduct",
    "project",
    "interventie",
    "themas",
    "thema",
    "agendas",
    "zoeken",
    "zoeken+filter",
]


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.settings")
    import django

    django.setup()


# --- 1. seed --------------------------------------------------------------------------------


def child_seed(items: int) -> dict:
    _setup_django()
    from django.core.management import call_command
    from django.db import transaction

    from kennisbrug.interventions.models import Databank, Intervention
    from kennisbrug.products.models import Product
    from kennisbrug.projects.models import Project
    from kennisbrug.registry.models import Werkplaats
    from kennisbrug.search import indexer
    from kennisbrug.themes.models import TargetGroup, Theme

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo", no_accounts=True, verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    progress(f"demo loaded in {time.perf_counter() - start:.0f} s")

    rnd = random.Random(SEED)
    # Words of the demo texts make the synthetic texts read (and search) like the real ones.
    words = re.findall(r"[a-zà-ÿ]{4,}", " ".join(Product.objects.values_list("body", flat=True)))
    werkplaatsen = list(Werkplaats.objects.values_list("pk", flat=True))
    themes = list(Theme.objects.values_list("pk", flat=True))
    groups = list(TargetGroup.objects.values_list("pk", flat=True))
    databanks = list(Databank.objects.values_list("pk", flat=True))
    existing = Product.objects.count() + Project.objects.count() + Intervention.objects.count()
    missing = max(0, items - existing)
    # The network's mix: mostly products, some projects (few still running), few interventions.
    n_projects, n_interventions = missing // 10, missing // 50
    n_products = missing - n_projects - n_interventions

    def text(n: int) -> str:
        return " ".join(rnd.choice(words) for _ in range(n)).capitalize() + "."

    def title() -> str:
        return text(rnd.randint(4, 9))[:-1]

    start = time.perf_counter()
    with transaction.atomic(), indexer.suspended():
        projects = Project.objects.bulk_create(
            [
                Project(
                    source="bench",
                    source_id=f"p{i}",
                    werkplaats_id=rnd.choice(werkplaatsen),
                    title=title(),
                    kind=rnd.choice(Project.Kind.values),
                    practice_question=text(15) + "?",
                    summary=text(40),
                    body=text(200),
                    start=datetime.date(rnd.randint(2014, 2026), rnd.randint(1, 12), 1),
                    status=Project.Status.RUNNING if rnd.random() < 0.05 else "afgerond",
                )
                for i in range(n_projects)
            ],
            batch_size=2000,
        )
        products = Product.objects.bulk_create(
            [
                Product(
                    source="bench",
                    source_id=f"k{i}",
                    werkplaats_id=rnd.choice(werkplaatsen),
                    title=title(),
                    kind=rnd.choice(Product.Kind.values),
                    summary=text(50),
                    body=text(250),
                    keywords=[rnd.choice(words) for _ in range(3)],
                    published_on=datetime.date(2010, 1, 1)
                    + datetime.timedelta(days=rnd.randint(0, 6000)),
                    year=None,
                    status=Product.Status.PUBLISHED,
                )
                for i in range(n_products)
            ],
            batch_size=2000,
        )
        interventions = Intervention.objects.bulk_create(
            [
                Intervention(
                    source="bench",
                    source_id=f"i{i}",
                    databank_id=rnd.choice(databanks),
                    title=title(),
                    summary=text(50),
                    approach=text(150),
                    year=rnd.randint(2010, 2026),
                )
                for i in range(n_interventions)
            ],
            batch_size=2000,
        )
        for model, rows, field in (
            (Product, products, "product_id"),
            (Project, projects, "project_id"),
            (Intervention, interventions, "intervention_id"),
        ):
            through = model.themes.through
            through.objects.bulk_create(
                [
                    through(**{field: row.pk, "theme_id": theme})
                    for row in rows
                    for theme in rnd.sample(themes, 2)
                ],
                batch_size=5000,
            )
        groups_through = Product.target_groups.through
        groups_through.objects.bulk_create(
            [groups_through(product_id=p.pk, targetgroup_id=rnd.choice(groups)) for p in products],
            batch_size=5000,
        )
        for product in products:  # the year the model's save() would have set
            product.year = product.published_on.year
        Product.objects.bulk_update(products, ["year"], batch_size=5000)
    seeded = time.perf_counter() - start
    progress(f"{missing} items seeded in {seeded:.0f} s; indexing…")
    start = time.perf_counter()
    indexed = indexer.rebuild()
    index_s = time.perf_counter() - start
    progress(f"{indexed} entries indexed in {index_s:.0f} s")
    from django.db import connection

    if connection.vendor == "postgresql":
        # The rebuild vacuumed its own table; the bulk-created records get statistics too,
        # as autovacuum gives them within minutes in production. Without them the planner
        # takes a theme for 200 rows and reads its ~25k products to sort them (~1 s).
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        progress(f"vacuumed and analysed in {time.perf_counter() - start:.0f} s")
    total = Product.objects.count() + Project.objects.count() + Intervention.objects.count()
    return {"items": total, "indexed": indexed, "seed_s": seeded, "index_s": index_s}


def child_prepare() -> dict:
    """A reused database: apply migrations made since it was seeded, refresh static files."""
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    return {}


# --- 2. measure: server-side latency per page type ------------------------------------------


def sample_urls(n: int) -> dict[str, list[str]]:
    from django.urls import reverse

    from kennisbrug.interventions.models import Intervention
    from kennisbrug.products.models import Product
    from kennisbrug.projects.models import Project
    from kennisbrug.registry.models import Werkplaats
    from kennisbrug.themes.models import Theme

    rnd = random.Random(SEED + 1)

    def pick(queryset, k: int) -> list:
        ids = list(queryset.values_list("pk", flat=True))
        return [rnd.choice(ids) for _ in range(k)]

    slugs = list(Werkplaats.objects.values_list("slug", flat=True))
    theme_slugs = list(Theme.objects.values_list("slug", flat=True))
    search = reverse("search:results")
    return {
        "home": [reverse("front:home")] * n,
        "werkplaatsen": [reverse("front:werkplaatsen")] * n,
        "werkplaats": [reverse("front:werkplaats", args=[rnd.choice(slugs)]) for _ in range(n)],
        "kennisproduct": [
            reverse("front:product", args=[pk]) for pk in pick(Product.objects.published(), n)
        ],
        "project": [reverse("front:project", args=[pk]) for pk in pick(Project.objects, n)],
        "interventie": [
            reverse("front:intervention", args=[pk]) for pk in pick(Intervention.objects, n)
        ],
        "themas": [reverse("front:themes")] * n,
        "thema": [reverse("front:theme", args=[rnd.choice(theme_slugs)]) for _ in range(n)],
        "agendas": [reverse("front:agendas")] * n,
        "zoeken": [f"{search}?q={rnd.choice(QUERIES).replace(' ', '+')}" for _ in range(n)],
        "zoeken+filter": [
            f"{search}?q={rnd.choice(QUERIES).replace(' ', '+')}&soort=product&pagina=2"
            for _ in range(n)
        ],
    }


def _percentiles(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    return (
        ordered[len(ordered) // 2] * 1000,
        ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000,
    )


def child_measure(n: int, only: list[str]) -> dict:
    _setup_django()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    urls = sample_urls(n + WARM_UP)
    out = {}
    for kind in only:
        timings, cpu_times, sizes = [], [], []
        for i, url in enumerate(urls[kind]):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
            if i >= WARM_UP:
                timings.append(elapsed)
                cpu_times.append(cpu)
                sizes.append(len(response.content))
        p50, p95 = _percentiles(timings)
        # This process's CPU time per request: on a shared machine the wall-clock figures
        # grow with the load, this one hardly (PostgreSQL's own work is not in it).
        cpu50, cpu95 = _percentiles(cpu_times)
        out[kind] = {
            "p50_ms": p50,
            "p95_ms": p95,
            "cpu_p50_ms": cpu50,
            "cpu_p95_ms": cpu95,
            "kb": sum(sizes) / len(sizes) / 1024,
        }
        progress(
            f"{kind}: p50 {p50:.1f} ms, p95 {p95:.1f} ms (CPU p50 {cpu50:.1f}, p95 {cpu95:.1f})"
        )
    # The paths for the load test: every page type, mixed.
    mixed = [url for kind in PAGE_TYPES for url in urls[kind][WARM_UP : WARM_UP + 20]]
    random.Random(SEED + 2).shuffle(mixed)
    out["_paths"] = mixed
    return out


def child_profile(n: int, only: list[str]) -> dict:
    """Where a page type's time goes: queries (count, time, the slowest with their plan) and
    the rest (view code and template), over a few requests after the warm-up."""
    _setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    urls = sample_urls(n + WARM_UP)
    out = {}
    for kind in only:
        for url in urls[kind][:WARM_UP]:
            client.get(url)
        total, cpu, sql, count, slowest = 0.0, 0.0, 0.0, 0, {}
        for url in urls[kind][WARM_UP:]:
            with CaptureQueriesContext(connection) as queries:
                start, start_cpu = time.perf_counter(), time.process_time()
                client.get(url)
                total += time.perf_counter() - start
                cpu += time.process_time() - start_cpu
            count += len(queries)
            for q in queries:
                seconds = float(q["time"])
                sql += seconds
                shape = re.sub(r"\b\d+\b", "N", q["sql"])
                slowest[shape] = slowest.get(shape, 0.0) + seconds
        top = sorted(slowest.items(), key=lambda item: -item[1])[:3]
        out[kind] = {
            "ms": total / n * 1000,
            "cpu_ms": cpu / n * 1000,
            "sql_ms": sql / n * 1000,
            "queries": count / n,
            "slowest": [(round(t / n * 1000, 1), q[:600]) for q, t in top],
        }
        progress(
            f"{kind}: {out[kind]['ms']:.1f} ms ({out[kind]['cpu_ms']:.1f} ms CPU), "
            f"{out[kind]['queries']:.0f} queries "
            f"{out[kind]['sql_ms']:.1f} ms"
        )
        for t, q in out[kind]["slowest"]:
            progress(f"    {t} ms  {q}")
    return out


# --- 3. load: a real server and wrk ---------------------------------------------------------

WRK_SCRIPT = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_test(
    env: dict, paths: list[str], duration: int, workdir: Path, workers: int, threads: int
) -> dict:
    if not shutil.which("wrk"):
        raise SystemExit("wrk ontbreekt: apt-get install -y wrk")
    port = _free_port()
    server_env = dict(env, DEBUG="false", ALLOWED_HOSTS="127.0.0.1")
    # Served as in production (README, "Processes to keep running"): gunicorn, a few worker
    # processes (one per core) with threads each, so a request waiting on the database or the
    # disk does not hold up the others.
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "kennisbrug.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "60",
        ],
        env=server_env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        # Each worker loads the search engine and the caches on its first requests.
        for path in paths[: 8 * workers]:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120).read()
        (workdir / "paths.txt").write_text("\n".join(paths) + "\n")
        (workdir / "paths.lua").write_text(WRK_SCRIPT % (workdir / "paths.txt"))
        done = subprocess.run(
            [
                "wrk",
                "--timeout",
                "30s",
                "-t",
                "2",
                "-c",
                str(CONNECTIONS),
                "-d",
                f"{duration}s",
                "--latency",
                "-s",
                str(workdir / "paths.lua"),
                f"http://127.0.0.1:{port}",
            ],
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = done.stdout
    progress(report)

    def number(pattern: str, default: float = 0.0) -> float:
        found = re.search(pattern, report)
        return float(found.group(1)) if found else default

    def ms(pattern: str) -> float:
        found = re.search(pattern + r"\s+([\d.]+)(us|ms|s)\b", report)
        if not found:
            return 0.0
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    return {
        "requests": int(number(r"(\d+) requests in")),
        "rps": number(r"Requests/sec:\s+([\d.]+)"),
        "p50_ms": ms("50%"),
        "p99_ms": ms("99%"),
        "non_2xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": sum(int(g) for g in errors.groups()) if errors else 0,
    }


# --- the parent -----------------------------------------------------------------------------


@contextmanager
def bench_database(backend: str, args: argparse.Namespace):
    """The database and state dir of one run: fresh and removed afterwards, or, with
    ``--workdir``, kept there and reused by the next run (seeding 100k takes many minutes)."""
    keep = args.workdir is not None
    if keep:
        workdir = Path(args.workdir).resolve() / backend
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        workdir = Path(tempfile.mkdtemp(prefix="kb-pages-bench-"))
    env = dict(os.environ, KENNISBRUG_VAR_DIR=str(workdir))
    env.pop("DEBUG", None)
    seeded = workdir / f"seeded-{args.items}.json"
    try:
        if backend == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.db'}"
        else:
            if not (keep and seeded.exists()):
                _postgres_admin(f"DROP DATABASE IF EXISTS {args.pg_database}")
                _postgres_admin(f"CREATE DATABASE {args.pg_database}")
            env["DATABASE_URL"] = f"{PG_SERVER}/{args.pg_database}"
        yield env, workdir, (seeded if keep else None)
    finally:
        if not keep:
            if backend == "postgres":
                _postgres_admin(f"DROP DATABASE IF EXISTS {args.pg_database}")
            shutil.rmtree(workdir, ignore_errors=True)


def _postgres_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def run_child(env: dict, role: str, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "--child", role, "--items", str(args.items)]
    command += ["--requests", str(args.requests)]
    if args.only:
        command += ["--only", args.only]
    done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit(f"{role} child failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_table(results: dict[str, dict]) -> None:
    backends = list(results)
    print(f"\nPage speed at {results[backends[0]]['seed']['items']:,} items, server-side (ms)\n")
    header = " | ".join(f"{b} p50 | {b} p95 | {b} CPU p95" for b in backends)
    print(f"| page type | {header} | KB |")
    print("|---" * (3 * len(backends) + 2) + "|")
    for kind in [k for k in PAGE_TYPES if k in results[backends[0]]["measure"]]:
        cells = []
        for b in backends:
            m = results[b]["measure"][kind]
            mark = "" if m["p95_ms"] <= GOAL_P95_MS else " ✗"
            cells.append(f"{m['p50_ms']:.1f} | {m['p95_ms']:.1f}{mark} | {m['cpu_p95_ms']:.1f}")
        kb = results[backends[0]]["measure"][kind]["kb"]
        print(f"| {kind} | " + " | ".join(cells) + f" | {kb:.0f} |")
    print(f"\nLoad: wrk, {CONNECTIONS} connections, all page types mixed\n")
    print("| engine | requests | requests/s | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|")
    for b in backends:
        load = results[b]["load"]
        if load is None:
            continue
        errors = load["non_2xx"] + load["socket_errors"]
        print(
            f"| {b} | {load['requests']:,} | {load['rps']:.1f} | {load['p50_ms']:.0f} "
            f"| {load['p99_ms']:.0f} | {errors} |"
        )
    for b in backends:
        seed = results[b]["seed"]
        print(
            f"\n{b}: seeded in {seed['seed_s']:.0f} s, indexed {seed['indexed']:,} in "
            f"{seed['index_s']:.0f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100, help="per page type")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per engine")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--workdir",
        help="keep the seeded database(s) here and reuse them on the next run "
        "(default: a fresh temporary dir, removed afterwards)",
    )
    parser.add_argument(
        "--pg-database",
        default=PG_DATABASE,
        help="PostgreSQL database name of this run (env PAGES_BENCH_PG_DATABASE)",
    )
    parser.add_argument("--seed-only", action="store_true", help="seed (or reuse), measure nothing")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="instead of timing: queries per page type (count, time, the slowest)",
    )
    parser.add_argument("--no-load", action="store_true", help="measure only, no wrk run")
    parser.add_argument("--only", help="comma-separated page types to measure (default: all)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument(
        "--child", choices=["seed", "prepare", "measure", "profile"], help=argparse.SUPPRESS
    )
    args = parser.parse_args()

    if args.child == "seed":
        print(json.dumps(child_seed(args.items)))
        return
    if args.child == "prepare":
        print(json.dumps(child_prepare()))
        return
    if args.child == "profile":
        only = args.only.split(",") if args.only else PAGE_TYPES
        print(json.dumps(child_profile(args.requests, only)))
        return
    if args.child == "measure":
        only = args.only.split(",") if args.only else PAGE_TYPES
        print(json.dumps(child_measure(args.requests, only)))
        return

    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    results = {}
    for backend in backends:
        with bench_database(backend, args) as (env, workdir, seeded):
            # As served: DEBUG off (no query log; collectstatic writes fingerprinted files).
            env.update(DEBUG="false", ALLOWED_HOSTS="127.0.0.1")
            if seeded is not None and seeded.exists():
                progress(f"{backend}: reusing the database in {workdir}; migrating")
                run_child(env, "prepare", args)
                seed = json.loads(seeded.read_text())
            else:
                progress(f"{backend}: seeding {args.items:,} items")
                seed = run_child(env, "seed", args)
                if seeded is not None:
                    seeded.write_text(json.dumps(seed))
            if args.seed_only:
                continue
            if args.profile:
                run_child(env, "profile", args)  # the query log works with DEBUG off too
                continue
            progress(f"{backend}: measuring")
            measure = run_child(env, "measure", args)
            paths = measure.pop("_paths")
            if args.no_load:
                results[backend] = {"seed": seed, "measure": measure, "load": None}
                continue
            progress(f"{backend}: load test")
            load = load_test(env, paths, args.duration, workdir, args.workers, args.threads)
            results[backend] = {"seed": seed, "measure": measure, "load": load}
            if load["non_2xx"] or load["socket_errors"]:
                progress(f"{backend}: ERRORS under load: {load}")
    if not results:
        return
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)


if __name__ == "__main__":
    main()
