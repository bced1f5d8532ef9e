"""Every SQL statement of the store, in one place.

``MIGRATIONS`` is the ordered list of schema scripts; version N is ``MIGRATIONS[N-1]``.
Applied versions are recorded in the ``migrations`` table.  Never edit a released
script: append a new one.
"""

from __future__ import annotations

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
)

CREATE_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""

V1_INITIAL = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,              -- ingest order
    name TEXT NOT NULL UNIQUE,           -- file name as ingested
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    encoding TEXT NOT NULL,
    metadata TEXT NOT NULL,              -- JSON: the source's own header metadata
    data TEXT NOT NULL,                  -- JSON: serialize.source_to_dict
    text TEXT NOT NULL,                  -- the exact original text
    ingested_at TEXT NOT NULL,
    program_version TEXT NOT NULL
);

CREATE TABLE documents (
    pk INTEGER PRIMARY KEY,              -- stable rowid, shared with documents_fts
    id TEXT NOT NULL UNIQUE,             -- the document key (JSONL "id")
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,                -- depth-first position in the source
    ordinal INTEGER NOT NULL,
    parent_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER,
    date TEXT,                           -- best single date, YYYY-MM-DD
    kind TEXT,
    senders TEXT NOT NULL,               -- JSON array of person keys
    recipients TEXT NOT NULL,            -- JSON array of person keys
    data TEXT NOT NULL                   -- JSON: serialize.document_to_dict
);
CREATE INDEX documents_by_source ON documents(source_id, seq);
CREATE INDEX documents_by_parent ON documents(parent_id);
CREATE INDEX documents_by_date ON documents(date);

CREATE TABLE notes (
    pk INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    data TEXT NOT NULL                   -- JSON: serialize.note_to_dict
);
CREATE INDEX notes_by_source ON notes(source_id, seq);

-- Body text of each document (rowid = documents.pk) and the text of the notes it cites.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    text, notes, tokenize = 'unicode61 remove_diacritics 2'
);

-- Editors' overrides: kept apart from parsed data, never touched by re-ingest.
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,                -- no foreign key: outlives its document
    field TEXT NOT NULL,
    value TEXT NOT NULL,                 -- JSON
    editor TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX corrections_by_doc ON corrections(doc_id, id);
"""

MIGRATIONS: list[tuple[str, str]] = [
    ("initial", V1_INITIAL),
]

APPLIED_VERSIONS = "SELECT version FROM migrations ORDER BY version"
RECORD_MIGRATION = "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)"
MIGRATION_APPLIED = "SELECT 1 FROM migrations WHERE version = ?"
LIST_MIGRATIONS = "SELECT version, name, applied_at FROM migrations ORDER BY version"

# --- ingest ---------------------------------------------------------------

FIND_SOURCE = "SELECT id, sha256 FROM sources WHERE name = ?"
INSERT_SOURCE = """
INSERT INTO sources (name, path, sha256, format, encoding, metadata, data, text,
                     ingested_at, program_version)
VALUES (:name, :path, :sha256, :format, :encoding, :metadata, :data, :text,
        :ingested_at, :program_version)
"""
UPDATE_SOURCE = """
UPDATE sources SET path = :path, sha256 = :sha256, format = :format, encoding = :encoding,
       metadata = :metadata, data = :data, text = :text, ingested_at = :ingested_at,
       program_version = :program_version
WHERE id = :id
"""
DELETE_SOURCE_FTS = (
    "DELETE FROM documents_fts WHERE rowid IN (SELECT pk FROM documents WHERE source_id = ?)"
)
DELETE_SOURCE_DOCUMENTS = "DELETE FROM documents WHERE source_id = ?"
DELETE_SOURCE_NOTES = "DELETE FROM notes WHERE source_id = ?"
SOURCE_DOCUMENT_IDS = "SELECT id FROM documents WHERE source_id = ?"
CORRECTION_TARGETS = "SELECT id, doc_id, field FROM corrections ORDER BY id"
NEXT_DOCUMENT_PK = "SELECT coalesce(max(pk), 0) + 1 FROM documents"
INSERT_DOCUMENT = """
INSERT INTO documents (pk, id, source_id, seq, ordinal, parent_id, number, date, kind,
                       senders, recipients, data)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
