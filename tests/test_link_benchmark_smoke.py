"""The link-stage benchmark runs on the sample and prints its figures.

No timing is asserted: this only guards against the benchmark rotting.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_link_benchmark_prints_cpu_time_and_digest() -> None:
    sample = ROOT / "samples" / "mia-stalin-roosevelt-1943.txt"
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "link.py"), str(sample), "--runs", "1"],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    assert "link CPU s: median" in out
    assert "link_quotations" in out
    assert len(out.split("digest of links, dates and witnesses: ")[1].strip()) == 64
