"""The apparatus: every note marker linked to its note, and back.

Reads: ``Source.notes``, each document's ``note_refs`` (found by segmentation), the
Layout's lines.
Adds: ``NoteRef.note`` and ``NoteRef.evidence`` (the note a marker points at, and
why); a warning on the document for a marker whose note the source lacks; a source
warning for a note that no marker points at.

Where a page numbers its notes 1, 2, 3 but its markers carry the volume's running
numbers (24, 25, 26), no marker matches a note by number; the markers are then read
again with any number and, when they run in order and there are as many as notes,
paired with the notes by order — and the evidence says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from missive.model import CERTAIN, PROBABLE, Document, Evidence, Note, NoteRef, Source, Span
from missive.pipeline.aliases import find_aliases
from missive.pipeline.markers import Marker, find_markers
from missive.pipeline.normalize import Layout, Line
from missive.pipeline.source_notes import attach_source_notes

SAME_NUMBER = "marker and note carry the same number"
BY_ORDER = "paired by order: the notes are numbered {first}-{last}, the markers {mfirst}-{mlast}"
ANY_NUMBER = frozenset(range(1, 1000))


def apparatus(source: Source, layout: Layout) -> None:
    notes = {n.number: n for n in source.notes}
    refs = list(all_refs(source.documents))
    if notes and refs and not any(ref.number in notes for _, ref in refs):
        refs = []  # markers found by number only by accident; read them again below
    if notes and not refs:
        pair_by_order(source, layout, source.notes)
        refs = list(all_refs(source.documents))
    if attach_source_notes(source, layout):  # no marker: after the pairings above
        refs = list(all_refs(source.documents))
    for doc, ref in refs:
        if ref.evidence is not None:
            continue
        if ref.number in notes:
            ref.note = ref.number
            ref.evidence = Evidence(SAME_NUMBER, CERTAIN, ref.span, str(ref.number))
        else:
            line = source.readable.count("\n", 0, ref.span.start) + 1
            warning = f"note marker {ref.number} (line {line}) has no note in the source"
            if warning not in doc.warnings:
                doc.warnings.append(warning)
    find_aliases(source)
    pointed_at = {ref.note for _, ref in refs}
    for note in source.notes:
        if note.number not in pointed_at:
            source.warnings.append(
                f"note {note.number} (line {note.start_line}) has no marker pointing at it"
            )


def all_refs(documents: list[Document]) -> Iterator[tuple[Document, NoteRef]]:
    """Every marker with its document, enclosures included (an enclosure's markers
    are also its parent's: the same NoteRef objects are not shared, so both come)."""
    for doc in documents:
        for ref in doc.note_refs:
            yield doc, ref
        yield from all_refs(doc.enclosures)


# --- notes numbered per page, markers numbered through the volume ---------------------


def pair_by_order(source: Source, layout: Layout, notes: list[Note]) -> bool:
    """Read markers of any number; if they rise one by one and are as many as the
    notes, pair the k-th marker with the k-th note."""
    found = _markers_in_documents(layout)
    for form in ("fused", None):
        chosen = [(line, mk) for line, mk in found if form is None or mk.form == form]
        numbers = [mk.number for _, mk in chosen]
        if len(chosen) == len(notes) and all(b == a + 1 for a, b in pairwise(numbers)):
            _attach(source, chosen, notes)
            return True
    return False


def _markers_in_documents(layout: Layout) -> list[tuple[Line, Marker]]:
    end = layout.notes_start if layout.notes_start is not None else len(layout.lines)
    found: list[tuple[Line, Marker]] = []
    for line in layout.lines[layout.first_line : end]:
        if line.kind in ("blank", "noise") or not line.clean:
            continue
        found.extend((line, mk) for mk in find_markers(line.raw, ANY_NUMBER))
    return found


def _attach(source: Source, chosen: list[tuple[Line, Marker]], notes: list[Note]) -> None:
    rule = BY_ORDER.format(
        first=notes[0].number,
        last=notes[-1].number,
        mfirst=chosen[0][1].number,
        mlast=chosen[-1][1].number,
    )
    for (line, mk), note in zip(chosen, notes, strict=True):
        span = Span(line.start + mk.start, line.start + mk.end)
        context = max(0, mk.start - 20)  # the evidence shows the words the marker stands on
        for doc in _documents_holding(source.documents, span):
            shown = Span(line.start + context, span.end)
            ev = Evidence(rule, PROBABLE, shown, line.raw[context : mk.end])
            doc.note_refs.append(NoteRef(mk.number, span, mk.form, note.number, ev))
            doc.note_refs.sort(key=lambda r: r.span.start)
            _strip_from_body(doc, line.raw, mk)


def _documents_holding(documents: list[Document], span: Span) -> Iterator[Document]:
    for doc in documents:
        if doc.span.start <= span.start < doc.span.end:
            yield doc
            yield from _documents_holding(doc.enclosures, span)


def _strip_from_body(doc: Document, raw: str, mk: Marker) -> None:
    """Take a marker out of the paragraph that holds it, found with the word it stands
    on ("Staff24" -> "Staff", "message 25 to me" -> "message to me")."""
    word_end = mk.start if mk.form == "fused" else len(raw[: mk.start].rstrip())
    end = mk.end
    if raw[mk.start - 1 : mk.start] == "[" and raw[end : end + 1] == "]":
        word_end, end = mk.start - 1, end + 1  # "city.[1]"
    word_start = raw.rfind(" ", 0, word_end) + 1
    with_marker, without = raw[word_start:end], raw[word_start:word_end]
    for paragraph in doc.body:
        if with_marker in paragraph.text:
            paragraph.text = paragraph.text.replace(with_marker, without, 1)
            return
