"""Entry number or year: a calendar's run-in entry may open with its year ("1766. Jan.
3. Whitehall.—…") or with its number ("1412. Jan. 5. St. James's.—…"), and a number
from 1400 to 2099 reads as either. The context tells them apart: a year line already
in force that the value cannot follow, or the numbers of the entries around it.

Reads: the classified lines of a source (run-in entries carry ``number_or_year``,
set by classify.py, when their opening value was taken for a year).
Changes: such an entry's info to a year-less date with that value as its number.
"""

from __future__ import annotations

import re

from missive.pipeline.normalize import Line

_YEAR_LINE = re.compile(r"^\[?(?P<year>1[4-9]\d\d|20\d\d)\s*\.?\]?$")
_NUMBER_BEFORE_DATE = re.compile(r"^\d{1,5}\.\s+")
NUMBER_RULE = "number opening the entry, not its year: "


def settle_entry_numbers(lines: list[Line]) -> None:
    """Read the opening value of each ambiguous run-in entry as its number where the
    context says so."""
    entries = [line for line in lines if line.info.get("run_in")]
    if not any("number_or_year" in line.info for line in entries):
        return
    year_in_force = None
    previous_number = None
    entry_index = {id(line): k for k, line in enumerate(entries)}
    for line in lines:
        if (m := _YEAR_LINE.match(line.clean)) and line.kind in ("body", "number", "noise"):
            year_in_force = int(m.group("year"))
            continue
        if id(line) not in entry_index:
            continue
        info = line.info
        value = info.get("number_or_year")
        if value is not None:
            following = entries[entry_index[id(line)] + 1 : entry_index[id(line)] + 2]
            reason = _number_reason(line, value, year_in_force, previous_number, following)
            if reason:
                _read_as_number(line, value, reason)
            else:
                year_in_force = value
        previous_number = line.info.get("number")


def _number_reason(
    line: Line, value: int, year_in_force: int | None, previous: int | None, following: list[Line]
) -> str | None:
    """Why `value` is the entry's number, or None when it may stand as the year."""
    if previous is not None and value == previous + 1:
        return f"the entry before is No. {previous}"
    if year_in_force is not None:  # the year may stand where it is the year in force or the next
        in_force = 0 <= value - year_in_force <= 1
        return None if in_force else f"the year line above gives {year_in_force}"
    if following and _numbered_next(line, value, following[0]):
        return f"the entry after opens with {value + 1}"
    return None


def _read_as_number(line: Line, value: int, reason: str) -> None:
    info = dict(line.info)
    del info["number_or_year"]
    info["date"] = "--" + info["date"][5:]
    info["date_text"] = _NUMBER_BEFORE_DATE.sub("", info["date_text"])
    info["number"] = value
    info["number_rule"] = NUMBER_RULE + reason
    line.info = info


def _numbered_next(line: Line, value: int, after: Line) -> bool:
    """The entry after opens with the next value: a number for sure, or a value that
    as a year would leave a whole year between two entries ("1411. Jan. 5." then
    "1412. Jan. 11."), where as numbers the two run on."""
    if after.info.get("number") == value + 1:
        return True
    return after.info.get("number_or_year") == value + 1 and _month_day(after) >= _month_day(line)


def _month_day(line: Line) -> str:
    return line.info["date"][-5:]
