"""Full-text search over the store's FTS5 table: rank first, snippets for the top rows."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from missive.errors import QueryError, StoreError
from missive.store import sql

SNIPPET_TOKENS = 16
QUERY_HELP = (
    'words match anywhere; quote phrases ("second front") and words with hyphens or colons '
    '("C-47"); combine with AND, OR, NOT in capitals; prefix with word*; group with parentheses'
)
# Messages SQLite gives for a query FTS5 cannot read (anything else is a database problem).
_QUERY_MESSAGES = ("fts5:", "no such column", "unterminated string", "unknown special query")


def search_text(
    conn: sqlite3.Connection,
    query: str,
    limit: int = 20,
    mark: tuple[str, str] = ("[", "]"),
) -> list[dict[str, Any]]:
    """The best `limit` documents matching the FTS5 `query`, best first, with snippets.

    ``score`` is the negated bm25 rank: higher is better.
    """
    _check_not_empty(query)
    if limit <= 0:
        return []
    ranked = _run(conn, sql.SEARCH_RANKED, (query, limit), query)
    return [_hit(conn, query, rowid, -score, mark) for rowid, score in ranked]


def count_text(conn: sqlite3.Connection, query: str) -> int:
    """How many documents match the FTS5 `query`."""
    _check_not_empty(query)
    return _run(conn, sql.SEARCH_COUNT, (query,), query)[0][0]


def _check_not_empty(query: str) -> None:
    if not query.strip():
        raise QueryError(f"empty search query: {QUERY_HELP}")


def _run(conn: sqlite3.Connection, statement: str, params: tuple, query: str) -> list[tuple]:
    try:
        return conn.execute(statement, params).fetchall()
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if message.startswith(_QUERY_MESSAGES):
            raise QueryError(
                f"cannot read search query {query!r} ({message}): {QUERY_HELP}"
            ) from exc
        raise StoreError(f"search failed: {message}") from exc


def _hit(
    conn: sqlite3.Connection, query: str, rowid: int, score: float, mark: tuple[str, str]
) -> dict[str, Any]:
    doc_id, number, source, date, senders, recipients = conn.execute(
        sql.SEARCH_HIT_ROW, (rowid,)
    ).fetchone()
    snippet = conn.execute(sql.SEARCH_SNIPPET, (*mark, SNIPPET_TOKENS, query, rowid)).fetchone()
    return {
        "id": doc_id,
        "number": number,
        "source": source,
        "date": date,
        "senders": json.loads(senders),
        "recipients": json.loads(recipients),
        "score": round(score, 6),
        "snippet": snippet[0] if snippet else "",
    }
