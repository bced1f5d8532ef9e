"""OCR's misreadings in the lines that carry a date or a number, undone for reading
only: digits read as letters ("l943", "I943", "1O43", "Jan. l5", "No. l2") and specks
printed as punctuation before a dateline (". , Moscow, …", "' Washington, …"). (A month
broken by a hyphen, "Febru- ary" or "Sept-" over "ember", normalize.py already joins.)

Every repair keeps the line's length, so offsets into the printed line hold and the
evidence can quote the line as printed. A token is read as digits only where it is
otherwise a number (it holds a digit already), or where it stands as the day between
a month and a year ("February ll, 1943"): a word is never rewritten. A month OCR
mangled into another word ("Jnne") is not guessed.
"""

from __future__ import annotations

import re

from missive.model import CERTAIN, Evidence, Span
from missive.pipeline.date_evidence import OCR_DIGITS, PER_INFERRED_PART
from missive.pipeline.dates import MONTHS

MAX_OCR_LINE = 90  # a number line or a dateline is short: longer lines are not read again
# A quick look for either misreading before the patterns that find them run.
_SUSPECT = re.compile(r"[lIOo]\d|\d[lIOo]|\b[lI][lIO]?,?\s+\d{4}")
_AS_DIGIT = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})
# A token of digits and digit-like letters with at least one of each, maybe an ordinal.
_MIXED_NUMBER = re.compile(
    r"(?<![\w'’-])(?=[0-9lIOo]*\d)(?=[0-9lIOo]*[lIOo])[0-9lIOo]{2,5}"
    r"(?=(?:st|nd|rd|th|d)?\.?(?![\w'’-]))"
)
_FULL_MONTHS = "|".join(name.capitalize() for name in MONTHS if len(name) > 4)
# A month with no digit in its day: "February ll, 1943", "Jan. I, 1943".
_LETTER_DAY = re.compile(
    rf"\b(?P<month>(?:{_FULL_MONTHS}|[A-Z][a-z]{{2,3}}\.)\s+)(?P<day>[lI]{{1,2}}|[lI]O)(?=,?\s+\d{{4}}\b)"
)
_DIGIT_AFTER_SPECKS = re.compile(r"\d")
_SPECKS = re.compile(r"^(?P<specks>\s*(?:[.,'‘’`]\s*){1,4})(?=[A-Z\[])")


def ocr_reading(text: str) -> str:
    """`text` with OCR's misread digits and leading specks undone;
    the same length as `text` (the text itself when nothing needed undoing)."""
    read = text
    if _SUSPECT.search(text):
        read = _MIXED_NUMBER.sub(lambda m: m.group(0).translate(_AS_DIGIT), read)
        read = _LETTER_DAY.sub(_day_as_digits, read)
    if read[:1] in " .,'‘’`" and _DIGIT_AFTER_SPECKS.search(read):
        read = _SPECKS.sub(lambda m: " " * len(m.group("specks")), read)
    return read


def digits_from_letters(printed: str, read: str) -> bool:
    """Whether reading `printed` as `read` turned letters into digits."""
    return any(p != r and r.isdigit() for p, r in zip(printed, read, strict=True))


def _day_as_digits(m: re.Match[str]) -> str:
    return m.group("month") + m.group("day").translate(_AS_DIGIT)


def number_line_evidence(info: dict, span: Span, printed: str) -> Evidence:
    """The evidence of a printed number line, quoted as printed; less sure where its
    digits were read from letters ("No. l2")."""
    if not info.get("ocr_digits"):
        return Evidence("printed number line", CERTAIN, span, printed)
    return Evidence(
        f"printed number line; {OCR_DIGITS}",
        round(CERTAIN - PER_INFERRED_PART, 2),  # as for a date the reader completed
        span,
        printed,
        "Digits of the number are read from letters OCR put in their place.",
    )
