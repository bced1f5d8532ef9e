"""Ingest orchestration: files -> readers -> pipeline -> store, one source at a time.

One bad file is reported with its name and reason and does not stop the others.
Only one source is held in memory at a time, so memory does not grow with the
number of files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from missive import pipeline
from missive.errors import InputError, MissiveError
from missive.search import sync_index
from missive.sources import iter_input_files, read_source
from missive.store import Store


@dataclass(slots=True)
class Row:
    name: str
    status: str
    documents: int = 0
    notes: int = 0
    warnings: int = 0


@dataclass(slots=True)
class Report:
    rows: list[Row] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # "path: reason"


def ingest_paths(paths: list[Path], db: str | Path, progress: Callable | None = None) -> Report:
    """Ingest every file under `paths` into the database at `db`."""
    report = Report()
    entries = list(iter_input_files(paths))
    with Store(db) as store:
        known = {s["name"]: s["sha256"] for s in store.sources()}
        bar = progress(len(entries)) if progress else None
        task = bar.add_task("", total=len(entries)) if bar else None
        if bar:
            bar.start()
        try:
            for entry in entries:
                if bar:
                    bar.update(task, description=str(getattr(entry, "name", entry)))
                _ingest_one(entry, store, known, report)
                if bar:
                    bar.advance(task)
        finally:
            if bar:
                bar.stop()
        if any(row.status != "unchanged" for row in report.rows):
            store.optimize()
    sync_index(db)  # after the store's commits: the search index follows the store
    return report


def _ingest_one(
    entry: Path | InputError, store: Store, known: dict[str, str], report: Report
) -> None:
    if isinstance(entry, InputError):
        report.failures.append(str(entry))
        return
    try:
        source = read_source(entry)
        if known.get(source.name) == source.sha256:
            report.rows.append(Row(source.name, "unchanged", *_stored_counts(store, source.name)))
            return
        pipeline.run(source)
        result = store.ingest(source)
    except MissiveError as exc:
        report.failures.append(str(exc) if str(exc).startswith(str(entry)) else f"{entry}: {exc}")
        return
    except (RecursionError, MemoryError, ValueError, UnicodeError) as exc:
        report.failures.append(f"{entry}: could not be parsed ({type(exc).__name__}: {exc})")
        return
    known[source.name] = source.sha256
    report.rows.append(
        Row(source.name, result.status, result.documents, len(source.notes), len(result.warnings))
    )


def _stored_counts(store: Store, name: str) -> tuple[int, int, int]:
    for s in store.sources():
        if s["name"] == name:
            return s.get("documents", 0), s.get("notes", 0), len(s.get("warnings", []) or [])
    return 0, 0, 0
