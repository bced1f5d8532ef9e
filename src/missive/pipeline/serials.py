"""Replies by telegram number: "Your telegram No. 482", "Your 140 received", "Urtel 540".

Cables and telegrams carry their sender's own running number ("No. 482 Telegraphic
[C 11863/15/18]", "No. 345." under a cypher heading, "Former Naval Person to President.
Personal and Secret. No. 140."; the describe stage keeps it in ``Document.serials``),
and the answer names it instead of a date. A telegram's number may also open its text,
as FRUS prints it ("812. Last evening I ..."); it is taken as one of its serials. A document that names "your" number N
replies to the message numbered N that was written before it by someone other than its
own writer; it becomes a ``replies_to`` link whose evidence is the phrase.  A number nobody in the source carries links to nothing: telegram numbers
are too often absent from a volume to be reported as missing messages.
"""

from __future__ import annotations

import re

from missive.model import POSSIBLE, PROBABLE, Document, Evidence, Link, Source, Span
from missive.pipeline.threads import add_link, describe_target

# "Your telegram No. 482", "your telegram 280", "Your 140 received", "Urtel 540",
# "Reurtel 540", "your No. 345", "Department's 403", "Deptel 403".
_YOUR_NUMBER = re.compile(
    r"(?=[YyUuRD])\b(?:[Yy]our\s+(?:(?:telegram|tel|cable|despatch|dispatch|message|airgram)\s+)?(?:No\.?\s*)?"
    r"|Department[’']s\s+(?:telegram\s+)?(?:No\.?\s*)?"  # a post answering the Department
    r"|(?:Re)?(?:[Uu]rtel|Deptel)\s+(?:No\.?\s*)?)(?P<n>\d{1,6})\b(?!\s*(?:%|per\b|percent|miles|men|tons|"
    r"divisions|aircraft|planes|ships|years|days))"
)


_OPENING_NUMBER = re.compile(r"^(?P<n>[1-9]\d{1,5})\.\s+\S")


def link_serial_references(source: Source) -> None:
    """Link every "your telegram No. N" to the earlier message numbered N."""
    for doc in source.documents:
        _add_opening_number(doc)
    numbered = [(doc, set(doc.serials)) for doc in source.documents]
    for position, doc in enumerate(source.documents):
        texts = [p.text for p in doc.body if "our" in p.text or "tel" in p.text or "ent" in p.text]
        for m in (m for text in texts for m in _YOUR_NUMBER.finditer(text)):
            target, confidence = _target(numbered[:position], doc, int(m.group("n")))
            if target is None:
                continue
            span = _span_of(source, doc, m.group(0))
            ev = Evidence("names the addressee's message by its number", confidence, span,
                          m.group(0))  # fmt: skip
            add_link(doc, Link("replies_to", target.id, ev, describe_target(target)))


def _add_opening_number(doc: Document) -> None:
    """A telegram's own number opening its text, as FRUS prints it ("812. Last evening
    I delivered ..."): one of its serials. Paragraph numbers (1., 2.) are not."""
    if doc.kind is None or doc.kind.value != "telegram" or not doc.body:
        return
    m = _OPENING_NUMBER.match(doc.body[0].text)
    if m and int(m.group("n")) not in doc.serials:
        doc.serials.append(int(m.group("n")))


def _target(
    earlier: list[tuple[Document, set[int]]], doc: Document, number: int
) -> tuple[Document | None, float]:
    """The latest earlier message numbered `number` that this document's writer did not
    write; probable when the writers are known and differ, possible otherwise."""
    writers = {p.key for p in doc.senders}
    for other, numbers in reversed(earlier):
        if number not in numbers:
            continue
        theirs = {p.key for p in other.senders}
        if writers and theirs and writers & theirs:
            continue  # "your" number: not one of the writer's own messages
        return other, PROBABLE if writers and theirs else POSSIBLE
    return None, 0.0


def _span_of(source: Source, doc: Document, phrase: str) -> Span | None:
    for paragraph in doc.body:
        at = source.readable.find(phrase, paragraph.span.start, paragraph.span.end)
        if at >= 0:
            return Span(at, at + len(phrase))
    return None
