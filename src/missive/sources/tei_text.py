"""A document's text from TEI paragraphs: mixed content flattened, with the offsets
where notes and note pointers stand (their own text is not part of the body)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from missive.sources.teixml import local

__all__ = ["PARAGRAPH_SEPARATOR", "TextBuilder", "flat_text"]

PARAGRAPH_SEPARATOR = "\n\n"
# Line breaks with the indentation of an XML file's layout (not text of the document).
_LAYOUT = re.compile(r"[ \t]*\n[ \t]+")
# Elements whose content is not body text.
SKIPPED = frozenset({"note", "ptr", "anchor", "app"})
# Elements that mark a place in the text: notes, pointers to notes, markers of missing notes.
MARKERS = frozenset({"note", "ptr", "anchor"})


class TextBuilder:
    """The text of one document, paragraph after paragraph."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.paragraphs = 0

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def begin_paragraph(self) -> int:
        if self.paragraphs:
            self._add(PARAGRAPH_SEPARATOR)
        self.paragraphs += 1
        return self.length

    def read(self, element: etree._Element) -> Iterator[tuple[str, int, etree._Element]]:
        """Add the text of `element`; yield (marker name, offset, element) for MARKERS."""
        self._add(element.text or "")
        for child in element:
            name = local(child)
            if name in MARKERS:
                yield name, self.length, child
            elif name not in SKIPPED and isinstance(child.tag, str):
                yield from self.read(child)
            self._add(child.tail or "")

    def _add(self, text: str) -> None:
        text = _LAYOUT.sub(" ", text)
        if text:
            self.parts.append(text)
            self.length += len(text)


def flat_text(element: etree._Element) -> str:
    """All the text of `element`, its file layout (indented line breaks) removed."""
    return _LAYOUT.sub(" ", "".join(element.itertext())).strip()
