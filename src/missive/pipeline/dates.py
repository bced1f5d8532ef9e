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
    r"Dec\.|Jany\.|Febr?y\.|Apl\.|Augt\.|Sept?r\.|Octr\.|Novr\.|Decr\."
    # a cable's or a typist's capitals and stopless abbreviations: "12 MAR 1975", "3 Jun 1975"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|(?:JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|"
    # and the clerks' abbreviations with their stop left off: "Philadelphia 11th Decr 1793"
    r"Nov|Dec|Jany|Febr?y|Apl|Augt|Sept?r|Octr|Novr|Decr)(?![\w'’]))"
)
# "5th", "1st." and the older "3d", "22d" ordinals
_DAY = r"(?P<day>[0-3]?\d)(?:(?:st|nd|rd|th|d)\.?)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"

# Month D, YYYY | D Month YYYY | Month D (no year) | D Month (no year) | ISO
# A year may run into the hour a printer set right after it: "July 4, 18621 p.m.".
_YEAR_END = r"(?:\b|(?=\d{1,2}(?:[.:]\d\d)?\s*[apAP]\.?\s*[mM]\b))"
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s*[,.]\s*|\s+){_YEAR}{_YEAR_END}")
_DMY = re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}\s*,?\s*{_YEAR}{_YEAR_END}")
_ISO = re.compile(r"\b(?P<year>1[5-9]\d\d|20\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
# the year first, as an archival database prints a cable's date: "1975 March 12"
_YMD = re.compile(rf"\b{_YEAR}\s+{_MONTH}\s+(?P<day>[0-3]?\d)\b(?![:.]?\d)")
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
    r"Received|Signed|On|Yours|Your|Faithfully|Sincerely|Truly|"
    r"Dear|My|Mr|Mrs|His|Her|Sir|Major|Colonel|Captain|Lieutenant|Admiral)\b)"
)
# The addressee set before the date on one line is no place: "Major General McClellan
# June 15, 1862" (a letter's date, its addressee named beside it).
_ADDRESSEE_BEFORE = (
    r"(?:(?:(?:Major|Brigadier|Lieutenant)[\s-]+)?General|Colonel|Captain|Admiral|Governor)"
    r"\s+(?:[A-Z][\w.'’-]*\s+){1,3}"
)
# Before a comma a place may hold a common noun: "War department,", "Washington city,".
_PLACE_BEFORE_COMMA = (
    rf"{_PLACE_WORD}(?:\s+(?:(?:of|the|de|du|on|upon)\s+)?(?:{_PLACE_WORD}|[a-z]{{3,}})){{0,4}}"
)
_PLACE_PREFIX = (  # "Moscow,", "The White House,", "Department of State, Washington,",
    # with no comma, a place before its date: "Paris Sep. 6. 1789", "London 24th ...",
    # "EXECUTIVE MANSION, WASHINGTON October 26, 1862"; and an editor's place in
    # brackets: "[New York] March 26 1796", "[London,] 14 November 1864"
    rf"(?P<place>(?:\[{_PLACE_NAME},?\]\s*)"
    rf"|{_NOT_A_PLACE}(?:{_PLACE_BEFORE_COMMA},\s*){{1,3}}"
    rf"|{_NOT_A_PLACE}(?:{_PLACE_BEFORE_COMMA},\s*){{0,3}}{_PLACE_NAME}\s+(?=[A-Z0-9]))?"
)
_TIME = (  # "—7 p.m.", ", 6 p.m.", " 7.30 a.m.", ", noon"; a clerk's "12.10", "3.25pm", "6 pm."
    r"(?:(?:\s*[—–-]+\s*|\s*[,.]\s*|\s+|(?<=\d))"
    r"(?:\d{1,2}(?:[.:]\d\d)?\s*[apAP]\.?\s*[mM]\.?|\d{1,2}[.:]\d\d)"
    r"|\s*,?\s*(?:noon|midnight))?"
)
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_DATE_ONLY = re.compile(
    rf"^\s*\[?\s*(?:{_ADDRESSEE_BEFORE}|{_PLACE_PREFIX}){_WEEKDAY}(?P<date>{_ANY_FULL})"
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
    if "1" in text or "2" in text:  # (every year this reads opens with one)
        add(_YMD, True)
    if yearless:
        add(_MD, False)
        add(_DM, False)
    return sorted(found, key=lambda d: d.start)


@dataclass(frozen=True, slots=True)
class DateLine:
    date: FoundDate
    place: str | None
    marker: int | None
    old_style: str | None = None  # the Old Style part of a dual date, when there is one
    editor_year: bool = False  # the year is the editor's, in brackets: "28 March [1801]"


# Every full date form holds a year: a line without one is no date line.
_YEAR_DIGITS = re.compile(r"1[5-9]\d\d|20\d\d")
_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s.])[A-Z]\.$")
_WEEKDAY_AFTER_PLACE = re.compile(
    r"(?:^|,\s*)(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$|\s+$"
)


