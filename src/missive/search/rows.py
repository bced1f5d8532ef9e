"""The store's documents read for the index: streamed, only the columns needed.

A rebuild reads the documents in sample-slot order (``fields.sample_slot``: every
1024th row of the store, slot by slot, each row found by its primary key), so each
slot's documents sit together in the index and a facet sample (facets.py) is a run of
neighbouring documents, cheap to intersect with a query.  Each document's JSON is
parsed by SQLite (``->>`` for the text and heading, ``->`` for the notes and entities,
which Python decodes only when there are some).  Documents an editor corrected are
read as the store gives them, corrected.

A rebuild reads the store in a thread of its own, on its own connection (SQLite lets go
of the GIL while it steps), a few batches ahead of the conversion into index
documents: the two overlap, which matters most when the machine is busy.

Each shard of the index (shards.py) is fed its own rows: its rows of each slot in a
rebuild, its rows of a source otherwise.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterator

from missive.search.fields import SAMPLE_SLOTS, IndexDocument, from_data, from_row
from missive.search.shards import SHARD_OF_PK, SHARDS, first_row_of_slot
from missive.store import Store

_COLUMNS = """
SELECT d.pk, d.id, s.name, d.number, d.kind, d.date, d.senders, d.recipients,
       d.data ->> '$.text', d.data ->> '$.heading', d.data -> '$.notes', d.data -> '$.entities'
"""
# The documents of one sample slot: rows slot, slot + SAMPLE_SLOTS, ... up to the last
# (of one shard: from its first row of the slot, every SHARDS-th of them).
DOCUMENTS_OF_SLOT = (
    """
WITH RECURSIVE slot(pk) AS (
    SELECT :first UNION ALL SELECT pk + :step FROM slot WHERE pk + :step <= :last
)"""
    + _COLUMNS
    + "FROM slot JOIN documents d ON d.pk = slot.pk JOIN sources s ON s.id = d.source_id"
)
DOCUMENTS_OF_SOURCE = (
    _COLUMNS + "FROM documents d JOIN sources s ON s.id = d.source_id WHERE s.name = :name "
    "ORDER BY d.seq"
)
DOCUMENTS_OF_SOURCE_IN_SHARD = DOCUMENTS_OF_SOURCE.replace(
    "ORDER BY", f"AND {SHARD_OF_PK} = :shard ORDER BY"
)
LAST_ROW = "SELECT coalesce(max(pk), 0) FROM documents"
CORRECTED_DOCUMENTS = "SELECT DISTINCT doc_id FROM corrections"
FETCH_ROWS = 2_000
READ_AHEAD = 4  # batches read ahead of the conversion


def index_batches(
    store: Store, source: str | None = None, shard: int | None = None
) -> Iterator[list[IndexDocument]]:
    """The index documents of one source, or of the whole store when `source` is None,
    of one shard or of all, a batch of rows at a time (handed to tantivy in a burst,
    its threads kept busy)."""
    corrected = {doc_id for (doc_id,) in store.conn.execute(CORRECTED_DOCUMENTS)}
    for batch in _row_batches(store, source, shard):
        if corrected:
            yield [_index_document(store, row, corrected) for row in batch]
        else:
            yield list(map(from_row, batch))


def _index_document(store: Store, row: tuple, corrected: set[str]) -> IndexDocument:
    data = store.document(row[1]) if row[1] in corrected else None
    return from_row(row) if data is None else from_data(row[0], data)


def _rows(store: Store, source: str | None, shard: int | None = None) -> Iterator[tuple]:
    for batch in _row_batches(store, source, shard):
        yield from batch


def _row_batches(store: Store, source: str | None, shard: int | None) -> Iterator[list[tuple]]:
    if source is None:
        return _read_ahead(store.path, shard)
    if shard is None:
        return _batches(store.conn.execute(DOCUMENTS_OF_SOURCE, {"name": source}))
    query = DOCUMENTS_OF_SOURCE_IN_SHARD
    return _batches(store.conn.execute(query, {"name": source, "shard": shard}))


def _all_batches(conn: sqlite3.Connection, shard: int | None) -> Iterator[list[tuple]]:
    """Every row (or one shard's), slot by slot."""
    (last,) = conn.execute(LAST_ROW).fetchone()
    for slot in range(SAMPLE_SLOTS):
        if shard is None:
            first, step = slot, SAMPLE_SLOTS
        else:
            first, step = first_row_of_slot(slot, shard), SAMPLE_SLOTS * SHARDS
        query = {"first": first, "step": step, "last": last}
        yield from _batches(conn.execute(DOCUMENTS_OF_SLOT, query))


def _batches(cursor: sqlite3.Cursor) -> Iterator[list[tuple]]:
    while rows := cursor.fetchmany(FETCH_ROWS):
        yield rows


_END = object()


def _read_ahead(db_path: str, shard: int | None = None) -> Iterator[list[tuple]]:
    """Every document row of the store (or of one shard) in batches, read by a thread of
    its own."""
    batches: queue.Queue = queue.Queue(maxsize=READ_AHEAD)
    stop = threading.Event()

    def read() -> None:
        try:
            conn = sqlite3.connect(db_path)
            try:
                for batch in _all_batches(conn, shard):
                    if not _offer(batches, batch, stop):
                        return  # the consumer stopped
            finally:
                conn.close()
            _offer(batches, _END, stop)
        except BaseException as exc:  # handed to the consumer, raised there
            _offer(batches, exc, stop)

    reader = threading.Thread(target=read, name="missive-index-reader", daemon=True)
    reader.start()
    try:
        while (item := batches.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        reader.join()


def _offer(batches: queue.Queue, item: object, stop: threading.Event) -> bool:
    """Put `item` when there is room; False if the consumer stopped first."""
    while not stop.is_set():
        try:
            batches.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False
