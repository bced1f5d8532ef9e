"""Reading links from the store: a document's links both ways, and missing messages."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from missive.store import sql

# How an incoming link reads from its target's side.
INCOMING = {
    "replies_to": "replied by",
    "cites": "cited by",
    "quotes": "quoted by",
    "same_as": "same as",
    "encloses": "enclosed by",
}


def links_of(conn: sqlite3.Connection, doc_id: str) -> dict[str, list[dict[str, Any]]]:
    outgoing = [json.loads(data) for _, data in conn.execute(sql.LINKS_FROM, (doc_id,))]
    incoming = []
    for source_doc, data in conn.execute(sql.LINKS_TO, (doc_id,)):
        link = json.loads(data)
        incoming.append(
            {**link, "from": source_doc, "relation": INCOMING.get(link["type"], link["type"])}
        )
    return {"outgoing": outgoing, "incoming": incoming}


def missing_messages(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """One entry per reference to a message that is not in the store."""
    out = []
    for doc_id, data in conn.execute(sql.MISSING_LINKS):
        link = json.loads(data)
        extra = link.get("data") or {}
        evidence = link.get("evidence") or {}
        out.append(
            {
                "cited_in": doc_id,
                "type": link["type"],
                "description": link.get("target_description", ""),
                "date": extra.get("date"),
                "from": extra.get("from", []),
                "to": extra.get("to", []),
                "number": extra.get("number"),
                "reference": extra.get("reference"),
                "text": evidence.get("text", ""),
                "line": evidence.get("start_line"),
                "rule": evidence.get("rule", ""),
            }
        )
    return out
