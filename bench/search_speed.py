"""Search speed: latency of a full search against the raw full-text floor, indexing, memory.

For each corpus size and engine, on a fresh database, in one run on the same machine:
  - indexing throughput of ``indexer.rebuild`` (train the corpus model, write every entry and
    its full-text row) over a synthetic, deterministic corpus of Dutch practice texts;
  - p50/p95 latency of ``engine.search`` (ranking, facets, snippets, 10 hits) over N queries;
  - the floor: the engine's own full-text index asked for a plain top 10 of the same terms
    (FTS5 ``bm25()`` on SQLite, ``ts_rank_cd`` on PostgreSQL), and the ratio to it;
  - peak memory (max RSS) of a serving process that only opens the built index and searches.

Each (engine, size) runs in two child processes of this script, because Django settings are
per process and because indexing would inflate the serving process's peak memory: ``build``
indexes and reports, ``serve`` searches and reports. The parent prints the table.

Usage: python bench/search_speed.py [--sizes 10000,100000,1000000] [--queries 200]
       [--backend sqlite|postgres|both] [--json] [--workdir DIR] [--keep DIR | --reuse DIR]

Two runs at once need their own places: ``--workdir`` (or ``KB_BENCH_WORKDIR``) is where the
temporary database directories go, ``KB_BENCH_PG_DATABASE`` the PostgreSQL database name.
``--keep DIR`` builds into DIR/<backend>-<size> and leaves it there; ``--reuse DIR`` skips the
build and searches what an earlier ``--keep DIR`` left (for profiling a change quickly).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = os.environ.get("KB_BENCH_PG_DATABASE", "kennisbrug_bench_speed")
SEED = 20261122
BLOCK = 1000  # documents are generated (and seeded) per block, so any range is reproducible
WARM_UP = 10
# Up to this size the corpus is generated into a list first (generation is then timed on its
# own); above it rebuild() is given a function that generates it afresh for each pass.
IN_MEMORY_MAX = 200_000

GOAL_P95_100K_MS = 30.0
GOAL_FLOOR_RATIO = 10.0
GOAL_P95_1M_MS = 300.0
GOAL_ITEMS_PER_S = 1000.0
GOAL_SERVING_MB = 500.0

_WORD = re.compile(r"[^\W\d_]{2,}")


def progress(message: str) -> None:
    # UTC: Django sets the children's local time zone to Amsterdam.
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}", file=sys.stderr, flush=True)


# --- the synthetic corpus ---------------------------------------------------------------


def _prose(value) -> Iterator[str]:
    """Every piece of running text in a demo record (skips ids, slugs and urls)."""
    if isinstance(value, str):
        if " " in value and "://" not in value:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _prose(item)
    elif isinstance(value, list):
        for item in value:
            yield from _prose(item)


class Vocabulary:
    """Real Dutch words ranked so that a Zipf draw gives both everyday and domain words."""

    def __init__(self) -> None:
        from wordfreq import top_n_list

        demo: Counter[str] = Counter()
        pairs: Counter[tuple[str, str]] = Counter()
        for path in sorted((ROOT / "kennisbrug" / "demo" / "data").rglob("*.jsonl")):
            for line in path.read_text("utf-8").splitlines():
                if not line.strip():
                    continue
                for text in _prose(json.loads(line)):
                    words = _WORD.findall(text.lower())
                    demo.update(words)
                    pairs.update(zip(words, words[1:], strict=False))
        general = [w for w in top_n_list("nl", 20_000) if _WORD.fullmatch(w)]
        ranked_demo = [w for w, _ in sorted(demo.items(), key=lambda wn: (-wn[1], wn[0]))]
        # Interleave the two rankings: the demo's domain words ("schuldhulpverlening") are
        # as frequent here as everyday words of the same rank.
        words: dict[str, None] = {}
        for i in range(max(len(general), len(ranked_demo))):
            for source in (general, ranked_demo):
                if i < len(source):
                    words.setdefault(source[i])
        self.words = list(words)
        self.array = np.array(self.words, dtype=object)
        ranks = np.arange(len(self.words), dtype=np.float64)
        weights = 1.0 / (ranks + 2.7) ** 1.05  # Zipf–Mandelbrot, like running text
        self.cdf = np.cumsum(weights) / weights.sum()
        self.phrases = sorted(p for p, n in pairs.items() if n >= 3)

    def draw(self, rng: np.random.Generator, n: int) -> list[str]:
        return self.array[np.searchsorted(self.cdf, rng.random(n), side="right")].tolist()


def _sentences(words: list[str], rnd: random.Random) -> str:
    out, pos = [], 0
    while pos < len(words):
        n = rnd.randint(6, 18)
        part = words[pos : pos + n]
        pos += n
        out.append(part[0].capitalize() + " " + " ".join(part[1:]) + ".")
    return " ".join(out)


def documents(vocabulary: Vocabulary, start: int, stop: int) -> Iterator:
    """Documents ``start`` to ``stop``; document i is the same whatever range it is in."""
    from kennisbrug.interventions.models import EvidenceLevel
    from kennisbrug.search.documents import IndexDocument

    kinds = ["product", "interventie", "project", "vraagstuk"]
    levels = ["", "", "", *(level for level, _ in EvidenceLevel.choices)]
    for block in range(start // BLOCK, (stop + BLOCK - 1) // BLOCK):
        rng = np.random.default_rng([SEED, block])
        rnd = random.Random(SEED * 100_003 + block)
        lengths = [
            (rnd.randint(6, 12), rnd.randint(30, 60), rnd.randint(150, 400), rnd.randint(2, 5))
            for _ in range(BLOCK)
        ]
        drawn = vocabulary.draw(rng, sum(sum(n) for n in lengths))
        pos = 0
        for offset, (n_title, n_summary, n_body, n_keywords) in enumerate(lengths):
            words = drawn[pos : pos + n_title + n_summary + n_body + n_keywords]
            pos += len(words)
            i = block * BLOCK + offset
            title = words[:n_title]
            year = rnd.randint(2015, 2026)
            # Built even when out of range, so the random draws do not depend on the range.
            document = IndexDocument(
                kind=rnd.choice(kinds),
                object_id=i + 1,
                source="bench",
                source_id=f"bench-{i}",
                title=title[0].capitalize() + " " + " ".join(title[1:]),
                url=f"/bench/{i}",
                summary=_sentences(words[n_title : n_title + n_summary], rnd),
                body=_sentences(words[n_title + n_summary : -n_keywords], rnd),
                keywords=" ; ".join(words[-n_keywords:]),
                werkplaats_id=None,  # the bench database has no werkplaatsen
                theme_ids=sorted(rnd.sample(range(1, 41), rnd.randint(1, 3))),
                target_group_ids=sorted(rnd.sample(range(1, 41), rnd.randint(0, 2))),
                year=year,
                date=datetime.date(year, rnd.randint(1, 12), rnd.randint(1, 28)),
                evidence_level=rnd.choice(levels),
            )
            if start <= i < stop:
                yield document


def _misspell(word: str, rnd: random.Random) -> str:
    i = rnd.randrange(1, len(word) - 2)
    if rnd.random() < 0.5:  # swap two letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i + 1 :]  # drop one


def make_queries(vocabulary: Vocabulary, n: int) -> list[str]:
    """Deterministic queries of 1–6 words: frequent, rare, phrases, misspellings."""
    from kennisbrug.search.text import STOPWORDS

    rnd = random.Random(SEED)
    rng = np.random.default_rng(SEED)
    content = [w for w in vocabulary.words if w not in STOPWORDS and len(w) >= 3]
    frequent = [w for w in vocabulary.draw(rng, 20_000) if w not in STOPWORDS and len(w) >= 3]
    long_words = [w for w in content if len(w) >= 7]
    queries = []
    for q in range(n):
        kind = q % 10
        if kind < 4:  # everyday questions: frequent words
            words = rnd.sample(frequent, rnd.randint(1, 3))
        elif kind < 6:  # a rare word with a frequent one, or rare alone
            words = [rnd.choice(content[len(content) // 2 :])]
            if rnd.random() < 0.5:
                words.append(rnd.choice(frequent))
        elif kind < 8:  # a two-word phrase from real text, sometimes with one more word
            words = list(rnd.choice(vocabulary.phrases))
            if rnd.random() < 0.4:
                words.append(rnd.choice(frequent))
        elif kind == 8:  # a typo in a longer word
            words = [_misspell(rnd.choice(long_words), rnd)]
            if rnd.random() < 0.5:
                words.append(rnd.choice(frequent))
        else:  # long questions
            words = rnd.sample(frequent, rnd.randint(4, 6))
        queries.append(" ".join(words))
    return queries


# --- the child processes ----------------------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.settings")
    import django

    django.setup()


def _database_mb() -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0] / 2**20
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Path(connection.settings_dict["NAME"]).stat().st_size / 2**20


class _TimedIterator:
    """Counts the time spent producing items, so generation can be taken out of a timing."""

    def __init__(self, items: Iterator):
        self.items, self.seconds = items, 0.0

    def __iter__(self):
        return self

    def __next__(self):
        start = time.perf_counter()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - start


def child_build(size: int) -> dict:
    _setup_django()
    from django.core.management import call_command
    from django.db import connection

    from kennisbrug.search import indexer

    call_command("migrate", verbosity=0)
    vocabulary = Vocabulary()
    phases: dict[str, float] = {}
    generated: list[_TimedIterator] = []

    if size <= IN_MEMORY_MAX:
        start = time.perf_counter()
        source = list(documents(vocabulary, 0, size))
        generate = time.perf_counter() - start
        progress(f"{connection.vendor} {size}: generated {size} documents in {generate:.1f} s")
    else:
        generate = 0.0

        def source():  # noqa: F811 -- generated afresh for each of the rebuild's passes
            generated.append(_TimedIterator(documents(vocabulary, 0, size)))
            return generated[-1]

    phase_cpu, sample_cpu = _clock_cpu_per_phase(indexer, connection)
    before_cpu = sample_cpu()
    start = time.perf_counter()
    cpu = time.process_time()
    indexer.rebuild(source, timings=phases)
    phase_cpu["rebuild"] = {k: round(v - before_cpu[k], 2) for k, v in sample_cpu().items()}
    total = time.perf_counter() - start - sum(g.seconds for g in generated)
    cpu = time.process_time() - cpu
    generate += sum(g.seconds for g in generated)
    progress(f"{connection.vendor} {size}: rebuild in {total:.1f} s ({phases})")
    # rebuild() itself leaves PostgreSQL's index vacuumed and analysed (its "settle" phase,
    # part of the indexing time), as ``kennisbrug reindex`` does.
    version = ".".join(map(str, connection.get_database_version()))
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "engine": f"{connection.display_name} {version}",
        "mode": "rebuild" + ("" if size <= IN_MEMORY_MAX else " (documents generated per pass)"),
        "generate_s": generate,
        "words_s": phases.get("words", 0.0),
        "analyse_write_s": phases.get("analyse_write", 0.0),
        "svd_s": phases.get("svd", 0.0),
        "vectors_s": phases.get("vectors", 0.0),
        "settle_s": phases.get("settle", 0.0),
        "index_s": total,
        "items_per_s": size / total,
        "cpu_s": cpu,
        "workers_cpu_s": workers.ru_utime + workers.ru_stime,
        "load_average": os.getloadavg(),
        "build_peak_mb": _peak_rss_mb(),
        "workers_peak_mb": workers.ru_maxrss / 1024,
        "database_mb": _database_mb(),
        "phase_cpu_s": phase_cpu,
    }


def _clock_cpu_per_phase(indexer, connection):
    """CPU seconds per rebuild phase: this process, its (reaped) worker processes and, on
    PostgreSQL, the database backend serving it (read from /proc: same machine only), and
    ``sample`` for the whole rebuild (its commit included). On a shared machine these
    compare across runs where wall times do not."""
    backend_stat = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend_stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
    tick = os.sysconf("SC_CLK_TCK")

    def sample() -> dict[str, float]:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = {"main": time.process_time(), "workers": children.ru_utime + children.ru_stime}
        if backend_stat is not None and backend_stat.exists():
            fields = backend_stat.read_text().rsplit(")", 1)[1].split()
            out["database"] = (int(fields[11]) + int(fields[12])) / tick
        return out

    per_phase: dict[str, dict[str, float]] = {}

    class Clock(indexer._Clock):
        @contextmanager
        def __call__(self, name: str):
            before = sample()
            with super().__call__(name):
                yield
            after = sample()
            spent = per_phase.setdefault(name, {})
            for key, value in after.items():
                spent[key] = round(spent.get(key, 0.0) + value - before[key], 2)

    indexer._Clock = Clock
    return per_phase, sample


def _floor(vendor: str):
    """The raw top 10 of the query's analysed terms, straight from the full-text index."""
    from django.db import connection

    from kennisbrug.search.runtime import runtime

    analyzer = runtime().analyzer
    if vendor == "postgresql":
        sql = (
            "SELECT id FROM search_searchentry, to_tsquery('simple', %s) AS query"
            " WHERE tsv @@ query ORDER BY ts_rank_cd(tsv, query) DESC LIMIT 10"
        )

        def expression(terms):
            return " | ".join(f"'{t}'" for t in terms)
    else:
        # Sorting on bm25() itself: FTS5's "ORDER BY rank" took ~35% longer on this corpus
        # (p50 23 against 17 ms, p95 117 against 85 ms at 100k), so it would flatter the ratio.
        sql = (
            "SELECT rowid, bm25(search_fts) AS score FROM search_fts WHERE search_fts MATCH %s"
            " ORDER BY score LIMIT 10"
        )

        def expression(terms):
            return " OR ".join(f'"{t}"' for t in terms)

    def run(query: str) -> int:
        terms = list(dict.fromkeys(analyzer.terms(query)))
        if not terms:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression(terms)])
            return len(cursor.fetchall())

    return run


