"""Model objects -> plain dicts: the JSONL contract (DESIGN.md, "Contracts").

Every span is turned into 1-based lines of the *original* file.  Model spans are
offsets into ``Source.readable``; for markup sources they are mapped back with
``Source.original_offset`` before the line lookup.  The line index of a source is
built once and reused for all its documents (see :func:`source_context`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from missive.anchors import marker_offset
from missive.model import (
    DATE_ROLES,
    Document,
    Evidence,
    Inferred,
    Link,
    Note,
    NoteRef,
    Party,
    Source,
    Span,
    Witness,
)
from missive.textutil import LineIndex, words

INCIPIT_WORDS = 8

# Scalar inferred fields: serialized as their plain value, evidence under "evidence".
SCALAR_FIELDS = ("kind", "place", "channel", "classification", "salutation", "closing")
EXTRA_SCALAR_FIELDS = ("signature", "address", "heading")


@dataclass(slots=True)
class SourceContext:
    """What serializing many documents of one source shares: the line index and notes."""

    source: Source
    text: str  # the text the line index was built from
    note_count: int
    lines: LineIndex
    notes_by_number: dict[int, Note]
    _referenced_by: dict[tuple[str, int], list[str]] | None = field(default=None)
    _within: NotesWithin | None = field(default=None)  # made on first use
    # `line_of` made once: a bisection of the line starts, through the offset map
    # for markup (called for every span of every document).
    _line_of: Callable[[int], int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lines, source = self.lines, self.source
        if source.plain_map is None:
            self._line_of = partial(bisect_right, lines.starts)
        else:
            self._line_of = lambda offset: lines.line_of(source.original_offset(offset))

    def line_of(self, offset: int) -> int:
        """The 1-based original line of an offset into ``source.readable``."""
        return self._line_of(offset)

    def span_lines(self, span: Span) -> tuple[int, int]:
        start, last = span.start, span.end - 1
        line_of = self._line_of
        return line_of(start), line_of(last if last > start else start)

    def notes_within(self, span: Span) -> dict[int, Note]:
        """The notes printed inside a span (a document's own notes), by number."""
        if self._within is None:
            self._within = notes_within_of(self.source.notes)
        return self._within(span)

    def referenced_by(self, note: Note) -> list[str]:
        """Ids of the top-level documents whose markers (enclosures included) point at
        `note`, paired as the export pairs them: a document's own note of the number
        first, else the source's first note of that number."""
        if self._referenced_by is None:
            self._referenced_by = _note_references(self.source.documents, self.notes_within)
        ids = list(self._referenced_by.get(("at", note.span.start), []))
        if self.notes_by_number.get(note.number) is note:
            ids.extend(
                i for i in self._referenced_by.get(("number", note.number), []) if i not in ids
            )
        return ids


_last_context: SourceContext | None = None


def source_context(source: Source) -> SourceContext:
    """The shared context of `source`; the last one built is reused while its text is unchanged."""
    global _last_context
    cached = _last_context
    if (
        cached is not None
        and cached.source is source
        and cached.text is source.text
        and cached.note_count == len(source.notes)
    ):
        return cached
    notes: dict[int, Note] = {}
    for note in source.notes:
        notes.setdefault(note.number, note)
    _last_context = SourceContext(
        source, source.text, len(source.notes), LineIndex(source.text), notes
    )
    return _last_context


# Which note a marker points at: ("at", start) for a note printed inside the citing
# document (its own footnote), ("number", n) for the source's first note numbered n.
NoteKey = tuple[str, int]
NotesWithin = Callable[[Span], dict[int, Note]]


def _note_references(documents: list[Document], within: NotesWithin) -> dict[NoteKey, list[str]]:
    refs: dict[NoteKey, list[str]] = {}
    add_note_references(refs, documents, within)
    return refs


def add_note_references(
    refs: dict[NoteKey, list[str]], documents: list[Document], within: NotesWithin
) -> None:
    """Note key -> ids of the top-level documents whose markers (enclosures included)
    point at it, added to `refs` (a windowed parse adds a window at a time); `within`
    gives the notes printed inside a span."""
    for doc in documents:
        for key in _marker_keys(doc, within):
            ids = refs.setdefault(key, [])
            if doc.id not in ids:
                ids.append(doc.id)


def notes_within_of(notes: list[Note]) -> NotesWithin:
    """`SourceContext.notes_within` over a list of notes (a windowed parse's so far)."""
    ordered = sorted(notes, key=lambda n: n.span.start)
    starts = [n.span.start for n in ordered]

    def within(span: Span) -> dict[int, Note]:
        first = bisect_right(starts, span.start - 1)
        last = bisect_right(starts, span.end - 1)
        return {n.number: n for n in reversed(ordered[first:last])}

    return within


def _marker_keys(doc: Document, within: NotesWithin) -> list[NoteKey]:
    own = within(doc.span) if doc.note_refs else {}
    keys: list[NoteKey] = []
    for ref in doc.note_refs:
        number = _note_of(ref)
        note = own.get(number)
        keys.append(("number", number) if note is None else ("at", note.span.start))
    for child in doc.enclosures:
        keys.extend(_marker_keys(child, within))
    return keys


def evidence_to_dict(evidence: Evidence | None, ctx: SourceContext) -> dict[str, Any] | None:
    """``{rule, confidence, text, start_line, end_line}`` (+ ``note`` when the rule left one)."""
    return None if evidence is None else _evidence(evidence, ctx)


def _document_lines(doc: Document, ctx: SourceContext) -> dict[str, int]:
    """Lines of the original file; for markup the parser's lines are of its plain text."""
    if ctx.source.plain_map is None:
        return {"start_line": doc.start_line, "end_line": doc.end_line}
    start_line, end_line = ctx.span_lines(doc.span)
    return {"start_line": start_line, "end_line": end_line}


def _evidence(evidence: Evidence, ctx: SourceContext) -> dict[str, Any]:
    span = evidence.span
    if span is None:
        start_line = end_line = None
    else:
        start_line, end_line = ctx.span_lines(span)
    out: dict[str, Any] = {
        "rule": evidence.rule,
        "confidence": evidence.confidence,
        "text": evidence.text,
        "start_line": start_line,
        "end_line": end_line,
    }
    if evidence.note:
        out["note"] = evidence.note
    return out


def _party(party: Party, ctx: SourceContext) -> dict[str, Any]:
    return {
        "key": party.key,
        "name": party.name,
        "confidence": party.confidence,
        "evidence": _evidence(party.evidence, ctx),
    }


def _dates(doc: Document, ctx: SourceContext) -> dict[str, dict[str, Any] | None]:
    out: dict[str, dict[str, Any] | None] = {}
    for role in DATE_ROLES:
        inferred = doc.dates.get(role)
        out[role] = None if inferred is None else _inferred(inferred, ctx)
    return out


def _inferred(inferred: Inferred[Any], ctx: SourceContext) -> dict[str, Any]:
    return {
        "value": inferred.value,
        "confidence": inferred.confidence,
        "evidence": _evidence(inferred.evidence, ctx),
    }


def _value(inferred: Inferred[Any] | None) -> Any:
    return None if inferred is None else inferred.value


def _field_evidence(doc: Document, ctx: SourceContext) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name in ("number", *SCALAR_FIELDS, *EXTRA_SCALAR_FIELDS):
        inferred = getattr(doc, name)
        if inferred is not None:
            out[name] = _evidence(inferred.evidence, ctx)
    return out


def _document_confidence(doc: Document) -> float | None:
    """The lowest confidence over number, senders, recipients and dates (None if none)."""
    values = [p.confidence for p in (*doc.senders, *doc.recipients)]
    values.extend(d.confidence for d in doc.dates.values())
    if doc.number is not None:
        values.append(doc.number.confidence)
    return min(values) if values else None


def _notes(doc: Document, ctx: SourceContext) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    own = ctx.notes_within(doc.span) if doc.note_refs else {}  # printed with the document
    for ref in doc.note_refs:
        number = _note_of(ref)
        note = own.get(number) or ctx.notes_by_number.get(number)
        if note is None or number in seen:
            continue
        seen.add(number)
        out.append({"number": note.number, "text": note.text})
    return out


def _note_of(ref: NoteRef) -> int:
    """The number of the note a marker points at (the apparatus stage may pair a
    marker with a note of another number)."""
    return ref.note if ref.note is not None else ref.number


def _note_ref(ref: NoteRef, ctx: SourceContext) -> dict[str, Any]:
    out = {"number": ref.number, "start_line": ctx.line_of(ref.span.start), "form": ref.form}
    if ref.evidence is not None:
        out["note"] = ref.note
        out["evidence"] = _evidence(ref.evidence, ctx)
    return out


def _link(link: Link, ctx: SourceContext) -> dict[str, Any]:
    out = {
        "type": link.type,
        "target": link.target,
        "evidence": _evidence(link.evidence, ctx),
        "target_description": link.target_description,
    }
    if link.data:
        out["data"] = link.data
    return out


def _witness(witness: Witness) -> dict[str, Any]:
    return {
        "label": witness.label,
        "start_line": witness.start_line,
        "end_line": witness.end_line,
        "text": witness.text,
        "variants": list(witness.variants),
    }


def _entity(entity: dict[str, Any]) -> dict[str, Any]:
    out = dict(entity)
    out.setdefault("key", None)
    out.setdefault("type", None)
    out.setdefault("count", 1)
    return out


def document_to_dict(
    doc: Document, source: Source, ctx: SourceContext | None = None
) -> dict[str, Any]:
    """The JSONL contract object of one document (its enclosures nested, same shape)."""
    ctx = ctx or source_context(source)
    best = doc.best_date
    text = doc.text
    return {
        "id": doc.id,
        "source": source.name,
        "source_sha256": source.sha256,
        "span": _document_lines(doc, ctx),
        "number": _value(doc.number),
        "number_printed": doc.number_printed,
        "kind": _value(doc.kind),
        "senders": [_party(p, ctx) for p in doc.senders],
        "recipients": [_party(p, ctx) for p in doc.recipients],
        "dates": _dates(doc, ctx),
        # A date the document does not carry but a later reply gives it (link stage).
        "date_inferred": _inferred(doc.dates["inferred"], ctx) if "inferred" in doc.dates else None,
        "date": _value(best),
        **{name: _value(getattr(doc, name)) for name in SCALAR_FIELDS},
        "text": text,
        "incipit": words(text, INCIPIT_WORDS),
        "notes": _notes(doc, ctx),
        "links": [_link(link, ctx) for link in doc.links],
        "entities": [_entity(e) for e in doc.entities],
        "enclosures": _enclosures(doc, source, ctx),
        "witnesses": [_witness(w) for w in doc.witnesses],
        # Extra keys beyond the contract.
        "ordinal": doc.ordinal,
        "parent_id": doc.parent_id,
        **{name: _value(getattr(doc, name)) for name in EXTRA_SCALAR_FIELDS},
        "evidence": _field_evidence(doc, ctx),
        "note_refs": [
            {**_note_ref(r, ctx), "offset": marker_offset(doc, r, ctx.source.readable)}
            for r in doc.note_refs
        ],
        "confidence": _document_confidence(doc),
        "warnings": list(doc.warnings),
        "paragraphs": [_paragraph(p.span, p.text, ctx) for p in doc.body],
    }


def _enclosures(doc: Document, source: Source, ctx: SourceContext) -> list[dict[str, Any]]:
    out = []
    for child in doc.enclosures:
        data = document_to_dict(child, source, ctx)
        data["parent_id"] = data["parent_id"] or doc.id
        out.append(data)
    return out


def _paragraph(span: Span, text: str, ctx: SourceContext) -> dict[str, Any]:
    start_line, end_line = ctx.span_lines(span)
    return {"start_line": start_line, "end_line": end_line, "text": text}


def note_to_dict(note: Note, source: Source, ctx: SourceContext | None = None) -> dict[str, Any]:
    """An endnote with its lines and the documents whose markers point at it."""
    ctx = ctx or source_context(source)
    return {
        "source": source.name,
        "number": note.number,
        "text": note.text,
        "start_line": note.start_line,
        "end_line": note.end_line,
        "referenced_by": ctx.referenced_by(note),
        "defines": list(note.defines),
    }


def count_documents(documents: list[Document]) -> int:
    """All documents, enclosures included."""
    return sum(1 + count_documents(d.enclosures) for d in documents)


def source_to_dict(source: Source, ctx: SourceContext | None = None) -> dict[str, Any]:
    """Provenance and counts of a source (not its text)."""
    ctx = ctx or source_context(source)
    declaration = source.declaration
    return {
        "name": source.name,
        "sha256": source.sha256,
        "format": source.format,
        "encoding": source.encoding,
        "metadata": dict(source.metadata),
        "declaration": None
        if declaration is None
        else {
            "principal": declaration.principal,
            "correspondents": list(declaration.correspondents),
            "evidence": evidence_to_dict(declaration.evidence, ctx),
        },
        "warnings": list(source.warnings),
        "counts": {
            "documents": len(source.documents),
            "all_documents": count_documents(source.documents),
            "notes": len(source.notes),
            "lines": len(ctx.lines),
            "characters": len(source.text),
        },
    }
