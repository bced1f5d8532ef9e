"""The fields of the search index, and a stored document turned into index documents.

Every document (enclosures too, as documents of their own) is one index document.
Documents an editor corrected are read as the store gives them, corrected; the others
straight from their rows (much faster than decoding each document's JSON).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import tantivy

from missive.search.text import ANALYZER

# Bump when the schema or the analyzer changes: an index of another format is rebuilt.
INDEX_FORMAT = 1

TEXT_FIELDS = ("body", "notes", "heading")
# BM25 weights: a word in a heading says most about the document, one in a note least.
FIELD_BOOSTS = {"heading": 2.0, "body": 1.0, "notes": 0.6}
NO_DATE = 99_999_999  # sorts after every real date
LAST_DAY = NO_DATE - 1


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in ("id", "source", "kind", "date"):
        builder.add_text_field(name, stored=True, tokenizer_name="raw", fast=name != "id")
    for name in ("senders", "recipients"):
        builder.add_text_field(name, stored=True, tokenizer_name="raw", fast=True)
    for name in ("entities", "has"):
        builder.add_text_field(name, stored=False, tokenizer_name="raw", fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name=ANALYZER)
    builder.add_integer_field("number", stored=True, indexed=True, fast=True)
    builder.add_integer_field("day", stored=False, indexed=True, fast=True)
    builder.add_integer_field("year", stored=False, indexed=True, fast=True)
    return builder.build()


def from_row(row: tuple) -> tantivy.Document:
    """An index document from a row of ``sql.INDEX_DOCUMENTS_OF_SOURCE``."""
    doc_id, source, number, kind, date, senders, recipients, extracted = row
    text, heading, notes, entities = json.loads(extracted)
    return _document(
        doc_id=doc_id,
        source=source,
        number=number,
        kind=kind,
        date=date,
        senders=json.loads(senders) if senders else [],
        recipients=json.loads(recipients) if recipients else [],
        entities=_keys(entities),
        body=text or "",
        notes=_notes_text(notes),
        heading=heading or "",
    )


def from_data(data: Mapping[str, Any]) -> tantivy.Document:
    """An index document from a stored (corrected) document dict; enclosures apart."""
    return _document(
        doc_id=data["id"],
        source=data.get("source") or "",
        number=data.get("number"),
        kind=data.get("kind"),
        date=data.get("date"),
        senders=_keys(data.get("senders")),
        recipients=_keys(data.get("recipients")),
        entities=_keys(data.get("entities")),
        body=data.get("text") or "",
        notes=_notes_text(data.get("notes")),
        heading=data.get("heading") or "",
    )


def _document(
    *,
    doc_id: str,
    source: str,
    number: Any,
    kind: str | None,
    date: str | None,
    senders: list[str],
    recipients: list[str],
    entities: list[str],
    body: str,
    notes: str,
    heading: str,
) -> tantivy.Document:
    day = day_number(date)
    fields: dict[str, Any] = {
        "id": doc_id,
        "source": source,
        "kind": (kind or "unknown").lower(),
        "date": date or "",
        "senders": senders,
        "recipients": recipients,
        "entities": entities,
        "has": ["notes"] if notes else [],
        "body": body,
        "notes": notes,
        "heading": heading,
        "day": day,
    }
    if day != NO_DATE:
        fields["year"] = day // 10000
    if isinstance(number, int) and not isinstance(number, bool):
        fields["number"] = number
    return tantivy.Document(**fields)


def _notes_text(notes: Any) -> str:
    return "\n".join(n.get("text") or "" for n in notes or [] if isinstance(n, dict))


def _keys(items: Any) -> list[str]:
    return [str(item["key"]) for item in items or [] if isinstance(item, dict) and item.get("key")]


def day_number(date: Any) -> int:
    """ "1943-02-16" -> 19430216; a month or year alone gets 00 for what is unknown."""
    if not isinstance(date, str) or len(date) < 4 or not date[:4].isdigit():
        return NO_DATE
    parts = date.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 0
        day = int(parts[2][:2]) if len(parts) > 2 else 0
    except ValueError:
        return NO_DATE
    return year * 10000 + month * 100 + day
