"""Demo judgements (confirmed and rejected links), loaded by ``kennisbrug demo``."""

from __future__ import annotations

import json
from pathlib import Path

from kennisbrug.bridge import items
from kennisbrug.bridge.models import Link


def load_links(path: Path) -> int:
    """Idempotent: a pair judged again keeps one row with the file's judgement."""
    count = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        subject, target = items.by_source_id(row["subject"]), items.by_source_id(row["target"])
        if subject is None or target is None:
            raise ValueError(f"{path.name} regel {number}: onbekend id")
        Link.objects.update_or_create(
            subject_kind=items.kind_of(subject),
            subject_id=subject.pk,
            target_kind=items.kind_of(target),
            target_id=target.pk,
            defaults={
                "status": row["status"],
                "note": row.get("note", ""),
                "werkplaats_id": subject.werkplaats_id,
            },
        )
        count += 1
    return count


def load(data: Path) -> None:
    """The bridge's demo files beside the interchange files in kennisbrug/demo/data."""
    links = data / "bridge-links.jsonl"
    if links.exists():
        load_links(links)
    checks = data / "readiness-checks.jsonl"
    if checks.exists():
        from kennisbrug.readiness.demo import load_checks

        load_checks(checks)
