"""An editor's title in capitals over a letter's dateline: "GIFT OF SOME RABBITS" /
"To Michael Crock. 360 N. Fourth St., Philadelphia." / "Executive Mansion,
Washington, April 2, 1862." (a collected works' title that names the occasion, not
the parties). Standing over a dateline, or over an addressee line "To X." and then a
dateline, it heads the letter below.

Reads: classified lines. Changes: the title's kind to "heading" (info ``title``, and
the parties an addressee line under it names); that addressee line to "continuation".
"""

from __future__ import annotations

import re

from missive.pipeline.classify import heading
from missive.pipeline.normalize import Line, next_text_lines

_MAX_TITLE = 80
_TITLE_WORDS = range(2, 11)
_TITLE_KINDS = ("body",)  # a name line over a dateline is a signature: "B. FRANKLIN."
_ADDRESSEE = re.compile(r"^To\s+(?P<name>[A-Z][^.]*(?:\.\s?[A-Z]\.)*[^.]*)(?:\.|$)")
_RUNS_ON = re.compile(r"[,;:\-—–]$")


def mark_capital_titles(lines: list[Line]) -> None:
    for k, line in enumerate(lines):
        if line.kind not in _TITLE_KINDS or not _is_capital_title(line.clean):
            continue
        below = next_text_lines(lines, k, 2)
        if not below:
            continue
        if below[0].kind == "dateline":
            line.kind, line.info = "heading", {"senders": [], "recipients": [], "title": True}
        elif len(below) == 2 and below[1].kind == "dateline" and (named := _addressee(below[0])):
            line.kind, line.info = "heading", {**named, "title": True}
            below[0].kind, below[0].info = "continuation", {"continues": line.no}


def _is_capital_title(text: str) -> bool:
    """A few words in capitals, with no digit, that run on into no next line."""
    if len(text) > _MAX_TITLE or len(text.split()) not in _TITLE_WORDS or _RUNS_ON.search(text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(letters) >= 6
        and not any(ch.isdigit() for ch in text)
        and sum(ch.isupper() for ch in letters) / len(letters) > 0.9
    )


def _addressee(line: Line) -> dict | None:
    """ "To Michael Crock. 360 N. Fourth St., Philadelphia.": whom the letter goes to."""
    if line.kind not in ("body", "heading") or not (m := _ADDRESSEE.match(line.clean)):
        return None
    info = heading(f"To {m.group('name').strip()}")
    if not info or info.get("senders") or not info.get("recipients"):
        return None
    return {"senders": [], "recipients": info["recipients"]}
