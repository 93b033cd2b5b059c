"""Search quality: Kennisbrug against two untuned full-text baselines on a judged query set.

Loads the demo data into a fresh SQLite database in a temporary folder, then ranks every
query of bench/search_quality/queries.jsonl with
  - Kennisbrug (``kennisbrug.search.engine.search``), on SQLite and, when PostgreSQL at
    127.0.0.1:5432 is reachable, on PostgreSQL as well (in a subprocess of this script);
  - SQLite FTS5 ``bm25()`` with the default tokenizer (unicode61, no stemming);
  - PostgreSQL ``ts_rank_cd`` with the built-in ``dutch`` configuration (skipped without PG).
All systems search the same documents. Prints nDCG@10 and Recall@20 for the dev split, the
holdout split, the blind splits and all queries, and the difference between Kennisbrug and the
better baseline.

Usage (from the repository root):
  .venv/bin/python bench/search_quality.py [--json] [--per-query] [--show q012]
                                           [--backend sqlite|postgres|both]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
QUERIES = BENCH / "search_quality" / "queries.jsonl"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

# A fresh database every run: the benchmark must never touch a developer's own data.
# KB_BENCH_DATABASE_URL is set only for this script's own subprocess (Kennisbrug on PostgreSQL).
# KB_BENCH_WORKDIR and KB_BENCH_PG_DATABASE (a name prefix) keep parallel runs apart.
if os.environ.get("KB_BENCH_WORKDIR"):
    os.makedirs(os.environ["KB_BENCH_WORKDIR"], exist_ok=True)
WORKDIR = Path(tempfile.mkdtemp(prefix="kb-quality-", dir=os.environ.get("KB_BENCH_WORKDIR")))
os.environ["DATABASE_URL"] = os.environ.get("KB_BENCH_DATABASE_URL") or (
    f"sqlite:///{WORKDIR / 'bench.db'}"
)
os.environ["KENNISBRUG_VAR_DIR"] = str(WORKDIR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.settings")

import django  # noqa: E402
from ir_metrics import ndcg_at, recall_at  # noqa: E402

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
# Own names when several people run the benchmarks at once: KB_BENCH_PG_DATABASE=kb_mine
# (the same variable bench/search_speed.py reads).
_PG_PREFIX = os.environ.get("KB_BENCH_PG_DATABASE", "kennisbrug_bench")
BASELINE_DB = f"{_PG_PREFIX}_quality"
ENGINE_DB = f"{_PG_PREFIX}_q"
TOP = 20  # results per query: enough for Recall@20 and nDCG@10
GOAL = 0.15  # wanted nDCG@10 gain of Kennisbrug over the better baseline
# "fresh", "fresh2" and "fresh3" are later, blind sets (never tuned on). Two aggregates:
# "dev+holdout" is the original 91 (what "all" meant until fresh3 was added, kept so figures stay
# comparable), "all" is every query of every split: dev alone is too small to judge a change by.
BLIND = ("fresh", "fresh2", "fresh3")
SPLITS = ("dev", "holdout", *BLIND, "dev+holdout", "all")


def in_split(query, split: str) -> bool:
    if split == "all":
        return True
    if split == "dev+holdout":
        return query.split in ("dev", "holdout")
    return query.split == split


KB_SQLITE = "Kennisbrug (SQLite)"
KB_POSTGRES = "Kennisbrug (PostgreSQL)"
FTS5 = "FTS5 bm25 standaard"
PG_DUTCH = "PostgreSQL ts_rank_cd dutch"
BASELINES = (FTS5, PG_DUTCH)


# --- the query set -------------------------------------------------------------------------


@dataclass
class Query:
    id: str
    text: str
    persona: str
    split: str
    judgments: dict[str, int]


def load_queries(path: Path = QUERIES) -> list[Query]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            queries.append(
                Query(row["id"], row["query"], row["persona"], row["split"], row["judgments"])
            )
    return queries


def words(text: str) -> list[str]:
    """The query as plain alphanumeric words, the way a naive baseline would see it."""
    return re.findall(r"[^\W_]+", text)


# --- documents -----------------------------------------------------------------------------


@dataclass
class Doc:
    kind: str
    source: str
    source_id: str
    title: str
    keywords: str
    summary: str
    body: str
    attachments: str


def _join(*parts: str | None) -> str:
    return "\n\n".join(p for p in parts if p)


def _orm_documents():
    """Fallback while kennisbrug.search.documents is missing: the same fields from the ORM."""
    from kennisbrug.interventions.models import Intervention
    from kennisbrug.products.models import Product
    from kennisbrug.projects.models import Project
    from kennisbrug.registry.models import Werkplaats
    from kennisbrug.themes.models import Vraagstuk

    for p in Product.objects.filter(status="gepubliceerd").prefetch_related("attachments"):
        attachments = _join(*(a.text for a in p.attachments.all()))
        yield Doc(
            "product",
            p.source,
            p.source_id,
            p.title,
            " ".join(p.keywords or []),
            p.summary,
            p.body,
            attachments,
        )
    for i in Intervention.objects.filter(withdrawn_at__isnull=True):
        body = _join(
            i.goal, i.target_group_text, i.approach, i.active_elements, i.rationale, i.body
        )
        yield Doc(
            "intervention",
            i.source,
            i.source_id,
            i.title,
            " ".join(i.keywords or []),
            i.summary,
            body,
            "",
        )
    for p in Project.objects.all():
        yield Doc(
            "project",
            p.source,
            p.source_id,
            p.title,
            "",
            p.summary,
            _join(p.practice_question, p.body),
            "",
        )
    for v in Vraagstuk.objects.all():
        yield Doc("vraagstuk", v.source, v.source_id, v.title, "", v.description, "", "")
    for w in Werkplaats.objects.all():
        yield Doc("werkplaats", w.source, w.source_id, w.name, "", w.description, "", "")


def load_documents() -> tuple[list[Doc], str]:
    """Every searchable record, preferably exactly as the search engine indexes it."""
    try:
        from kennisbrug.search.documents import all_documents
    except ImportError:
        return list(_orm_documents()), "eigen ORM-velden (kennisbrug.search.documents ontbreekt)"
    docs = [
        Doc(
            str(d.kind),
            d.source,
            d.source_id,
            d.title,
            d.keywords or "",
            d.summary or "",
            d.body or "",
            d.attachments or "",
        )
        for d in all_documents()
    ]
    return docs, "kennisbrug.search.documents.all_documents()"


# --- baseline: SQLite FTS5 bm25 ------------------------------------------------------------


def fts5_rankings(docs: list[Doc], queries: list[Query]) -> dict[str, list[str]]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE d USING fts5(title, keywords, summary, body, attachments)")
    db.executemany(
        "INSERT INTO d(rowid, title, keywords, summary, body, attachments) VALUES (?,?,?,?,?,?)",
        [(n, d.title, d.keywords, d.summary, d.body, d.attachments) for n, d in enumerate(docs, 1)],
    )
    rankings = {}
    for q in queries:
        # OR, not FTS5's implicit AND: a natural question would otherwise match nothing.
        match = " OR ".join(f'"{w}"' for w in words(q.text))
        rows = (
            db.execute(
                "SELECT rowid FROM d WHERE d MATCH ? ORDER BY bm25(d), rowid LIMIT ?",
                (match, TOP),
            ).fetchall()
            if match
            else []
        )
        rankings[q.id] = [docs[rowid - 1].source_id for (rowid,) in rows]
    db.close()
    return rankings


# --- baseline: PostgreSQL ts_rank_cd with the dutch configuration --------------------------


def pg_connect(dbname: str = "postgres"):
    import psycopg

    return psycopg.connect(dbname=dbname, connect_timeout=3, autocommit=True, **PG)


def pg_unreachable() -> str | None:
    """None when PostgreSQL answers, otherwise the reason it does not."""
    try:
        pg_connect().close()
    except Exception as exc:  # psycopg missing, refused, no such role …
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0]}"
    return None


def recreate_database(name: str) -> None:
    with pg_connect() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")


def drop_database(name: str) -> None:
    try:
        with pg_connect() as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    except Exception as exc:
        print(f"Let op: database {name} niet opgeruimd: {exc}", file=sys.stderr)


def pg_rankings(docs: list[Doc], queries: list[Query]) -> dict[str, list[str]]:
    recreate_database(BASELINE_DB)
    try:
        with pg_connect(BASELINE_DB) as db:
            db.execute("CREATE TABLE d (id integer PRIMARY KEY, source_id text, tsv tsvector)")
            with db.cursor() as cur:
                cur.executemany(
                    "INSERT INTO d VALUES (%s, %s, to_tsvector('dutch', %s))",
                    [
                        (
                            n,
                            d.source_id,
                            " ".join((d.title, d.keywords, d.summary, d.body, d.attachments)),
                        )
                        for n, d in enumerate(docs, 1)
                    ],
                )
            db.execute("CREATE INDEX d_tsv ON d USING gin (tsv)")
            rankings = {}
            for q in queries:
                # OR for the same reason as FTS5: websearch_to_tsquery would AND the words.
                tsquery = " | ".join(words(q.text))
                rows = (
                    db.execute(
                        "SELECT source_id FROM d, to_tsquery('dutch', %s) q WHERE tsv @@ q "
                        "ORDER BY ts_rank_cd(tsv, q) DESC, id LIMIT %s",
                        (tsquery, TOP),
                    ).fetchall()
                    if tsquery
                    else []
                )
                rankings[q.id] = [source_id for (source_id,) in rows]
        return rankings
    finally:
        drop_database(BASELINE_DB)


# --- Kennisbrug ----------------------------------------------------------------------------


def kennisbrug_rankings(queries: list[Query]) -> dict[str, list[str]] | str:
    """Rankings by source_id, or a message saying why the engine could not be measured."""
    try:
        from kennisbrug.search.engine import search
    except ImportError:
        return "zoekmachine nog niet beschikbaar"
    rankings = {}
    try:
        for q in queries:
            rankings[q.id] = [hit.source_id for hit in search(q.text, limit=TOP).hits]
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        return f"fout bij zoeken naar {q.text!r}: {type(exc).__name__}: {exc}"
    if not any(rankings.values()):
        return "geen enkele treffer: is de zoekindex gevuld?"
    return rankings


def kennisbrug_on_postgres() -> dict[str, list[str]] | str:
    """Run this script in a subprocess against a fresh PostgreSQL database, engine only."""
    recreate_database(ENGINE_DB)
    env = dict(os.environ)
    env["KB_BENCH_DATABASE_URL"] = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{ENGINE_DB}"
    env.pop("DATABASE_URL", None)
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--engine-rankings"],
            env=env,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
    finally:
        drop_database(ENGINE_DB)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        last = next((ln for ln in reversed(done.stderr.splitlines()) if ln.strip()), "")
        return f"subprocess stopte met code {done.returncode}: {last.strip()[:160]}"
    # The JSON is the last line: anything the engine prints before it is not ours to parse.
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["rankings"] if result["ok"] else result["message"]


# --- setup ---------------------------------------------------------------------------------


def load_demo() -> None:
    from django.core.management import call_command

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("demo", no_accounts=True, verbosity=0, stdout=quiet)


def check_ids(queries: list[Query], docs: list[Doc]) -> list[str]:
    """Warnings about identifiers: duplicates would make the judgments ambiguous."""
    warnings = []
    seen: dict[str, int] = {}
    for d in docs:
        seen[d.source_id] = seen.get(d.source_id, 0) + 1
    duplicates = sorted(k for k, n in seen.items() if n > 1)
    if duplicates:
        warnings.append(f"source_id niet uniek: {', '.join(duplicates[:10])}")
    unknown = sorted({k for q in queries for k in q.judgments if k not in seen})
    if unknown:
        warnings.append(f"beoordeelde ids die niet doorzoekbaar zijn: {', '.join(unknown[:10])}")
    return warnings


def _self_check() -> None:
    """The metrics on hand-computed cases, so a broken metric cannot pass unnoticed."""
    j = {"a": 3, "b": 2, "c": 1}
    assert ndcg_at(10, ["a", "b", "c"], j) == 1.0
    assert ndcg_at(10, [], j) == 0.0
    assert ndcg_at(10, ["x", "y"], j) == 0.0
    # DCG = 1/log2(2) + 7/log2(4) = 4.5; IDCG = 7 + 3/log2(3) + 1/log2(4) = 9.3928
    assert abs(ndcg_at(10, ["c", "x", "a"], j) - 4.5 / 9.392789) < 1e-6
    assert abs(ndcg_at(10, ["a", "a"], {"a": 3, "b": 3}) - 7 / (7 + 7 / 1.5849625)) < 1e-6
    assert ndcg_at(1, ["b", "a"], j) == 3 / 7
    assert recall_at(20, ["c", "x", "a"], j) == 2 / 3
    assert recall_at(2, ["x", "a", "b"], j) == 1 / 3
    assert recall_at(20, [], j) == 0.0


# --- scoring and report --------------------------------------------------------------------


def per_query_scores(queries, rankings) -> dict[str, dict[str, float]]:
    return {
        q.id: {
            "ndcg@10": ndcg_at(10, rankings.get(q.id, []), q.judgments),
            "recall@20": recall_at(20, rankings.get(q.id, []), q.judgments),
        }
        for q in queries
    }


def summarise(queries, scores) -> dict[str, dict[str, float]]:
    out = {}
    for split in SPLITS:
        ids = [q.id for q in queries if in_split(q, split)]
        out[split] = {
            metric: round(statistics.fmean(scores[i][metric] for i in ids), 4) if ids else 0.0
            for metric in ("ndcg@10", "recall@20")
        }
    return out


def differences(summaries: dict, engine: str) -> dict[str, dict[str, object]]:
    """Kennisbrug minus the better baseline on nDCG@10, per split."""
    out = {}
    for split in SPLITS:
        measured = [b for b in BASELINES if b in summaries]
        if engine not in summaries or not measured:
            continue
        best = max(measured, key=lambda b: summaries[b][split]["ndcg@10"])
        gain = summaries[engine][split]["ndcg@10"] - summaries[best][split]["ndcg@10"]
        out[split] = {"baseline": best, "ndcg@10": round(gain, 4)}
    return out


def print_report(queries, summaries, skipped, diffs, notes, args, per_query) -> None:
    counts = {s: sum(1 for q in queries if in_split(q, s)) for s in SPLITS}
    print(
        f"Zoekkwaliteit — {counts['dev']} dev, {counts['holdout']} holdout, "
        f"{counts['fresh']} fresh, {counts['fresh2']} fresh2, {counts['fresh3']} fresh3; "
        f"d+h = dev + holdout ({counts['dev+holdout']}), alle = alle splits ({counts['all']})"
    )
    header = "/".join(("dev", "holdout", *BLIND, "d+h", "alle"))
    print(f"{'systeem':<32}{f'nDCG@10 ({header})':<60}Recall@20 ({header})")
    for name in (KB_SQLITE, KB_POSTGRES, FTS5, PG_DUTCH):
        if name in summaries:
            s = summaries[name]
            ndcg = " / ".join(f"{s[split]['ndcg@10']:.3f}" for split in SPLITS)
            recall = " / ".join(f"{s[split]['recall@20']:.3f}" for split in SPLITS)
            print(f"{name:<32}{ndcg:<60}{recall}")
        elif name in skipped:
            print(f"{name:<32}overgeslagen: {skipped[name]}")
    for engine, diff in diffs.items():
        if diff:
            gains = " / ".join(f"{diff[split]['ndcg@10']:+.3f}" for split in SPLITS)
            label = "Verschil met beste baseline" + (" (PG)" if engine == KB_POSTGRES else "")
            best = ", ".join(sorted({diff[split]["baseline"] for split in SPLITS}))
            print(f"{label:<32}{gains:<60}(doel {GOAL:+.2f} nDCG@10; baseline: {best})")
    for note in notes:
        print(f"Let op: {note}")
    if args.per_query:
        names = [n for n in (KB_SQLITE, KB_POSTGRES, FTS5, PG_DUTCH) if n in per_query]
        short = {KB_SQLITE: "KB-sqlite", KB_POSTGRES: "KB-pg", FTS5: "fts5", PG_DUTCH: "pg-dutch"}
        print()
        print(f"{'id':<6}{'split':<9}" + "".join(f"{short[n]:>10}" for n in names) + "  vraag")
        for q in queries:
            if args.split and q.split != args.split:
                continue
            row = "".join(f"{per_query[n][q.id]['ndcg@10']:>10.3f}" for n in names)
            print(f"{q.id:<6}{q.split:<9}{row}  {q.text[:60]}")


def print_show(query: Query, rankings: dict[str, dict[str, list[str]]], docs: list[Doc]) -> None:
    titles = {d.source_id: d.title for d in docs}
    print(f"\n{query.id} ({query.split}, {query.persona}): {query.text}")
    for name, ranking in rankings.items():
        print(f"  {name}")
        for n, source_id in enumerate(ranking.get(query.id, [])[:10], 1):
            grade = query.judgments.get(source_id, 0)
            print(f"    {n:>2}. [{grade}] {source_id:<48} {titles.get(source_id, '')[:60]}")
    best = [k for k, g in query.judgments.items() if g == 3]
    print(f"  grade 3: {', '.join(best)}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Zoekkwaliteit van Kennisbrug en baselines.")
    parser.add_argument("--json", action="store_true", help="cijfers als JSON")
    parser.add_argument("--per-query", action="store_true", help="nDCG@10 per vraag")
    parser.add_argument(
        "--show",
        metavar="ID",
        action="append",
        default=[],
        help="toon de top 10 per systeem voor deze vraag (herhaalbaar)",
    )
    parser.add_argument(
        "--backend",
        choices=("sqlite", "postgres", "both"),
        default="both",
        help="Kennisbrug op SQLite, PostgreSQL of beide (PostgreSQL alleen als bereikbaar)",
    )
    parser.add_argument(
        "--split",
        choices=("dev", "holdout", *BLIND),
        help="--per-query alleen voor deze split (tunen: alleen dev bekijken)",
    )
    parser.add_argument("--engine-rankings", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    _self_check()
    queries = load_queries()
    started = time.perf_counter()
    try:
        django.setup()
        load_demo()
        if args.engine_rankings:  # the child process: rankings only, as JSON on stdout
            result = kennisbrug_rankings(queries)
            ok = isinstance(result, dict)
            print(json.dumps({"ok": ok, "rankings": result if ok else {}, "message": result}))
            return
        run(args, queries, started)
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


def run(args, queries: list[Query], started: float) -> None:
    docs, docs_from = load_documents()
    notes = check_ids(queries, docs)
    rankings: dict[str, dict[str, list[str]]] = {}
    skipped: dict[str, str] = {}
    pg_problem = pg_unreachable()

    if args.backend in ("sqlite", "both"):
        result = kennisbrug_rankings(queries)
        if isinstance(result, dict):
            rankings[KB_SQLITE] = result
        else:
            skipped[KB_SQLITE] = result
            print(f"Kennisbrug: {result}", file=sys.stderr)
    if args.backend in ("postgres", "both"):
        if pg_problem:
            skipped[KB_POSTGRES] = f"PostgreSQL op 127.0.0.1:5432 niet bereikbaar ({pg_problem})"
        else:
            result = kennisbrug_on_postgres()
            if isinstance(result, dict):
                rankings[KB_POSTGRES] = result
            else:
                skipped[KB_POSTGRES] = result

    rankings[FTS5] = fts5_rankings(docs, queries)
    if pg_problem:
        skipped[PG_DUTCH] = f"PostgreSQL op 127.0.0.1:5432 niet bereikbaar ({pg_problem})"
    else:
        rankings[PG_DUTCH] = pg_rankings(docs, queries)

    per_query = {name: per_query_scores(queries, r) for name, r in rankings.items()}
    summaries = {name: summarise(queries, scores) for name, scores in per_query.items()}
    diffs = {engine: differences(summaries, engine) for engine in (KB_SQLITE, KB_POSTGRES)}
    notes.append(f"documenten voor de baselines: {len(docs)} uit {docs_from}")

    if args.json:
        out = {
            "queries": {s: sum(1 for q in queries if in_split(q, s)) for s in SPLITS},
            "systems": summaries,
            "skipped": skipped,
            "difference_vs_best_baseline": {k: v for k, v in diffs.items() if v},
            "goal_ndcg@10_gain": GOAL,
            "notes": notes,
            "seconds": round(time.perf_counter() - started, 1),
        }
        if args.per_query:
            out["per_query"] = per_query
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print_report(queries, summaries, skipped, diffs, notes, args, per_query)
    by_id = {q.id: q for q in queries}
    for query_id in args.show:
        if query_id in by_id:
            print_show(by_id[query_id], rankings, docs)
        else:
            print(f"Onbekende vraag: {query_id}", file=sys.stderr)


if __name__ == "__main__":
    main()
