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

V_LINKS = """
-- Links between documents (replies_to, cites, quotes, same_as); target NULL for a
-- message the source refers to but does not hold (a missing message).
CREATE TABLE links (
    pk INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    type TEXT NOT NULL,
    target TEXT,
    data TEXT NOT NULL                   -- JSON: serialize._link
);
CREATE INDEX links_by_doc ON links(doc_id);
CREATE INDEX links_by_target ON links(target);
CREATE INDEX links_by_source ON links(source_id);
"""

V_MENTIONS = """
-- Names found in documents (pipeline/entities.py): key NULL when unresolved.
-- start/end are offsets into sources.text.
CREATE TABLE mentions (
    pk INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    key TEXT,
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    resolved INTEGER NOT NULL,
    rule TEXT NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX mentions_by_key ON mentions(key, doc_id);
CREATE INDEX mentions_by_doc ON mentions(doc_id);
CREATE INDEX mentions_by_source ON mentions(source_id);
"""

V_READER_LISTING = """
-- The reader's documents list (web/): counted, filtered and ordered from these
-- covering indexes alone, without reading the documents' JSON.
CREATE INDEX documents_listing ON documents(
    parent_id, source_id, seq, date, number, kind, id, senders, recipients);
CREATE INDEX documents_listing_by_date ON documents(
    parent_id, date, source_id, seq, number, kind, id, senders, recipients);
"""

