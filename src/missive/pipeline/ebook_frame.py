"""The frame an ebook library puts around a book: Project Gutenberg's header (title,
author, release date, "*** START OF THE PROJECT GUTENBERG EBOOK ... ***") and, after
"*** END OF THE PROJECT GUTENBERG EBOOK ... ***", its licence. Neither is the book's.

Reads: the cleaned lines of a source.
Gives: the index of the first line of the book and of the first line after it.
"""

from __future__ import annotations

import re

from missive.pipeline.normalize import Line

_START = re.compile(
    r"^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b.*\*{3}$", re.IGNORECASE
)
_END = re.compile(
    r"^\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b.*\*{3}$"
    r"|^End of (?:the )?Project Gutenberg'?s? (?:E-?Book|Etext)\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:Produced|Prepared|Transcribed|Scanned|Digitized|Proofread)\s+(?:by|from)\b"
    r"|^E-?text (?:prepared|produced) by\b",
    re.IGNORECASE,
)
# An ebook site's blurb over its page of the book: "Complete Project Gutenberg Abraham
# Lincoln Writings eBook" / "This eBook from the Gutenberg Project consists of
# approximately 1,923 pages of information about ...".
_BLURB = re.compile(
    r"^This e-?book\b.{0,200}\b(?:consists of|contains|is)\b|^[A-Z].{0,200}\be-?book\.?$",
    re.IGNORECASE,
)
_MARKER_START = "*E"  # what a marker line opens with ("***", "End of ...")


def book_lines(lines: list[Line], first: int) -> tuple[int, int]:
    """(first, stop): the book's lines are lines[first:stop]; (first, len) if unframed."""
    start, stop = first, len(lines)
    for i, line in enumerate(lines):
        text = line.raw.strip()  # raw: cleaning reads "***" as emphasis
        if text[:1] not in _MARKER_START:
            continue
        if _START.match(text) and i >= start:
            start = i + 1
        elif _END.match(text) and i >= start:
            stop = i
            break
    return _after_blurb(lines, _after_credits(lines, start, stop), stop), stop


def _after_credits(lines: list[Line], start: int, stop: int) -> int:
    """Past the transcribers' credit that opens the book ("Produced by ...")."""
    i = start
    while i < stop and not lines[i].clean:
        i += 1
    if i == stop or not _CREDIT.match(lines[i].clean):
        return start
    while i < stop and lines[i].clean:
        i += 1
    return i


def _after_blurb(lines: list[Line], start: int, stop: int) -> int:
    """Past the paragraphs of an ebook site's blurb that open the text."""
    i, past = start, start
    while i < stop:
        if not lines[i].clean:
            i += 1
            continue
        if not _BLURB.match(lines[i].clean):
            break
        i += 1
        past = i
    return past
