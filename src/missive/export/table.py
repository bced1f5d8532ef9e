"""CSV export: one row per top-level document, for spreadsheets and pandas.

Several senders or recipients are joined with "; ".  Numbers and confidences are
plain numerals, dates ISO ("YYYY-MM-DD"), flags "true"/"false"; an unknown value is
an empty cell.  `uncertain` names the fields below missive's confidence threshold.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any, TextIO

from missive.export.atomic import replaced_atomically
from missive.export.selection import EVERYTHING, Selection
from missive.model import DATE_ROLES, LOW_CONFIDENCE
from missive.store import Store

COLUMNS = (
    "id",
    "source",
    "number",
    "number_printed",
    "kind",
    "senders",
    "sender_names",
    "recipients",
    "recipient_names",
    "date",
    "dated",
    "sent",
    "received",
    "place",
    "channel",
    "classification",
    "confidence",
    "low_confidence",
    "uncertain",
    "notes",
    "enclosures",
    "witnesses",
    "links",
    "start_line",
    "end_line",
    "incipit",
)
JOIN = "; "


def write_csv(
    store: Store,
    out: TextIO | str | Path,
    source: str | None = None,
    selection: Selection | None = None,
) -> int:
    """Write the CSV table; return the number of rows."""
    selection = selection or (Selection(source=source) if source else EVERYTHING)
    rows = (document_row(d) for d in selection.documents(store))
    if not isinstance(out, str | Path):
        return _write_rows(rows, out)
    if str(out) == "-":
        return _write_rows(rows, sys.stdout)
    with (
        replaced_atomically(Path(out)) as partial,
        partial.open("w", encoding="utf-8", newline="") as stream,
    ):
        return _write_rows(rows, stream)


def _write_rows(rows: Any, stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def document_row(doc: dict[str, Any]) -> dict[str, Any]:
    dates = doc.get("dates") or {}
    senders, recipients = doc.get("senders") or [], doc.get("recipients") or []
    confidence = doc.get("confidence")
    span = doc.get("span") or {}
    row = {
        "id": doc["id"],
        "source": doc.get("source"),
        "number": doc.get("number"),
        "number_printed": _flag(doc.get("number_printed")),
        "kind": doc.get("kind"),
        "senders": JOIN.join(p["key"] for p in senders),
        "sender_names": JOIN.join(p.get("name") or "" for p in senders),
        "recipients": JOIN.join(p["key"] for p in recipients),
        "recipient_names": JOIN.join(p.get("name") or "" for p in recipients),
        "date": doc.get("date"),
        **{role: (dates.get(role) or {}).get("value") for role in DATE_ROLES},
        "place": doc.get("place"),
        "channel": doc.get("channel"),
        "classification": doc.get("classification"),
        "confidence": confidence,
        "low_confidence": _flag(confidence is not None and confidence < LOW_CONFIDENCE),
        "uncertain": JOIN.join(uncertain_fields(doc)),
        "notes": len(doc.get("notes") or []),
        "enclosures": len(doc.get("enclosures") or []),
        "witnesses": len(doc.get("witnesses") or []),
        "links": len(doc.get("links") or []),
        "start_line": span.get("start_line"),
        "end_line": span.get("end_line"),
        "incipit": doc.get("incipit"),
    }
    return {key: "" if value is None else value for key, value in row.items()}


def uncertain_fields(doc: dict[str, Any], threshold: float = LOW_CONFIDENCE) -> list[str]:
    """Names of the fields whose confidence is below `threshold`."""
    out = []
    for role in ("senders", "recipients"):
        if any((p.get("confidence") or 0) < threshold for p in doc.get(role) or []):
            out.append(role)
    for role, date in (doc.get("dates") or {}).items():
        if date and (date.get("confidence") or 0) < threshold:
            out.append(role)
    for name, evidence in (doc.get("evidence") or {}).items():
        if evidence and (evidence.get("confidence") or 0) < threshold:
            out.append(name)
    return out


def _flag(value: object) -> str:
    return "true" if value else "false"
