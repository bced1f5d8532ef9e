"""Writing a source's documents in batches (as a windowed parse hands them over) stores
exactly what writing them all at once stores; the links are read from the stored
documents' JSON and come back as the documents state them."""

from __future__ import annotations

import json
from pathlib import Path

from missive import pipeline
from missive.sources import read_source
from missive.store import Store
from missive.store.ingest import to_json

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "mia-stalin-roosevelt-1943.txt"
TABLES = {
    "documents": "SELECT pk, id, seq, ordinal, parent_id, number, date, kind, senders,"
    " recipients, data FROM documents ORDER BY pk",
    "links": "SELECT doc_id, type, target, data FROM links ORDER BY pk",
    "mentions": "SELECT doc_id, key, type, text, start, end FROM mentions ORDER BY pk",
    "notes": "SELECT seq, number, text, data FROM notes ORDER BY seq",
    "fts": "SELECT rowid, text, notes FROM documents_fts ORDER BY rowid",
    "sources": "SELECT name, sha256, data FROM sources",
}


def stored(db: Path) -> dict[str, list[tuple]]:
    with Store(db) as store:
        return {name: store.conn.execute(query).fetchall() for name, query in TABLES.items()}


def test_batches_store_what_one_batch_stores(tmp_path: Path) -> None:
    source = pipeline.run(read_source(SAMPLE))
    documents = source.documents
    with Store(tmp_path / "one.db") as store:
        store.ingest(source)
    batches = [documents[:7], [], documents[7:30], documents[30:]]
    with Store(tmp_path / "many.db") as store:
        result = store.ingest(source, batches)
    assert result.documents == len(documents)
    assert stored(tmp_path / "many.db") == stored(tmp_path / "one.db")


def test_links_come_back_as_the_documents_state_them(tmp_path: Path) -> None:
    source = pipeline.run(read_source(SAMPLE))
    with Store(tmp_path / "x.db") as store:
        store.ingest(source)
        linked = 0
        for doc in store.documents():
            outgoing = store.links(doc["id"])["outgoing"]
            assert outgoing == doc["links"]
            linked += bool(outgoing)
        rows = store.conn.execute("SELECT type, target, data FROM links").fetchall()
    assert linked > 10
    for type_, target, data in rows:
        link = json.loads(data)
        assert (type_, target) == (link["type"], link["target"])


def test_json_is_compact_and_keeps_non_ascii() -> None:
    value = {
        "a": [1, 2.5, None, True],
        "b": "Molotov — «Mr Brown»",
        "c": {"d": -0.7137393653883715},
    }
    assert to_json(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
