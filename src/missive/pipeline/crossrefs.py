"""Cross-references: "see Document No. 88, pp. 60-61", "see No. 70", "the message
received from President Roosevelt on September 11, 1943" — in a document's body or
in a note it points at — become ``cites`` links.

A reference in a note is a link of every document whose marker points at the note,
with the note named in the evidence. A document number the source lacks is a
missing target (no target id, described).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from missive import authority
from missive.model import CERTAIN, PROBABLE, Document, Evidence, Link, Note, Source, Span
from missive.pipeline.dates import find_dates
from missive.pipeline.literals import first_of, lowered
from missive.pipeline.threads import Entry

_DOCUMENT_NUMBER = re.compile(
    r"\b(?:see\s+(?:also\s+)?)?(?:Documents?\s+)?Nos?\.\s*(?P<numbers>\d{1,5}(?:\s*(?:,|and|&)\s*\d{1,5})*)"
    r"(?P<pages>,?\s*pp?\.\s*\d+(?:\s*[-–]\s*\d+)?)?",
    re.IGNORECASE,
)
_MESSAGE_FROM = re.compile(
    r"\bmessage\s+(?P<received>received\s+)?from\s+(?:(?:President|Prime Minister|Premier|"
    r"Marshal|Mr\.?|Ambassador|General)\s+)?(?P<name>[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+)?\s+"
    r"(?:on|of|dated)\s+(?P<date>[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*\d{4})"
)


@dataclass(frozen=True, slots=True)
class CrossReference:
    kind: str  # "number" | "message_from"
    text: str  # the phrase
    numbers: tuple[int, ...] = ()
    sender: str | None = None
    iso: str | None = None
    received: bool = False


def find_cross_references(text: str, names: authority.Authority) -> list[CrossReference]:
    refs: list[CrossReference] = []
    for m in _DOCUMENT_NUMBER.finditer(text) if _may_name_number(text) else ():
        phrase = m.group(0)
        if not re.match(r"(?i)see\b|Document\s", phrase):
            continue  # a bare "No. 5" is a heading or a telegram number, not a reference
        numbers = tuple(int(n) for n in re.findall(r"\d+", m.group("numbers")))
        refs.append(CrossReference("number", phrase, numbers))
    at = text.find("message")  # where the first match may start
    for m in _MESSAGE_FROM.finditer(text, at) if at >= 0 else ():
        dates = find_dates(m.group("date"))
        sender = names.resolve(m.group("name"))
        if dates and sender:
            refs.append(
                CrossReference(
                    "message_from",
                    m.group(0),
                    sender=sender,
                    iso=dates[0].iso,
                    received=bool(m.group("received")),
                )  # fmt: skip
            )
    return refs


def _may_name_number(text: str) -> bool:
    """Whether the text holds "No." or "Nos.", as every match does."""
    low = lowered(text)
    return low is None or first_of(low, ("no.", "nos.")) >= 0


def document_numbers(text: str) -> set[int]:
    """The document numbers a text refers to ("See Document No. 70, pp. 46-47")."""
    if not _may_name_number(text):
        return set()
    return {n for m in _DOCUMENT_NUMBER.finditer(text)
            if re.match(r"(?i)see\b|Document\s", m.group(0))
            for n in (int(x) for x in re.findall(r"\d+", m.group("numbers")))}  # fmt: skip


def link_cross_references(source: Source, entries: list[Entry]) -> None:
    from missive.pipeline.threads import locate

    names = authority.load()
    targets = _Targets(entries)
    for entry in entries:
        doc = entry.doc
        for ref in find_cross_references(doc.text, names):
            span = locate(source, doc, ref.text)
            for link in _links(ref, targets, "cross-reference in the text", span):
                _add(doc, link)
    notes = {n.number: n for n in source.notes}
    in_note: dict[int, list[CrossReference]] = {}  # a note many markers point at is read once
    for entry in entries:
        for note in _notes_pointed_at(entry.doc, notes):
            if note.number not in in_note:
                in_note[note.number] = find_cross_references(note.text, names)
            for ref in in_note[note.number]:
                span = _span_in_note(source, note, ref.text)
                rule = f"cross-reference in note {note.number}"
                for link in _links(ref, targets, rule, span):
                    if link.target != entry.doc.id:
                        _add(entry.doc, link)


class _Targets:
    """The documents a reference may name: by number, and by sender and date."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.by_number = _by_number(entries)
        self._by_sender_date: dict[tuple[str, str], list[tuple[Entry, set[str]]]] | None = None

    def sent_by(self, sender: str, iso: str, received: bool) -> list[Entry]:
        """In source order, the documents of `sender` with a date `iso` (their received
        date, when `received`)."""
        if self._by_sender_date is None:
            self._by_sender_date = _by_sender_date(self.entries)
        return [entry for entry, roles in self._by_sender_date.get((sender, iso), ())
                if not received or "received" in roles]  # fmt: skip


