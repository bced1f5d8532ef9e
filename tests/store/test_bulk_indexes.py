"""Indexes of a table a source is the first to fill are built after its rows: the
store ends with the same indexes, and a failed write leaves them as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from missive import pipeline
from missive.sources import read_source
from missive.store import Store
from missive.store.bulk import BULK_TABLES, indexes_deferred

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "apparatus" / "thread.txt"
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mia-stalin-roosevelt-1943.txt"
INDEXES = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"


def _indexes(db: Path) -> list[tuple]:
    with Store(db) as store:
        return store.conn.execute(INDEXES).fetchall()


def test_a_first_source_leaves_the_indexes_of_an_empty_store(tmp_path: Path) -> None:
    empty = _indexes(tmp_path / "empty.db")
    assert {table for _, table, _ in empty} >= set(BULK_TABLES)
    with Store(tmp_path / "full.db") as store:
        for path in (FIXTURE, SAMPLE):  # the second source finds the tables filled
            store.ingest(pipeline.run(read_source(path)))
        assert store.integrity_check() == ["ok"]
        plan = store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM mentions WHERE key = 'stalin'"
        ).fetchall()
    assert "mentions_by_key" in str(plan)
    assert _indexes(tmp_path / "full.db") == empty


def test_a_failed_write_keeps_the_indexes(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    before = _indexes(db)
    with Store(db) as store:
        store.conn.execute("BEGIN IMMEDIATE")
        with pytest.raises(RuntimeError), indexes_deferred(store.conn):
            assert store.conn.execute(INDEXES).fetchall() != before
            raise RuntimeError("killed mid-write")
        store.conn.execute("ROLLBACK")
    assert _indexes(db) == before


def test_indexes_are_kept_when_the_table_has_rows(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with Store(db) as store:
        store.ingest(pipeline.run(read_source(FIXTURE)))
        before = store.conn.execute(INDEXES).fetchall()
        store.conn.execute("BEGIN IMMEDIATE")
        with indexes_deferred(store.conn):
            assert store.conn.execute(INDEXES).fetchall() == before
        store.conn.execute("COMMIT")
