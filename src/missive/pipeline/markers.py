"""Note markers in running text: fused ("Staff24", "year15", "future.30") or
spaced ("message 25 to me", "November 29, 1943 51").

A number is a marker only when the source has a note of that number and the
number does not read as part of the prose: quantities ("100 bombers", "In 38 days"),
dates ("Tuesday, 21 September"), lists ("1, 748"), paragraph numbers at the start
of a line, references ("Document No. 88", "your 761").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from missive.pipeline.dates import MONTHS


@dataclass(frozen=True, slots=True)
class Marker:
    number: int
    start: int  # offsets of the digits in the string searched
    end: int
    form: str  # "fused" | "spaced"


# The two forms, as definitions: `find_markers` reads them off each run of digits,
# which gives the same matches at a fraction of the cost of scanning every position.
# Digits glued to the end of a word or to closing punctuation.
_FUSED = re.compile(r"(?=\d)(?<=[a-z\.,;:\"”’'\)\]])(\d{1,3})(?=[\s,.;:\"”’'\)]|$)")
# Digits standing alone between spaces (or before punctuation / end of line).
_SPACED = re.compile(r"(?=\d)(?<=\s)(\d{1,3})(?=\s|[,.;:]?$|[,.;:]\s)")

_BEFORE_QUANTITY = {
    "in", "of", "to", "for", "by", "about", "the", "some", "over", "under", "than",
    "no", "no.", "nos.", "document", "p.", "pp.", "page", "article", "paragraph",
    "your", "my", "his", "her", "our", "their", "its", "number", "nearly", "almost",
    "around", "approximately", "only", "first", "last", "next", "all", "at", "on",
    "and", "or", "with", "from", "until", "till", "every", "each", "per", "nr.",
    "note", "notes", "telegram", "telegrams", "figure",
}  # fmt: skip
_QUANTITY_NOUNS = re.compile(
    r"^(?:days?|weeks?|months?|years?|hours?|minutes?|men|divisions?|tons?|planes?|"
    r"bombers?|fighters?|aircraft|ships?|miles?|kilometres?|kilometers?|per|percent|"
    r"guns?|tanks?|officers?|soldiers?|troops|persons|people|articles?|copies|times|"
    r"states|countries|nations|million|thousand|hundred|a\.m\.|p\.m\.|o'clock)\b",
    re.IGNORECASE,
)


_MONTH_NAMES = "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
_DATE_END = re.compile(rf"(?i)\b(?:{_MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*\d{{4}})?,?$")


_DIGITS = re.compile(r"\d+")
_ASCII_DIGITS = re.compile(r"[0-9]+")  # what \d+ matches in ASCII text, found faster
_FUSED_PRECEDING = frozenset("abcdefghijklmnopqrstuvwxyz.,;:\"”’')]")
_FUSED_FOLLOWING = frozenset(",.;:\"”’')")
_SPACED_FOLLOWING = frozenset(",.;:")
_BRACKETS = {("[", "]"), ("(", ")")}


def find_markers(text: str, note_numbers: frozenset[int]) -> list[Marker]:
    """Markers in one line of text, in order."""
    if not note_numbers:
        return []
    found = []
    for start, end, form in _candidates(text):
        if form == "bracketed":  # "city.[1]": an ebook's marker (strip_markers takes the brackets)
            number = int(text[start:end])
            if number in note_numbers:
                found.append(Marker(number, start, end, "fused"))
            continue
        number = int(text[start:end])
        if form == "fused":
            if _fused_number_ok(number, text, start, note_numbers):
                found.append(Marker(number, start, end, form))
        elif number in note_numbers and _spaced_ok(text, start, end):
            found.append(Marker(number, start, end, form))
    return found


def _candidates(text: str) -> list[tuple[int, int, str]]:
    """What _FUSED and _SPACED match, in order: one to three digits (a whole run of
    digits) after a word or closing punctuation, or standing alone after a space."""
    found: list[tuple[int, int, str]] = []
    if text.isascii():
        if not any(digit in text for digit in "0123456789"):
            return found
        runs = _ASCII_DIGITS.finditer(text)
    else:
        runs = _DIGITS.finditer(text)
    for m in runs:
        start, end = m.span()
        if start == 0 or end - start > 3:
            continue
        before, after = text[start - 1], text[end : end + 1]
        if start >= 2 and _glued_brackets(before, after, text[start - 2]):
            # "city.[1]", "Dear Comrade Lenin,(1)": glued to the word it annotates
            found.append((start, end, "bracketed"))
        elif before in _FUSED_PRECEDING:
            if not after or after.isspace() or after in _FUSED_FOLLOWING:
                found.append((start, end, "fused"))
        elif before.isspace() and (
            not after
            or after.isspace()
            or (after in _SPACED_FOLLOWING and (end + 1 == len(text) or text[end + 1].isspace()))
        ):
            found.append((start, end, "spaced"))
    return found


def _glued_brackets(before: str, after: str, outside: str) -> bool:
    if outside.isspace():
        return False
    if before == "[":
        return after == "]"
    return before == "(" and after == ")" and outside not in "([0123456789"


def _fused_number_ok(number: int, text: str, start: int, note_numbers: frozenset[int]) -> bool:
    # Digits glued to a lowercase word ("year15") are a marker even when the source
    # lacks that note (a note lost from the transcript is reported, not ignored).
    glued_to_word = text[start - 1].islower()
    if number not in note_numbers and not (glued_to_word and number <= max(note_numbers)):
        return False
    before = text[:start]
    # "1,150" and "12,1943" are numbers, not a marker after a comma.
    return not (before.endswith(",") and before[-2:-1].isdigit())


def _spaced_ok(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip()
    after = text[end:].lstrip(" ")
    if not before:
        return False  # a number opening a line is a paragraph or list number
    previous_word = before.rsplit(None, 1)[-1].lower()
    following = after.split(None, 1)
    next_word = following[0].lower() if following else ""
    if _ends_with_date(before):
        # "November 29, 1943 51", "January 26, 27": a marker after a date, unless
        # the date goes on as a range ("January 26, 27 and 28"); a number that
        # cannot be a day ("October 14, 45 and in order") is a marker all the same.
        return int(text[start:end]) > 31 or not _continues_range(after)
    if previous_word in _BEFORE_QUANTITY or previous_word.rstrip(",") in MONTHS:
        return False
    if previous_word.rstrip(",;")[-1:].isdigit() or before.endswith(("-", "—", "–", "(")):
        # "1, 150": a number after a number is one of a list (or "1,150" misprinted)
        return False
    if next_word.rstrip(",.;:") in MONTHS or _QUANTITY_NOUNS.match(next_word):
        return False
    return not (re.match(r"^,\s*\d", after) or re.match(r"^[.,]\d", after))  # "1, 748"


# A date that ends a text has at most this many characters besides whitespace
# ("September 30th, 1943,").
_DATE_END_CHARS = 20


def _ends_with_date(before: str) -> bool:
    """`_DATE_END.search(before)`, looking only at the end of a long line: a date ending
    the text lies within its last stretch that holds _DATE_END_CHARS characters besides
    whitespace."""
    window = max(0, len(before) - 4 * _DATE_END_CHARS)
    if window and len("".join(before[window:].split())) <= _DATE_END_CHARS:
        window = 0  # mostly whitespace: the date could begin further back
    return _DATE_END.search(before, window) is not None


def _continues_range(after: str) -> bool:
    """ "and 28", "to 30", "28": the number is one day of a range of dates."""
    return bool(re.match(r"^(?:(?:and|or|to|-|–)\s*)?\d", after))


def strip_markers(text: str, markers: list[Marker]) -> str:
    """`text` without the markers' digits (and the space before a spaced one)."""
    for mk in reversed(markers):
        start, end = mk.start, mk.end
        if mk.form == "spaced" and start > 0 and text[start - 1] == " ":
            start -= 1
        elif start > 0 and (text[start - 1], text[end : end + 1]) in _BRACKETS:
            start, end = start - 1, end + 1  # "city.[1]", "Lenin,(1)"
        text = text[:start] + text[end:]
    return text
