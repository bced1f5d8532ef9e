"""Cheap scans that spare parties.py's patterns the texts and places where they cannot
match; each gives what the plain pattern gives (tests/pipeline/test_party_scans.py
holds each to its pattern).

- `partner_matches`: the matches of the joint-partner pattern (parties._PARTNER) in a
  whole source.  The pattern opens with "you and", "and you", "your and" or "you or",
  or with a capitalised name (or the "Mr" before it) right before " and I" /
  " and myself": those places are found with `str.find` and the pattern is tried only
  there, which gives the matches `finditer` gives.
- `you_and_matches`: the same for parties._YOU_AND, which opens with "you and" or
  "between you and".
- `may_announce_next`: False for a text that lacks the words every match of
  parties._ANNOUNCES_NEXT holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from missive.pipeline.literals import matches_at, occurrences

_OPENINGS = ("you and", "and you", "your and", "you or")
_FIRST_PERSON_AFTER = (" and I", " and myself")
_YOU_AND_OPENINGS = ("you and", "between you and")
# What a match of each alternative of _ANNOUNCES_NEXT holds: "... asking/instructing/
# requesting X to deliver them to you", "I will/shall send you ... in another message",
# "... follows/will follow in a separate message".
_ASKS = ("ask", "instruct", "request")
_WILL = ("I will ", "I shall ")


def partner_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    starts = set(occurrences(text, _OPENINGS))
    for at in occurrences(text, _FIRST_PERSON_AFTER):
        starts.update(_name_starts(text, at))
    return matches_at(pattern, text, sorted(starts))


def you_and_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    return matches_at(pattern, text, occurrences(text, _YOU_AND_OPENINGS))


def may_announce_next(text: str) -> bool:
    if "to you" in text and any(word in text for word in _ASKS):
        return True
    return any(word in text for word in _WILL) or "follow" in text


def _name_starts(text: str, end: int) -> list[int]:
    """Where "Name" or "Mr Name" / "Mr. Name" ending at `end` starts ([A-Z][a-z]+)."""
    start = end
    while start > 0 and "a" <= text[start - 1] <= "z":
        start -= 1
    if start == end or start == 0 or not "A" <= text[start - 1] <= "Z":
        return []
    start -= 1
    found = [start]
    before = start
    while before > 0 and text[before - 1].isspace():
        before -= 1
    if before < start:
        if before > 0 and text[before - 1] == ".":
            before -= 1
        if before >= 2 and text[before - 2 : before] == "Mr":
            found.append(before - 2)
    return found
