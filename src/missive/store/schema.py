"""Opening the store's SQLite file and bringing its schema up to date."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from missive.errors import StoreError
from missive.store import sql

BUSY_TIMEOUT_MS = 10_000


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) the store at `path` with its schema migrated.

    The connection is in autocommit mode: writers open their own transactions.
    """
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the database ({exc})") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        for pragma in sql.PRAGMAS:
            conn.execute(pragma)
        migrate(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"{path}: not a usable missive database ({exc})") from exc
    except StoreError:
        conn.close()
        raise
    return conn


def schema_version() -> int:
    """The schema version this program writes."""
    return len(sql.MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply the migrations not yet recorded, each in its own transaction; return them."""
    conn.execute(sql.CREATE_MIGRATIONS)
    applied = {row[0] for row in conn.execute(sql.APPLIED_VERSIONS)}
    newest = max(applied, default=0)
    if newest > schema_version():
        raise StoreError(
            f"database schema version {newest} is newer than this program's "
            f"({schema_version()}): upgrade missive"
        )
    done = []
    for version, (name, script) in enumerate(sql.MIGRATIONS, start=1):
        if version in applied:
            continue
        _apply(conn, version, name, script)
        done.append(version)
    return done


def _apply(conn: sqlite3.Connection, version: int, name: str, script: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-check under the write lock: another process may have migrated meanwhile.
        if conn.execute(sql.MIGRATION_APPLIED, (version,)).fetchone():
            conn.execute("COMMIT")
            return
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute(sql.RECORD_MIGRATION, (version, name, now()))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit on its own)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
