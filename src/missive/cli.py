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

    report = ingest_paths(
        list(paths), db, progress=None if quiet else _progress_factory(), debug=obj.debug
    )
    # soft_wrap: one line per file however long its path, for people and for grep.
    for notice in report.notices:
        err.print(f"[yellow]warning[/yellow] {_escape(notice)}", highlight=False, soft_wrap=True)
    for failure in report.failures:
        err.print(f"[red]error[/red] {_escape(failure)}", highlight=False, soft_wrap=True)
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
@click.option("--from", "date_from", default=None, help="Only documents dated on or after (ISO).")
@click.option("--to", "date_to", default=None, help="Only documents dated on or before (ISO).")
@click.option("--sender", default=None, help="Only documents sent by this person key.")
def export(
    db: str, fmt: str, out_path: str, source: str | None,
    date_from: str | None, date_to: str | None, sender: str | None,
) -> None:  # fmt: skip
    """Export the edition: jsonl, csv, cmif, gexf, graphml (a file), tei or site (a folder)."""
    from missive.export import Selection, get_exporter

    exporter = get_exporter(fmt)
    selection = Selection(source, date_from, date_to, sender)
    with _open_store(db) as store:
        target = sys.stdout if out_path == "-" else out_path
        exporter(store, target, selection=selection)


@main.command()
@click.argument("doc_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the document as JSON.")
def show(doc_id: str, db: str, as_json: bool) -> None:
    """Show one document with its fields and their evidence."""
    from missive.entity_report import render_document_entities
    from missive.show import render_document

    with _open_store(db) as store:
        doc = store.document(doc_id)
        if doc is None:
            raise UsageError(
                f"no document {doc_id!r} in {db} (see `missive export --format jsonl`)"
            )
        links = store.links(doc_id)
        if as_json:
            click.echo(json.dumps({**doc, "linked_from": links["incoming"]}, ensure_ascii=False,
                                  indent=2))  # fmt: skip
        else:
            render_document(doc, out, links["incoming"])
            render_document_entities(store.document_mentions(doc_id), out)


@main.command()
@db_option
@click.option(
    "--threshold", default=0.7, show_default=True, help="List fields below this confidence."
)
def check(db: str, threshold: float) -> None:
    """List every uncertain field and everything unresolved, with its evidence."""
    from missive.check import find_uncertain, format_findings, unreferenced_notes
    from missive.entity_report import format_unresolved

    with _open_store(db) as store:
        findings = find_uncertain(store.documents(), threshold)
        findings += unreferenced_notes(n for s in store.sources() for n in store.notes(s["name"]))
        orphans = store.orphaned_corrections()
        unresolved = store.unresolved_mentions()
    click.echo(format_findings(findings))
    if unresolved:
        click.echo(format_unresolved(unresolved))
    for orphan in orphans:
        click.echo(
            f"orphaned correction: {orphan['doc_id']} {orphan['field']} (document no longer exists)"
        )


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print conversations and figures as JSON.")
def threads(db: str, as_json: bool) -> None:
    """Reply threads as conversations, with transit and response times per direction."""
    from dataclasses import asdict

    from missive.conversations import conversations, format_conversations, format_timing, timing

    with _open_store(db) as store:
        docs = list(store.documents())
    trees, figures = conversations(docs), timing(docs)
    if as_json:
        payload = {"conversations": [asdict(t) for t in trees], "timing": figures}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(format_conversations(trees))
        click.echo(format_timing(figures))


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def missing(db: str, as_json: bool) -> None:
    """List the messages the documents refer to that are not in the database."""
    from missive.show import format_missing

    with _open_store(db) as store:
        entries = store.missing_messages()
    if as_json:
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        click.echo(format_missing(entries))


@main.command()
@click.argument("query")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print hits and facets as JSON.")
@click.option("--limit", default=10, show_default=True)
@click.option("--exact-facets", is_flag=True, help="Count facets over every match, however many.")
def search(query: str, db: str, as_json: bool, limit: int, exact_facets: bool) -> None:
    """Search the edition; QUERY uses the language in README ("Searching")."""
    from missive.search import search as run_search
    from missive.search.render import print_result

    result = run_search(db, query, limit=limit, exact=exact_facets)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_result(result, out)


