"""Cheap tests that spare a regular expression a text it cannot match.

A pattern that must contain a literal word cannot match a text without it, and
cannot start before the word's first occurrence when it starts with it; `str.find`
answers both far faster than the pattern engine scans. For a case-insensitive
pattern the literal is looked for in the lowercased text, which is exact when no
character of the text folds to an ASCII letter other than through `str.lower` (the
regex engine also equates ı and İ with i, ſ with s, and the Kelvin sign with k).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_FOLDS_OTHERWISE = ("\u0130", "\u0131", "\u017f", "\u212a")


def lowered(text: str) -> str | None:
    """`text` lowercased character for character, or None when a case-insensitive
    search for ASCII letters in it cannot be answered by the lowercased text."""
    if not text.isascii() and any(ch in text for ch in _FOLDS_OTHERWISE):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def first_of(text: str, words: tuple[str, ...]) -> int:
    """Where the first of `words` first occurs in `text`; -1 when none does."""
    found = [at for at in map(text.find, words) if at >= 0]
    return min(found) if found else -1


def occurrences(text: str, words: tuple[str, ...]) -> list[int]:
    """Every place where one of `words` starts in `text`, in order."""
    out: set[int] = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            out.add(at)
            at = text.find(word, at + 1)
    return sorted(out)


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` gives when every match of the pattern starts at
    one of `starts` (sorted) and none is empty: the same matches, tried only there."""
    end = 0
    for at in starts:
        if at < end:
            continue  # inside the last match: finditer goes on after it
        m = pattern.match(text, at)
        if m:
            end = m.end()
            yield m