# A day given in both calendars, Old Style first: "February 16 (28), 1854", "16/28
# February 1854" (Russia before 1918).
_DUAL_DAY = re.compile(
    r"(?<!\d)(?P<old>(?P<day>[0-3]?\d)(?:st|nd|rd|th|d)?\s*(?:/|\(\s*))"
    r"(?P<new>[0-3]?\d(?:st|nd|rd|th|d)?)(?P<close>\s*\))?"
)
_CALENDAR_GAP = range(10, 14)  # days between Old and New Style, 1582 to 1918


def _month_named(group: str) -> str:
    return _MONTH.replace("?P<month>", f"?P<{group}>")


def _month_and_day(suffix: str) -> str:
    """ "January 28" or "28 January", its groups named with `suffix`."""
    day, ordinal = r"[0-3]?\d", r"(?:st|nd|rd|th|d)?"
    return (
        rf"{_month_named('month' + suffix)}\s+(?P<day{suffix}>{day}){ordinal}"
        rf"|(?P<day{suffix}_>{day}){ordinal}\s+{_month_named('month' + suffix + '_')}"
    )


# Across two months: "January 28 (February 9), 1854", "28 January (9 February) 1854",
# "January 28/February 9, 1854".
_DUAL_MONTH = re.compile(
    rf"(?P<old>{_month_and_day('')})(?P<open>\s*(?:/|\(\s*))"
    rf"(?P<new>{_month_and_day('_new')})(?P<close>\s*\))?"
)


# The year inside the brackets: "January 28 (February 9, 1854)".
_DUAL_MONTH_YEAR = re.compile(
    rf"(?P<old>{_month_and_day('')})(?P<open>\s*\(\s*)"
    rf"(?P<new>(?:{_month_and_day('_new')})\s*,?\s*(?P<year>1[5-9]\d\d))(?P<close>\s*\))"
)


# What every dual date holds: a day or a month (every month name opens with one of
# these capitals) after its "/" or "(": "(Harriman)" is none.
_MAY_BE_DUAL = re.compile(r"[/(]\s*[\dJFMASOND]")


def new_style(line: str) -> str:
    """The line with the Old Style day of a dual date blanked out (same length, so
    offsets hold): the New Style date is the one that compares with other letters."""
    if ("/" not in line and "(" not in line) or not _MAY_BE_DUAL.search(line):
        return line
    line = _DUAL_MONTH_YEAR.sub(_keep_new_month, line)
    return _DUAL_DAY.sub(_keep_new_style, _DUAL_MONTH.sub(_keep_new_month, line))


def find_new_style_dates(
    text: str, *, yearless: bool = False
) -> tuple[list[FoundDate], str | None]:
    """The dates of `text` with a dual date read as its New Style date, and the Old
    Style part left aside (None when the text gives one calendar only)."""
    kept = new_style(text)
    found = find_dates(kept, yearless=yearless)
    if not found and ("/" in text or "." in text):
        found = numeric_dates(text)
    return found, old_style_part(text, kept)


