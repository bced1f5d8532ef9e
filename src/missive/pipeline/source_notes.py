"""A document's source note ("RC (DLC: Washington Papers).", "FC (DLC: TJ Papers)"),
printed first under its own "Notes" heading (document_notes.py), is a note of that
document though no marker in the text points at it.

Reads: the layout's lines marked ``info["source_note"]``, ``Source.notes``.
Adds: to the top-level document printed around the note, a ``NoteRef`` of form
"source" standing on the note itself (not in the body), paired with it, with evidence.
"""

from __future__ import annotations

from missive.model import CERTAIN, Document, Evidence, NoteRef, Source
from missive.pipeline.normalize import Layout

SOURCE_NOTE = "the unnumbered paragraph opening the document's Notes is its source note"
SOURCE_FORM = "source"


def attach_source_notes(source: Source, layout: Layout) -> bool:
    """Pair each source note with its document; whether there was any."""
    if not any(note.number == 0 for note in source.notes):
        return False
    starts = {
        line.no
        for line in layout.lines
        if line.info.get("source_note") and line.info.get("first") == line.no
    }
    if not starts:
        return False
    for note in source.notes:
        if note.start_line not in starts:
            continue
        doc = _document_holding(source.documents, note.span.start)
        if doc is None:
            continue
        ev = Evidence(SOURCE_NOTE, CERTAIN, note.span, note.text)
        doc.note_refs.append(NoteRef(note.number, note.span, SOURCE_FORM, note.number, ev))
    return True


def _document_holding(documents: list[Document], offset: int) -> Document | None:
    return next((d for d in documents if d.span.start <= offset < d.span.end), None)
