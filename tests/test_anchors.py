from __future__ import annotations

from missive.anchors import marker_offset
from missive.model import Document, NoteRef, Paragraph, Span

ORIGINAL = "The Combined Chiefs of Staff24 have agreed.\nA second para-\ngraph with a note 25 here."


def _doc() -> Document:
    first_end = ORIGINAL.index("\n")
    second_start = first_end + 1
    body = [
        Paragraph(Span(0, first_end), "The Combined Chiefs of Staff have agreed."),
        Paragraph(Span(second_start, len(ORIGINAL)), "A second paragraph with a note here."),
    ]
    refs = [
        NoteRef(24, Span(ORIGINAL.index("24"), ORIGINAL.index("24") + 2), "fused"),
        NoteRef(25, Span(ORIGINAL.index("25"), ORIGINAL.index("25") + 2), "spaced"),
    ]
    return Document("d", 0, Span(0, len(ORIGINAL)), 1, 3, body=body, note_refs=refs)


def test_markers_land_after_their_word_in_the_normalized_text() -> None:
    doc = _doc()
    text = doc.text
    fused, spaced = (marker_offset(doc, ref, ORIGINAL) for ref in doc.note_refs)
    assert text[:fused].endswith("Chiefs of Staff")
    assert text[:spaced].endswith("with a note")  # across a dehyphenated line break


def test_a_stated_offset_wins_and_markers_outside_the_body_have_none() -> None:
    doc = _doc()
    doc.note_refs[0].offset = 3
    assert marker_offset(doc, doc.note_refs[0], ORIGINAL) == 3
    outside = NoteRef(9, Span(len(ORIGINAL), len(ORIGINAL)), "fused")
    doc.body[1].span = Span(doc.body[1].span.start, len(ORIGINAL) - 1)
    assert marker_offset(doc, outside, ORIGINAL) is None