def _by_sender_date(entries: list[Entry]) -> dict[tuple[str, str], list[tuple[Entry, set[str]]]]:
    out: dict[tuple[str, str], list[tuple[Entry, set[str]]]] = {}
    for entry in entries:
        roles: dict[str, set[str]] = {}
        for role, date in entry.doc.dates.items():
            roles.setdefault(date.value, set()).add(role)
        for sender in {p.key for p in entry.doc.senders}:
            for iso, held in roles.items():
                out.setdefault((sender, iso), []).append((entry, held))
    return out


def _by_number(entries: list[Entry]) -> dict[int, list[Entry]]:
    out: dict[int, list[Entry]] = {}
    for entry in entries:
        if entry.doc.number is not None and entry.parent is None:
            out.setdefault(entry.doc.number.value, []).append(entry)
    return out


def _notes_pointed_at(doc: Document, notes: dict[int, Note]) -> Iterator[Note]:
    seen: set[int] = set()
    for ref in doc.note_refs:
        number = ref.note if ref.note is not None else ref.number
        if number in notes and number not in seen:
            seen.add(number)
            yield notes[number]


def _links(ref: CrossReference, documents: _Targets, rule: str,
           span: Span | None) -> Iterator[Link]:  # fmt: skip
    if ref.kind == "number":
        for number in ref.numbers:
            targets = documents.by_number.get(number, [])
            if len(targets) == 1:
                ev = Evidence(rule, CERTAIN, span, ref.text)
                yield Link("cites", targets[0].doc.id, ev, f"Document No. {number}",
                           {"number": number})  # fmt: skip
            else:
                ev = Evidence(rule, PROBABLE if not targets else 0.5, span, ref.text)
                what = "not in the source" if not targets else f"{len(targets)} documents"
                yield Link("cites", None, ev, f"Document No. {number} ({what})",
                           {"number": number, "missing": not targets})  # fmt: skip
        return
    targets = documents.sent_by(ref.sender, ref.iso, ref.received)
    if len(targets) == 1:
        yield Link("cites", targets[0].doc.id, Evidence(rule, PROBABLE, span, ref.text),
                   f"message from {ref.sender} of {ref.iso}", {"date": ref.iso})  # fmt: skip
    elif not targets:
        yield Link("cites", None, Evidence(rule, PROBABLE, span, ref.text),
                   f"missing: message from {ref.sender} of {ref.iso}",
                   {"missing": True, "date": ref.iso, "from": [ref.sender]})  # fmt: skip
    else:
        for target in targets:
            yield Link("cites", target.doc.id, Evidence(rule + "; ambiguous", 0.5, span, ref.text),
                       f"message from {ref.sender} of {ref.iso}",
                       {"date": ref.iso, "ambiguous": True})  # fmt: skip


def _span_in_note(source: Source, note: Note, phrase: str) -> Span:
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    m = re.compile(pattern).search(source.readable, note.span.start, note.span.end)
    return Span(m.start(), m.end()) if m else note.span


def _add(doc: Document, link: Link) -> None:
    if not any(
        link.type == other.type and link.target == other.target and
        link.target_description == other.target_description
        for other in doc.links
    ):  # fmt: skip
        doc.links.append(link)
