"""A small hand-built parsed source, shared by the store, export, serialize and check tests.

Spans are computed from the text line by line, so a variant of the text (a fixed typo)
gives a source with a different sha256 but the same documents.
"""

from __future__ import annotations

import hashlib

from missive.model import (
    Declaration,
    Document,
    Evidence,
    Inferred,
    Link,
    Note,
    NoteRef,
    Paragraph,
    Party,
    Source,
    Span,
)
from missive.textutil import LineIndex

SAMPLE_TEXT = """THE CORRESPONDENCE OF 1943

No. 1
Sent on January 1, 1943

I send you greetings24 and my hopes for the second front.

Warm regards.

Your message of January 1 received. I enclose the text: 25

"The Prime Minister agrees with the plan of Operation Husky."

January 5, 1943

NOTES

24 The second front in Europe, long awaited.
25 See Document No. 1."""

LOW = 0.55


class Lines:
    """Spans of whole lines (1-based) of a text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index = LineIndex(text)

    def span(self, first: int, last: int | None = None) -> Span:
        last = first if last is None else last
        start = self.index.start_of(first)
        end = self.text.find("\n", self.index.start_of(last))
        return Span(start, len(self.text) if end == -1 else end)

    def line(self, number: int) -> str:
        span = self.span(number)
        return self.text[span.start : span.end]

    def evidence(self, rule: str, confidence: float, line: int) -> Evidence:
        return Evidence(rule, confidence, self.span(line), self.line(line))

    def within(self, line: int, needle: str) -> Span:
        start = self.text.index(needle, self.index.start_of(line))
        return Span(start, start + len(needle))


def party(key: str, name: str, evidence: Evidence) -> Party:
    return Party(key, name, evidence)


def first_document(lines: Lines, prefix: str) -> Document:
    body_text = lines.line(6).replace("greetings24", "greetings")
    return Document(
        id=f"{prefix}-1",
        ordinal=0,
        span=lines.span(3, 8),
        start_line=3,
        end_line=8,
        number=Inferred(1, lines.evidence("printed-number", 0.95, 3)),
        number_printed=True,
        kind=Inferred("message", Evidence("default-kind", 0.8)),
        senders=[party("stalin", "Joseph Stalin", lines.evidence("sent-on-outgoing", LOW, 4))],
        recipients=[
            party("roosevelt", "Franklin D. Roosevelt", lines.evidence("counterpart", 0.9, 4))
        ],
        dates={"sent": Inferred("1943-01-01", lines.evidence("sent-on", 0.95, 4))},
        closing=Inferred("Warm regards.", lines.evidence("closing-line", 0.9, 8)),
        body=[Paragraph(lines.span(6), body_text), Paragraph(lines.span(8), lines.line(8))],
        note_refs=[NoteRef(24, lines.within(6, "24"), "fused")],
        entities=[{"key": "second-front", "type": "operation", "count": 1}],
    )


def enclosure(lines: Lines, prefix: str) -> Document:
    return Document(
        id=f"{prefix}-2-e1",
        ordinal=2,
        span=lines.span(12),
        start_line=12,
        end_line=12,
        kind=Inferred("message", Evidence("quoted-message", 0.8)),
        senders=[party("churchill", "Winston Churchill", lines.evidence("quoted", 0.8, 12))],
        recipients=[party("stalin", "Joseph Stalin", lines.evidence("quoted", 0.8, 12))],
        body=[Paragraph(lines.span(12), lines.line(12).strip('"'))],
        entities=[{"key": "husky", "type": "operation", "count": 1}],
        parent_id=f"{prefix}-2",
    )


def second_document(lines: Lines, prefix: str) -> Document:
    return Document(
        id=f"{prefix}-2",
        ordinal=1,
        span=lines.span(10, 14),
        start_line=10,
        end_line=14,
        kind=Inferred("message", Evidence("default-kind", 0.8)),
        senders=[party("roosevelt", "Franklin D. Roosevelt", lines.evidence("reply", 0.9, 10))],
        recipients=[party("stalin", "Joseph Stalin", lines.evidence("reply", 0.9, 10))],
        dates={"dated": Inferred("1943-01-05", lines.evidence("date-line", 0.95, 14))},
        body=[Paragraph(lines.span(10), lines.line(10).removesuffix(" 25"))],
        note_refs=[NoteRef(25, lines.within(10, "25"), "spaced")],
        links=[
            Link(
                "replies_to",
                f"{prefix}-1",
                Evidence("your-message-of", 0.85, lines.within(10, "Your message of January 1")),
            )
        ],
        enclosures=[enclosure(lines, prefix)],
        warnings=["no printed number"],
    )


def build_source(
    text: str = SAMPLE_TEXT,
    name: str = "sample.txt",
    with_second: bool = True,
    prefix: str = "sample",
) -> Source:
    """The sample source, parsed by hand."""
    lines = Lines(text)
    documents = [first_document(lines, prefix)]
    if with_second:
        documents.append(second_document(lines, prefix))
    return Source(
        name=name,
        path=f"/corpus/{name}",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        format="txt",
        text=text,
        metadata={"title": "The Correspondence of 1943"},
        declaration=Declaration("stalin", ("roosevelt",), lines.evidence("title", 0.8, 1)),
        documents=documents,
        notes=[
            Note(24, lines.line(18)[3:], lines.span(18), 18, 18),
            Note(25, lines.line(19)[3:], lines.span(19), 19, 19),
        ],
    )


def changed_source(with_second: bool = True) -> Source:
    """The same file with a typo fixed: another sha256, the same lines and document ids.

    Without the second document the file also gains a final newline, so each variant
    has its own sha256.
    """
    text = SAMPLE_TEXT.replace("hopes", "hope")
    if not with_second:
        text += "\n"
    return build_source(text, with_second=with_second)
