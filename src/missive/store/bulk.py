"""Indexes of an empty table built once its rows are in, rather than row by row.

When a source is the first written into a table (an empty store, or one whose only
source is being replaced), the table's own indexes are dropped at the start of the
source's transaction and created again before it commits: SQLite builds an index
over stored rows with one sort, several times cheaper than updating it row by row.
Both happen inside the transaction, so a process killed between them leaves the
store as it was, indexes included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from missive.store import sql

BULK_TABLES = ("documents", "links", "mentions")


@contextmanager
def indexes_deferred(conn: sqlite3.Connection, tables: tuple[str, ...] = BULK_TABLES
                     ) -> Iterator[None]:  # fmt: skip
    """Within the caller's transaction: the indexes of each empty table in `tables`
    dropped for the body and made again after it (not when it raises: the caller
    rolls the transaction back)."""
    deferred: list[str] = []
    for table in tables:
        if conn.execute(sql.ANY_ROW.format(table=table)).fetchone() is not None:
            continue
        for name, statement in conn.execute(sql.TABLE_INDEXES, (table,)).fetchall():
            conn.execute(sql.DROP_INDEX.format(name=name))
            deferred.append(statement)
    yield
    for statement in deferred:
        conn.execute(statement)