def _percentiles(seconds: list[float]) -> tuple[float, float]:
    p50, p95 = np.percentile(np.array(seconds) * 1000, [50, 95])
    return float(p50), float(p95)


def child_serve(size: int, n_queries: int) -> dict:
    _setup_django()
    from django.db import connection

    from kennisbrug.search.engine import search

    queries = make_queries(Vocabulary(), n_queries)
    start = time.perf_counter()
    search(queries[0])  # loads the corpus model, the in-memory arrays and the speller
    first_call = time.perf_counter() - start
    progress(f"{connection.vendor} {size}: first search (loading) {first_call:.1f} s")
    for q in queries[1:WARM_UP]:
        search(q)
    latencies, totals = [], []
    for q in queries:
        start = time.perf_counter()
        results = search(q)
        latencies.append(time.perf_counter() - start)
        totals.append(results.total)
    p50, p95 = _percentiles(latencies)
    slowest = sorted(zip(latencies, queries, totals, strict=True), reverse=True)[:3]
    progress(f"{connection.vendor} {size}: search p50 {p50:.1f} ms, p95 {p95:.1f} ms")

    floor = _floor(connection.vendor)
    for q in queries[:WARM_UP]:
        floor(q)
    floor_latencies = []
    for q in queries:
        start = time.perf_counter()
        floor(q)
        floor_latencies.append(time.perf_counter() - start)
    floor_p50, floor_p95 = _percentiles(floor_latencies)
    progress(f"{connection.vendor} {size}: floor p50 {floor_p50:.2f} ms, p95 {floor_p95:.2f} ms")
    return {
        "queries": len(queries),
        "load_s": first_call,
        "p50_ms": p50,
        "p95_ms": p95,
        "max_ms": max(latencies) * 1000,
        "floor_p50_ms": floor_p50,
        "floor_p95_ms": floor_p95,
        "ratio_p95": p95 / floor_p95 if floor_p95 else None,
        "median_results": int(np.median(totals)),
        "slowest": [{"query": q, "ms": round(s * 1000, 1), "results": t} for s, q, t in slowest],
        "serving_rss_mb": _current_rss_mb(),
        "serving_peak_mb": _peak_rss_mb(),
    }


