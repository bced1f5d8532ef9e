"""Year sections: a calendar of papers prints the year once ("1756.") and then each
entry's day and month in the margin ("Jan. 3." over "Whitehall."); the year line is
no document number and each margin date is a dateline of that year.

Reads: the classified lines of a source.
Changes: a year line's kind to "year"; a year-less margin date below it to
"dateline" (its date completed with the section's year, its place joined from the
line below when that line is only a place).
"""

from __future__ import annotations

import re
from datetime import date

from missive.pipeline.dates import MONTHS
from missive.pipeline.normalize import Line

_YEAR_LINE = re.compile(r"^\[?(?P<year>1[4-9]\d\d|20\d\d)\s*\.?\]?$")
# "Jan. 3.", "January 3", "3 January.", "Jan. 3. Whitehall.", "Jan. 3, Berlin"
_MARGIN_DATE = re.compile(
    r"^\[?(?:(?P<month>[A-Z][a-z]{2,8}\.?)\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    r"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month2>[A-Z][a-z]{2,8}\.?))\]?"
    r"(?:\s*[.,]\s*(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}))?\s*\.?$"
)
_PLACE_ALONE = re.compile(r"^(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s*\.?$")
MARGIN_DATE_RULE = "margin date of a year section"


def read_year_sections(lines: list[Line]) -> None:
    """Mark year lines and complete the year-less margin dates that follow them."""
    year: int | None = None
    content = [i for i, line in enumerate(lines) if line.clean and _may_hold_text(line)]
    for position, i in enumerate(content):
        line = lines[i]
        if year is None and not _may_be_year_line(line):
            continue  # before any year line only a year line matters
        following = lines[content[position + 1]] if position + 1 < len(content) else None
        if _may_be_year_line(line) and (m := _YEAR_LINE.match(line.clean)):
            value = int(m.group("year"))
            # a bare number read as a page number is a year only where a year may stand:
            # the first, or the next after the current one
            plausible = line.kind != "noise" or year is None or 0 <= value - year <= 1
            if (
                plausible
                and following is not None
                and (margin_date(following.clean, 2000) or following.info.get("run_in"))
            ):
                year = value
                line.kind, line.info = "year", {"year": year, "rule": "year line of a section"}
            continue
        if year is not None and line.info.get("run_in"):
            _complete_run_in(line, year)
            continue
        if year is None or line.kind not in ("body", "name", "place_line"):
            continue
        info = margin_date(line.clean, year)
        if info is None:
            continue
        line.kind, line.info = "dateline", info
        if not info.get("place") and following is not None:
            _join_place(line, following)


def _may_hold_text(line: Line) -> bool:
    """Not noise; but a bare "1756" read as a page number may be a year line."""
    return line.kind not in _SKIPPED or (line.kind == "noise" and _may_be_year_line(line))


def _may_be_year_line(line: Line) -> bool:
    return (
        line.kind in ("number", "body", "noise")
        and len(line.clean) <= 7
        and line.clean[-1:] in _YEAR_ENDS
        and (line.kind != "noise" or line.noise == "page number")
    )


_YEAR_ENDS = "0123456789.]"


def margin_date(text: str, year: int) -> dict | None:
    """The date of a year-less margin line, in the section's year."""
    if len(text) > 40:
        return None
    m = _MARGIN_DATE.match(text)
    if not m:
        return None
    month = MONTHS.get((m.group("month") or m.group("month2")).lower().rstrip("."))
    if month is None:
        return None
    day = int(m.group("day") or m.group("day2"))
    try:
        date(year, month, day)
    except ValueError:
        return None
    info = {
        "date": f"{year:04d}-{month:02d}-{day:02d}",
        "date_text": text[: m.end("day") if m.group("day") else m.end("month2")].rstrip("."),
        "rule": MARGIN_DATE_RULE,
        "place": m.group("place"),
        "year_from": year,
    }
    return info


def _complete_run_in(line: Line, year: int) -> None:
    """A run-in entry's year-less date ("Jan. 9. Paris.—...") takes the section's year;
    an entry that prints its year sets it."""
    iso = line.info["date"]
    if iso.startswith("--"):
        line.info = {**line.info, "date": f"{year:04d}{iso[1:]}", "year_from": year}


def _join_place(date_line: Line, below: Line) -> None:
    """ "Jan. 3." over "Whitehall.": the place alone below a margin date is its place."""
    if below.no != date_line.no + 1 or below.kind not in ("body", "name", "place_line"):
        return
    m = _PLACE_ALONE.match(below.clean)
    if not m or m.group("place").lower().rstrip(".") in MONTHS:
        return
    date_line.info = {
        **date_line.info,
        "place": m.group("place"),
        "end": below.end,
        "text": f"{date_line.clean} {below.clean}",
    }
    below.kind, below.info = "continuation", {"continues": date_line.no}


_SKIPPED = {"noise", "footnote", "blank"}
