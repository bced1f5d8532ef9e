"""Header and closing lines a typed or printed page wraps over several lines, read as
one: a dateline broken by a line-end hyphen ("Moscow, Sept-" / "ember 3, 1943."), the
place above a despatch's date ("BRITISH EMBASSY," / "ANKARA." / "3rd March,
1954."), and the long closing of an official letter ("I have the honour to be, Sir," /
"with the highest respect," / "Your most obedient, humble Servant,").

Reads: one paragraph of classified lines (consecutive non-blank lines).
Changes: the first line of what is joined takes the joined kind and info (``end`` and
``text`` cover every line), the others become "continuation".
"""

from __future__ import annotations

import re
from itertools import pairwise

from missive.pipeline.classify import classify_as_printed, is_closing
from missive.pipeline.normalize import Line, join_paragraph

# One line of a place set above a date: "BRITISH EMBASSY,", "ANKARA.", "Foreign Office,".
_PLACE_PART = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*){0,3}[,.]?$")
_PLACE_KINDS = {"body", "name", "place_line"}
_ABOVE_PLACE = {"number", "file_reference"}  # what may stand above the place lines
_MAX_PLACE_LINES = 2
_CLOSING_OPENS = re.compile(
    r"^(?:I\s+(?:am|have|remain)|Believe|With|Accept|Your|Yours|Very|Most|Respectfully|Ever)\b"
)
_CLOSING_KINDS = {"body", "salutation", "closing", "name"}
_MAX_CLOSING_LINES = 4
_MAX_CLOSING_LINE = 60
_FIELD_GOES_ON = {"body", "name", "place_line"}


def join_place_lines_above_date(paragraph: list[Line]) -> None:
    """Place lines right above a date line that names no place, under the document's
    number or file reference, are the dateline's place."""
    for k, line in enumerate(paragraph):
        if k < 2 or line.kind != "dateline" or line.info.get("place"):
            continue
        top = k
        while (
            top > 0
            and k - top < _MAX_PLACE_LINES
            and paragraph[top - 1].kind in _PLACE_KINDS
            and _PLACE_PART.match(paragraph[top - 1].clean)
        ):
            top -= 1
        if top == k or top == 0 or paragraph[top - 1].kind not in _ABOVE_PLACE:
            continue
        parts = [p.clean.rstrip(",.") for p in paragraph[top:k]]
        if place := paragraph[top - 1].info.get("place"):  # "(R 1013/2)     BRITISH EMBASSY,"
            parts.insert(0, place)
        first = paragraph[top]
        first.kind = "dateline"
        first.info = {
            **line.info,
            "place": ", ".join(parts),
            "end": line.end,
            "text": " ".join(p.clean for p in paragraph[top : k + 1]),
        }
        for p in paragraph[top + 1 : k + 1]:
            p.kind, p.info = "continuation", {"continues": first.no}
        return


def join_wrapped_closing(paragraph: list[Line]) -> None:
    """The longest run of short lines opening a short paragraph that reads as a
    closing formula only when joined ("I have the honor to be, Sir," / "Your obedient
    servant,"), under which only name lines (the signature) may follow, is one closing."""
    if not 2 <= len(paragraph) <= _MAX_CLOSING_LINES or not _CLOSING_OPENS.match(
        paragraph[0].clean
    ):
        return
    for end in range(len(paragraph), 1, -1):
        part, rest = paragraph[:end], paragraph[end:]
        if any(p.kind != "name" for p in rest):
            continue
        if any(p.kind not in _CLOSING_KINDS or len(p.clean) > _MAX_CLOSING_LINE for p in part):
            continue
        if part[-1].kind == "name" and not rest:
            continue  # the last line signs: it is no part of the formula
        joined = " ".join(p.clean for p in part)
        if is_closing(joined):
            _join(part, joined)
            return


def _join(part: list[Line], joined: str) -> None:
    first = part[0]
    first.kind, first.info = "closing", {"closing": joined, "end": part[-1].end, "text": joined}
    for p in part[1:]:
        p.kind, p.info = "continuation", {"continues": first.no}


def join_wrapped_fields(paragraph: list[Line]) -> None:
    """An indented line under a header field continues its value: a cable's second
    addressee ("INFO: AMEMBASSY LONDON" / "      USMISSION NATO")."""
    field: Line | None = None
    for line in paragraph:
        if line.kind == "field":
            field = line
        elif field is not None and line.raw[:1].isspace() and line.kind in _FIELD_GOES_ON:
            field.info = {**field.info, "value": f"{field.info['value']} {line.clean}"}
            line.kind, line.info = "continuation", {"continues": field.no}
        else:
            field = None


def join_hyphen_broken_datelines(paragraph: list[Line]) -> None:
    """Two lines that read as a dateline only when joined are one dateline: parted
    inside a word by a line-end hyphen ("Washington, Sept-" / "ember 3, 1943."), or
    after a comma, the year and hour on the next line ("Moscow, February 24," /
    "1945—1 p.m.", a FRUS telegram's), or inside the hour ("London, October 5, 1941—8" /
    "a.m.")."""
    for first, second in pairwise(paragraph):
        if not (
            _hyphen_broken(first) or _comma_broken(first, second) or _hour_broken(first, second)
        ):
            continue
        if first.kind in ("dateline", "continuation") or second.kind == "dateline":
            continue
        joined = join_paragraph([first, second])
        kind, info = classify_as_printed(joined)
        if kind != "dateline":
            continue
        first.kind, first.info = "dateline", {**info, "end": second.end, "text": joined}
        second.kind, second.info = "continuation", {"continues": first.no}


_MAX_BROKEN_DATELINE = 60
_YEAR_FIRST = re.compile(r"^[\[(]?\d{4}\b")


def _hyphen_broken(first: Line) -> bool:
    return first.clean.endswith("-") and first.clean[-2:-1].isalpha()


def _comma_broken(first: Line, second: Line) -> bool:
    """A short line ending in a comma over a short one that opens with the year."""
    return (
        first.clean.endswith(",")
        and len(first.clean) + len(second.clean) <= _MAX_BROKEN_DATELINE
        and bool(_YEAR_FIRST.match(second.clean))
    )


_HOUR_AT_END = re.compile(r"\d{4}\s*[—–-]\s*\d{1,2}(?:[.:]\d\d)?$")
_MERIDIEM_ALONE = re.compile(r"^[ap]\.?\s?m\.?$", re.IGNORECASE)


def _hour_broken(first: Line, second: Line) -> bool:
    """A line ending in the year and the hour's figures over "a.m." or "p.m." alone."""
    return bool(_HOUR_AT_END.search(first.clean) and _MERIDIEM_ALONE.match(second.clean))
