"""A signature with the signer's rank on the line below, as the Official Records print
a general's despatch: "GEO. B. McCLELLAN," / "Major-General." The name ends in a
comma, so it reads as a place line; its place under the body's last sentence and the
short rank under it say what it is.

Reads: classified lines. Changes: the name line's kind to "name"; the rank line's to
"continuation" of it (no text of the letter).
"""

from __future__ import annotations

import re

from missive.pipeline.normalize import Line

# "GEO. B. McCLELLAN", "A. E. BURNSIDE", "Wm. T. Sherman": initials before a surname.
INITIALLED_NAME = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.\s?)+[A-Z][\w'’-]+$")
_RANK = re.compile(r"^[A-Z][\w'’-]*(?:[ -][A-Za-z][\w'’-]*){0,3}\.?$")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")
_NAME_KINDS = ("place_line", "body", "name")


def mark_signatures_with_ranks(lines: list[Line]) -> None:
    for k in range(1, len(lines) - 1):
        line, rank = lines[k], lines[k + 1]
        if line.kind not in _NAME_KINDS or not line.clean.endswith(","):
            continue
        if not INITIALLED_NAME.match(line.clean.rstrip(",").strip()):
            continue
        if rank.kind not in ("body", "name") or not _RANK.match(rank.clean):
            continue
        if not _paragraph_ends_at(lines, k + 1) or not _after_a_sentence(lines, k):
            continue
        line.kind, line.info = "name", {}
        rank.kind, rank.info = "continuation", {"continues": line.no, "rank": True}


def _paragraph_ends_at(lines: list[Line], k: int) -> bool:
    return k + 1 >= len(lines) or not lines[k + 1].clean


def _after_a_sentence(lines: list[Line], k: int) -> bool:
    """A blank line above the name, and above it a sentence's end."""
    if lines[k - 1].clean:
        return False
    above = next((line for line in reversed(lines[: k - 1]) if line.clean), None)
    return above is not None and above.kind == "body" and bool(_SENTENCE_END.search(above.clean))
