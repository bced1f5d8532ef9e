"""Where a note marker stands in its document's body text.

A marker's span points into the original text, while the body paragraphs hold the
normalized text (markers, emphasis markup, line breaks and hyphenation removed).
Normalization only ever deletes characters, so counting the characters that survive
it (letters, digits, punctuation) before the marker gives its place in the paragraph.
"""

from __future__ import annotations

from missive.model import Document, NoteRef, Paragraph

# Characters normalization may delete or change: whitespace, hyphens, markup.
_SKIPPED = frozenset(" \t\r\n\f\v-\u00ad*_~#")
PARAGRAPH_SEPARATOR = "\n\n"


def marker_offset(doc: Document, ref: NoteRef, readable: str) -> int | None:
    """The offset in ``doc.text`` where the marker `ref` stands; None when it is
    outside every body paragraph (in a heading or a closing, say)."""
    if ref.offset is not None:
        return ref.offset
    base = 0
    for paragraph in doc.body:
        if paragraph.span.start <= ref.span.start <= paragraph.span.end:
            prefix = _without_markers(doc, readable, paragraph.span.start, ref.span.start)
            return base + _offset_in(paragraph, prefix)
        base += len(paragraph.text) + len(PARAGRAPH_SEPARATOR)
    return None


def _without_markers(doc: Document, readable: str, start: int, end: int) -> str:
    """The original text between `start` and `end` less the earlier markers in it."""
    parts, position = [], start
    for other in sorted(doc.note_refs, key=lambda r: r.span.start):
        if start <= other.span.start and other.span.end <= end:
            parts.append(readable[position : other.span.start])
            position = other.span.end
    parts.append(readable[position:end])
    return "".join(parts)


def _offset_in(paragraph: Paragraph, original_prefix: str) -> int:
    wanted = sum(1 for ch in original_prefix if ch not in _SKIPPED)
    text = paragraph.text
    seen = 0
    for index, ch in enumerate(text):
        if seen >= wanted:
            return _word_end(text, index)
        if ch not in _SKIPPED:
            seen += 1
    return len(text)


def _word_end(text: str, index: int) -> int:
    """Markers follow a word: never split one, move to its end instead."""
    if index > 0 and text[index - 1].isalnum():
        while index < len(text) and text[index].isalnum():
            index += 1
    return index
