"""`missive show`: one document as a reader would want it on a terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def render_document(
    doc: dict[str, Any], console: Console, incoming: list[dict[str, Any]] | None = None
) -> None:
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
    render_links(doc, console, incoming or [])


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


def render_links(doc: dict[str, Any], console: Console, incoming: list[dict[str, Any]]) -> None:
    """Links out (replies to, cites, quotes) and in (replied by, cited by), with evidence."""
    rows = [(link["type"], link) for link in doc.get("links", [])]
    rows += [(f"{link['relation']} {link['from']}", link) for link in incoming]
    if rows:
        console.print("\n[bold]links[/bold]")
    for label, link in rows:
        target = link["target"] or "(not in the corpus)"
        if label == link["type"]:
            label = f"{label} {target}"
        ev = link.get("evidence") or {}
        console.print(f"  {escape(label)}  [dim]{escape(link.get('target_description', ''))}[/dim]"
                      f"  ({ev.get('confidence', '')}) {escape(_ev_text(ev))}")  # fmt: skip
    if len(doc.get("witnesses", [])) > 1:
        labels = ", ".join(f"{w['label']} (lines {w['start_line']}-{w['end_line']})"
                           for w in doc["witnesses"])  # fmt: skip
        console.print(f"\n[bold]witnesses[/bold] {escape(labels)}; variants against the first:")
    for witness in doc.get("witnesses", []):
        for v in witness.get("variants", []):
            console.print(f"  {escape(witness['label'])}: {escape(v['base'] or '—')} / "
                          f"{escape(v['reading'] or '—')}  [dim]{v['type']}, line "
                          f"{v['base_line'] or v['reading_line']}[/dim]")  # fmt: skip


def _missing_reference(entry: dict[str, Any]) -> str | None:
    """The missing message as the citing text names it: "STATE 56789" for a cable, else
    "No. N" for a numbered document."""
    if entry.get("reference"):
        return entry["reference"]
    return f"No. {entry['number']}" if entry.get("number") else None


def format_missing(entries: list[dict[str, Any]]) -> str:
    """One line per missing message: date, who to whom, where it is cited, the phrase."""
    if not entries:
        return "no missing messages"
    lines = []
    for e in entries:
        who = "+".join(e["from"]) or "?"
        to = "+".join(e["to"]) or "?"
        what = _missing_reference(e) or f"{e['date'] or '?'}  {who} -> {to}"
        lines.append(f"{what}  cited in {e['cited_in']} line {e['line']}: «{e['text']}»")
    lines.append(f"{len(entries)} missing message{'s' * (len(entries) != 1)}")
    return "\n".join(lines)
