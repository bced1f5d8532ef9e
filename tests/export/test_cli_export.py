"""`missive export` for every format, with the filters, through the real command line."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from missive.export import EXPORTERS


def missive(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from missive.cli import run; run()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "cmif", "gexf", "graphml", "tei", "site"])
def test_every_format_is_registered_and_filtered(
    samples_db: Path, tmp_path: Path, fmt: str
) -> None:
    assert fmt in EXPORTERS
    out = tmp_path / ("folder" if fmt in ("tei", "site") else f"letters.{fmt}")
    filters = ["--from", "1943-06", "--to", "1943-08-31", "--sender", "stalin"]
    result = missive(
        "export", "--db", str(samples_db), "--format", fmt, "--out", str(out), *filters
    )
    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_filters_select_the_same_documents_in_jsonl_and_csv(
    samples_db: Path, tmp_path: Path
) -> None:
    filters = ["--from", "1943-06", "--to", "1943-08-31", "--sender", "stalin"]
    jsonl = missive("export", "--db", str(samples_db), "--out", "-", *filters)
    docs = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert docs and all("1943-06" <= d["date"] <= "1943-08-31" for d in docs)
    assert all("stalin" in [s["key"] for s in d["senders"]] for d in docs)
    table = missive("export", "--db", str(samples_db), "--format", "csv", "--out", "-", *filters)
    rows = list(csv.DictReader(table.stdout.splitlines()))
    assert [r["id"] for r in rows] == [d["id"] for d in docs]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "valid formats: cmif, csv, gexf, graphml, jsonl, site, tei"),
        (["--from", "June 1943"], "--from 'June 1943'"),
        (["--format", "tei", "--out", "-"], "writes a folder (the TEI export)"),
        (["--format", "cmif", "--out", "-"], "writes one file (CMIF)"),
    ],
)
def test_usage_errors_exit_2(samples_db: Path, args: list[str], message: str) -> None:
    argv = ["export", "--db", str(samples_db), "--out", "x.out", *args]
    if "--out" in args:
        argv = ["export", "--db", str(samples_db), *args]
    result = missive(*argv)
    assert result.returncode == 2
    assert message in " ".join(result.stderr.split())
