"""The index follows the store: rebuilt when missing, healed after a missed update,
changed by re-ingest and corrections."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from missive.errors import StoreError
from missive.search import reindex, rows, search, sync_index
from missive.search.fields import INDEX_FORMAT, sample_slot
from missive.search.index import STATE_FILE, index_dir
from missive.store import Store
from store.samples import build_source, changed_source


def _ids(db: Path, query: str) -> set[str]:
    return {hit.id for hit in search(db, query, limit=1000).hits}


def test_missing_index_is_rebuilt_with_the_same_answers(own_db: Path) -> None:
    before = _ids(own_db, '"second front"')
    shutil.rmtree(index_dir(own_db))
    assert _ids(own_db, '"second front"') == before


def test_reindex_rebuilds_everything(own_db: Path) -> None:
    search(own_db, "front")
    report = reindex(own_db)
    assert report.action == "rebuilt" and report.sources == 2 and report.documents > 80
    assert sync_index(own_db).action == "fresh"


def test_lost_state_file_means_a_rebuild(own_db: Path) -> None:
    before = _ids(own_db, "front")
    (index_dir(own_db) / STATE_FILE).unlink()
    assert sync_index(own_db).action == "rebuilt"
    assert _ids(own_db, "front") == before


def test_store_change_the_index_missed_is_healed_on_next_search(own_db: Path) -> None:
    """As if the process died between the store's commit and the index's."""
    assert not _ids(own_db, "greetings hopes")
    with Store(own_db) as store:
        store.ingest(build_source())  # straight into the store: no index update
    assert _ids(own_db, "greetings hopes") == {"sample-1"}
    husky = _ids(own_db, "mentions:husky")  # the entity list of the enclosure
    assert "sample-2-e1" in husky and "sample-1" not in husky
    with Store(own_db) as store:
        store.ingest(changed_source())  # "hopes" -> "hope"
    assert not _ids(own_db, "greetings hopes")
    assert _ids(own_db, "greetings hope") == {"sample-1"}
    assert _ids(own_db, "source:sample.txt") == {"sample-1", "sample-2", "sample-2-e1"}


def test_corrections_show_in_search(own_db: Path) -> None:
    hit = search(own_db, "number:75").hits[0]
    assert hit.senders == ["stalin"]
    with Store(own_db) as store:
        store.add_correction(hit.id, "senders", ["molotov"], "editor", "test")
    assert _ids(own_db, "from:molotov number:75") == {hit.id}
    assert search(own_db, "number:75").hits[0].senders == ["molotov"]


def test_a_rebuild_reads_every_document_once_in_sample_slot_order(own_db: Path) -> None:
    with Store(own_db) as store:
        read = list(rows._rows(store, None))
        (count,) = store.conn.execute("SELECT count(*) FROM documents").fetchone()
    assert len(read) == count and len({row[1] for row in read}) == count
    slots = [sample_slot(row[0]) for row in read]
    assert slots == sorted(slots)  # each slot's documents together: facets.py samples them


def test_a_correction_survives_a_rebuild(own_db: Path) -> None:
    hit = search(own_db, "number:75").hits[0]
    with Store(own_db) as store:
        store.add_correction(hit.id, "senders", ["molotov"], "editor", "test")
    assert reindex(own_db).action == "rebuilt"
    assert _ids(own_db, "from:molotov number:75") == {hit.id}


def test_reading_ahead_stops_with_the_rebuild(own_db: Path) -> None:
    batches = rows._read_ahead(str(own_db))  # a batch a slot: more than READ_AHEAD of them
    assert next(batches)
    batches.close()  # as when indexing fails half-way: the reader thread ends
    assert not [t for t in threading.enumerate() if t.name == "missive-index-reader"]


def test_a_read_error_reaches_the_rebuild(tmp_path: Path) -> None:
    with pytest.raises(sqlite3.OperationalError):
        list(rows._read_ahead(str(tmp_path / "not-a-store.db")))


def test_index_of_another_format_is_rebuilt(own_db: Path) -> None:
    before = _ids(own_db, '"second front"')
    state = index_dir(own_db) / STATE_FILE
    data = json.loads(state.read_text("utf-8"))
    data["format"] = INDEX_FORMAT - 1
    state.write_text(json.dumps(data), "utf-8")
    assert sync_index(own_db).action == "rebuilt"
    assert _ids(own_db, '"second front"') == before


def test_a_store_the_index_cannot_read_is_a_store_error(own_db: Path) -> None:
    """A document whose stored JSON SQLite cannot read is a clear error naming the
    index, not SQLite's own exception."""
    conn = sqlite3.connect(own_db)
    conn.execute("UPDATE documents SET data = '{\"text\": broken' WHERE pk = 1")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"\.index: search index failed .*run `missive reindex`"):
        reindex(own_db)