MIGRATIONS: list[tuple[str, str]] = [
    ("initial", V1_INITIAL),
    ("links", V_LINKS),
    ("mentions", V_MENTIONS),
    ("reader_listing", V_READER_LISTING),
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
COMPLETE_SOURCE = "UPDATE sources SET text = ?, data = ? WHERE id = ?"
DELETE_SOURCE_FTS = (
    "DELETE FROM documents_fts WHERE rowid IN (SELECT pk FROM documents WHERE source_id = ?)"
)
DELETE_SOURCE_DOCUMENTS = "DELETE FROM documents WHERE source_id = ?"
DELETE_SOURCE_NOTES = "DELETE FROM notes WHERE source_id = ?"
DELETE_SOURCE = "DELETE FROM sources WHERE id = ?"
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
DELETE_SOURCE_LINKS = "DELETE FROM links WHERE source_id = ?"
INSERT_LINK = "INSERT INTO links (source_id, doc_id, type, target, data) VALUES (?, ?, ?, ?, ?)"
# Indexes built after a bulk write (store/bulk.py); table and index names are the
# schema's own, never user input.
ANY_ROW = "SELECT 1 FROM {table} LIMIT 1"
TABLE_INDEXES = """
SELECT name, sql FROM sqlite_master
WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name
"""
DROP_INDEX = 'DROP INDEX "{name}"'
LINKS_FROM = "SELECT doc_id, data FROM links WHERE doc_id = ? ORDER BY pk"
LINKS_TO = "SELECT doc_id, data FROM links WHERE target = ? ORDER BY pk"
MISSING_LINKS = """
SELECT l.doc_id, l.data FROM links l JOIN sources s ON s.id = l.source_id
WHERE l.target IS NULL ORDER BY s.id, l.pk
"""
ALL_LINKS = "SELECT doc_id, data FROM links ORDER BY source_id, pk"
OTHER_SOURCE_EXISTS = "SELECT 1 FROM sources WHERE id != ? LIMIT 1"
SAME_DATE_ELSEWHERE = """
SELECT id, data FROM documents WHERE date = ? AND source_id != ? AND parent_id IS NULL LIMIT ?
"""

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

# --- the search index beside the store (missive.search) -------------------

INDEX_SOURCE_STATES = "SELECT name, sha256, ingested_at FROM sources ORDER BY id"
INDEX_CORRECTION_STATE = "SELECT count(*), coalesce(max(id), 0) FROM corrections"
INDEX_SOURCES_CORRECTED_AFTER = """
SELECT DISTINCT s.name FROM corrections c
JOIN documents d ON d.id = c.doc_id JOIN sources s ON s.id = d.source_id
WHERE c.id > ?
"""
# (the documents themselves are read by missive/search/rows.py)

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

# --- reader (web/) ----------------------------------------------------------

# Top-level documents matching the reader's filters (each one NULL = no filter).
# (Reads only the columns of the documents_listing indexes.)
READER_FILTER = """
FROM documents d
WHERE d.parent_id IS NULL
  AND (:sender IS NULL OR EXISTS (SELECT 1 FROM json_each(d.senders) WHERE value = :sender))
  AND (:recipient IS NULL
       OR EXISTS (SELECT 1 FROM json_each(d.recipients) WHERE value = :recipient))
  AND (:date_from IS NULL OR d.date >= :date_from)
  AND (:date_to IS NULL OR d.date <= :date_to)
  AND (:kind IS NULL OR d.kind = :kind)
  AND (:source IS NULL OR d.source_id = (SELECT id FROM sources WHERE name = :source))
"""
READER_ORDERS = {
    "edition": "d.source_id, d.seq",
    "date": "d.date IS NULL, d.date, d.source_id, d.seq",
    "-date": "d.date DESC, d.source_id DESC, d.seq DESC",  # undated last: NULL sorts lowest
    "number": "d.number IS NULL, d.number, d.source_id, d.seq",
}
READER_PAGE = (
    "SELECT d.id, d.number, d.date, d.kind, d.senders, d.recipients, d.source_id "
    + READER_FILTER
    + " ORDER BY {order} LIMIT :limit OFFSET :offset"
)
READER_SOURCE_NAMES = "SELECT id, name FROM sources"
READER_COUNT = "SELECT count(*) " + READER_FILTER
READER_INCIPITS = """
SELECT id, json_extract(data, '$.incipit') FROM documents
WHERE id IN (SELECT value FROM json_each(?))
"""
READER_DATE_SPAN = """
SELECT min(date), max(date) FROM documents WHERE parent_id IS NULL AND date IS NOT NULL
"""
READER_MONTHS = """
SELECT substr(date, 1, 7), senders, recipients, count(*) FROM documents
WHERE parent_id IS NULL AND date IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1
"""
READER_CORRESPONDENTS = """
SELECT p.value, sum(p.role = 's'), sum(p.role = 'r') FROM (
    SELECT j.value, 's' AS role FROM documents d, json_each(d.senders) j
    WHERE d.parent_id IS NULL
    UNION ALL
    SELECT j.value, 'r' FROM documents d, json_each(d.recipients) j WHERE d.parent_id IS NULL
) p GROUP BY p.value ORDER BY count(*) DESC, p.value LIMIT ?
"""
READER_KINDS = """
SELECT kind, count(*) FROM documents WHERE parent_id IS NULL AND kind IS NOT NULL
GROUP BY kind ORDER BY count(*) DESC
"""
READER_POSITION = "SELECT source_id, seq, parent_id FROM documents WHERE id = ?"
READER_PREVIOUS = """
SELECT id FROM documents WHERE source_id = ? AND parent_id IS NULL AND seq < ?
ORDER BY seq DESC LIMIT 1
"""
READER_NEXT = """
SELECT id FROM documents WHERE source_id = ? AND parent_id IS NULL AND seq > ?
ORDER BY seq LIMIT 1
"""
READER_SUMMARIES = """
SELECT d.id, d.number, d.date, d.kind, d.senders, d.recipients, s.name
FROM documents d JOIN sources s ON s.id = d.source_id
WHERE d.id IN (SELECT value FROM json_each(?))
"""
# Changes whenever a source is added or replaced (new document rows) or a correction made;
# cheap: no column stored after a source's text is read.
READER_FINGERPRINT = """
SELECT (SELECT count(*) FROM documents), (SELECT max(pk) FROM documents),
       (SELECT count(*) FROM sources), (SELECT max(id) FROM corrections)
"""
READER_CORRECTED_IDS = "SELECT DISTINCT doc_id FROM corrections"
# Ranked full-text hits restricted by the reader's facet filters (FTS5 fallback).
READER_FTS_FILTER = """
FROM documents_fts f JOIN documents d ON d.pk = f.rowid JOIN sources s ON s.id = d.source_id
WHERE documents_fts MATCH :query
  AND (:sender IS NULL OR EXISTS (SELECT 1 FROM json_each(d.senders) WHERE value = :sender))
  AND (:recipient IS NULL
       OR EXISTS (SELECT 1 FROM json_each(d.recipients) WHERE value = :recipient))
  AND (:kind IS NULL OR coalesce(d.kind, 'unknown') = :kind)
  AND (:year IS NULL OR coalesce(substr(d.date, 1, 4), 'undated') = :year)
  AND (:source IS NULL OR s.name = :source)
"""
READER_FTS_RANKED = (
    "SELECT f.rowid, bm25(documents_fts) AS score "
    + READER_FTS_FILTER
    + " ORDER BY score LIMIT :limit OFFSET :offset"
)
READER_FTS_COUNT = "SELECT count(*) " + READER_FTS_FILTER
READER_FTS_FACETS = (
    "SELECT d.senders, d.recipients, d.kind, substr(d.date, 1, 4), s.name " + READER_FTS_FILTER
)
READER_DIRECTIONS = """
SELECT senders, recipients, count(*) FROM documents WHERE parent_id IS NULL GROUP BY 1, 2
"""

# --- entities and mentions (pipeline/entities.py) ---------------------------

DELETE_SOURCE_MENTIONS = "DELETE FROM mentions WHERE source_id = ?"
INSERT_MENTION = """
INSERT INTO mentions (source_id, doc_id, key, type, text, start, end, resolved, rule, confidence)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
ENTITY_INDEX = """
SELECT key, type, count(*), count(DISTINCT doc_id) FROM mentions
WHERE key IS NOT NULL AND (:type IS NULL OR type = :type)
GROUP BY key, type ORDER BY count(*) DESC, key
"""
# Each mention with up to :width characters of the source text either side.
ENTITY_MENTIONS = """
SELECT m.doc_id, m.text, m.start, m.end, m.rule, m.confidence,
       substr(s.text, max(m.start - :width, 0) + 1, min(m.start, :width)),
       substr(s.text, m.end + 1, :width)
FROM mentions m JOIN sources s ON s.id = m.source_id
WHERE m.key = :key ORDER BY m.source_id, m.start
"""
ENTITY_DOCUMENTS = """
SELECT m.doc_id, d.date, count(*) FROM mentions m JOIN documents d ON d.id = m.doc_id
WHERE m.key = ? GROUP BY m.doc_id ORDER BY d.source_id, d.seq
"""
DOCUMENT_MENTIONS = """
SELECT key, type, text, start, end, rule, confidence FROM mentions
WHERE doc_id = ? ORDER BY start
"""
# Pairs of entities named in the same document, counted by documents.
COOCCURRENCE = """
WITH named AS (SELECT DISTINCT doc_id, key, type FROM mentions
               WHERE key IS NOT NULL AND (:type IS NULL OR type = :type))
SELECT a.key, b.key, count(*) FROM named a JOIN named b
  ON a.doc_id = b.doc_id AND a.key < b.key
WHERE :key IS NULL OR a.key = :key OR b.key = :key
GROUP BY a.key, b.key ORDER BY count(*) DESC, a.key, b.key LIMIT :limit
"""
UNRESOLVED_MENTIONS = """
SELECT m.text, m.type, count(*), count(DISTINCT m.doc_id), min(m.pk) FROM mentions m
WHERE m.key IS NULL GROUP BY m.text, m.type ORDER BY count(*) DESC, m.text LIMIT :limit
"""
MENTION_CONTEXT = """
SELECT m.doc_id, substr(s.text, max(m.start - :width, 0) + 1, m.end - max(m.start - :width, 0) + :width)
FROM mentions m JOIN sources s ON s.id = m.source_id WHERE m.pk = :pk
"""