INSERT_FTS = "INSERT INTO documents_fts (rowid, text, notes) VALUES (?, ?, ?)"
INSERT_NOTE = "INSERT INTO notes (source_id, seq, number, text, data) VALUES (?, ?, ?, ?, ?)"
COUNT_SOURCE_DOCUMENTS = "SELECT count(*) FROM documents WHERE source_id = ? AND parent_id IS NULL"
FIND_DOCUMENT_OWNER = """
SELECT s.name FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = ?
"""
OPTIMIZE_FTS = "INSERT INTO documents_fts (documents_fts) VALUES ('optimize')"

# --- reading --------------------------------------------------------------

TOP_DOCUMENTS = """
SELECT d.data FROM documents d JOIN sources s ON s.id = d.source_id
WHERE d.parent_id IS NULL ORDER BY s.id, d.seq
"""
TOP_DOCUMENTS_OF_SOURCE = """
SELECT d.data FROM documents d JOIN sources s ON s.id = d.source_id
WHERE d.parent_id IS NULL AND s.name = ? ORDER BY d.seq
"""
DOCUMENT_BY_ID = "SELECT data FROM documents WHERE id = ?"
DOCUMENT_EXISTS = "SELECT 1 FROM documents WHERE id = ?"
SOURCES = """
SELECT s.id, s.name, s.path, s.data, s.ingested_at, s.program_version,
       (SELECT count(*) FROM documents d WHERE d.source_id = s.id AND d.parent_id IS NULL)
FROM sources s ORDER BY s.id
"""
SOURCE_ID = "SELECT id FROM sources WHERE name = ?"
SOURCE_TEXT = "SELECT text FROM sources WHERE name = ?"
NOTES_OF_SOURCE = """
SELECT n.data FROM notes n JOIN sources s ON s.id = n.source_id
WHERE s.name = ? ORDER BY n.seq
"""

# --- corrections ----------------------------------------------------------

INSERT_CORRECTION = """
INSERT INTO corrections (doc_id, field, value, editor, reason, created_at)
VALUES (?, ?, ?, ?, ?, ?)
"""
CORRECTIONS = """
SELECT c.id, c.doc_id, c.field, c.value, c.editor, c.reason, c.created_at,
       d.id IS NULL AS orphaned
FROM corrections c LEFT JOIN documents d ON d.id = c.doc_id
ORDER BY c.id
"""
CORRECTIONS_FOR_DOCS = """
SELECT id, doc_id, field, value, editor, reason, created_at FROM corrections
WHERE doc_id IN (SELECT value FROM json_each(?)) ORDER BY id
"""
ALL_CORRECTIONS_RAW = (
    "SELECT id, doc_id, field, value, editor, reason, created_at FROM corrections ORDER BY id"
)

# --- search ---------------------------------------------------------------

# Rank first (bm25 over every match, no snippets), then snippets for the top rows only.
SEARCH_RANKED = """
SELECT rowid, bm25(documents_fts) AS score FROM documents_fts
WHERE documents_fts MATCH ? ORDER BY score LIMIT ?
"""
SEARCH_COUNT = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?"
SEARCH_SNIPPET = """
SELECT snippet(documents_fts, -1, ?, ?, '…', ?) FROM documents_fts
WHERE documents_fts MATCH ? AND rowid = ?
"""
SEARCH_HIT_ROW = """
SELECT d.id, d.number, s.name, d.date, d.senders, d.recipients
FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.pk = ?
"""

# --- stats and checks -----------------------------------------------------

STATS = """
SELECT (SELECT count(*) FROM sources),
       (SELECT count(*) FROM documents WHERE parent_id IS NULL),
       (SELECT count(*) FROM documents WHERE parent_id IS NOT NULL),
       (SELECT count(*) FROM notes),
       (SELECT count(*) FROM corrections),
       (SELECT count(*) FROM corrections c WHERE NOT EXISTS
            (SELECT 1 FROM documents d WHERE d.id = c.doc_id)),
       (SELECT coalesce(max(version), 0) FROM migrations)
"""
INTEGRITY_CHECK = "PRAGMA integrity_check"