# --- the parent: databases, children, the table ------------------------------------------


@contextmanager
def fresh_database(backend: str, workdir_root: str | None = None, keep: Path | None = None):
    """Environment for the children: an empty database of its own, removed afterwards
    (kept in ``keep`` when given)."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        workdir = keep
    else:
        if workdir_root:
            Path(workdir_root).mkdir(parents=True, exist_ok=True)
        workdir = Path(tempfile.mkdtemp(prefix="kb-search-bench-", dir=workdir_root))
    env = _environment(backend, workdir, keep is not None)
    try:
        if backend == "postgres":
            _postgres_admin(f"DROP DATABASE IF EXISTS {_pg_database(workdir, keep)}")
            _postgres_admin(f"CREATE DATABASE {_pg_database(workdir, keep)}")
        yield env
    finally:
        if keep is None:
            if backend == "postgres":
                _postgres_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            shutil.rmtree(workdir, ignore_errors=True)


def _pg_database(workdir: Path, keep: Path | None) -> str:
    # A kept database is named after its directory, so several sizes can be kept at once.
    return f"{PG_DATABASE}_{workdir.name.replace('-', '_')}" if keep is not None else PG_DATABASE


def _environment(backend: str, workdir: Path, kept: bool = False) -> dict:
    env = dict(os.environ, KENNISBRUG_VAR_DIR=str(workdir))
    if backend == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.db'}"
    else:
        env["DATABASE_URL"] = f"{PG_SERVER}/{_pg_database(workdir, workdir if kept else None)}"
    return env


def _postgres_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def run_child(env: dict, role: str, size: int, n_queries: int) -> dict:
    command = [sys.executable, __file__, "--child", role, "--sizes", str(size)]
    command += ["--queries", str(n_queries)]
    done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit(f"{role} child for {size} items failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _commit() -> str:
    """The code measured: the commit, marked when the working tree differs from it."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    dirty = git("status", "--porcelain", "--", "kennisbrug").strip()
    return git("rev-parse", "--short", "HEAD").strip() + (" (modified)" if dirty else "")


