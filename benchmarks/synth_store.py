"""A store of N synthetic letters written straight into SQLite, for the search benchmark.

Parsing a million letters would take the benchmark hours; what search reads is the
store, so this module writes the store's rows directly: a real database made by
missive's own schema (``Store`` applies the migrations), filled in bulk with one
``executemany`` per table.  Each document row carries a full document JSON in the
shape the store keeps (senders and dates with their evidence, notes, entities,
paragraphs, note references, ~4–7 KB), so reading it back costs what reading a parsed
letter costs.

The letters are made of the sample's sentences (``synth.load_pool``) like the parsed
benchmark volumes, with more variety in what facets count: eight correspondents (one
in ten letters from two senders), four kinds, a printed heading on one in five,
notes on one in seven, entities found in the text by the authority file's names.
Everything random comes from a seeded ``random.Random``: the same N gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from synth import FIRST_DATE, LAST_DATE, MONTHS, Pool

PER_SOURCE = 500
PEOPLE = {  # key -> (name, weight as a sender)
    "stalin": ("Joseph Stalin", 30),
    "roosevelt": ("Franklin D. Roosevelt", 25),
    "churchill": ("Winston Churchill", 20),
    "truman": ("Harry S. Truman", 8),
    "molotov": ("Vyacheslav Molotov", 7),
    "harriman": ("W. Averell Harriman", 5),
    "hull": ("Cordell Hull", 3),
    "eden": ("Anthony Eden", 2),
}
KINDS = {"message": 70, "telegram": 20, "letter": 7, "memorandum": 3}

_DOCUMENT_ROW = """
INSERT INTO documents (pk, id, source_id, seq, ordinal, parent_id, number, date, kind,
                       senders, recipients, data)
VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)
"""
_SOURCE_ROW = """
INSERT INTO sources (id, name, path, sha256, format, encoding, metadata, data, text,
                     ingested_at, program_version)
VALUES (?, ?, ?, ?, 'txt', 'utf-8', ?, ?, ?, ?, ?)
"""
_FTS_ROWS = """
INSERT INTO documents_fts (rowid, text, notes)
SELECT pk, json_extract(data, '$.text'),
       coalesce((SELECT group_concat(json_extract(n.value, '$.text'), char(10))
                 FROM json_each(data, '$.notes') n), '')
FROM documents
"""


_quote = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _keys_json(keys: list[str]) -> str:
    return "[" + ",".join(f'"{k}"' for k in keys) + "]"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _evidence(rule: str, text: str, confidence: float = 0.95) -> dict[str, Any]:
    return {"rule": rule, "confidence": confidence, "text": text, "start_line": None,
            "end_line": None}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Entity:
    key: str
    type: str
    name: str


class EntityFinder:
    """Entities named in a sentence, by the authority file's names and aliases."""

    def __init__(self) -> None:
        from missive import authority

        auth = authority.load()
        self.by_form: dict[str, _Entity] = {}
        for entry in auth.entries.values():
            for form in entry.forms():
                if len(form) > 3:
                    self.by_form.setdefault(form, _Entity(entry.key, entry.type, entry.name))
        forms = sorted(self.by_form, key=len, reverse=True)
        self.pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")

    def find(self, text: str) -> list[_Entity]:
        return [self.by_form[m.group()] for m in self.pattern.finditer(text)]


