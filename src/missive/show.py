"""`missive show`: one document as a reader would want it on a terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def render_document(doc: dict[str, Any], console: Console) -> None:
    console.print(f"[bold]{escape(doc['id'])}[/bold]  {escape(doc.get('source', ''))} "
                  f"lines {doc['span']['start_line']}-{doc['span']['end_line']}")  # fmt: skip
    table = Table(show_header=True, show_edge=False)
    for column in ("field", "value", "confidence", "evidence"):
        table.add_column(column)
    for row in _field_rows(doc):
        table.add_row(*(escape(str(cell)) for cell in row))
    console.print(table)
    console.print()
    console.print(escape(doc.get("text", "")))
    for note in doc.get("notes", []):
        console.print(f"\n[dim]note {note['number']}:[/dim] {escape(note['text'])}")
    for enclosure in doc.get("enclosures", []):
        console.print(f"\n[bold]enclosure {escape(enclosure['id'])}[/bold]")
        console.print(escape(enclosure.get("text", "")))


def _field_rows(doc: dict[str, Any]):
    evidence = doc.get("evidence", {})
    number = doc.get("number")
    printed = "printed" if doc.get("number_printed") else "inferred"
    yield ("number", f"{number} ({printed})" if number else "-", *_ev(evidence.get("number")))
    for role in ("senders", "recipients"):
        for party in doc.get(role, []):
            ev = party.get("evidence") or {}
            yield (role, party["key"], party.get("confidence"), _ev_text(ev))
    for role, value in (doc.get("dates") or {}).items():
        if value:
            ev = value.get("evidence") or {}
            yield (f"date {role}", value["value"], value.get("confidence"), _ev_text(ev))
    for name in ("kind", "place", "channel", "classification", "salutation", "closing"):
        if doc.get(name):
            yield (name, doc[name], *_ev(evidence.get(name)))


def _ev(ev: dict | None) -> tuple[Any, str]:
    if not ev:
        return "", ""
    return ev.get("confidence", ""), _ev_text(ev)


def _ev_text(ev: dict) -> str:
    text = (ev.get("text") or "").replace("\n", " ")
    where = f" (line {ev['start_line']})" if ev.get("start_line") else ""
    return f"{ev.get('rule', '')}: {text[:70]}{where}"
