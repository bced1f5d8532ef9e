"""A search result on the terminal: a table of hits with the hit terms highlighted."""

from __future__ import annotations

import html
import re

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from missive.search.engine import SearchResult

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def snippet_markup(snippet: str) -> str:
    """An HTML snippet as rich markup: marked terms bold, everything else literal."""
    out, at = [], 0
    for m in _MARK.finditer(snippet):
        out.append(escape(html.unescape(snippet[at : m.start()])))
        out.append(f"[bold yellow]{escape(html.unescape(m.group(1)))}[/bold yellow]")
        at = m.end()
    out.append(escape(html.unescape(snippet[at:])))
    return "".join(out)


def print_result(result: SearchResult, console: Console) -> None:
    table = Table(show_edge=False)
    for column in ("id", "date", "from", "to", "snippet"):
        table.add_column(column)
    for hit in result.hits:
        table.add_row(
            escape(hit.id),
            hit.date or "",
            escape(", ".join(hit.senders)),
            escape(", ".join(hit.recipients)),
            snippet_markup(hit.snippet),
        )
    console.print(table)
    console.print(f"{result.total} documents match", highlight=False)
