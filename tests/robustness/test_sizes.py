"""Reduced-size versions of the benchmarks/robustness.py cases, through the real command.

The full sizes (a 50 MB volume, 100,000 tiny documents, a 10 MB line) run in the
benchmark; here the same generators at sizes that keep the suite quick.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from missive.store import Store
from robustness.cli import missive

ROOT = Path(__file__).resolve().parents[2]


def _load_benchmark():
    """benchmarks/robustness.py by path: its name is taken by this test package."""
    sys.path.insert(0, str(ROOT / "benchmarks"))  # for its own `import synth`
    spec = importlib.util.spec_from_file_location(
        "robustness_benchmark", ROOT / "benchmarks" / "robustness.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load_benchmark()


def test_many_tiny_documents_in_one_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    bench.write_tiny_documents(path, 1_000)
    outcome = missive("ingest", path, "--db", tmp_path / "x.db", "-q", timeout=300)
    assert outcome.code == 0, outcome.stderr
    with Store(tmp_path / "x.db") as store:
        numbers = [d["number"] for d in store.documents()]
    assert numbers == list(range(1, 1_001))


def test_one_long_line(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    bench.write_long_line(path, 1)
    outcome = missive("ingest", path, "--db", tmp_path / "x.db", "-q", timeout=300)
    assert outcome.code == 0, outcome.stderr
    with Store(tmp_path / "x.db") as store:
        assert store.source_text("line.txt") == path.read_text("utf-8")


def test_deeply_nested_unclosed_html(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    bench.write_nested_html(path, 20_000)
    outcome = missive("ingest", path, "--db", tmp_path / "x.db", "-q", timeout=300)
    assert outcome.code == 0, outcome.stderr
    assert "Traceback" not in outcome.stderr


@pytest.mark.slow
def test_benchmark_runs_and_prints_time_and_memory() -> None:
    import subprocess

    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "robustness.py"), "--quick",
         "--cases", "nested-html"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    row = proc.stdout.splitlines()[1].split()
    assert row[0] == "nested-html", proc.stdout
    seconds, heap, rss = float(row[3]), float(row[4]), float(row[5])
    assert seconds > 0 and heap > 0 and rss > 0, proc.stdout
