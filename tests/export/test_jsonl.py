from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from missive.errors import UsageError
from missive.export import EXPORTERS, get_exporter, write_jsonl
from missive.store import Store

EXPECTED_ORDER = ["sample-1", "sample-2", "other-1"]


def test_round_trip_keeps_source_order(store: Store) -> None:
    out = io.StringIO()
    assert write_jsonl(store, out) == 3
    lines = out.getvalue().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == EXPECTED_ORDER
    assert records == list(store.documents())


def test_one_source_only(store: Store) -> None:
    out = io.StringIO()
    write_jsonl(store, out, source="other.txt")
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["other-1"]


def test_writes_a_file_without_escaping(store: Store, tmp_path: Path) -> None:
    store.add_correction("sample-1", "place", "Москва", "ed", "letterhead")
    path = tmp_path / "export" / "out.jsonl"
    path.parent.mkdir()
    assert write_jsonl(store, path) == 3
    text = path.read_text("utf-8")
    assert "Москва" in text
    assert text.endswith("\n")
    assert [json.loads(line)["id"] for line in text.splitlines()] == EXPECTED_ORDER
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_dash_means_stdout(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    write_jsonl(store, "-")
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_registry_names_the_valid_formats() -> None:
    assert get_exporter("jsonl") is write_jsonl
    assert EXPORTERS["jsonl"] is write_jsonl
    with pytest.raises(UsageError, match="valid formats: .*jsonl"):
        get_exporter("docx")
