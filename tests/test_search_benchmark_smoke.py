"""The search benchmark runs (quick mode) and prints its table.

No timing is asserted: this only guards against the benchmark rotting.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "search.py"


@pytest.mark.slow
def test_quick_search_benchmark_prints_every_query_kind() -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "docs/s" in proc.stdout, proc.stdout
    for kind in ("word_high", "word_mid", "word_low", "and2", "phrase", "filtered", "all"):
        row = [line.split() for line in proc.stdout.splitlines() if line.split()[:1] == [kind]]
        assert row and float(row[0][1]) > 0, proc.stdout


@pytest.mark.slow
def test_a_kept_index_is_reused_without_a_rebuild(tmp_path: Path) -> None:
    def run(*extra: str) -> str:
        proc = subprocess.run(
            [sys.executable, str(SCRIPT), "--quick", "--keep", str(tmp_path), *extra],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=ROOT,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc.stdout

    assert "docs/s" in run()
    reused = run("--reuse-index")
    assert "store reused; index reused" in reused and "docs/s" not in reused, reused
