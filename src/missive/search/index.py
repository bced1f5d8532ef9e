"""The Tantivy index beside the store (``missive.db`` -> ``missive.db.index/``).

The SQLite file is the store of record; the index can always be rebuilt from it.
After each sync the index folder records the store state it reflects (every
source's sha256 and ingest time, and the corrections seen), so an index that
missed a change — a crash between the store's commit and the index's, a
correction, a deleted source — is detected and brought back in step, source by
source, before the next search.  One writer at a time: a lock file in the
folder serialises syncs across processes and threads.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tantivy

from missive.errors import StoreError
from missive.search.fields import INDEX_FORMAT, IndexDocument, schema
from missive.search.rows import index_batches
from missive.search.text import ANALYZER, analyzer
from missive.store import Store, sql

INDEX_SUFFIX = ".index"
STATE_FILE = "missive-index-state.json"
LOCK_FILE = "missive-index.lock"
# One writer, a heap big enough that a million letters make few segments (tantivy
# takes the memory only as it fills), and as many indexing threads as cores.
WRITER_HEAP_BYTES = 1_000_000_000
WRITER_THREADS = max(1, min(4, os.cpu_count() or 1))


def index_dir(db_path: str | Path) -> Path:
    return Path(f"{db_path}{INDEX_SUFFIX}")


@dataclass(slots=True)
class StoreState:
    """What the index must reflect: each source's sha256@ingested_at, and corrections."""

    sources: dict[str, str] = field(default_factory=dict)
    corrections: tuple[int, int] = (0, 0)  # count, highest id

    def to_json(self) -> dict[str, Any]:
        return {
            "format": INDEX_FORMAT,
            "sources": self.sources,
            "corrections": list(self.corrections),
        }


def store_state(store: Store) -> StoreState:
    sources = {
        name: f"{sha}@{ingested_at}"
        for name, sha, ingested_at in store.conn.execute(sql.INDEX_SOURCE_STATES)
    }
    count, highest = store.conn.execute(sql.INDEX_CORRECTION_STATE).fetchone()
    return StoreState(sources, (count, highest))


