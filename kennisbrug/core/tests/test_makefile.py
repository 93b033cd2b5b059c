"""`make test` says what to install when npm is missing, instead of stopping on a bare error."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_a_missing_npm_is_named_with_what_to_install(tmp_path):
    for name in ("Makefile", "package.json", "package-lock.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    empty_path = tmp_path / "bin"  # a PATH on which no npm can be found
    empty_path.mkdir()

    result = subprocess.run(
        [shutil.which("make"), "node_modules/axe-core/axe.min.js"],
        cwd=tmp_path,
        env={"PATH": str(empty_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "npm ontbreekt" in result.stdout
    assert "apt-get install npm" in result.stdout
    assert not (tmp_path / "node_modules").exists()
