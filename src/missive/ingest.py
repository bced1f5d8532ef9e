"""Ingest orchestration: files -> readers -> pipeline -> store, one source at a time.

One bad file is reported with its name and reason and does not stop the others.
Only one source is held in memory at a time, so memory does not grow with the
number of files; a large one is parsed and written in windows (pipeline/windows.py),
so memory does not grow with the size of a file either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from missive import pipeline
from missive.errors import InputError, MissiveError
from missive.search import sync_index
from missive.sources import iter_input_files, read_source
from missive.sources.files import printable
from missive.store import IngestResult, Store

MAX_NOTICES = 5  # warnings printed per file; the rest are counted


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
    notices: list[str] = field(default_factory=list)  # "path: warning" (encoding guessed, ...)
    paths: dict[str, str] = field(default_factory=dict)  # source name -> path read this run


def ingest_paths(
    paths: list[Path], db: str | Path, progress: Callable | None = None, debug: bool = False
) -> Report:
    """Ingest every file under `paths` into the database at `db`.

    An unexpected error in one file is reported like a bad file; `debug` re-raises it."""
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
                _ingest_one(entry, store, known, report, debug)
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
    entry: Path | InputError, store: Store, known: dict[str, str], report: Report, debug: bool
) -> None:
    if isinstance(entry, InputError):
        report.failures.append(str(entry))
        return
    try:
        source = read_source(entry)
        earlier = report.paths.setdefault(source.name, source.path)
        if earlier != source.path:  # sources are keyed by file name: one would replace the other
            raise InputError(
                source.path, f"same file name as {earlier}, read earlier in this run; rename one"
            )
        if known.get(source.name) == source.sha256:
            report.rows.append(Row(source.name, "unchanged", *_stored_counts(store, source.name)))
            return
        # A large source is parsed a window at a time, each written as it comes.
        result = store.ingest(source, pipeline.parse(source))
    except MissiveError as exc:
        named = printable(entry)
        report.failures.append(str(exc) if str(exc).startswith(named) else f"{named}: {exc}")
        return
    except (RecursionError, MemoryError, ValueError, UnicodeError) as exc:
        report.failures.append(
            f"{printable(entry)}: could not be parsed ({type(exc).__name__}: {exc})"
        )
        return
    except Exception as exc:
        if debug:
            raise
        report.failures.append(
            f"{printable(entry)}: internal error ({type(exc).__name__}: {exc}); "
            "run with --debug for the traceback"
        )
        return
    known[source.name] = source.sha256
    report.notices.extend(_notices(printable(entry), result))
    report.rows.append(
        Row(source.name, result.status, result.documents, len(source.notes), len(result.warnings))
    )


def _notices(named: str, result: IngestResult) -> list[str]:
    """The source's warnings, orphaned corrections first, at most MAX_NOTICES of them."""
    orphans = result.warnings[len(result.warnings) - result.orphaned_corrections :]
    others = result.warnings[: len(result.warnings) - result.orphaned_corrections]
    shown = [*orphans, *others]
    lines = [f"{named}: {warning}" for warning in shown[:MAX_NOTICES]]
    if len(shown) > MAX_NOTICES:
        lines.append(f"{named}: {len(shown) - MAX_NOTICES} more warnings")
    return lines


def _stored_counts(store: Store, name: str) -> tuple[int, int, int]:
    for s in store.sources():
        if s["name"] == name:
            return s.get("documents", 0), s.get("notes", 0), len(s.get("warnings", []) or [])
    return 0, 0, 0
