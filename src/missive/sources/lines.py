"""Lines and paragraphs of a text, with their offsets in it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple


class Line(NamedTuple):
    start: int  # offset of the first character
    end: int  # offset just after the last character, before "\r\n" or "\n"
    next: int  # offset where the next line starts
    text: str  # the line without its terminator

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def iter_lines(text: str, start: int = 0) -> Iterator[Line]:
    """The lines of `text` from `start` on; "\\r\\n" and "\\n" both end a line."""
    pos, size = start, len(text)
    while pos < size:
        newline = text.find("\n", pos)
        stop = size if newline == -1 else newline
        end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        yield Line(pos, end, size if newline == -1 else newline + 1, text[pos:end])
        pos = size if newline == -1 else newline + 1


def iter_paragraphs(
    text: str, start: int = 0, max_lines: int | None = None
) -> Iterator[list[Line]]:
    """Runs of non-blank lines, among the first `max_lines` lines from `start` on."""
    paragraph: list[Line] = []
    for count, line in enumerate(iter_lines(text, start)):
        if max_lines is not None and count >= max_lines:
            break
        if line.blank:
            if paragraph:
                yield paragraph
            paragraph = []
        else:
            paragraph.append(line)
    if paragraph:
        yield paragraph


def joined(lines: list[Line]) -> str:
    """The lines' text as one line: stripped and joined with single spaces."""
    return " ".join(" ".join(line.text.split()) for line in lines if not line.blank)