class LetterRows:
    """Rows of the sources and documents tables for `total` letters."""

    def __init__(self, pool: Pool, total: int, seed: int = 1943) -> None:
        self.pool = pool
        self.total = total
        self.rng = random.Random(seed)
        finder = EntityFinder()
        self.entities = {s: finder.find(s) for s in pool.body}
        # each sentence as it reads inside a JSON string, escaped once
        self.escaped = {s: _quote(s)[1:-1] for s in (*pool.body, *pool.notes)}
        self.now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

    def sources(self) -> Iterator[tuple]:
        from missive import __version__

        for part in range(1, (self.total + PER_SOURCE - 1) // PER_SOURCE + 1):
            name = self.source_name(part)
            sha = self.source_sha(part)
            metadata = {"title": f"Synthetic letters, part {part}"}
            letters = min(PER_SOURCE, self.total - (part - 1) * PER_SOURCE)
            text = f"(synthetic {name})"
            # the source record in the shape the store keeps (serialize.source_to_dict)
            data = {"name": name, "sha256": sha, "format": "txt", "encoding": "utf-8",
                    "metadata": metadata, "declaration": None, "warnings": [],
                    "counts": {"documents": letters, "all_documents": letters, "notes": 0,
                               "lines": 1, "characters": len(text)}}  # fmt: skip
            yield (part, name, f"/synthetic/{name}", sha, _json(metadata), _json(data), text,
                   self.now, __version__)  # fmt: skip

    def source_sha(self, part: int) -> str:
        return hashlib.sha256(f"{self.total}/{part}".encode()).hexdigest()

    def source_name(self, part: int) -> str:
        return f"synthetic-{self.total}-part{part:05d}.txt"

    def documents(self) -> Iterator[tuple]:
        for index in range(self.total):
            part, seq = divmod(index, PER_SOURCE)
            yield self._document(index + 1, part + 1, seq)

    def _document(self, number: int, part: int, seq: int) -> tuple:
        rng = self.rng
        senders = self._senders()
        recipients = self._recipients(senders)
        day = _date_of(number - 1, self.total) if rng.random() >= 0.07 else None
        kind = _pick(rng, KIND_TABLE)
        sentences = [
            [rng.choice(self.pool.body) for _ in range(_pick(rng, SENTENCES_TABLE))]
            for _ in range(_pick(rng, PARAGRAPHS_TABLE))
        ]
        notes = [
            (number * 3 + k, rng.choice(self.pool.notes)) for k in range(_pick(rng, NOTES_TABLE))
        ]
        heading = None
        if rng.random() < 0.2:
            heading = f"{self._names(senders).upper()} TO {self._names(recipients).upper()}"
        doc_id = f"{self.source_name(part)[:-4]}-no-{number}"
        date = day.isoformat() if day else None
        letter = _Letter(doc_id, part, number, kind, senders, recipients, date, sentences,
                         notes, heading)  # fmt: skip
        return (number, doc_id, part, seq, seq, number, date, kind, _keys_json(senders),
                _keys_json(recipients), self._data(letter))  # fmt: skip

    def _senders(self) -> list[str]:
        first = _pick(self.rng, PEOPLE_TABLE)
        if self.rng.random() < 0.1:
            second = _pick(self.rng, PEOPLE_TABLE)
            if second != first:
                return [first, second]
        return [first]

    def _recipients(self, senders: list[str]) -> list[str]:
        while True:
            key = _pick(self.rng, PEOPLE_TABLE)
            if key not in senders:
                return [key]

    def _names(self, keys: list[str]) -> str:
        return " and ".join(PEOPLE[k][0] for k in keys)

    def _data(self, d: _Letter) -> str:
        """The document JSON, in the store's shape, written as text (json.dumps of a
        nested dict per letter would make generating a million letters slow)."""
        esc = self.escaped
        paragraphs = [" ".join(esc[s] for s in p) for p in d.sentences]
        text = "\\n\\n".join(paragraphs)
        counts: dict[_Entity, int] = {}
        for paragraph in d.sentences:
            for sentence in paragraph:
                for entity in self.entities[sentence]:
                    counts[entity] = counts.get(entity, 0) + 1
        said = _json(_evidence("'Sent' line: the volume's principal writes",
                               f"Sent on {_date_text(d.date)}"))  # fmt: skip

        def parties(keys: list[str]) -> str:
            return ",".join(
                f'{{"key":"{k}","name":"{PEOPLE[k][0]}","confidence":0.95,"evidence":{said}}}'
                for k in keys
            )

        sent = "null"
        if d.date:
            sent = f'{{"value":"{d.date}","confidence":0.95,"evidence":{said}}}'
        line = seq_line(d.number)
        notes = ",".join(f'{{"number":{n},"text":"{esc[t]}"}}' for n, t in d.notes)
        note_refs = ",".join(
            f'{{"number":{n},"note":{n},"form":"fused","evidence":{_NOTE_REF_EVIDENCE}}}'
            for n, _ in d.notes
        )
        entities = ",".join(
            f'{{"key":"{e.key}","type":"{e.type}","name":{_quote(e.name)},"count":{c}}}'
            for e, c in counts.items()
        )
        paragraph_rows = ",".join(
            f'{{"start_line":null,"end_line":null,"text":"{p}"}}' for p in paragraphs
        )
        date = f'"{d.date}"' if d.date else "null"
        printed = "true" if self.rng.random() >= 0.25 else "false"
        return (
            f'{{"id":"{d.doc_id}","source":"{self.source_name(d.part)}",'
            f'"source_sha256":"{self.source_sha(d.part)}",'
            f'"span":{{"start_line":{line},"end_line":{line + 2 * len(paragraphs)}}},'
            f'"number":{d.number},"number_printed":{printed},"kind":"{d.kind}",'
            f'"senders":[{parties(d.senders)}],"recipients":[{parties(d.recipients)}],'
            f'"dates":{{"dated":null,"sent":{sent},"received":null}},"date_inferred":null,'
            f'"date":{date},"place":null,"channel":null,"classification":null,'
            f'"salutation":null,"closing":null,"text":"{text}",'
            f'"incipit":"{" ".join(text.split(maxsplit=8)[:8])}","notes":[{notes}],'
            f'"links":[],"entities":[{entities}],"enclosures":[],"witnesses":[],'
            f'"ordinal":{d.number},"parent_id":null,"signature":null,"address":null,'
            f'"heading":{_quote(d.heading) if d.heading else "null"},"evidence":{{"kind":{_KIND_EVIDENCE}}},'
            f'"note_refs":[{note_refs}],"confidence":0.9,"warnings":[],'
            f'"paragraphs":[{paragraph_rows}]}}'
        )


@dataclass(frozen=True, slots=True)
class _Letter:
    doc_id: str
    part: int
    number: int
    kind: str
    senders: list[str]
    recipients: list[str]
    date: str | None
    sentences: list[list[str]]
    notes: list[tuple[int, str]]
    heading: str | None


def _table(weights: dict[Any, int]) -> tuple[Any, ...]:
    """A weighted choice as a plain table to index at random (faster than choices())."""
    return tuple(value for value, weight in weights.items() for _ in range(weight))


def _pick(rng: random.Random, table: tuple[Any, ...]) -> Any:
    return table[int(rng.random() * len(table))]


PEOPLE_TABLE = _table({key: weight for key, (_, weight) in PEOPLE.items()})
KIND_TABLE = _table(KINDS)
SENTENCES_TABLE = _table({1: 30, 2: 30, 3: 20, 4: 10, 5: 6, 6: 4})
PARAGRAPHS_TABLE = _table({1: 25, 2: 25, 3: 20, 4: 15, 5: 10, 6: 5})
NOTES_TABLE = _table({0: 85, 1: 12, 2: 3})
_KIND_EVIDENCE = _json(_evidence("default for a document with no kind named", "", 0.7))
_NOTE_REF_EVIDENCE = _json(_evidence("marker and note carry the same number", ""))


def _date_text(date: str | None) -> str:
    if not date:
        return ""
    year, month, day = (int(p) for p in date.split("-"))
    return f"{MONTHS[month - 1]} {day}, {year}"


def seq_line(number: int) -> int:
    return 20 + 9 * ((number - 1) % PER_SOURCE)


def _date_of(index: int, total: int) -> dt.date:
    span = (LAST_DATE - FIRST_DATE).days
    return FIRST_DATE + dt.timedelta(days=(index * span) // max(total, 1))


def write_store(db: Path, pool: Pool, total: int, with_fts: bool) -> None:
    """A new store at `db` holding `total` synthetic letters (and their FTS5 rows)."""
    from missive.store import Store

    Store(db).close()  # the schema, by missive's own migrations
    rows = LetterRows(pool, total)
    conn = sqlite3.connect(db)
    try:
        # A bulk load without the WAL (which would write every page twice); the store's
        # own journal mode comes back when done.
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        with conn:
            conn.executemany(_SOURCE_ROW, rows.sources())
            conn.executemany(_DOCUMENT_ROW, rows.documents())
            if with_fts:
                conn.execute(_FTS_ROWS)
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