# A clerk's figures on a telegram's "Sent"/"Received" line: "10/14/50" (month first,
# as American typists write), "31.8.50" and "24.III.50" (day first, as Europeans do).
_NUMERIC = re.compile(
    r"(?<![\w/.])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d|[IVX]{1,4})(?P=sep)"
    r"(?P<year>1[5-9]\d\d|20\d\d|\d\d)(?![\w/]|\.\d)"
)
_ROMAN_MONTHS = {r: n for n, r in enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"], start=1)}  # fmt: skip


def numeric_dates(text: str) -> list[FoundDate]:
    """The dates written in figures only; a two-digit year is of the 1900s, the age of
    the typed telegram form that writes them."""
    found = []
    for m in _NUMERIC.finditer(text):
        a, b, year = m.group("a"), m.group("b"), int(m.group("year"))
        year = year + 1900 if year < 100 else year
        if b in _ROMAN_MONTHS:
            day, month = int(a), _ROMAN_MONTHS[b]
        elif b.isdigit() and m.group("sep") == "/" and int(a) <= 12:
            month, day = int(a), int(b)
        elif b.isdigit():
            day, month = int(a), int(b)
        else:
            continue
        if month > 12 or not (iso := _iso(year, month, day)):
            continue
        found.append(FoundDate(iso, m.start(), m.end(), m.group(0)))
    return found


def _keep_new_month(m: re.Match[str]) -> str:
    if ("(" in m.group("open")) != bool(m.group("close")):
        return m.group(0)
    old_month = _month_number(m.group("month") or m.group("month_"))
    old_day = int(m.group("day") or m.group("day_"))
    new_month = _month_number(m.group("month_new") or m.group("month_new_"))
    new_day = int(m.group("day_new") or m.group("day_new_"))
    if old_month == new_month or not _calendar_gap(old_month, old_day, new_month, new_day):
        return m.group(0)
    blank = len(m.group("old")) + len(m.group("open"))
    return " " * blank + m.group("new") + " " * len(m.group("close") or "")


def _calendar_gap(old_month: int, old_day: int, new_month: int, new_day: int) -> bool:
    """Whether the second day falls the 10 to 13 days after the first that part the
    calendars (a year without Feb 29 stands for any: the range absorbs the leap day)."""
    try:
        old, new = date(2001, old_month, old_day), date(2001, new_month, new_day)
    except ValueError:
        return False
    return (new - old).days in _CALENDAR_GAP


def _keep_new_style(m: re.Match[str]) -> str:
    if "(" in m.group("old") and not m.group("close"):
        return m.group(0)
    new = m.group("new")
    if int(new.rstrip("stndrh")) - int(m.group("day")) not in _CALENDAR_GAP:
        return m.group(0)  # not the days between the calendars: "1/2 March", "5/6 p.m."
    return " " * len(m.group("old")) + new + " " * len(m.group("close") or "")


# A year the editor supplied after the writer's day and month: "Hull 28 March [1801]".
_EDITOR_YEAR = re.compile(r"\[(?P<year>1[5-9]\d\d)\]\s*\.?\s*$")


def _first_date(text: str) -> FoundDate | None:
    """`find_dates(text)[0]`, cheaply in the common cases: a date that opens the text
    is the first one found (none starts before it), "Month D, YYYY" winning any tie,
    "D Month YYYY" only when no "Month D, YYYY" is anywhere in the text."""
    m = _MDY.match(text)
    if m and (fd := _from_match(m, True)):
        return fd
    if not m and not _MDY.search(text) and (m := _DMY.match(text)) and (fd := _from_match(m, True)):
        return fd
    found = find_dates(text)
    return found[0] if found else None


# Most date lines are a date alone. Such a line can hold no place, addressee, time,
# marker nor dual date, so the full pattern would read it the same, only slower.
_DATE_ALONE = re.compile(rf"\s*(?P<date>{_ANY_FULL})\s*\.?\s*")


def _date_alone(line: str) -> DateLine | None:
    m = _DATE_ALONE.fullmatch(line)
    if not m or not (fd := _first_date(m.group("date"))):
        return None
    offset = m.start("date")
    return DateLine(FoundDate(fd.iso, fd.start + offset, fd.end + offset, fd.text), None, None)


# How every month token opens, in any case ("Jan.", "JANUARY", "Apl.", "Sepr"): a cheap
# test that spares the costly line pattern the many lines with a year and no month.
_MONTH_OPENINGS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                   "nov", "dec", "apl")  # fmt: skip


def _may_name_a_month(line: str) -> bool:
    low = line.lower()
    for opening in _MONTH_OPENINGS:
        if opening in low:
            return True
    return "-" in line  # an ISO date


def parse_date_line(line: str) -> DateLine | None:
    """A line that holds only a date (and maybe a place and a note marker)."""
    if len(line) > 90 or not _YEAR_DIGITS.search(line):
        return None
    if alone := _date_alone(line):
        return alone
    if not _may_name_a_month(line):
        return None
    return _date_line_in_full(line)


def _date_line_in_full(line: str) -> DateLine | None:
    """The date line read with the whole pattern: place, addressee, weekday, time,
    marker, dual date, the editor's year (`parse_date_line`'s shortcuts agree with it)."""
    editor_year = False
    if "[" in line and (year := _EDITOR_YEAR.search(line)) and year.start() > 0:
        editor_year = True  # brackets to spaces: the offsets hold
        line = f"{line[: year.start()]} {year.group('year')} {line[year.end() :]}"
    printed, line = line, new_style(line)
    m = _DATE_ONLY.match(line)
    if not m:
        return None
    fd = _first_date(m.group("date"))
    if fd is None:
        return None
    offset = m.start("date")
    fd = FoundDate(fd.iso, fd.start + offset, fd.end + offset, fd.text)
    place = (m.group("place") or "").strip().lstrip("[").rstrip("],").rstrip()
    place = _WEEKDAY_AFTER_PLACE.sub("", place)
    if not _ENDS_WITH_INITIAL.search(place):  # "Fairfax C. H.", "Washington, D.C." keep it
        place = place.removesuffix(".")
    place = place or None
    marker = int(m.group("marker")) if m.group("marker") else None
    return DateLine(fd, place, marker, old_style_part(printed, line), editor_year)


def old_style_part(printed: str, kept: str) -> str | None:
    """What `new_style` blanked out of the line: the Old Style day or date."""
    if printed == kept:
        return None
    blanked = "".join(
        p if k == " " and p != " " else " " for p, k in zip(printed, kept, strict=True)
    )
    return " ".join(blanked.replace("(", " ").replace(")", " ").replace("/", " ").split())


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
