"""Numbered points inside a letter: a line ending in ":" ("I make the following
suggestions:") introduces a list whose items are numbered on lines of their own ("1." /
"In the second paragraph omit ..." / "2." / ...). Such a number is the item's, not a
document's: the items are body text of the letter that introduces them.

Reads: classified lines. Changes: each list item's number line becomes "body" (info
``list_item``: its number).
"""

from __future__ import annotations

import re

from missive.pipeline.normalize import Line, next_text_lines

_SKIPPED = ("blank", "noise")
_ENDS_IN_COLON = re.compile(r":(?:\d{1,3}|[*†‡]+)?$")  # a note marker may follow the colon


def mark_list_items(lines: list[Line]) -> None:
    """Number lines that continue a list introduced by a body line ending in ":"."""
    expected = 0  # the number the next item of an open list carries; 0: no list open
    previous: Line | None = None
    for k, line in enumerate(lines):
        if line.kind in _SKIPPED:
            continue
        if _bare_number(line) and _body_follows(lines, k):
            number = line.info["number"]
            if (number == 1 and _introduces_list(previous)) or (expected and number == expected):
                line.kind, line.info = "body", {"list_item": number}
                expected = number + 1
                previous = line
                continue
        if line.kind != "body":
            expected = 0
        previous = line


def _bare_number(line: Line) -> bool:
    """ "1.": a number line that says nothing but its number."""
    return line.kind == "number" and set(line.info) == {"number"} and line.clean[:-1].isdigit()


def _introduces_list(line: Line | None) -> bool:
    return line is not None and line.kind == "body" and bool(_ENDS_IN_COLON.search(line.clean))


def _body_follows(lines: list[Line], k: int) -> bool:
    following = next_text_lines(lines, k, 1)
    return bool(following) and following[0].kind == "body"
