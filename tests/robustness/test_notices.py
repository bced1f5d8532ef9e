"""Warnings printed per file: orphaned corrections first, the rest capped and counted."""

from __future__ import annotations

from missive.ingest import MAX_NOTICES, _notices
from missive.store import IngestResult


def test_orphans_come_first_and_the_rest_is_counted() -> None:
    warnings = [f"pipeline warning {n}" for n in range(10)] + ["correction 1 is orphaned"]
    result = IngestResult("v.txt", "0" * 64, "replaced", 3, warnings, orphaned_corrections=1)
    lines = _notices("dir/v.txt", result)
    assert lines[0] == "dir/v.txt: correction 1 is orphaned"
    assert len(lines) == MAX_NOTICES + 1
    assert lines[-1] == f"dir/v.txt: {len(warnings) - MAX_NOTICES} more warnings"


def test_few_warnings_all_shown() -> None:
    result = IngestResult("v.txt", "0" * 64, "added", 1, ["decoded as cp1252 (guessed)"])
    assert _notices("v.txt", result) == ["v.txt: decoded as cp1252 (guessed)"]
