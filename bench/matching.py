"""Matching quality: the bridge's suggestions against plain BM25 on a judged set.

Loads the demo data into a fresh SQLite database in a temporary folder and removes the demo's
confirmed and rejected links, so every system starts without editors' judgements. Then, for
each regional item of bench/matching/judgments.jsonl (graded: 3 belongs with it, 2 clearly
related, 1 marginal), it ranks
  - the recognised interventions ("interventions"), and
  - the work of other werkplaatsen ("elsewhere")
with
  - Kennisbrug (``kennisbrug.bridge.matching.related``),
  - Kennisbrug without thesaurus concepts and themes (the latent-space cosine alone),
  - BM25: SQLite FTS5 ``bm25()`` with the default tokenizer over the same texts (title and
    text of each index entry), the subject's title and text as an any-word query,
and prints Recall@5 and nDCG@10 per list for the dev split, the holdout split and all.

Last, the feedback experiment: the dev subjects' grade-3 judgements are confirmed as links by
"editors", and the holdout subjects are ranked again: do confirmed links improve suggestions
for other, similar work?

Usage (from the repository root):
  .venv/bin/python bench/matching.py [--json] [--per-query]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
JUDGMENTS = BENCH / "matching" / "judgments.jsonl"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

WORKDIR = Path(tempfile.mkdtemp(prefix="kb-matching-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.db'}"
os.environ["KENNISBRUG_VAR_DIR"] = str(WORKDIR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.settings")

import django  # noqa: E402
from ir_metrics import ndcg_at, recall_at  # noqa: E402

LISTS = ("interventions", "elsewhere")
SPLITS = ("dev", "holdout", "all")
DEPTH = 10
KB = "Kennisbrug"
KB_COSINE = "Kennisbrug, alleen cosinus"
BM25 = "BM25 (FTS5, standaard)"
MAX_QUERY_WORDS = 200


@dataclass
class Subject:
    id: str
    split: str
    source_id: str
    judgments: dict[str, dict[str, int]]


def load_subjects() -> list[Subject]:
    out = []
    for line in JUDGMENTS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(
                Subject(
                    row["id"],
                    row["split"],
                    row["subject"],
                    {"interventions": row["interventions"], "elsewhere": row["elsewhere"]},
                )
            )
    return out


def setup() -> None:
    django.setup()
    from django.core.management import call_command

    from kennisbrug.bridge.models import Link

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("demo", no_accounts=True, verbosity=0, stdout=quiet)
    Link.objects.all().delete()


# --- systems ---------------------------------------------------------------------------------


def kennisbrug_rankings(subjects: list[Subject]) -> dict[str, dict[str, list[str]]]:
    from kennisbrug.bridge import items
    from kennisbrug.bridge.matching import related

    out = {}
    for s in subjects:
        result = related(items.by_source_id(s.source_id), limit=DEPTH)
        out[s.id] = {
            "interventions": [x.source_id for x in result.interventions],
            "elsewhere": [x.source_id for x in result.elsewhere],
        }
    return out


def cosine_only_rankings(subjects: list[Subject]) -> dict[str, dict[str, list[str]]]:
    from kennisbrug.bridge import matching

    names = ("W_COSINE", "W_CONCEPT", "W_THEME", "MIN_SCORE")
    saved = [getattr(matching, n) for n in names]
    for name, value in zip(names, (1.0, 0.0, 0.0, 0.0), strict=True):
        setattr(matching, name, value)
    try:
        return kennisbrug_rankings(subjects)
    finally:
        for name, value in zip(names, saved, strict=True):
            setattr(matching, name, value)


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def bm25_rankings(subjects: list[Subject]) -> dict[str, dict[str, list[str]]]:
    """FTS5 over title + text of every indexed product, project and intervention."""
    from kennisbrug.search.models import SearchEntry

    entries = list(
        SearchEntry.objects.filter(kind__in=["product", "project", "interventie"]).values(
            "source_id", "kind", "werkplaats_id", "title", "text"
        )
    )
    by_id = {e["source_id"]: e for e in entries}
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE d USING fts5(title, text)")
    db.executemany(
        "INSERT INTO d(rowid, title, text) VALUES (?, ?, ?)",
        [(i, e["title"], e["text"]) for i, e in enumerate(entries)],
    )
    out = {}
    for s in subjects:
        me = by_id[s.source_id]
        query_words = list(dict.fromkeys(words(me["title"] + " " + me["text"])))[:MAX_QUERY_WORDS]
        query = " OR ".join(f'"{w}"' for w in query_words)
        rows = db.execute(
            "SELECT rowid FROM d WHERE d MATCH ? ORDER BY bm25(d), rowid", (query,)
        ).fetchall()
        ranked = [entries[r[0]] for r in rows]
        out[s.id] = {
            "interventions": [e["source_id"] for e in ranked if e["kind"] == "interventie"][:DEPTH],
            "elsewhere": [
                e["source_id"]
                for e in ranked
                if e["kind"] != "interventie"
                and e["source_id"] != s.source_id
                and e["werkplaats_id"] != me["werkplaats_id"]
            ][:DEPTH],
        }
    return out


# --- metrics ---------------------------------------------------------------------------------


def scores(subjects, rankings) -> dict[str, dict[str, dict[str, float]]]:
    """Per subject and list: recall@5 and ndcg@10."""
    out = {}
    for s in subjects:
        out[s.id] = {}
        for name in LISTS:
            ranked, judged = rankings[s.id][name], s.judgments[name]
            out[s.id][name] = {
                "recall@5": recall_at(5, ranked, judged),
                "ndcg@10": ndcg_at(10, ranked, judged),
            }
    return out


def summarise(subjects, per_subject) -> dict:
    out = {}
    for split in SPLITS:
        chosen = [s for s in subjects if split == "all" or s.split == split]
        out[split] = {}
        for name in LISTS:
            with_judgments = [s for s in chosen if s.judgments[name]]
            out[split][name] = {
                metric: round(
                    sum(per_subject[s.id][name][metric] for s in with_judgments)
                    / max(1, len(with_judgments)),
                    3,
                )
                for metric in ("recall@5", "ndcg@10")
            }
    return out


def confirm_dev_judgments(subjects: list[Subject]) -> int:
    from kennisbrug.bridge import items
    from kennisbrug.bridge.models import Link

    made = 0
    for s in subjects:
        if s.split != "dev":
            continue
        subject = items.by_source_id(s.source_id)
        for name in LISTS:
            for target_id, grade in s.judgments[name].items():
                if grade < 3:
                    continue
                target = items.by_source_id(target_id)
                Link.objects.get_or_create(
                    subject_kind=items.kind_of(subject),
                    subject_id=subject.pk,
                    target_kind=items.kind_of(target),
                    target_id=target.pk,
                    defaults={"werkplaats_id": subject.werkplaats_id, "status": "bevestigd"},
                )
                made += 1
    return made


def print_table(title: str, summaries: dict[str, dict], splits=SPLITS) -> None:
    print(f"\n{title}")
    header = f"{'systeem':34} {'split':8}"
    for name in LISTS:
        header += f" {name[:13] + ' R@5':>17} {'nDCG@10':>8}"
    print(header)
    for system, summary in summaries.items():
        for split in splits:
            line = f"{system:34} {split:8}"
            for name in LISTS:
                m = summary[split][name]
                line += f" {m['recall@5']:>17.3f} {m['ndcg@10']:>8.3f}"
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--per-query", action="store_true", help="figures per subject")
    args = parser.parse_args()
    started = time.time()
    setup()
    subjects = load_subjects()
    from kennisbrug.bridge import items

    unknown = [
        i
        for s in subjects
        for i in [s.source_id, *s.judgments["interventions"], *s.judgments["elsewhere"]]
        if items.by_source_id(i) is None
    ]
    if unknown:
        raise SystemExit(f"judged ids not in the demo data: {unknown}")

    rankings = {
        KB: kennisbrug_rankings(subjects),
        KB_COSINE: cosine_only_rankings(subjects),
        BM25: bm25_rankings(subjects),
    }
    per = {system: scores(subjects, r) for system, r in rankings.items()}
    summaries = {system: summarise(subjects, p) for system, p in per.items()}

    holdout = [s for s in subjects if s.split == "holdout"]
    links = confirm_dev_judgments(subjects)
    after = scores(holdout, kennisbrug_rankings(holdout))
    feedback = {
        f"{KB} (holdout, zonder links)": summaries[KB],
        f"{KB} (holdout, {links} dev-links)": summarise(holdout, after),
    }

    if args.json:
        print(json.dumps({"systems": summaries, "feedback": feedback, "links": links}, indent=1))
        return
    judged = sum(len(s.judgments[n]) for s in subjects for n in LISTS)
    print(
        f"Matching-benchmark: {len(subjects)} regionale items "
        f"({sum(s.split == 'dev' for s in subjects)} dev, {len(holdout)} holdout), "
        f"{judged} oordelen; Recall@5 en nDCG@10 per lijst."
    )
    print_table("Systemen (zonder bevestigde verbanden):", summaries)
    print_table(
        "Feedback: dev-oordelen (cijfer 3) als bevestigde verbanden, holdout opnieuw:",
        feedback,
        splits=("holdout",),
    )
    gain = {
        name: round(
            summaries[KB]["all"][name]["ndcg@10"] - summaries[BM25]["all"][name]["ndcg@10"], 3
        )
        for name in LISTS
    }
    print(f"\nnDCG@10 Kennisbrug − BM25 (alle): {gain}")
    if args.per_query:
        for s in subjects:
            line = f"{s.id} {s.split:8} {s.source_id:50}"
            for system in (KB, BM25):
                for name in LISTS:
                    line += f" {per[system][s.id][name]['ndcg@10']:.2f}"
            print(line)
    print(f"({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
