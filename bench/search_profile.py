"""Where a search spends its time: per-stage CPU time of ``engine.search`` over the speed
benchmark's queries, against a database an earlier ``search_speed.py --keep DIR`` built.

CPU time (``time.process_time``) rather than wall-clock: on a shared machine the wall clock
counts other processes too. Stages nest (hydrate includes snippets), so they do not add up.

Usage: python bench/search_profile.py DIR/sqlite-100000 [--queries 200] [--slowest 10]
       [--cprofile] [--query "…"] [--agreement]

``--agreement`` compares each query's first page with what the exact path (every term
matched everywhere, as below EXACT_ROWS) gives on the same corpus.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


class Stage:
    """Wraps ``owner.name`` to add its CPU time to ``totals[key]`` (outermost call only)."""

    def __init__(self, owner, name: str, totals: dict[str, float], key: str):
        self.original = getattr(owner, name)
        self.totals, self.key, self.depth = totals, key, 0
        setattr(owner, name, self)

    def __get__(self, instance, owner=None):  # also wraps methods
        if instance is None:
            return self
        return lambda *a, **k: self(instance, *a, **k)

    def __call__(self, *args, **kwargs):
        self.depth += 1
        start = time.process_time()
        try:
            return self.original(*args, **kwargs)
        finally:
            self.depth -= 1
            if not self.depth:
                self.totals[self.key] = self.totals.get(self.key, 0.0) + (
                    time.process_time() - start
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kept", help="a directory search_speed.py --keep left (backend-size)")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--slowest", type=int, default=10)
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--query", action="append", help="profile these queries instead")
    parser.add_argument("--agreement", action="store_true", help="bounded vs exact first page")
    args = parser.parse_args()
    kept = Path(args.kept).resolve()
    os.environ["KENNISBRUG_VAR_DIR"] = str(kept)
    if kept.name.startswith("sqlite"):
        os.environ["DATABASE_URL"] = f"sqlite:///{kept / 'bench.db'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.settings")
    import django

    django.setup()
    from search_speed import Vocabulary, make_queries

    from kennisbrug.search import backends, engine, snippets

    queries = args.query or make_queries(Vocabulary(), args.queries)
    engine.search(queries[0])  # loads model and arrays
    for q in queries[:10]:
        engine.search(q)

    if args.agreement:
        agreement(engine, queries)
        return
    totals: dict[str, float] = {}
    index_class = type(backends.current())
    Stage(engine, "plan", totals, "plan")
    Stage(engine, "split_terms", totals, "split_terms")
    Stage(index_class, "match", totals, "match (all)")
    Stage(engine, "_semantic_scores", totals, "cosine")
    Stage(engine, "_facet_counts", totals, "facets")
    Stage(engine, "_diversify", totals, "diversify")
    Stage(engine, "_hydrate", totals, "hydrate")
    Stage(engine, "snippet", totals, "snippets")
    Stage(engine, "highlight", totals, "titles")
    Stage(engine, "state", totals, "state check")
    Stage(engine, "rank", totals, "rank")
    del snippets

    profiler = cProfile.Profile() if args.cprofile else None
    per_query = []
    for q in queries:
        before = dict(totals)
        if profiler:
            profiler.enable()
        start, wall = time.process_time(), time.perf_counter()
        results = engine.search(q)
        cpu, wall = time.process_time() - start, time.perf_counter() - wall
        if profiler:
            profiler.disable()
        stages = {k: v - before.get(k, 0.0) for k, v in totals.items()}
        per_query.append((cpu, wall, q, results.total, stages))

    cpus = sorted(c for c, *_ in per_query)
    n = len(cpus)
    print(
        f"{n} queries; CPU ms p50 {cpus[n // 2] * 1000:.1f}, p95 {cpus[int(n * 0.95)] * 1000:.1f}"
    )
    print("stage totals (CPU ms per query, mean):")
    for key, value in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {key:14s} {value / n * 1000:8.2f}")
    print(f"slowest {args.slowest} by CPU:")
    for cpu, _wall, q, total, stages in sorted(per_query, reverse=True)[: args.slowest]:
        parts = ", ".join(f"{k} {v * 1000:.1f}" for k, v in stages.items() if v > 0.0005)
        print(f"  {cpu * 1000:6.1f} ms ({total:,} hits) {q!r}: {parts}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def agreement(engine, queries: list[str]) -> None:
    top1, shared = 0, []
    for q in queries:
        bounded = [h.entry_id for h in engine.search(q, limit=10).hits]
        saved = engine.EXACT_ROWS
        engine.EXACT_ROWS = 10**12  # every corpus counts as small: the exact path
        try:
            exact = [h.entry_id for h in engine.search(q, limit=10).hits]
        finally:
            engine.EXACT_ROWS = saved
        top1 += bool(bounded and exact and bounded[0] == exact[0])
        shared.append(len(set(bounded) & set(exact)) / max(1, len(exact)))
    n = len(queries)
    print(f"{n} queries: same best hit {top1 / n:.0%}; first page shared with the exact path:")
    print(f"  mean {sum(shared) / n:.0%}, worst {min(shared):.0%}")


if __name__ == "__main__":
    main()
