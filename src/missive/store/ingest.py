"""Writing one source into the store: one transaction, all or nothing."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import msgspec

from missive import __version__
from missive.errors import StoreError
from missive.gc_pause import with_gc_paused
from missive.model import Document, Source
from missive.serialize import SourceContext, document_to_dict, note_to_dict, source_context
from missive.serialize import source_to_dict as serialize_source
from missive.store import sql
from missive.store.bulk import indexes_deferred
from missive.store.schema import now
from missive.store.witnesses import link_across_sources

Status = Literal["added", "unchanged", "replaced"]
ROWS_AT_ONCE = 500  # top-level documents serialized and written together


@dataclass(slots=True)
class IngestResult:
    """What ingesting one source did."""

    name: str
    sha256: str
    status: Status
    documents: int  # top-level documents now stored for the source
    warnings: list[str] = field(default_factory=list)
    orphaned_corrections: int = 0


_ENCODER = msgspec.json.Encoder()


def to_json(value: Any) -> str:
    """Compact JSON, non-ASCII kept: what ``json.dumps(value, ensure_ascii=False,
    separators=(",", ":"))`` writes, about five times faster (msgspec)."""
    return _ENCODER.encode(value).decode()


def ingest_source(
    conn: sqlite3.Connection, source: Source, batches: Iterable[list[Document]] | None = None
) -> IngestResult:
    """Store `source` and its documents; a same-named source with the same sha256 is left be.

    `batches`: the top-level documents a batch at a time (a windowed parse hands them
    over as it goes, and fills in the source's notes and warnings when it ends);
    by default ``[source.documents]``. All of it is one transaction."""
    if _stored_sha(conn, source.name) == source.sha256:
        return _unchanged(conn, source)
    writer = _Writer(conn, source)
    conn.execute("BEGIN IMMEDIATE")
    try:
        existing = conn.execute(sql.FIND_SOURCE, (source.name,)).fetchone()
        if existing is not None and existing[1] == source.sha256:
            conn.execute("ROLLBACK")  # stored by another writer meanwhile
            return _unchanged(conn, source)
        result = writer.write(existing, [source.documents] if batches is None else batches)
        conn.execute("COMMIT")
    except sqlite3.IntegrityError as exc:
        conn.execute("ROLLBACK")
        raise StoreError(_integrity_message(conn, source, writer.ids, exc)) from exc
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


class _Writer:
    """Writes one source inside the caller's transaction: the source row first, then
    each batch of documents as it comes, then the notes and the source's counts."""

    def __init__(self, conn: sqlite3.Connection, source: Source) -> None:
        self.conn = conn
        self.source = source
        self.ids: list[str] = []  # every document id written (enclosures included)
        self.top_level = 0
        self.next_pk = 0
        self.seq = 0

    def write(
        self, existing: tuple[int, str] | None, batches: Iterable[list[Document]]
    ) -> IngestResult:
        """The source's row first, then the documents as they come, then the notes.
        A windowed parse completes the counts, notes and warnings only at its end: its
        row gets the whole text and the final JSON then, in one update (binding the
        text costs SQLite a copy of it, best made once the windows are gone)."""
        conn, source = self.conn, self.source
        streamed = not isinstance(batches, list)
        row = _source_row(source, source_context(source))
        if streamed:
            row["text"] = ""
        old_ids: set[str] = set()
        if existing is None:
            source_id = conn.execute(sql.INSERT_SOURCE, row).lastrowid
        else:
            source_id = existing[0]
            old_ids = {r[0] for r in conn.execute(sql.SOURCE_DOCUMENT_IDS, (source_id,))}
            _delete_parsed(conn, source_id)
            conn.execute(sql.DELETE_SOURCE_LINKS, (source_id,))
            conn.execute(sql.DELETE_SOURCE_MENTIONS, (source_id,))
            conn.execute(sql.UPDATE_SOURCE, {**row, "id": source_id})
        del row
        self.next_pk = conn.execute(sql.NEXT_DOCUMENT_PK).fetchone()[0]
        with indexes_deferred(conn):
            iterator = iter(batches)
            while (batch := next(iterator, None)) is not None:
                for start in range(0, len(batch), ROWS_AT_ONCE):
                    self._write_documents(source_id, batch[start : start + ROWS_AT_ONCE])
                self.top_level += len(batch)
                del batch  # before the next batch is parsed (a windowed parse)
        ctx = source_context(source)
        references = getattr(batches, "referenced_by", None)
        if references is not None:  # a windowed parse: source.documents is not the documents
            ctx._referenced_by = references
        conn.executemany(
            sql.INSERT_NOTE,
            (
                (source_id, seq, note.number, note.text, to_json(note_to_dict(note, source, ctx)))
                for seq, note in enumerate(source.notes)
            ),
        )
        if streamed:
            self._complete_source_data(source_id, ctx)
        orphans = _orphaned_by(conn, old_ids - set(self.ids))
        return IngestResult(
            name=source.name,
            sha256=source.sha256,
            status="added" if existing is None else "replaced",
            documents=self.top_level,
            warnings=[*source.warnings, *orphans],
            orphaned_corrections=len(orphans),
        )

    def _complete_source_data(self, source_id: int, ctx: SourceContext) -> None:
        """The text and the final JSON of a streamed source's row."""
        data = serialize_source(self.source, ctx)
        data["counts"].update(documents=self.top_level, all_documents=len(self.ids))
        self.conn.execute(sql.COMPLETE_SOURCE, (self.source.text, to_json(data), source_id))

    @with_gc_paused
    def _write_documents(self, source_id: int, documents: list[Document]) -> None:
        conn = self.conn
        docs = list(_document_rows(documents, self.source, source_context(self.source)))
        self.ids.extend(data["id"] for _, data in docs)
        first_pk, first_seq = self.next_pk, self.seq
        # Each link encoded once: for its own row and inside its document's JSON.
        links = [[_ENCODER.encode(link) for link in data["links"]] for _, data in docs]
        # Generators: each row's JSON lives only while SQLite binds it (bounded memory).
        conn.executemany(
            sql.INSERT_DOCUMENT, _document_table_rows(docs, links, source_id, first_pk, first_seq)
        )
        conn.executemany(sql.INSERT_FTS, _fts_rows(docs, first_pk))
        _write_links(conn, source_id, docs, links)
        _write_mentions(conn, source_id, docs)
        self.next_pk += len(docs)
        self.seq += len(docs)


def _write_links(
    conn: sqlite3.Connection,
    source_id: int,
    docs: list[tuple[Document, dict[str, Any]]],
    links: list[list[bytes]],
) -> None:
    """The links of every document (enclosures included), for lookups in both directions;
    each row's JSON is the link's JSON in its document's (`links`: encoded, by document)."""
    conn.executemany(
        sql.INSERT_LINK,
        (
            (source_id, data["id"], link["type"], link["target"], encoded.decode())
            for (_, data), encoded_links in zip(docs, links, strict=True)
            for link, encoded in zip(data["links"], encoded_links, strict=True)
        ),
    )
    link_across_sources(conn, source_id, [data for _, data in docs])


def _write_mentions(
    conn: sqlite3.Connection, source_id: int, docs: list[tuple[Document, dict[str, Any]]]
) -> None:
    """The names found in every document (pipeline/entities.py), resolved or not."""
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


def _document_rows(
    documents: list[Document], source: Source, ctx: SourceContext
) -> Iterator[tuple[Document, dict[str, Any]]]:
    """Every document (enclosures after their parent) with its serialized dict."""
    for doc in documents:
        yield from _with_enclosures(doc, document_to_dict(doc, source, ctx))


def _with_enclosures(
    doc: Document, data: dict[str, Any]
) -> Iterator[tuple[Document, dict[str, Any]]]:
    yield doc, data
    for child, child_data in zip(doc.enclosures, data["enclosures"], strict=True):
        yield from _with_enclosures(child, child_data)


def _document_table_rows(
    docs: list[tuple[Document, dict[str, Any]]],
    links: list[list[bytes]],
    source_id: int,
    first_pk: int,
    first_seq: int,
) -> Iterator[tuple[Any, ...]]:
    for k, (_, data) in enumerate(docs):
        encoded = {**data, "links": list(map(msgspec.Raw, links[k]))} if links[k] else data
        yield (
            first_pk + k,
            data["id"],
            source_id,
            first_seq + k,
            data["ordinal"],
            data["parent_id"],
            data["number"],
            data["date"],
            data["kind"],
            to_json([p["key"] for p in data["senders"]]),
            to_json([p["key"] for p in data["recipients"]]),
            to_json(encoded),
        )


def _fts_rows(
    docs: list[tuple[Document, dict[str, Any]]], first_pk: int
) -> Iterator[tuple[int, str, str]]:
    for seq, (_, data) in enumerate(docs):
        yield first_pk + seq, data["text"], "\n\n".join(n["text"] for n in data["notes"])


def _integrity_message(
    conn: sqlite3.Connection,
    source: Source,
    ids: list[str],
    exc: sqlite3.IntegrityError,
) -> str:
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