def _mb(value: float) -> str:
    return f"{value:,.0f} MB"


def print_table(backend: str, rows: list[dict]) -> None:
    print(f"\n{rows[0]['engine']}: full search = engine.search (facets, 10 hits with snippets)")
    header = (
        "size | index items/s | words / analyse+write / svd / vectors / settle s"
        " | cpu s (workers)"
        " | load s | p50 ms | p95 ms"
        " | floor p50 | floor p95 | p95/floor | results (median) | serving peak | build peak"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        ratio = f"{r['ratio_p95']:.1f}x" if r["ratio_p95"] else "-"
        print(
            f"{r['size']:,} | {r['items_per_s']:,.0f} | {r['words_s']:.1f} /"
            f" {r['analyse_write_s']:.1f} / {r['svd_s']:.1f} / {r['vectors_s']:.1f}"
            f" / {r.get('settle_s', 0.0):.1f} | {r['cpu_s']:.1f} ({r['workers_cpu_s']:.1f})"
            f" | {r['load_s']:.1f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f}"
            f" | {r['floor_p50_ms']:.2f} | {r['floor_p95_ms']:.2f} | {ratio}"
            f" | {r['median_results']:,} | {_mb(r['serving_peak_mb'])} | {_mb(r['build_peak_mb'])}"
        )
    for r in rows:
        slow = "; ".join(f"{s['query']!r} {s['ms']} ms ({s['results']:,})" for s in r["slowest"])
        load = ", ".join(f"{x:.1f}" for x in r["load_average"])
        print(
            f"  {r['size']:,}: indexing as {r['mode']}, load average {load} at its end,"
            f" workers' peak {_mb(r['workers_peak_mb'])}; slowest searches: {slow}"
        )


def goals(results: dict[str, list[dict]]) -> list[tuple[str, str, str]]:
    """(goal, measured, verdict) per goal and engine; SQLite is the target, PostgreSQL beside."""
    out = []
    for backend, rows in results.items():
        by_size = {r["size"]: r for r in rows}
        r100k, r1m = by_size.get(100_000), by_size.get(1_000_000)

        def verdict(ok: bool) -> str:
            return "PASS" if ok else "FAIL"

        if r100k:
            out.append(
                (
                    f"{backend} 100k: p95 <= {GOAL_P95_100K_MS:.0f} ms",
                    f"{r100k['p95_ms']:.1f} ms",
                    verdict(r100k["p95_ms"] <= GOAL_P95_100K_MS),
                )
            )
            ratio = r100k["ratio_p95"] or float("inf")
            out.append(
                (
                    f"{backend} 100k: p95 <= {GOAL_FLOOR_RATIO:.0f}x raw floor p95",
                    f"{ratio:.1f}x",
                    verdict(ratio <= GOAL_FLOOR_RATIO),
                )
            )
        if r1m:
            out.append(
                (
                    f"{backend} 1M: p95 <= {GOAL_P95_1M_MS:.0f} ms",
                    f"{r1m['p95_ms']:.1f} ms",
                    verdict(r1m["p95_ms"] <= GOAL_P95_1M_MS),
                )
            )
        for r in rows:
            out.append(
                (
                    f"{backend} {r['size']:,}: indexing >= {GOAL_ITEMS_PER_S:,.0f} items/s",
                    f"{r['items_per_s']:,.0f} items/s",
                    verdict(r["items_per_s"] >= GOAL_ITEMS_PER_S),
                )
            )
            out.append(
                (
                    f"{backend} {r['size']:,}: serving peak <= {GOAL_SERVING_MB:.0f} MB",
                    _mb(r["serving_peak_mb"]),
                    verdict(r["serving_peak_mb"] <= GOAL_SERVING_MB),
                )
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--json", action="store_true", help="print all figures as JSON")
    parser.add_argument(
        "--workdir",
        default=os.environ.get("KB_BENCH_WORKDIR"),
        help="where temporary database directories go (default: the system's temp dir)",
    )
    parser.add_argument("--keep", help="build into DIR/<backend>-<size> and leave it there")
    parser.add_argument("--reuse", help="search the databases an earlier --keep DIR left")
    parser.add_argument("--child", choices=["build", "serve"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.queries < WARM_UP:
        parser.error(f"--queries must be at least {WARM_UP}")

    if args.child == "build":
        print(json.dumps(child_build(sizes[0])))
        return
    if args.child == "serve":
        print(json.dumps(child_serve(sizes[0], args.queries)))
        return

    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    commit = _commit()  # before the run: others may commit while it lasts
    results: dict[str, list[dict]] = {}
    for backend in backends:
        for size in sizes:
            if args.reuse:
                kept = Path(args.reuse) / f"{backend}-{size}"
                progress(f"{backend} {size}: reusing {kept}")
                built = json.loads((kept / "build.json").read_text())
                row = {"size": size, **built}
                row.update(
                    run_child(_environment(backend, kept, True), "serve", size, args.queries)
                )
                results.setdefault(backend, []).append(row)
                continue
            progress(f"{backend} {size}: building")
            keep = Path(args.keep) / f"{backend}-{size}" if args.keep else None
            with fresh_database(backend, args.workdir, keep) as env:
                built = run_child(env, "build", size, args.queries)
                if keep is not None:
                    (keep / "build.json").write_text(json.dumps(built))
                row = {"size": size, **built}
                progress(f"{backend} {size}: serving")
                row.update(run_child(env, "serve", size, args.queries))
            results.setdefault(backend, []).append(row)

    verdicts = goals(results)
    if args.json:
        out = {
            "commit": commit,
            "queries": args.queries,
            "results": results,
            "goals": [dict(zip(("goal", "measured", "verdict"), g, strict=True)) for g in verdicts],
        }
        print(json.dumps(out, indent=2))
        return
    print(f"code: {commit}; queries per size: {args.queries} (after {WARM_UP} warm-up searches)")
    for backend, rows in results.items():
        print_table(backend, rows)
    print("\ngoals:")
    for goal, measured, verdict in verdicts:
        print(f"  {verdict}  {goal}: {measured}")


if __name__ == "__main__":
    main()
