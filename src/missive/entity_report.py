"""Entities on the terminal: a document's named entities for `missive show`, and the
unresolved names `missive check` offers as candidates for the authority file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Console
from rich.markup import escape


def render_document_entities(mentions: Iterable[Mapping[str, Any]], console: Console) -> None:
    """Each entity a document names (resolved first), with its count and the forms used."""
    counts: Counter[tuple[str | None, str, str]] = Counter()
    forms: dict[tuple[str | None, str, str], list[str]] = {}
    for m in mentions:
        ident = (m["key"], m["type"], m["key"] or m["text"])
        counts[ident] += 1
        seen = forms.setdefault(ident, [])
        if m["text"] not in seen:
            seen.append(" ".join(m["text"].split()))
    if not counts:
        return
    console.print("\n[bold]entities[/bold]")
    for (key, type_, label), n in sorted(counts.items(), key=lambda kv: (kv[0][0] is None, -kv[1])):
        shown = key if key else f"? {label}"
        console.print(
            f"  {escape(shown):28} {type_:12} {n:3}  {escape(', '.join(forms[(key, type_, label)]))}"
        )


def format_unresolved(candidates: Iterable[Mapping[str, Any]]) -> str:
    """One line per unresolved name: ``"Quisling" (unknown) 2× in 2 documents, e.g. ...``."""
    lines = [
        f'unresolved name "{c["text"]}" ({c["type"]}) {c["mentions"]}× in {c["documents"]} '
        f"document{'s' * (c['documents'] != 1)}, e.g. {c['example']['doc_id']}: "
        f"«{c['example']['context']}»"
        for c in candidates
    ]
    if lines:
        lines.append(f"{len(lines)} unresolved names: candidates for the authority file")
    return "\n".join(lines)
