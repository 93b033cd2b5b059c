"""Demo readiness checks (a near-ready one, a half-filled one, an incoherent one)."""

from __future__ import annotations

import json
from pathlib import Path

from kennisbrug.bridge import items
from kennisbrug.readiness.models import CRITERIA, ReadinessCheck


def load_checks(path: Path) -> int:
    count = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        product = items.by_source_id(row["product"])
        if product is None:
            raise ValueError(f"{path.name} regel {number}: onbekend product")
        ReadinessCheck.objects.update_or_create(
            product=product, defaults={name: row.get(name, "") for name, _label in CRITERIA}
        )
        count += 1
    return count
