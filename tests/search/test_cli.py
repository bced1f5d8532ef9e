from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RUN = "from missive.cli import run; run()"


def _missive(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, timeout=60
    )


def test_json_output_has_the_design_shape(samples_db: Path) -> None:
    proc = _missive("search", '"second front"', "--db", str(samples_db), "--json", "--limit", "2")
    assert proc.returncode == 0, proc.stderr
    payload = json.loads(proc.stdout)
    assert set(payload) == {"total", "hits", "facets", "facets_exact"}
    assert payload["facets_exact"] is True  # a small index: every facet counted
    assert payload["total"] >= 2 and len(payload["hits"]) == 2
    for hit in payload["hits"]:
        assert list(hit) == [
            "id", "number", "source", "date", "senders", "recipients", "score", "snippet",
        ]  # fmt: skip
        assert "<mark>" in hit["snippet"]
    assert all(isinstance(v, str) and isinstance(n, int) for v, n in payload["facets"]["sender"])


def test_table_output(samples_db: Path) -> None:
    proc = _missive("search", "stalingrad", "--db", str(samples_db))
    assert proc.returncode == 0, proc.stderr
    assert "documents match" in proc.stdout


def test_malformed_query_exits_2_with_the_message(samples_db: Path) -> None:
    proc = _missive("search", "stalin OR", "--db", str(samples_db))
    assert proc.returncode == 2
    assert "OR needs a term on both sides" in proc.stderr


def test_reindex(own_db: Path) -> None:
    proc = _missive("reindex", "--db", str(own_db))
    assert proc.returncode == 0, proc.stderr
    assert "indexed" in proc.stderr


def test_exact_facets_flag(samples_db: Path) -> None:
    proc = _missive("search", "the", "--db", str(samples_db), "--json", "--exact-facets")
    assert proc.returncode == 0, proc.stderr
    payload = json.loads(proc.stdout)
    assert payload["facets_exact"] is True
    assert sum(n for _, n in payload["facets"]["kind"]) == payload["total"]
