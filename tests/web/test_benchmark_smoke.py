"""benchmarks/reader.py runs (quick mode) and reports p50/p95 per page; no timing asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "reader.py"


@pytest.mark.slow
def test_quick_reader_benchmark_reports_percentiles() -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert "document" in proc.stdout and "search" in proc.stdout and "p95" in proc.stdout
