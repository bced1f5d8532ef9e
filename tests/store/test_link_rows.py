"""The links table holds each document's links, in order, as its JSON writes them:
what SQLite reads back out of the documents' JSON, byte for byte."""

from __future__ import annotations

from pathlib import Path

from missive import pipeline
from missive.sources import read_source
from missive.store import Store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "apparatus" / "thread.txt"
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mia-stalin-roosevelt-1943.txt"

FROM_DOCUMENTS_JSON = """
SELECT d.source_id, d.id, json_extract(j.value, '$.type'), json_extract(j.value, '$.target'),
       j.value
FROM documents d, json_each(d.data, '$.links') j ORDER BY d.pk, j.key
"""
LINK_ROWS = "SELECT source_id, doc_id, type, target, data FROM links ORDER BY pk"


def test_link_rows_are_the_links_of_the_documents_json(store: Store) -> None:
    for path in (FIXTURE, SAMPLE):
        source = read_source(path)
        pipeline.run(source)
        store.ingest(source)
    rows = store.conn.execute(LINK_ROWS).fetchall()
    assert len(rows) > 50
    assert rows == store.conn.execute(FROM_DOCUMENTS_JSON).fetchall()
