"""Reading entities and mentions back from the store: an index with counts, one
entity's mentions in context and its documents, who is named with whom, and the
names no authority entry resolves (candidates for the authority file)."""

from __future__ import annotations

import sqlite3
from typing import Any

from missive import authority
from missive.store import sql

CONTEXT = 60  # characters of text shown either side of a mention


def entity_index(conn: sqlite3.Connection, type_: str | None = None) -> list[dict[str, Any]]:
    """Every resolved entity with its mention and document counts, most named first."""
    auth = authority.load()
    return [
        {"key": key, "type": t, "name": auth.display_name(key), "mentions": n, "documents": d}
        for key, t, n, d in conn.execute(sql.ENTITY_INDEX, {"type": type_})
    ]


def entity_mentions(
    conn: sqlite3.Connection, key: str, width: int = CONTEXT
) -> list[dict[str, Any]]:
    """Each mention of `key` with the text around it."""
    rows = conn.execute(sql.ENTITY_MENTIONS, {"key": key, "width": width})
    return [
        {
            "doc_id": doc_id,
            "text": text,
            "start": start,
            "end": end,
            "rule": rule,
            "confidence": conf,
            "before": _flat(before),
            "after": _flat(after),
        }  # fmt: skip
        for doc_id, text, start, end, rule, conf, before, after in rows
    ]


def entity_documents(conn: sqlite3.Connection, key: str) -> list[dict[str, Any]]:
    """The documents naming `key`, in source order, with how often each names it."""
    return [
        {"doc_id": doc_id, "date": date, "mentions": n}
        for doc_id, date, n in conn.execute(sql.ENTITY_DOCUMENTS, (key,))
    ]


def document_mentions(conn: sqlite3.Connection, doc_id: str) -> list[dict[str, Any]]:
    return [
        {
            "key": key,
            "type": t,
            "text": text,
            "start": start,
            "end": end,
            "rule": rule,
            "confidence": conf,
        }  # fmt: skip
        for key, t, text, start, end, rule, conf in conn.execute(sql.DOCUMENT_MENTIONS, (doc_id,))
    ]


def cooccurrences(
    conn: sqlite3.Connection, key: str | None = None, type_: str | None = "person", limit: int = 50
) -> list[dict[str, Any]]:
    """Pairs of entities named in the same document, with the number of such documents."""
    params = {"key": key, "type": type_, "limit": limit}
    return [{"a": a, "b": b, "documents": n} for a, b, n in conn.execute(sql.COOCCURRENCE, params)]


def unresolved(
    conn: sqlite3.Connection, limit: int = 50, width: int = CONTEXT
) -> list[dict[str, Any]]:
    """Names no authority entry resolves, most frequent first, each with one example."""
    out = []
    for text, t, n, docs, pk in conn.execute(sql.UNRESOLVED_MENTIONS, {"limit": limit}):
        doc_id, context = conn.execute(sql.MENTION_CONTEXT, {"pk": pk, "width": width}).fetchone()
        out.append({"text": text, "type": t, "mentions": n, "documents": docs,
                    "example": {"doc_id": doc_id, "context": _flat(context)}})  # fmt: skip
    return out


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())
