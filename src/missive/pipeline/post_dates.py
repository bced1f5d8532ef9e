"""A blog's post date above a letter it publishes: "Monday, February 24, 2014" over
"Major General George B. McClellan to Abraham Lincoln, April 7, 1862". The heading,
or the letter's dateline under it, names the letter's own date; the weekday line
above the heading is the day the site posted it, no part of the letter.

Reads: classified lines. Changes: such a line's kind to "noise" ("post date").
"""

from __future__ import annotations

import re

from missive.pipeline.dates import find_dates
from missive.pipeline.normalize import Line, next_text_lines, set_noise

_WEEKDAY_DATE = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+\S.{4,30}$"
)
_POST_DATE = "post date"


def mark_post_dates(lines: list[Line]) -> None:
    for k, line in enumerate(lines):
        if line.kind != "dateline" or line.info.get("place") or not _WEEKDAY_DATE.match(line.clean):
            continue
        below = next_text_lines(lines, k, _LOOK_AHEAD)
        if below and below[0].kind in _HEADINGS and _other_date(below, line.info.get("date")):
            set_noise(line, _POST_DATE)


_HEADINGS = ("heading", "record_heading")
_LOOK_AHEAD = 6  # the heading, an address of a few lines, the dateline


def _other_date(below: list[Line], posted: str | None) -> bool:
    """The heading names another date, or the letter's dateline under it does."""
    heading = below[0]
    named = heading.info.get("date") or next((d.iso for d in find_dates(heading.clean)), None)
    if named is None:
        dateline = next((line for line in below[1:] if line.kind == "dateline"), None)
        named = dateline.info.get("date") if dateline is not None else None
    return named is not None and named != posted
