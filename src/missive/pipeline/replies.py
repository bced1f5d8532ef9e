"""References from one document to another by date: "your message of February 16",
"yours of November 8", "your telegram of November 10th", "your two messages of
October 14", "your latest message — that of July 16", "my message of December 30",
"mine of February 16", "Your friendly joint message reached me on January 27", and
the day of this or last month of older letters: "your despatch of the 28th ultimo",
"yours of the 3rd instant" (read against the referring document's own date).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from missive.pipeline.dates import FoundDate, find_dates
from missive.pipeline.literals import first_of, lowered, matches_at, occurrences

_OWNER = r"(?P<owner>your|yours|my|mine|our)"
_KIND = (
    r"(?:message|messages|telegram|telegrams|letter|letters|wire|cable|cables|note|despatch|"
    r"despatches|dispatch|dispatches|"
    r"communication|communications|reply|answer|radio|proposal|proposals)"
)
_ADJ = (
    r"(?:(?:joint|friendly|latest|last|personal|kind|two|three|own|previous|recent|first|second|"
    r"Excellency['’]s|Lordship['’]s)\s+)*"  # "your Excellency's despatch of the 28th ultimo"
)
# "your message of February 16", "yours of November 8", "your latest message—that of July 16"
# Each pattern starts with a quick first test of the first letter (it spares the
# slower alternatives at most positions).
_OF_DATE = re.compile(
    rf"(?=[ymo])\b{_OWNER}\s+(?P<adj>{_ADJ})(?:{_KIND}\s*(?:[—–-]+\s*that\s+|,\s*that\s+)?)?"
    r"(?:of|dated)\s+(?=(?P<rest>.{3,40}))",  # a lookahead: the next phrase may start inside
    re.IGNORECASE,
)
# "Your friendly joint message reached me on January 27", "... was received on ..."
_REACHED_ON = re.compile(
    rf"(?=y)\b(?P<owner>your)\s+(?P<adj>{_ADJ}){_KIND}\b[^.;]{{0,60}}?"
    r"\b(?:reached me|was received|received|arrived)\s+(?:on|today,?)\s+(?=(?P<rest>.{3,40}))",
    re.IGNORECASE,
)


# "On February 12 I received from Mr Churchill a message", "I received on September 6
# your message", "Mr Hull delivered your latest message to me on October 25"
_I_RECEIVED = re.compile(
    r"(?=[OoId])\b(?:[Oo]n\s+(?P<rest1>\w+\s+\d{1,2}(?:st|nd|rd|th)?),?\s+I\s+(?:received|was handed)\b"
    r"|\bI\s+received\s+on\s+(?P<rest2>\w+\s+\d{1,2}(?:st|nd|rd|th)?)"
    r"|\bdelivered\s+(?:your|the|his)\s+[\w ]{0,30}?(?:message|letter|telegram)\s+to\s+me\s+on\s+"
    r"(?P<rest3>\w+\s+\d{1,2}(?:st|nd|rd|th)?))"
)


# Literal words every match of a pattern holds (lowercase for the case-insensitive ones).
_REACHED_WORDS = ("reached me", "received", "arrived")
_OWNER_STARTS = ("your", "my", "mine", "our")  # the owner words ("yours" starts as "your")
_I_RECEIVED_WORDS = ("received", "was handed", "delivered")


@dataclass(frozen=True, slots=True)
class DateReference:
    owner: str  # "your" (the addressee's message) | "my" (the writer's own) |
    # "received_by_me" (a message the writer says they received on that date)
    joint: bool
    role: str  # "any" date of the target, or "received" for "reached me on"
    iso: str  # may be year-less "--MM-DD"
    start: int
    end: int
    text: str


# "the 28th ultimo", "the 3rd inst.": a day of last month or of this one.
_RELATIVE_DAY = re.compile(
    r"^(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th|d)?\.?\s+(?:of\s+)?"
    r"(?P<rel>instant|inst\.|ultimo|ult\.|ulto\.?)",
    re.IGNORECASE,
)


def find_date_references(text: str, context_iso: str | None = None) -> list[DateReference]:
    """`context_iso`: the referring document's date, which "the 28th ultimo" needs."""
    phrases, received = _scanned(text)
    refs: list[DateReference] = []
    seen: set[int] = set()
    for phrase in phrases:
        dates = phrase.dates
        if (not dates or dates[0].start > 3) and context_iso:
            dates = _relative_day(phrase.rest, context_iso)
        if not dates or dates[0].start > 3:
            continue
        if phrase.start in seen:
            continue
        seen.add(phrase.start)
        date = dates[0]
        end = phrase.rest_start + date.end
        refs.append(
            DateReference(
                owner=phrase.owner,
                joint=phrase.joint,
                role=phrase.role,
                iso=date.iso,
                start=phrase.start,
                end=end,
                text=text[phrase.start : end],
            )
        )
    refs.extend(ref for ref in received if ref.start not in seen)
    return sorted(refs, key=lambda r: r.start)


