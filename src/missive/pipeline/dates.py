"""Finding dates in English text: "January 5, 1943", "5 January 1943",
"August 19th, 1943", "[September 13, 1944.]", "Jan. 5, 1943", "1943-01-05", and
year-less forms ("February 16", "the 28th of November") for references.

Compiled regular expressions only: they run on every line of every document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # the older clerks' abbreviations, raised letters printed in line: "Feby. 4. 1790"
    "jany": 1, "feby": 2, "febry": 2, "apl": 4, "augt": 8, "sepr": 9, "septr": 9,
    "octr": 10, "novr": 11, "decr": 12,
}  # fmt: skip

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|"
    r"Dec\.|Jany\.|Febr?y\.|Apl\.|Augt\.|Sept?r\.|Octr\.|Novr\.|Decr\.)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"

# Month D, YYYY | D Month YYYY | Month D (no year) | D Month (no year) | ISO
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s*[,.]\s*|\s+){_YEAR}\b")
_DMY = re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}\s*,?\s*{_YEAR}\b")
_ISO = re.compile(r"\b(?P<year>1[5-9]\d\d|20\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_MD = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*\d{{4}})")
_DM = re.compile(rf"\b(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?!\s*,?\s*\d{{4}})")


def _anonymous(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_ANY_FULL = "|".join(_anonymous(p.pattern) for p in (_MDY, _DMY, _ISO))
ANY_FULL_DATE = _ANY_FULL  # a full date in any form, as a pattern without groups

# A line that is nothing but a date: optional place ("Moscow,"), optional brackets,
# an optional trailing note marker ("November 29, 1943 51") or time ("—7 p.m.").
_PLACE_WORD = r"[A-Z][\w'.-]*"
_PLACE_NAME = (
    rf"{_PLACE_WORD}(?:\s+(?:(?:of|the|de|du|on|upon|am|la|le|del|di)\s+)?{_PLACE_WORD}){{0,3}}"
)
# A weekday or a verb before a date is no place: "Sunday 5 March 1944", "Dated 5 March".
_NOT_A_PLACE = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Dated|Written|Sent|"
    r"Received|Signed|On)\b)"
)
_PLACE_PREFIX = (  # "Moscow,", "The White House,", "Department of State, Washington,",
    # and, with no comma, a place before its date: "Paris Sep. 6. 1789", "London 24th ..."
    rf"(?P<place>(?:{_PLACE_NAME},\s*){{1,3}}|{_NOT_A_PLACE}{_PLACE_NAME}\s+(?=[A-Z0-9]))?"
)
_TIME = (  # "—7 p.m.", ", 6 p.m.", " 7.30 a.m.", ", noon"
    r"(?:(?:\s*[—–-]+\s*|\s*,\s*|\s+)\d{1,2}(?:[.:]\d\d)?\s*[ap]\.\s*m\."
    r"|\s*,?\s*(?:noon|midnight))?"
)
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_DATE_ONLY = re.compile(
    rf"^\s*\[?\s*{_PLACE_PREFIX}{_WEEKDAY}(?P<date>{_ANY_FULL})"
    rf"{_TIME}\s*\.?\s*\]?\s*\.?(?P<marker>\s+\d{{1,3}})?\s*$"
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    iso: str  # "YYYY-MM-DD", or "--MM-DD" when the text gives no year
    start: int  # offsets in the string searched
    end: int
    text: str

    @property
    def has_year(self) -> bool:
        return not self.iso.startswith("--")

    def with_year(self, year: int) -> FoundDate:
        return FoundDate(f"{year:04d}{self.iso[1:]}", self.start, self.end, self.text)


def _iso(year: int | None, month: int, day: int) -> str | None:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: allows Feb 29 without year
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _month_number(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _from_match(m: re.Match[str], with_year: bool) -> FoundDate | None:
    month_token = m.group("month")
    month = int(month_token) if month_token.isdigit() else _month_number(month_token)
    year = int(m.group("year")) if with_year else None
    iso = _iso(year, month, int(m.group("day")))
    if iso is None:
        return None
    return FoundDate(iso, m.start(), m.end(), m.group(0))


def find_dates(text: str, *, yearless: bool = False) -> list[FoundDate]:
    """All full dates in `text`, in order; with `yearless`, also "February 16"."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(pattern: re.Pattern[str], with_year: bool) -> None:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            fd = _from_match(m, with_year)
            if fd:
                found.append(fd)
                taken.append((m.start(), m.end()))

    add(_MDY, True)
    add(_DMY, True)
    add(_ISO, True)
    if yearless:
        add(_MD, False)
        add(_DM, False)
    return sorted(found, key=lambda d: d.start)


@dataclass(frozen=True, slots=True)
class DateLine:
    date: FoundDate
    place: str | None
    marker: int | None


_DIGIT = re.compile(r"\d")
_WEEKDAY_AFTER_PLACE = re.compile(
    r"(?:^|,\s*)(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$|\s+$"
)


def parse_date_line(line: str) -> DateLine | None:
    """A line that holds only a date (and maybe a place and a note marker)."""
    if len(line) > 90 or not _DIGIT.search(line):
        return None
    m = _DATE_ONLY.match(line)
    if not m:
        return None
    inner = find_dates(m.group("date"))
    if not inner:
        return None
    offset = m.start("date")
    fd = inner[0]
    fd = FoundDate(fd.iso, fd.start + offset, fd.end + offset, fd.text)
    place = (m.group("place") or "").strip().rstrip(",")
    place = _WEEKDAY_AFTER_PLACE.sub("", place).removesuffix(".") or None
    if place and place.endswith((" D.C", " D. C")):
        place += "."
    marker = int(m.group("marker")) if m.group("marker") else None
    return DateLine(fd, place, marker)


_TRAILING_DATE = re.compile(rf"[.!?\"”]\s+(?P<date>{_ANY_FULL})\s*\.?\s*$")


def trailing_date(line: str) -> FoundDate | None:
    """A date fused onto the end of a sentence: "...Hitler. October 14, 1943"."""
    tail = line.rstrip()
    if not tail.removesuffix(".").rstrip()[-1:].isdigit():
        return None  # every date form ends in a digit, before an optional "."
    m = _TRAILING_DATE.search(line)
    if not m:
        return None
    inner = find_dates(m.group("date"))
    if not inner:
        return None
    fd = inner[0]
    off = m.start("date")
    return FoundDate(fd.iso, fd.start + off, fd.end + off, fd.text)
