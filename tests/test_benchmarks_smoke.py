"""The ingest benchmark runs (quick mode) and reports a documents/s figure.

No timing is asserted: this only guards against the benchmark rotting.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "ingest.py"


def test_synthetic_volume_is_deterministic_and_in_layout() -> None:
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import synth
    finally:
        sys.path.remove(str(SCRIPT.parent))
    pool = synth.load_pool(ROOT / "samples" / "mia-stalin-roosevelt-1943.txt")
    text = synth.Generator(pool, seed=7).volume(1, 200, 200)
    assert text == synth.Generator(pool, seed=7).volume(1, 200, 200)
    assert "Correspondence with Franklin D. Roosevelt and Harry S. Truman" in text
    numbers = [int(n) for n in re.findall(r"^No\. (\d+)$", text, re.M)]
    assert numbers == sorted(numbers) and 100 < len(numbers) < 200  # ~25% dropped
    assert re.search(r"^Sent on \w+ \d+, \d{4}$", text, re.M)
    assert re.search(r"^Received on \w+ \d+, \d{4}$", text, re.M)
    assert re.search(r"^\d+\. \S", text.rsplit("\n\n\n", 1)[-1], re.M)  # endnotes


@pytest.mark.slow
def test_quick_benchmark_prints_documents_per_second() -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "docs/s" in proc.stdout, proc.stdout
    # the table's rows: N, then the file count (a progress line "500 docs/s, ..." is not one)
    rows = [row for row in map(str.split, proc.stdout.splitlines()) if row[:1] == ["500"]]
    rows = [row for row in rows if len(row) > 4 and row[1].isdigit()]
    assert rows, proc.stdout
    for row in rows:
        assert float(row[4].replace(",", "")) > 0, proc.stdout  # the docs/s column


@pytest.mark.slow
def test_stages_include_the_garbage_collector() -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--sizes", "200", "--runs", "1", "--no-trace", "--stages",
         "--layouts", "single"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    stages = next(line for line in proc.stdout.splitlines() if line.startswith("stages, N=200"))
    assert re.search(
        r"link_quotations \d+\.\d\d, .*store \d+\.\d\d, of which gc \d+\.\d\d$", stages
    )
