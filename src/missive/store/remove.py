"""Removing one source from the store: its documents go, its corrections stay.

Corrections are the editors' work, so removing a source never deletes them: they
become orphaned (listed by `missive check`) and re-attach if the source comes back.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from missive.errors import StoreError, UsageError
from missive.store import sql
from missive.store.ingest import _delete_parsed, _rollback_quietly


@dataclass(slots=True)
class RemoveResult:
    name: str
    documents: int  # documents removed, enclosures included
    warnings: list[str] = field(default_factory=list)  # one per orphaned correction


def remove_source(conn: sqlite3.Connection, name: str) -> RemoveResult:
    """Delete the source called `name` and its parsed data in one transaction."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        found = conn.execute(sql.FIND_SOURCE, (name,)).fetchone()
        if found is None:
            conn.execute("ROLLBACK")
            raise UsageError(f"no source {name!r} in the database")
        source_id = found[0]
        gone = {row[0] for row in conn.execute(sql.SOURCE_DOCUMENT_IDS, (source_id,))}
        _delete_parsed(conn, source_id)
        conn.execute(sql.DELETE_SOURCE, (source_id,))
        orphans = _orphaned(conn, gone, name)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback_quietly(conn)
        raise StoreError(f"{name}: cannot remove it from the database ({exc})") from exc
    return RemoveResult(name, len(gone), orphans)


def _orphaned(conn: sqlite3.Connection, gone: set[str], name: str) -> list[str]:
    return [
        f"correction {cid} ({field} of {doc_id}) is orphaned: {name} was removed; it is kept"
        for cid, doc_id, field in conn.execute(sql.CORRECTION_TARGETS)
        if doc_id in gone
    ]
