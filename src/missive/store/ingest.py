"""Writing one source into the store: one transaction, all or nothing."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from missive import __version__
from missive.errors import StoreError
from missive.model import Document, Source
from missive.serialize import SourceContext, document_to_dict, note_to_dict, source_context
from missive.serialize import source_to_dict as serialize_source
from missive.store import sql
from missive.store.schema import now
from missive.store.witnesses import link_across_sources

Status = Literal["added", "unchanged", "replaced"]


@dataclass(slots=True)
class IngestResult:
    """What ingesting one source did."""

    name: str
    sha256: str
    status: Status
    documents: int  # top-level documents now stored for the source
    warnings: list[str] = field(default_factory=list)
    orphaned_corrections: int = 0


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def ingest_source(conn: sqlite3.Connection, source: Source) -> IngestResult:
    """Store `source` and its documents; a same-named source with the same sha256 is left be."""
    if _stored_sha(conn, source.name) == source.sha256:
        return _unchanged(conn, source)
    ctx = source_context(source)
    docs = list(_document_rows(source, ctx))
    notes = [note_to_dict(n, source, ctx) for n in source.notes]
    conn.execute("BEGIN IMMEDIATE")
    try:
        existing = conn.execute(sql.FIND_SOURCE, (source.name,)).fetchone()
        if existing is not None and existing[1] == source.sha256:
            conn.execute("ROLLBACK")  # stored by another writer meanwhile
            return _unchanged(conn, source)
        result = _write(conn, source, ctx, existing, docs, notes)
        conn.execute("COMMIT")
    except sqlite3.IntegrityError as exc:
        conn.execute("ROLLBACK")
        raise StoreError(_integrity_message(conn, source, docs, exc)) from exc
    except sqlite3.Error as exc:
        _rollback_quietly(conn)
        raise StoreError(f"{source.name}: cannot write to the database ({exc})") from exc
    except BaseException:
        _rollback_quietly(conn)
        raise
    return result


def _stored_sha(conn: sqlite3.Connection, name: str) -> str | None:
    row = conn.execute(sql.FIND_SOURCE, (name,)).fetchone()
    return None if row is None else row[1]


def _unchanged(conn: sqlite3.Connection, source: Source) -> IngestResult:
    source_id = conn.execute(sql.FIND_SOURCE, (source.name,)).fetchone()[0]
    count = conn.execute(sql.COUNT_SOURCE_DOCUMENTS, (source_id,)).fetchone()[0]
    return IngestResult(source.name, source.sha256, "unchanged", count)


def _write(
    conn: sqlite3.Connection,
    source: Source,
    ctx: SourceContext,
    existing: tuple[int, str] | None,
    docs: list[tuple[Document, dict[str, Any]]],
    notes: list[dict[str, Any]],
) -> IngestResult:
    row = _source_row(source, ctx)
    old_ids: set[str] = set()
    if existing is None:
        source_id = conn.execute(sql.INSERT_SOURCE, row).lastrowid
        status: Status = "added"
    else:
        source_id = existing[0]
        old_ids = {r[0] for r in conn.execute(sql.SOURCE_DOCUMENT_IDS, (source_id,))}
        _delete_parsed(conn, source_id)
        conn.execute(sql.UPDATE_SOURCE, {**row, "id": source_id})
        status = "replaced"
    first_pk = conn.execute(sql.NEXT_DOCUMENT_PK).fetchone()[0]
    # Generators: each row's JSON lives only while SQLite binds it (bounded memory).
    conn.executemany(sql.INSERT_DOCUMENT, _document_table_rows(docs, source_id, first_pk))
    conn.executemany(sql.INSERT_FTS, _fts_rows(docs, first_pk))
    conn.executemany(
        sql.INSERT_NOTE,
        ((source_id, seq, n["number"], n["text"], to_json(n)) for seq, n in enumerate(notes)),
    )
    _write_links(conn, source_id, docs)
    _write_mentions(conn, source_id, docs)
    orphans = _orphaned_by(conn, old_ids - {data["id"] for _, data in docs})
    return IngestResult(
        name=source.name,
        sha256=source.sha256,
        status=status,
        documents=len(source.documents),
        warnings=[*source.warnings, *orphans],
        orphaned_corrections=len(orphans),
    )


def _write_links(
    conn: sqlite3.Connection, source_id: int, docs: list[tuple[Document, dict[str, Any]]]
) -> None:
    """The links of every document (enclosures included), for lookups in both directions."""
    conn.execute(sql.DELETE_SOURCE_LINKS, (source_id,))
    conn.executemany(
        sql.INSERT_LINK,
        (
            (source_id, data["id"], link["type"], link["target"], to_json(link))
            for _, data in docs
            for link in data["links"]
        ),
    )
    link_across_sources(conn, source_id, [data for _, data in docs])


def _write_mentions(
    conn: sqlite3.Connection, source_id: int, docs: list[tuple[Document, dict[str, Any]]]
) -> None:
    """The names found in every document (pipeline/entities.py), resolved or not."""
    conn.execute(sql.DELETE_SOURCE_MENTIONS, (source_id,))
    conn.executemany(
        sql.INSERT_MENTION,
        (
            (
                source_id,
                data["id"],
                m.key,
                m.type,
                m.text,
                m.span.start,
                m.span.end,
                m.key is not None,
                m.evidence.rule,
                m.evidence.confidence,
            )
            for doc, data in docs
            for m in doc.mentions
        ),
    )


def _delete_parsed(conn: sqlite3.Connection, source_id: int) -> None:
    conn.execute(sql.DELETE_SOURCE_FTS, (source_id,))
    conn.execute(sql.DELETE_SOURCE_DOCUMENTS, (source_id,))
    conn.execute(sql.DELETE_SOURCE_NOTES, (source_id,))


def _orphaned_by(conn: sqlite3.Connection, gone: set[str]) -> list[str]:
    if not gone:
        return []
    return [
        f"correction {cid} ({field} of {doc_id}) is orphaned: the document is no longer "
        "in the re-ingested source; it is kept"
        for cid, doc_id, field in conn.execute(sql.CORRECTION_TARGETS)
        if doc_id in gone
    ]


def _source_row(source: Source, ctx: SourceContext) -> dict[str, Any]:
    return {
        "name": source.name,
        "path": source.path,
        "sha256": source.sha256,
        "format": source.format,
        "encoding": source.encoding,
        "metadata": to_json(source.metadata),
        "data": to_json(serialize_source(source, ctx)),
        "text": source.text,
        "ingested_at": now(),
        "program_version": __version__,
    }


def _document_rows(source: Source, ctx: SourceContext) -> Iterator[tuple[Document, dict[str, Any]]]:
    """Every document (enclosures after their parent) with its serialized dict."""
    for doc in source.documents:
        yield from _with_enclosures(doc, document_to_dict(doc, source, ctx))


def _with_enclosures(
    doc: Document, data: dict[str, Any]
) -> Iterator[tuple[Document, dict[str, Any]]]:
    yield doc, data
    for child, child_data in zip(doc.enclosures, data["enclosures"], strict=True):
        yield from _with_enclosures(child, child_data)


def _document_table_rows(
    docs: list[tuple[Document, dict[str, Any]]], source_id: int, first_pk: int
) -> Iterator[tuple[Any, ...]]:
    for seq, (_, data) in enumerate(docs):
        yield (
            first_pk + seq,
            data["id"],
            source_id,
            seq,
            data["ordinal"],
            data["parent_id"],
            data["number"],
            data["date"],
            data["kind"],
            to_json([p["key"] for p in data["senders"]]),
            to_json([p["key"] for p in data["recipients"]]),
            to_json(data),
        )


def _fts_rows(
    docs: list[tuple[Document, dict[str, Any]]], first_pk: int
) -> Iterator[tuple[int, str, str]]:
    for seq, (_, data) in enumerate(docs):
        yield first_pk + seq, data["text"], "\n\n".join(n["text"] for n in data["notes"])


def _integrity_message(
    conn: sqlite3.Connection,
    source: Source,
    docs: list[tuple[Document, dict[str, Any]]],
    exc: sqlite3.IntegrityError,
) -> str:
    ids = [data["id"] for _, data in docs]
    duplicates = sorted(i for i, n in Counter(ids).items() if n > 1)
    if duplicates:
        return f"{source.name}: document ids occur twice in the source: {', '.join(duplicates)}"
    for doc_id in ids:
        owner = conn.execute(sql.FIND_DOCUMENT_OWNER, (doc_id,)).fetchone()
        if owner is not None and owner[0] != source.name:
            return (
                f"{source.name}: document id {doc_id} is already stored from {owner[0]}; "
                "rename one of the files"
            )
    return f"{source.name}: cannot store its documents ({exc})"


def _rollback_quietly(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")