@main.command()
@db_option
def reindex(db: str) -> None:
    """Rebuild the search index beside the database from the store."""
    from missive.search import reindex as rebuild

    report = rebuild(db)
    err.print(f"indexed {report.documents} documents of {report.sources} sources", highlight=False)


@main.command()
@click.argument("doc_id")
@click.argument("field")
@click.argument("value")
@click.option("--reason", required=True, help="Why (kept with the correction).")
@click.option(
    "--editor", envvar="MISSIVE_EDITOR", required=True, show_envvar=True,
    help="Who corrects (kept with the correction).",
)  # fmt: skip
@db_option
def correct(doc_id: str, field: str, value: str, reason: str, editor: str, db: str) -> None:
    """Correct FIELD of document DOC_ID to VALUE (kept across every re-ingest).

    VALUE as text: digits for number, yes/no for number_printed, comma-separated person
    keys for senders/recipients, YYYY-MM-DD for dates.dated/sent/received, "" for none.
    """
    from missive.search import sync_index
    from missive.store.corrections import valid_editor_name, value_from_text

    if not valid_editor_name(editor):
        raise UsageError("give the editor as a plain name of up to 60 characters")
    if not reason.strip():
        raise UsageError("say why (--reason may not be empty)")
    with _open_store(db) as store:
        record = store.add_correction(doc_id, field, value_from_text(field, value), editor, reason)
    sync_index(db)
    err.print(f"correction {record['id']}: {field} of {doc_id} set by {editor}", highlight=False)


@main.command()
@click.argument("names", nargs=-1, required=True)
@db_option
def remove(names: tuple[str, ...], db: str) -> None:
    """Remove sources (by file name as ingested) and their documents.

    Editors' corrections are kept: `missive check` lists them as orphaned, and they
    re-attach if the source is ingested again.
    """
    from missive.search import sync_index

    try:
        with _open_store(db) as store:
            for name in names:
                result = store.remove_source(name)
                for warning in result.warnings:
                    err.print(f"[yellow]warning[/yellow] {_escape(warning)}", highlight=False)
                err.print(f"removed {_escape(name)}: {result.documents} documents", highlight=False)
    finally:
        sync_index(db)  # the index follows the store even when a later name was unknown


host_option = click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
)
port_option = click.option("--port", default=8000, show_default=True, type=int)


@main.command()
@db_option
@host_option
@port_option
@click.option(
    "--editor-token", envvar="MISSIVE_EDITOR_TOKEN", default=None, show_envvar=True,
    help="Token editors sign in with to correct documents (better given in the environment).",
)  # fmt: skip
def serve(db: str, host: str, port: int, editor_token: str | None) -> None:
    """Serve the reader: browse, read, search and correct in a web browser."""
    from missive.web.serve import serve as run_server

    if not Path(db).is_file():
        raise UsageError(f"no database {db}: ingest first (`missive ingest FILES --db {db}`)")
    run_server(db, host=host, port=port, editor_token=editor_token, announce=err.print)


@main.command()
@db_option
@host_option
@port_option
@click.option("--no-serve", is_flag=True, help="Only ingest and summarise; do not serve.")
def demo(db: str, host: str, port: int, no_serve: bool) -> None:
    """Ingest the bundled sample corpus, print the summary, then serve the reader."""
    from missive.ingest import ingest_paths

    samples = bundled_samples()
    err.print(f"ingesting the bundled samples from {samples} into {db}")
    # The folder walk leaves out the folder's own SOURCES.md and README.md.
    report = ingest_paths([samples], db, progress=_progress_factory())
    _print_summary(report)
    for failure in report.failures:
        err.print(f"[red]error[/red] {_escape(failure)}")
    err.print(
        f"next: `missive export --db {db} --format jsonl --out -` or `missive check --db {db}`"
    )
    if no_serve:
        sys.exit(1 if report.failures else 0)
    from missive.web.serve import serve as run_server

    run_server(db, host=host, port=port, editor_token=None, announce=err.print)


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
        err.print(f"missive: {_escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except (InputError, MissiveError) as exc:
        if debug:
            raise
        err.print(f"missive: {_escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except Exception as exc:  # a bug: one line for the user, the traceback with --debug
        if debug:
            raise
        message = (
            f"internal error ({type(exc).__name__}: {exc}); run with --debug for the traceback"
        )
        err.print(f"missive: {_escape(message)}", highlight=False, soft_wrap=True)
        sys.exit(1)
