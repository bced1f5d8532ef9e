"""The store of record: one SQLite file holding sources, documents, notes, the
full-text index and editors' corrections."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from missive.errors import StoreError, UsageError
from missive.model import Document, Source
from missive.store import corrections as corr
from missive.store import entities, search, sql
from missive.store.ingest import IngestResult, ingest_source, to_json
from missive.store.links import links_of, missing_messages
from missive.store.remove import RemoveResult, remove_source
from missive.store.schema import connect, now, schema_version


class Store:
    """A missive database.  Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.conn = connect(path)

    # --- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- writing -----------------------------------------------------------

    def ingest(
        self, source: Source, batches: Iterable[list[Document]] | None = None
    ) -> IngestResult:
        """Store a parsed source in one transaction ("added" | "unchanged" | "replaced").

        `batches`: its top-level documents as ``pipeline.parse`` hands them over (a
        large source a window at a time); by default ``source.documents``."""
        return ingest_source(self.conn, source, batches)

    def remove_source(self, name: str) -> RemoveResult:
        """Delete a source and its documents; its corrections are kept (orphaned)."""
        return remove_source(self.conn, name)

    def optimize(self) -> None:
        """Merge the full-text index segments; worth it after a bulk ingest."""
        self._write(sql.OPTIMIZE_FTS)

    def add_correction(
        self, doc_id: str, field: str, value: Any, editor: str, reason: str
    ) -> dict[str, Any]:
        """Record an editor's override of one field of one document; return the record."""
        corr.check_correction(field, value)
        if self.conn.execute(sql.DOCUMENT_EXISTS, (doc_id,)).fetchone() is None:
            raise UsageError(f"no document {doc_id!r} in {self.path}")
        created_at = now()
        row = (doc_id, field, to_json(value), editor, reason, created_at)
        cursor = self._write(sql.INSERT_CORRECTION, row)
        return {
            "id": cursor.lastrowid,
            "doc_id": doc_id,
            "field": field,
            "value": value,
            "editor": editor,
            "reason": reason,
            "created_at": created_at,
            "orphaned": False,
        }

    def _write(self, statement: str, params: tuple = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(statement, params)  # autocommit: its own transaction
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot write ({exc})") from exc

    # --- reading -----------------------------------------------------------

    def documents(self, source: str | None = None) -> Iterator[dict[str, Any]]:
        """Top-level documents, sources in ingest order, each in source order, corrected."""
        by_doc = corr.group_by_document(self._corrections_raw())
        if source is None:
            rows = self.conn.execute(sql.TOP_DOCUMENTS)
        else:
            rows = self.conn.execute(sql.TOP_DOCUMENTS_OF_SOURCE, (source,))
        for (data,) in rows:
            yield corr.apply_corrections(json.loads(data), by_doc)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document (top-level or enclosure) by id, corrected; None if unknown."""
        row = self.conn.execute(sql.DOCUMENT_BY_ID, (doc_id,)).fetchone()
        if row is None:
            return None
        data = json.loads(row[0])
        ids = list(_ids(data))
        raw = self.conn.execute(sql.CORRECTIONS_FOR_DOCS, (json.dumps(ids),))
        return corr.apply_corrections(data, corr.group_by_document(_correction(r) for r in raw))

    def sources(self) -> list[dict[str, Any]]:
        """Every source in ingest order: provenance, counts, when and by what it was ingested."""
        out = []
        for sid, name, path, data, ingested_at, version, documents in self.conn.execute(
            sql.SOURCES
        ):
            entry = json.loads(data)
            entry.update(
                id=sid,
                name=name,
                path=path,
                ingested_at=ingested_at,
                program_version=version,
                documents=documents,
                notes=entry["counts"]["notes"],
            )
            out.append(entry)
        return out

    def source_text(self, name: str) -> str | None:
        """The exact original text of a stored source."""
        row = self.conn.execute(sql.SOURCE_TEXT, (name,)).fetchone()
        return None if row is None else row[0]

    def notes(self, source: str) -> list[dict[str, Any]]:
        return [json.loads(d) for (d,) in self.conn.execute(sql.NOTES_OF_SOURCE, (source,))]

    def links(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """A document's links both ways: ``outgoing`` (its own) and ``incoming`` (other
        documents' links to it, each with ``from`` and ``relation``: "replied by", ...)."""
        return links_of(self.conn, doc_id)

    def missing_messages(self) -> list[dict[str, Any]]:
        """Messages the documents refer to that no source holds: who, when, cited where."""
        return missing_messages(self.conn)

    def corrections(self) -> list[dict[str, Any]]:
        """Every correction, oldest first; ``orphaned`` when its document is gone."""
        return [
            {**_correction(row[:7]), "orphaned": bool(row[7])}
            for row in self.conn.execute(sql.CORRECTIONS)
        ]

    def orphaned_corrections(self) -> list[dict[str, Any]]:
        return [c for c in self.corrections() if c["orphaned"]]

    def _corrections_raw(self) -> list[dict[str, Any]]:
        return [_correction(r) for r in self.conn.execute(sql.ALL_CORRECTIONS_RAW)]

    # --- search and statistics ----------------------------------------------

    def search_text(
        self, query: str, limit: int = 20, mark: tuple[str, str] = ("[", "]")
    ) -> list[dict[str, Any]]:
        """FTS5 `query` over body and note text, best first (bm25), with snippets.

        A malformed query raises :class:`missive.errors.QueryError`.
        """
        hits = search.search_text(self.conn, query, limit, mark)
        corrected = {c["doc_id"] for c in self._corrections_raw()}
        return [_patch_hit(h, self.document(h["id"])) if h["id"] in corrected else h for h in hits]

    def count_text(self, query: str) -> int:
        return search.count_text(self.conn, query)

    def stats(self) -> dict[str, Any]:
        sources, documents, enclosures, notes, corrections, orphaned, version = self.conn.execute(
            sql.STATS
        ).fetchone()
        return {
            "path": self.path,
            "sources": sources,
            "documents": documents,
            "enclosures": enclosures,
            "notes": notes,
            "corrections": corrections,
            "orphaned_corrections": orphaned,
            "schema_version": version,
            "program_schema_version": schema_version(),
            "sqlite_version": sqlite3.sqlite_version,
        }

    def migrations(self) -> list[dict[str, Any]]:
        """The schema migrations applied to this database."""
        rows = self.conn.execute(sql.LIST_MIGRATIONS)
        return [{"version": v, "name": n, "applied_at": a} for v, n, a in rows]

    def integrity_check(self) -> list[str]:
        """SQLite's own check: ``["ok"]`` when the file is sound."""
        return [row[0] for row in self.conn.execute(sql.INTEGRITY_CHECK)]

    # --- entities (store/entities.py) ----------------------------------------

    def entities(self, type_: str | None = None) -> list[dict[str, Any]]:
        """Every resolved entity with its mention and document counts."""
        return entities.entity_index(self.conn, type_)

    def entity_mentions(self, key: str) -> list[dict[str, Any]]:
        """Each mention of one entity, with the text around it."""
        return entities.entity_mentions(self.conn, key)

    def entity_documents(self, key: str) -> list[dict[str, Any]]:
        return entities.entity_documents(self.conn, key)

    def document_mentions(self, doc_id: str) -> list[dict[str, Any]]:
        return entities.document_mentions(self.conn, doc_id)

    def cooccurrences(
        self, key: str | None = None, type_: str | None = "person", limit: int = 50
    ) -> list[dict[str, Any]]:
        """Who is mentioned with whom: pairs of entities and their shared documents."""
        return entities.cooccurrences(self.conn, key, type_, limit)

    def unresolved_mentions(self, limit: int = 50) -> list[dict[str, Any]]:
        """Names no authority entry resolves: candidates for the authority file."""
        return entities.unresolved(self.conn, limit)


def _ids(data: Mapping[str, Any]) -> Iterator[str]:
    yield data["id"]
    for child in data.get("enclosures") or []:
        yield from _ids(child)


def _correction(row: tuple) -> dict[str, Any]:
    cid, doc_id, field, value, editor, reason, created_at = row
    return {
        "id": cid,
        "doc_id": doc_id,
        "field": field,
        "value": json.loads(value),
        "editor": editor,
        "reason": reason,
        "created_at": created_at,
    }


def _patch_hit(hit: dict[str, Any], doc: dict[str, Any] | None) -> dict[str, Any]:
    """A search hit showing the corrected number, date and parties of its document."""
    if doc is None:
        return hit
    return {
        **hit,
        "number": doc["number"],
        "date": doc["date"],
        "senders": [p["key"] for p in doc["senders"]],
        "recipients": [p["key"] for p in doc["recipients"]],
    }
