"""Moving a window's parse into the coordinates of the whole file.

A window is parsed as a small source whose text is made of pieces of the file: a
stretch of documents, then the notes its markers may point at. Its offsets, line
numbers and document ids are local; :class:`Relocation` maps them back: an offset
or a line by the piece it falls in, an id by the renames the windowed parse decided.
Spans, evidence, inferred values and parties are frozen, so they are rebuilt;
documents, paragraphs, markers, links, witnesses, mentions and notes are changed in
place.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from missive.model import (
    Document,
    Evidence,
    Inferred,
    Link,
    Mention,
    Note,
    NoteRef,
    Party,
    Span,
    Witness,
)

LINE_KEYS = frozenset({"start_line", "end_line", "base_line", "reading_line"})
INFERRED_FIELDS = ("number", "kind", "place", "channel", "classification", "salutation",
                   "closing", "signature", "address", "heading")  # fmt: skip
_LINE_IN_WARNING = re.compile(r"\(line (\d+)\)")


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the file copied into the window's text: where it stands in each."""

    local_start: int
    start: int
    length: int
    local_line: int  # 1-based line of its first character, in the window's text
    line: int  # ... and in the file
    lines: int  # newlines in it


class Relocation:
    def __init__(self, pieces: list[Piece], local_tag: str) -> None:
        self.pieces = pieces
        self._starts = [p.local_start for p in pieces]
        self._lines = [p.local_line for p in pieces]
        self.local_tag = local_tag
        self.renames: dict[str, str] = {}
        self._ids = re.compile(re.escape(local_tag) + r"-[a-z0-9]+(?:-[a-z0-9]+)*")
        # id -> (original, moved); the originals are held so that their ids stay theirs.
        self._moved: dict[int, tuple[Any, Any]] = {}

    # --- scalars --------------------------------------------------------------------

    def offset(self, local: int) -> int:
        first = self.pieces[0]
        if 0 <= local <= first.length:  # most offsets: in the window's own stretch
            return first.start + local
        piece = self.pieces[max(bisect.bisect_right(self._starts, local) - 1, 0)]
        return piece.start + min(max(local - piece.local_start, 0), piece.length)

    def line(self, local: int) -> int:
        first = self.pieces[0]
        if 1 <= local <= first.lines + 1:
            return first.line + local - 1
        piece = self.pieces[max(bisect.bisect_right(self._lines, local) - 1, 0)]
        return piece.line + min(max(local - piece.local_line, 0), piece.lines)

    def span(self, span: Span) -> Span:
        return Span(self.offset(span.start), self.offset(span.end))

    def rename(self, text: str) -> str:
        """Every local document id in `text` replaced by the whole file's id."""
        if self.local_tag not in text:
            return text
        return self._ids.sub(self._renamed, text)

    def is_local(self, doc_id: str | None) -> bool:
        """An id left local: a document of the overlap no neighbouring window kept."""
        return doc_id is not None and doc_id.startswith(self.local_tag + "-")

    def warning(self, text: str) -> str:
        text = _LINE_IN_WARNING.sub(lambda m: f"(line {self.line(int(m.group(1)))})", text)
        return self.rename(text)

    def _renamed(self, m: re.Match[str]) -> str:
        found = m.group(0)
        candidate = found
        while candidate not in self.renames and "-" in candidate[len(self.local_tag) + 1 :]:
            candidate = candidate.rsplit("-", 1)[0]
        if candidate in self.renames:
            return self.renames[candidate] + found[len(candidate) :]
        return found

    # --- model objects --------------------------------------------------------------

    def document(self, doc: Document) -> Document:
        doc.id = self.rename(doc.id)
        doc.parent_id = self.rename(doc.parent_id) if doc.parent_id else doc.parent_id
        doc.span = self.span(doc.span)
        doc.start_line, doc.end_line = self.line(doc.start_line), self.line(doc.end_line)
        for name in INFERRED_FIELDS:
            value = getattr(doc, name)
            if value is not None:
                setattr(doc, name, self.inferred(value))
        doc.senders = [self.party(p) for p in doc.senders]
        doc.recipients = [self.party(p) for p in doc.recipients]
        doc.dates = {role: self.inferred(value) for role, value in doc.dates.items()}
        for paragraph in doc.body:
            paragraph.span = self.span(paragraph.span)
        for ref in doc.note_refs:
            self.note_ref(ref)
        for link in doc.links:
            self.link(link)
        for witness in doc.witnesses:
            self.witness(witness)
        for mention in doc.mentions:
            self.mention(mention)
        doc.warnings = [self.warning(w) for w in doc.warnings]
        for child in doc.enclosures:
            self.document(child)
        return doc

    def note(self, note: Note) -> Note:
        note.span = self.span(note.span)
        note.start_line, note.end_line = self.line(note.start_line), self.line(note.end_line)
        return note

    def evidence(self, evidence: Evidence | None) -> Evidence | None:
        if evidence is None or (evidence.span is None and self.local_tag not in evidence.note):
            return evidence
        key = id(evidence)
        if key in self._moved:
            return self._moved[key][1]
        span = None if evidence.span is None else self.span(evidence.span)
        moved = Evidence(evidence.rule, evidence.confidence, span, evidence.text,
                         self.rename(evidence.note))  # fmt: skip
        self._moved[key] = (evidence, moved)
        return moved

    def inferred(self, value: Inferred[Any]) -> Inferred[Any]:
        evidence = self.evidence(value.evidence)
        return value if evidence is value.evidence else Inferred(value.value, evidence)

    def party(self, party: Party) -> Party:
        evidence = self.evidence(party.evidence)
        return party if evidence is party.evidence else Party(party.key, party.name, evidence)

    def note_ref(self, ref: NoteRef) -> None:
        ref.span = self.span(ref.span)
        ref.evidence = self.evidence(ref.evidence)

    def link(self, link: Link) -> None:
        link.target = self.rename(link.target) if link.target else link.target
        link.evidence = self.evidence(link.evidence)
        link.target_description = self.rename(link.target_description)
        link.data = self.plain(link.data)

    def witness(self, witness: Witness) -> None:
        witness.span = self.span(witness.span)
        witness.start_line, witness.end_line = (
            self.line(witness.start_line),
            self.line(witness.end_line),
        )
        witness.variants = self.plain(witness.variants)

    def mention(self, mention: Mention) -> None:
        mention.span = self.span(mention.span)
        mention.evidence = self.evidence(mention.evidence)  # type: ignore[assignment]

    def plain(self, value: Any) -> Any:
        """JSON-like data (a link's or a variant's): lines moved, ids renamed."""
        if isinstance(value, str):
            return self.rename(value)
        if isinstance(value, list):
            return [self.plain(v) for v in value]
        if isinstance(value, dict):
            return {
                k: self.line(v) if k in LINE_KEYS and type(v) is int else self.plain(v)
                for k, v in value.items()
            }
        return value