def read_state(folder: Path) -> StoreState | None:
    """The recorded state; None when missing, unreadable or of another index format."""
    try:
        data = json.loads((folder / STATE_FILE).read_text("utf-8"))
        if data.get("format") != INDEX_FORMAT:
            return None
        count, highest = data["corrections"]
        return StoreState(dict(data["sources"]), (int(count), int(highest)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_state(folder: Path, state: StoreState) -> None:
    tmp = folder / f"{STATE_FILE}.tmp"
    tmp.write_text(json.dumps(state.to_json()), "utf-8")
    os.replace(tmp, folder / STATE_FILE)


@dataclass(slots=True)
class SyncReport:
    action: str  # "fresh" | "updated" | "rebuilt"
    sources: int = 0  # sources (re)indexed
    documents: int = 0  # index documents written


class SearchIndex:
    """The index of one database; use :func:`open_index` to share one per process."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        self.folder = index_dir(db_path)
        self.schema = schema()
        self._index: tantivy.Index | None = None
        self._seen: tuple | None = None
        self._guard = threading.Lock()

    # --- reading ---------------------------------------------------------------

    def searcher(self) -> tantivy.Searcher:
        """A searcher over an index in step with the store (synced first if needed)."""
        signature = self._signature()
        if signature != self._seen or self._index is None:
            with self._guard:
                self.sync()
                # the store as it was before the sync (a change during it syncs again),
                # the state file as the sync left it
                self._seen = (*signature[:2], self._signature()[2])
        assert self._index is not None
        return self._index.searcher()

    def _signature(self) -> tuple:
        """Cheap change detection: the db, its WAL and the recorded state file."""
        out = []
        for path in (
            self.db_path,
            Path(f"{self.db_path}-wal"),
            self.folder / STATE_FILE,
        ):
            try:
                st = path.stat()
                out.append((st.st_mtime_ns, st.st_size, st.st_ino))
            except OSError:
                out.append(None)
        return tuple(out)

    # --- writing ---------------------------------------------------------------

    def sync(self, rebuild: bool = False) -> SyncReport:
        """Bring the index in step with the store; `rebuild` indexes everything anew."""
        if not self.db_path.exists():
            raise StoreError(f"{self.db_path}: no such database (run `missive ingest` first)")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with _locked(self.folder), Store(self.db_path) as store:
                report = self._sync_locked(store, rebuild)
        except OSError as exc:
            raise StoreError(
                f"{self.folder}: cannot update the search index ({exc}); "
                "check the folder can be written, then run `missive reindex`"
            ) from exc
        except ValueError as exc:  # what tantivy raises for its own failures
            raise StoreError(
                f"{self.folder}: search index failed ({exc}); run `missive reindex`"
            ) from exc
        return report

    def _sync_locked(self, store: Store, rebuild: bool) -> SyncReport:
        current = store_state(store)
        recorded = None if rebuild else read_state(self.folder)
        stale = None if recorded is None else _stale_sources(store, recorded, current)
        index = self._open(fresh=stale is None)
        if index is None:  # unreadable: start again
            stale, index = None, self._open(fresh=True)
        assert index is not None
        if stale is None:
            report = self._write(index, store, current, list(current.sources), clear=True)
            report.action = "rebuilt"
            return report
        if not stale:
            if recorded != current:
                _write_state(self.folder, current)
            index.reload()
            return SyncReport("fresh")
        return self._write(index, store, current, stale, clear=False)

    def _open(self, fresh: bool) -> tantivy.Index | None:
        """The tantivy index; `fresh` empties the folder first.  None when unreadable."""
        if fresh:
            _clear(self.folder)
            index = tantivy.Index(self.schema, path=str(self.folder), reuse=False)
        elif self._index is not None:
            return self._index
        else:
            try:
                index = tantivy.Index(self.schema, path=str(self.folder), reuse=True)
            except (OSError, ValueError):
                return None
        index.register_tokenizer(ANALYZER, analyzer())
        self._index = index
        return index

    def _write(
        self,
        index: tantivy.Index,
        store: Store,
        state: StoreState,
        names: list[str],
        clear: bool,
    ) -> SyncReport:
        writer = index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=WRITER_THREADS)
        try:
            written = 0
            if clear:  # everything, streamed in sample-slot order (rows.py)
                written += _add(writer, index_batches(store))
            else:
                for name in names:
                    writer.delete_documents_by_term("source", name)
                    if name in state.sources:
                        written += _add(writer, index_batches(store, name))
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()
        _write_state(self.folder, state)  # only after the index commit: a crash re-syncs
        index.reload()
        return SyncReport("updated", len(names), written)


def _add(writer: tantivy.IndexWriter, batches: Iterator[list[IndexDocument]]) -> int:
    """Each batch composed first, then handed over at once: tantivy's threads get runs of
    documents to index instead of being woken for each one (10-20% less CPU measured)."""
    count = 0
    for batch in batches:
        for document in batch:
            writer.add_json(document)
        count += len(batch)
    return count


def _stale_sources(store: Store, recorded: StoreState, current: StoreState) -> list[str] | None:
    """Sources whose index documents are out of date; None when only a rebuild will do."""
    names = [n for n, s in current.sources.items() if recorded.sources.get(n) != s]
    names += [n for n in recorded.sources if n not in current.sources]
    (old_count, old_max), (count, highest) = recorded.corrections, current.corrections
    if (count, highest) != (old_count, old_max):
        if count - old_count != highest - old_max or highest < old_max:
            return None  # corrections were removed: which documents changed is unknown
        corrected = store.conn.execute(sql.INDEX_SOURCES_CORRECTED_AFTER, (old_max,))
        names += [n for (n,) in corrected if n not in names]
    return names


def _clear(folder: Path) -> None:
    for child in folder.iterdir():
        if child.name == LOCK_FILE:
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    with open(folder / LOCK_FILE, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_OPEN: dict[str, SearchIndex] = {}
_OPEN_GUARD = threading.Lock()


def open_index(db_path: str | Path) -> SearchIndex:
    """The process-wide :class:`SearchIndex` of the database at `db_path`."""
    key = os.path.abspath(db_path)
    with _OPEN_GUARD:
        if key not in _OPEN:
            _OPEN[key] = SearchIndex(db_path)
        return _OPEN[key]


def sync_index(db_path: str | Path) -> SyncReport:
    """Bring the index of `db_path` in step with the store (what ingest calls)."""
    return open_index(db_path).sync()


def reindex(db_path: str | Path) -> SyncReport:
    """Rebuild the index of `db_path` from the store."""
    return open_index(db_path).sync(rebuild=True)
