"""The fields of the search index, and a stored document turned into index documents.

Every document (enclosures too, as documents of their own) is one index document.
Documents an editor corrected are read as the store gives them, corrected; the others
straight from their rows (much faster than decoding each document's JSON).

An index document is handed to tantivy as one JSON object (``IndexWriter.add_json``,
parsed in Rust): composing a dict and encoding it with msgspec costs the Python side
about a fifth less CPU than a ``tantivy.Document`` filled by a dozen ``add_*`` calls,
and the index is the same, byte for byte.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import msgspec
import tantivy

from missive.search.pairs import PAIR_TOKENIZER, pair_field, pair_text
from missive.search.text import ANALYZER

# Bump when the schema or the analyzer changes: an index of another format is rebuilt.
INDEX_FORMAT = 6  # 5: word pairs no longer bridge a dropped over-long word; 6: in shards
# Every document falls in one of SAMPLE_SLOTS slots by its row number in the store
# (every 1024th document of the store's order): the slots below k hold a fixed
# systematic sample of k/SAMPLE_SLOTS of any result set (facets.py).
SAMPLE_SLOTS = 1024

TEXT_FIELDS = ("body", "notes", "heading")
# BM25 weights: a word in a heading says most about the document, one in a note least.
FIELD_BOOSTS = {"heading": 2.0, "body": 1.0, "notes": 0.6}
NO_DATE = 99_999_999  # sorts after every real date
LAST_DAY = NO_DATE - 1
NO_YEAR = 0
FACETED = ("source", "kind", "senders", "recipients", "entities")


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    # fast (columns) only what facets count or results sort by: each costs build time
    for name in ("id", "source", "kind", "date"):
        builder.add_text_field(name, stored=True, tokenizer_name="raw", fast=name in FACETED)
    for name in ("senders", "recipients"):
        builder.add_text_field(name, stored=True, tokenizer_name="raw", fast=True)
    for name in ("entities", "has"):
        builder.add_text_field(name, stored=False, tokenizer_name="raw", fast=name in FACETED)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name=ANALYZER)
        # its adjacent word pairs (pairs.py): which documents, nothing else
        builder.add_text_field(
            pair_field(name), stored=False, tokenizer_name=PAIR_TOKENIZER, index_option="basic"
        )
    builder.add_integer_field("number", stored=True, indexed=True, fast=True)
    builder.add_integer_field("day", stored=False, indexed=True, fast=True)
    builder.add_integer_field("year", stored=False, indexed=True, fast=False)
    builder.add_integer_field("sample", stored=False, indexed=True, fast=True)
    # The year facet's column: dense (0 for no date), as a column with gaps is several
    # times slower to count.  `year` stays the filter field.
    builder.add_integer_field("year_facet", stored=False, indexed=False, fast=True)
    return builder.build()


IndexDocument = str  # one JSON object: field -> value or [values] (IndexWriter.add_json)
_ENCODE = msgspec.json.Encoder().encode


def from_row(row: tuple) -> IndexDocument:
    """An index document from a row of ``rows.DOCUMENTS_OF_SLOT`` (or ``_OF_SOURCE``):
    JSON is decoded only where there is some (most letters have no notes)."""
    pk, doc_id, source, number, kind, date, senders, recipients = row[:8]
    text, heading, notes, entities = row[8:]
    return _document(
        pk=pk,
        doc_id=doc_id,
        source=source,
        number=number,
        kind=kind,
        date=date,
        senders=_key_list(senders),
        recipients=_key_list(recipients),
        entities=_entity_keys(entities),
        body=text or "",
        notes=_notes_text(json.loads(notes)) if notes and notes != "[]" else "",
        heading=heading or "",
    )


def from_data(pk: int, data: Mapping[str, Any]) -> IndexDocument:
    """An index document from a stored (corrected) document dict; enclosures apart."""
    return _document(
        pk=pk,
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
    pk: int,
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
) -> IndexDocument:
    doc: dict[str, Any] = {
        "id": doc_id,
        "source": source,
        "kind": (kind or "unknown").lower(),
        "date": date or "",
        "senders": senders,
        "recipients": recipients,
        "entities": entities,
    }
    if notes:
        doc["has"] = "notes"
    for name, text in (("body", body), ("notes", notes), ("heading", heading)):
        doc[name] = text
        if pairs := pair_text(text):
            doc[pair_field(name)] = pairs
    day = day_number(date)
    doc["day"] = day
    if day != NO_DATE:
        doc["year"] = day // 10000
    doc["year_facet"] = day // 10000 if day != NO_DATE else NO_YEAR
    if isinstance(number, int) and not isinstance(number, bool):
        doc["number"] = number
    doc["sample"] = sample_slot(pk)
    return _ENCODE(doc).decode()


def sample_slot(pk: int) -> int:
    """The document's sample slot, from its row number in the store."""
    return pk % SAMPLE_SLOTS


_PLAIN_KEYS = re.compile(r'\[(?:"[^"\\]*"(?:,"[^"\\]*")*)?\]')
_ENTITY_KEY = re.compile(r'"key":"([^"\\]+)"')


def _key_list(array: str | None) -> list[str]:
    """A JSON array of keys; plain ones (no escapes, the usual case) without json.loads."""
    if not array or array == "[]":
        return []
    if _PLAIN_KEYS.fullmatch(array):
        return array[2:-2].split('","')
    return [str(key) for key in json.loads(array)]


def _entity_keys(entities: str | None) -> list[str]:
    """The keys of a JSON array of entity objects (as SQLite writes JSON: no spaces)."""
    if not entities or entities == "[]":
        return []
    if "\\" in entities:
        return _keys(json.loads(entities))
    return _ENTITY_KEY.findall(entities)


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
