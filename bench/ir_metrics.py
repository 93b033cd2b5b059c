"""Ranking metrics for the search quality benchmark: nDCG@k and Recall@k.

``ranked_ids`` is a system's result list, best first; ``judgments`` maps a record id to its
graded relevance (3 = answers the need, 2 = clearly relevant, 1 = marginal). Unjudged ids
count as grade 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def _unique(ranked_ids: Sequence[str]) -> list[str]:
    # A record listed twice must not earn its gain twice.
    seen: set[str] = set()
    out = []
    for record_id in ranked_ids:
        if record_id not in seen:
            seen.add(record_id)
            out.append(record_id)
    return out


def dcg(grades: Sequence[int]) -> float:
    """Discounted cumulative gain with exponential gain 2^grade - 1 and a log2 discount."""
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(k: int, ranked_ids: Sequence[str], judgments: Mapping[str, int]) -> float:
    """nDCG@k; the ideal ranking is built from all judged grades of the query."""
    ideal = dcg(sorted((g for g in judgments.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    found = [judgments.get(record_id, 0) for record_id in _unique(ranked_ids)[:k]]
    return dcg(found) / ideal


def recall_at(k: int, ranked_ids: Sequence[str], judgments: Mapping[str, int]) -> float:
    """Share of the relevant records (grade >= 1) that appear in the first k results."""
    relevant = {record_id for record_id, grade in judgments.items() if grade >= 1}
    if not relevant:
        return 0.0
    return len(relevant.intersection(_unique(ranked_ids)[:k])) / len(relevant)