@dataclass(frozen=True, slots=True)
class _Phrase:
    """An owner phrase ("your message of ...") and the dates read after it."""

    role: str
    owner: str  # "your" | "my"
    joint: bool
    start: int
    rest_start: int  # where the text after "of" starts
    rest: str
    dates: list[FoundDate]


# What a text holds whatever its context, by text: a document's text is read by the
# parties stage and again by the threads stage (which then forgets them all); kept up
# to a number of characters.
_SCANNED: dict[str, tuple[list[_Phrase], list[DateReference]]] = {}
_SCANNED_CHARS = [0]
_MAX_SCANNED_CHARS = 1 << 24


def _scanned(text: str) -> tuple[list[_Phrase], list[DateReference]]:
    found = _SCANNED.get(text)
    if found is None:
        if _SCANNED_CHARS[0] > _MAX_SCANNED_CHARS:
            _SCANNED.clear()
            _SCANNED_CHARS[0] = 0
        found = _SCANNED[text] = _scan(text)
        _SCANNED_CHARS[0] += len(text)
    return found


def forget_scanned() -> None:
    """Drop what `find_date_references` keeps of the texts it read."""
    _SCANNED.clear()
    _SCANNED_CHARS[0] = 0


def _scan(text: str) -> tuple[list[_Phrase], list[DateReference]]:
    """The owner phrases that may name a date (in the order they are tried), and the
    "I received on ..." references."""
    phrases: list[_Phrase] = []
    for role, matches in _owner_phrases(text):
        for m in matches:
            rest = m.group("rest")
            dates = find_dates(rest, yearless=True)
            if (not dates or dates[0].start > 3) and not _RELATIVE_DAY.match(rest):
                continue  # no date, whatever the context
            owner = "your" if m.group("owner").lower().startswith("your") else "my"
            joint = "joint" in m.group("adj").lower()
            phrases.append(_Phrase(role, owner, joint, m.start(), m.start("rest"), rest, dates))
    received: list[DateReference] = []
    matches = _I_RECEIVED.finditer(text) if first_of(text, _I_RECEIVED_WORDS) >= 0 else ()
    for m in matches:
        dates = find_dates(m.group("rest1") or m.group("rest2") or m.group("rest3"), yearless=True)
        if dates:
            received.append(DateReference("received_by_me", False, "received", dates[0].iso,
                                          m.start(), m.end(), m.group(0)))  # fmt: skip
    return phrases, received


def _relative_day(rest: str, context_iso: str) -> list[FoundDate]:
    """ "the 28th ultimo" in a letter of 14 March 1854: 28 February 1854."""
    m = _RELATIVE_DAY.match(rest)
    if not m or context_iso.startswith("--"):
        return []
    year, month = int(context_iso[:4]), int(context_iso[5:7])
    if m.group("rel").lower().startswith("ult"):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    try:
        day = date(year, month, int(m.group("day")))
    except ValueError:
        return []
    return [FoundDate(day.isoformat(), m.start(), m.end(), m.group(0))]


def _owner_phrases(text: str) -> list[tuple[str, Iterator[re.Match[str]]]]:
    """The matches of the patterns that start with an owner word ("your message ...
    reached me", "your message of"), with the role of the date they name; each pattern
    is tried only where its first word stands, when that can be told."""
    low = lowered(text)
    if low is None:
        return [("received", _REACHED_ON.finditer(text)), ("any", _OF_DATE.finditer(text))]
    reached = _word_starts(text, low, ("your",)) if first_of(low, _REACHED_WORDS) >= 0 else []
    return [
        ("received", matches_at(_REACHED_ON, text, reached)),
        ("any", matches_at(_OF_DATE, text, _word_starts(text, low, _OWNER_STARTS))),
    ]


def _word_starts(text: str, low: str, words: tuple[str, ...]) -> list[int]:
    """Where one of `words` starts a word of `text` (`low`: `text` lowercased), not
    "our" inside "four" or "your", nor "my" inside "army": the only places where the
    patterns, which open with a word boundary, can match."""
    return [at for at in occurrences(low, words) if at == 0 or not _is_word_char(text[at - 1])]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def complete_year(iso: str, context_iso: str | None) -> str | None:
    """Give a year-less date the year of its context (the year before when the
    month lies well after the context's month: a reply in January to December)."""
    if not iso.startswith("--"):
        return iso
    if not context_iso or context_iso.startswith("--"):
        return None
    year = int(context_iso[:4])
    if int(iso[2:4]) - int(context_iso[5:7]) > 2:
        year -= 1
    return f"{year:04d}{iso[1:]}"
