"""The `missive` command: a thin layer over the library.

Exit codes: 0 when everything asked for was done, 1 when some input failed,
2 on a usage error (a bad option, a malformed query).
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from missive import __version__
from missive.errors import InputError, MissiveError, QueryError, UsageError

DEFAULT_DB = "missive.db"
err = Console(stderr=True)
out = Console()


class Context:
    def __init__(self, debug: bool) -> None:
        self.debug = debug


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="missive")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """missive: diplomatic correspondence into a structured, searchable edition."""
    ctx.obj = Context(debug)


db_option = click.option(
    "--db", "db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
    help="The SQLite database file.",
)  # fmt: skip


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary table.")
@click.pass_obj
def ingest(obj: Context, paths: tuple[Path, ...], db: str, quiet: bool) -> None:
    """Ingest files (or folders, recursively) into the database."""
    from missive.ingest import ingest_paths

    report = ingest_paths(list(paths), db, progress=None if quiet else _progress_factory())
    for failure in report.failures:
        err.print(f"[red]error[/red] {_escape(failure)}", highlight=False)
    if not quiet:
        _print_summary(report)
    sys.exit(1 if report.failures else 0)


def _progress_factory():
    def make(total: int) -> Progress:
        return Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.description}"), console=err, transient=True,
        )  # fmt: skip

    return make


def _print_summary(report) -> None:
    table = Table(title="missive ingest", show_edge=False)
    for column in ("file", "status", "documents", "notes", "warnings"):
        table.add_column(
            column, justify="right" if column in {"documents", "notes", "warnings"} else "left"
        )
    for row in report.rows:
        table.add_row(row.name, row.status, str(row.documents), str(row.notes), str(row.warnings))
    table.add_section()
    table.add_row(
        f"{len(report.rows)} files", f"{len(report.failures)} failed",
        str(sum(r.documents for r in report.rows)), str(sum(r.notes for r in report.rows)),
        str(sum(r.warnings for r in report.rows)),
    )  # fmt: skip
    err.print(table)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@main.command()
@db_option
@click.option("--format", "fmt", default="jsonl", show_default=True, help="Export format.")
@click.option("--out", "out_path", required=True, help="Output file or folder ('-' for stdout).")
@click.option("--source", default=None, help="Only this source (file name).")
def export(db: str, fmt: str, out_path: str, source: str | None) -> None:
    """Export the edition (jsonl)."""
    from missive.export import get_exporter

    exporter = get_exporter(fmt)
    with _open_store(db) as store:
        target = sys.stdout if out_path == "-" else out_path
        exporter(store, target, source=source)


@main.command()
@click.argument("doc_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the document as JSON.")
def show(doc_id: str, db: str, as_json: bool) -> None:
    """Show one document with its fields and their evidence."""
    from missive.show import render_document

    with _open_store(db) as store:
        doc = store.document(doc_id)
        if doc is None:
            raise UsageError(
                f"no document {doc_id!r} in {db} (see `missive export --format jsonl`)"
            )
        if as_json:
            click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        else:
            render_document(doc, out)


@main.command()
@db_option
@click.option(
    "--threshold", default=0.7, show_default=True, help="List fields below this confidence."
)
def check(db: str, threshold: float) -> None:
    """List every uncertain field and everything unresolved, with its evidence."""
    from missive.check import find_uncertain, format_findings

    with _open_store(db) as store:
        findings = find_uncertain(store.documents(), threshold)
        orphans = store.orphaned_corrections()
    click.echo(format_findings(findings))
    for orphan in orphans:
        click.echo(
            f"orphaned correction: {orphan['doc_id']} {orphan['field']} (document no longer exists)"
        )


@main.command()
@click.argument("query")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print hits as JSON.")
@click.option("--limit", default=10, show_default=True)
def search(query: str, db: str, as_json: bool, limit: int) -> None:
    """Full-text search over the bodies and notes."""
    with _open_store(db) as store:
        hits = store.search_text(query, limit=limit)
        total = store.count_text(query)
    if as_json:
        payload = {"total": total, "hits": [_hit(h) for h in hits], "facets": {}}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table(show_edge=False)
    for column in ("id", "date", "from", "to", "snippet"):
        table.add_column(column)
    for hit in hits:
        h = _hit(hit)
        table.add_row(
            h["id"],
            h["date"] or "",
            ", ".join(h["senders"]),
            ", ".join(h["recipients"]),
            h["snippet"],
        )
    out.print(table)
    out.print(f"{total} documents match")


def _hit(hit: dict) -> dict:
    return {
        "id": hit.get("id"), "number": hit.get("number"), "source": hit.get("source"),
        "date": hit.get("date"), "senders": hit.get("senders") or [],
        "recipients": hit.get("recipients") or [], "score": hit.get("score"),
        "snippet": hit.get("snippet", ""),
    }  # fmt: skip


@main.command()
@db_option
def demo(db: str) -> None:
    """Ingest the bundled sample corpus and print the summary."""
    from missive.ingest import ingest_paths

    samples = bundled_samples()
    err.print(f"ingesting the bundled samples from {samples} into {db}")
    files = [p for p in sorted(samples.iterdir()) if p.name not in {"SOURCES.md", "README.md"}]
    report = ingest_paths(files, db, progress=_progress_factory())
    _print_summary(report)
    for failure in report.failures:
        err.print(f"[red]error[/red] {_escape(failure)}")
    err.print(
        f"next: `missive export --db {db} --format jsonl --out -` or `missive check --db {db}`"
    )
    sys.exit(1 if report.failures else 0)


def bundled_samples() -> Path:
    """The samples folder: shipped in the package, or the repository's own."""
    packaged = Path(str(resources.files("missive") / "samples"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "samples"


def _open_store(db: str):
    from missive.store import Store

    return Store(db)


def run() -> None:
    """Entry point that turns missive's errors into one line and an exit code."""
    debug = "--debug" in sys.argv
    try:
        main(standalone_mode=False)
    except click.exceptions.Abort:
        err.print("aborted")
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except (UsageError, QueryError) as exc:
        if debug:
            raise
        err.print(f"missive: {_escape(str(exc))}", highlight=False)
        sys.exit(2)
    except (InputError, MissiveError) as exc:
        if debug:
            raise
        err.print(f"missive: {_escape(str(exc))}", highlight=False)
        sys.exit(1)
