from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from missive.errors import StoreError
from missive.model import Source
from missive.store import Store
from missive.store.sql import MIGRATIONS
from store.samples import SAMPLE_TEXT, Lines, build_source, changed_source, first_document

TABLES = ("sources", "documents", "notes", "documents_fts", "corrections")


def row_counts(store: Store) -> dict[str, int]:
    return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_new_source_is_added(store: Store, source: Source) -> None:
    result = store.ingest(source)
    assert (result.status, result.documents) == ("added", 2)
    assert row_counts(store) == {
        "sources": 1,
        "documents": 3,  # two top-level documents and one enclosure
        "notes": 2,
        "documents_fts": 3,
        "corrections": 0,
    }


def test_same_file_twice_is_unchanged(store: Store, source: Source) -> None:
    store.ingest(source)
    before = row_counts(store)
    ingested_at = store.sources()[0]["ingested_at"]
    result = store.ingest(build_source())
    assert (result.status, result.documents) == ("unchanged", 2)
    assert row_counts(store) == before
    assert store.sources()[0]["ingested_at"] == ingested_at


def test_changed_file_replaces_its_documents(store: Store, source: Source) -> None:
    store.ingest(source)
    assert store.ingest(changed_source(with_second=False)).status == "replaced"
    assert [d["id"] for d in store.documents()] == ["sample-1"]
    assert store.document("sample-2") is None
    assert store.document("sample-2-e1") is None
    assert row_counts(store)["documents_fts"] == 1
    assert store.search_text("Husky") == []
    [stored] = store.sources()
    assert stored["sha256"] == changed_source(with_second=False).sha256


def test_replaced_source_keeps_its_place_in_ingest_order(store: Store, source: Source) -> None:
    store.ingest(source)
    store.ingest(build_source(name="later.txt", prefix="later"))
    store.ingest(changed_source())
    assert [s["name"] for s in store.sources()] == ["sample.txt", "later.txt"]
    assert [d["id"] for d in store.documents()] == [
        "sample-1",
        "sample-2",
        "later-1",
        "later-2",
    ]


def test_original_text_is_stored_unchanged(store: Store, source: Source) -> None:
    store.ingest(source)
    assert store.source_text("sample.txt") == source.text
    assert store.source_text("missing.txt") is None


def test_documents_of_one_source(store: Store, source: Source) -> None:
    store.ingest(source)
    store.ingest(build_source(name="other.txt", prefix="other", with_second=False))
    assert [d["id"] for d in store.documents("other.txt")] == ["other-1"]
    assert [d["id"] for d in store.documents("nowhere.txt")] == []


def test_enclosure_is_reachable_by_id(store: Store, source: Source) -> None:
    store.ingest(source)
    enclosure = store.document("sample-2-e1")
    assert enclosure is not None
    assert enclosure["parent_id"] == "sample-2"
    assert [d["id"] for d in store.documents()] == ["sample-1", "sample-2"]


def test_notes_are_stored_in_order(store: Store, source: Source) -> None:
    store.ingest(source)
    notes = store.notes("sample.txt")
    assert [n["number"] for n in notes] == [24, 25]
    assert notes[0]["referenced_by"] == ["sample-1"]


def test_document_id_stored_from_another_source_is_refused(store: Store, source: Source) -> None:
    store.ingest(source)
    before = row_counts(store)
    with pytest.raises(StoreError, match=r"sample-1 is already stored from sample\.txt"):
        store.ingest(build_source(name="copy.txt"))
    assert row_counts(store) == before  # nothing of the refused source was written


def test_failed_ingest_leaves_nothing(store: Store, source: Source) -> None:
    source.documents[1].id = source.documents[0].id
    with pytest.raises(StoreError, match="occur twice"):
        store.ingest(source)
    assert row_counts(store) == dict.fromkeys(TABLES, 0)


def test_killed_writer_leaves_source_whole_or_absent(db_path: Path, source: Source) -> None:
    """A transaction left uncommitted (the process dies) is not seen by the next reader."""
    writer = sqlite3.connect(db_path, isolation_level=None)
    with Store(db_path):
        pass  # create the schema
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO sources (name, path, sha256, format, encoding, metadata, data, text,"
        " ingested_at, program_version) VALUES ('x', '', '', 'txt', '', '{}', '{}', '', '', '')"
    )
    writer.close()  # dies before COMMIT
    with Store(db_path) as store:
        assert store.sources() == []
        assert store.ingest(source).status == "added"


def test_pragmas_and_integrity(store: Store, source: Source) -> None:
    store.ingest(source)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert store.integrity_check() == ["ok"]


def test_migrations_are_recorded_once(db_path: Path) -> None:
    with Store(db_path) as store:
        first = store.migrations()
    with Store(db_path) as store:
        assert store.migrations() == first
    assert [m["version"] for m in first] == list(range(1, len(MIGRATIONS) + 1))
    assert first[0]["name"] == "initial"


def test_newer_schema_is_refused(db_path: Path) -> None:
    with Store(db_path) as store:
        store.conn.execute(
            "INSERT INTO migrations (version, name, applied_at) VALUES (99, 'future', '')"
        )
    with pytest.raises(StoreError, match="newer"):
        Store(db_path)


def test_unopenable_database(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_bytes(b"this is not an SQLite file, just some text " * 100)
    with pytest.raises(StoreError, match="notes.db"):
        Store(not_a_db)
    with pytest.raises(StoreError):
        Store(tmp_path / "no" / "such" / "dir" / "x.db")


def test_stats(store: Store, source: Source) -> None:
    store.ingest(source)
    stats = store.stats()
    assert stats["sources"] == 1
    assert stats["documents"] == 2
    assert stats["enclosures"] == 1
    assert stats["notes"] == 2
    assert stats["schema_version"] == len(MIGRATIONS)


def test_line_index_is_built_once_per_source(store: Store, monkeypatch) -> None:
    """2,000 documents of one long source: the line index must be built once, not per
    document (speed itself is measured in benchmarks/ingest.py, not here)."""
    import missive.serialize

    built = []

    class CountingLineIndex(missive.serialize.LineIndex):
        def __init__(self, text: str) -> None:
            built.append(len(text))
            super().__init__(text)

    monkeypatch.setattr(missive.serialize, "LineIndex", CountingLineIndex)
    lines = Lines(SAMPLE_TEXT + "\nfiller" * 20_000)
    documents = [first_document(lines, f"bulk-{i}") for i in range(2000)]
    bulk = Source("bulk.txt", "/bulk.txt", "f" * 64, "txt", lines.text, documents=documents)
    result = store.ingest(bulk)
    assert result.documents == 2000
    assert len(built) == 1
