"""Normalization: the source's text as lines, each with a cleaned form.

Reads: ``Source.readable``, ``Source.header_end``.
Adds: a :class:`Layout` — the lines with their original offsets and a cleaned text
(markdown emphasis, struck-through markup, paragraph markers such as "□",
line-end and spaced hyphenation removed), and which lines are noise (page and folio
numbers, separators, stray single characters, repeated running heads).

The original text is never changed: every line keeps the offsets of its raw text,
and cleaning only ever deletes characters, so spans always point into the original.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from missive.gc_pause import with_gc_paused
from missive.model import Source


@dataclass(slots=True)
class Line:
    no: int  # 1-based line number in the readable text
    start: int  # offset of the first character in the readable text
    end: int  # offset just after the last character (newline excluded)
    raw: str
    clean: str
    noise: str = ""  # why the line is not text: "page number", "separator", ...
    struck: list[str] = field(default_factory=list)  # text inside ~~strike~~ markup
    kind: str = ""  # set by segmentation (see classify.py)
    info: dict = field(default_factory=dict)  # what the classifier read off the line
    markers: list = field(default_factory=list)  # note markers, offsets in `raw`

    @property
    def blank(self) -> bool:
        return not self.clean


@dataclass(slots=True)
class Layout:
    """What normalization learned about a source, for the later stages."""

    lines: list[Line]
    first_line: int  # index of the first line after the source's own header
    notes_start: int | None = None  # index of the first line of the notes section
    note_numbers: frozenset[int] = frozenset()
    drafts: list = field(default_factory=list)  # segment.Draft, one per document


_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_STRUCK = re.compile(r"~~(.+?)~~")
_PARA_MARK_CHARS = "□■¶§▪●"
_PARA_MARK = re.compile(rf"^[\s{_PARA_MARK_CHARS}]+")
_SPACED_HYPHEN = re.compile(r"(?<=[a-z])- (?=[a-z])")
_AUTOLINK = re.compile(r"^<(https?://[^>]+)>$")
_ATX_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)(?:\s+#+)?$")  # markdown "# Document 12"

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\[\s*\d{1,4}\s*\]|\d{1,4}|p\.\s*\d{1,4}|page\s+\d{1,4}"
    r"|\[\s*page\s+\d{1,4}\s*\]"
    r"|(?:viewing\s+)?page\s+\d{1,4}\s+of\s+\d{1,4})$",  # a transcription site's viewer
    re.IGNORECASE,
)
_PAGE_NUMBER_ENDS = "-–—]\n"
_SEPARATOR = re.compile(r"^(?:[-=_*~#]\s*){3,}$")
_SEPARATOR_CHARS = "-=_*~#"
_STRAY = re.compile(r"^(?:[A-Za-z]|[^\w\s]{1,2})$")  # "M", a lone "'" from a scan
_CLASSIFICATION_LINE = re.compile(
    r"^(?:TOP SECRET|SECRET|CONFIDENTIAL|RESTRICTED|LIMITED OFFICIAL USE|UNCLASSIFIED|"
    r"MOST SECRET|PERSONAL AND SECRET)$",
    re.IGNORECASE,
)
# A labelled field ("FROM: AMEMBASSY MOSCOW", "E.O. 11652: GDS"): each cable has its own.
_FIELD_LINE = re.compile(r"^[A-Z][A-Z.]*(?: [A-Z0-9.]+){0,2}\s*:\s*\S")
_HEADING_WORD = re.compile(r"\b(?:TO|FROM|FOR)\b")
_DATE_AT_END = re.compile(
    r"\b(?:JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)[A-Z]*\.?\s+[0-3]?\d(?:ST|ND|RD|TH)?"
    r",?\s+\d{4}\.?$",
    re.IGNORECASE,
)
_PAGED_HEAD = re.compile(r"^(?:\d{1,4}\s+(?P<words>\D.*)|(?P<words2>\D.*?)\s+\d{1,4})$")


@with_gc_paused
def normalize(source: Source) -> Layout:
    lines = cleaned_lines(source.readable)
    first = first_line_after(lines, source.header_end)
    opening = source.readable[:20_000].upper()
    if "GUTENBERG" in opening or "EBOOK" in opening:  # a library's frame or a site's blurb
        from missive.pipeline.ebook_frame import book_lines

        first, stop = book_lines(lines, first)
        for line in lines[stop:]:  # the library's licence after the book: blank noise
            line.clean, line.noise = "", "ebook frame"
    _mark_running_heads(lines)
    return Layout(lines=lines, first_line=first)


def cleaned_lines(text: str) -> list[Line]:
    """`split_lines`, then `clean_line` and `noise_reason` on each line, in one pass:
    the same lines.  Most lines hold none of the characters cleaning or a noise rule
    looks for; they are read with a few tests instead of the calls."""
    lines: list[Line] = []
    append = lines.append
    start = 0
    for no, raw in enumerate(text.split("\n"), start=1):
        end = start + len(raw)
        stripped = raw.rstrip()  # what clean_line's rstrip("\r").rstrip() leaves
        if not stripped:
            append(Line(no, start, end, raw, "", "", []))
        elif _needs_cleaning(stripped):
            line = Line(no, start, end, raw, "")
            clean_line(line)
            line.noise = noise_reason(line.clean)
            append(line)
        else:  # clean as it is: no markup, no leading space or mark, no "- "
            append(Line(no, start, end, raw, stripped, _noise_of_clean(stripped), []))
        start = end + 1
    return lines


def _needs_cleaning(text: str) -> bool:
    """Whether `clean_line` may change `text` (right-stripped, not empty) other than
    by stripping it: what its tests for each substitution look for."""
    return (
        text[0].isspace()
        or text[0] in _PARA_MARK_CHARS
        or text[0] == "#"
        or "<" in text
        or "~~" in text
        or "*" in text
        or "__" in text
        or "- " in text
    )


def _noise_of_clean(text: str) -> str:
    """`noise_reason(text)`, called only where one of its rules can hold: a digit or a
    closing dash or bracket at the end, a digit or separator at the start, or at most
    three characters."""
    last, first = text[-1], text[0]
    if (
        last.isdigit()
        or last in _PAGE_NUMBER_ENDS
        or first.isdigit()
        or first in _SEPARATOR_CHARS
        or len(text) <= 3
    ):
        return noise_reason(text)
    return ""


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    start = 0
    for no, raw in enumerate(text.split("\n"), start=1):
        end = start + len(raw)
        lines.append(Line(no=no, start=start, end=end, raw=raw, clean=""))
        start = end + 1
    return lines


def clean_line(line: Line) -> None:
    text = line.raw.rstrip("\r").rstrip()
    if "<" in text and (autolink := _AUTOLINK.match(text.strip())):
        text = autolink.group(1)
    # Each substitution only where its characters occur (most lines have none).
    line.struck = _STRUCK.findall(text) if "~~" in text else []
    if line.struck:
        text = _STRUCK.sub(r"\1", text)
    if "*" in text or "__" in text:
        text = _EMPHASIS.sub("", text)
    if text[:1] == "#" and (heading := _ATX_HEADING.match(text)):
        text = heading.group("text")
    if text[:1].isspace() or text[:1] in _PARA_MARK_CHARS:
        text = _PARA_MARK.sub("", text)
    if "- " in text:
        text = _SPACED_HYPHEN.sub("", text)
    line.clean = text.strip()


def mark_noise(lines: list[Line]) -> None:
    for line in lines:
        reason = noise_reason(line.clean)
        if reason:
            line.noise = reason
    _mark_running_heads(lines)


def noise_reason(text: str) -> str:
    if not text:
        return ""
    # Each pattern only where its first or last character can stand (cheap tests).
    last = text[-1]
    if (last.isdigit() or last in _PAGE_NUMBER_ENDS) and _PAGE_NUMBER.match(text):
        return "page number"
    if text[0] in _SEPARATOR_CHARS and _SEPARATOR.match(text):
        return "separator"
    if len(text) <= 3 and _STRAY.match(text):
        return "stray character"
    if _is_numbered_running_head(text):
        return "running head"
    return ""


def _is_numbered_running_head(text: str) -> bool:
    """ "986 FOREIGN RELATIONS, 1944, VOLUME IV", "UNION OF SOVIET ... 985": a line of
    capitals with the page number at one end."""
    if not (text[:1].isdigit() or text[-1:].isdigit() or text.endswith("\n")):
        return False  # the page number stands at one end (a cheap first test)
    m = _PAGED_HEAD.match(text)
    if not m:
        return False
    words = m.group("words") or m.group("words2")
    if _DATE_AT_END.search(text):  # "WASHINGTON, JUNE 19, 1862": a dateline in capitals
        return False
    if _HEADING_WORD.search(words) or _FIELD_LINE.match(words):  # a heading with a note
        return False  # marker; a labelled field ("REF: (A) STATE 61022 (B) MOSCOW 3390")
    letters = [ch for ch in words if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) / len(letters) > 0.9


def _mark_running_heads(lines: list[Line]) -> None:
    """A short line repeated many times on its own (a running head) is noise."""
    counts = Counter(
        line.clean for line in lines if line.clean and not line.noise and len(line.clean) <= 60
    )
    for i, line in enumerate(lines):
        if (
            counts.get(line.clean, 0) >= 3
            and _looks_like_running_head(line.clean)
            and not _signs_a_cable(lines, i)
        ):
            line.noise = "running head"


def _signs_a_cable(lines: list[Line], i: int) -> bool:
    """ "STOESSEL" after the last sentence and before the classification at the foot:
    the signer of many cables of one post, not a running head."""
    if " " in lines[i].clean:
        return False
    before = next((ln.clean for ln in reversed(lines[max(0, i - 3) : i]) if ln.clean), "")
    after = next((ln.clean for ln in lines[i + 1 : i + 4] if ln.clean), "")
    return before.endswith(".") and (not after or bool(_CLASSIFICATION_LINE.match(after)))


def _looks_like_running_head(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or text.endswith((".", ",", ":", ";")) or _FIELD_LINE.match(text):
        return False
    if _CLASSIFICATION_LINE.match(text):
        return False  # each cable's or despatch's own: segmentation reads where it stands
    return sum(ch.isupper() for ch in letters) / len(letters) > 0.8


def first_line_after(lines: list[Line], offset: int) -> int:
    if offset <= 0:
        return 0
    for index, line in enumerate(lines):
        if line.start >= offset:
            return index
    return len(lines)


def set_noise(line: Line, reason: str) -> None:
    """Make a line noise, for `reason`: no text of any document, and no opener."""
    line.kind, line.info, line.noise = "noise", {}, reason


def next_text_lines(lines: list[Line], k: int, count: int) -> list[Line]:
    """The first `count` lines after line k that are neither blank nor noise (classified
    lines: their kinds are set)."""
    found: list[Line] = []
    for j in range(k + 1, len(lines)):
        if lines[j].kind in ("blank", "noise"):
            continue
        found.append(lines[j])
        if len(found) == count:
            break
    return found


def paragraph_at(lines: list[Line], first: int) -> list[int]:
    """The indices of the paragraph's lines from `first` to the next blank line."""
    end = first
    while end + 1 < len(lines) and lines[end + 1].clean:
        end += 1
    return list(range(first, end + 1))


def join_paragraph(lines: list[Line]) -> str:
    """The text of consecutive lines as one paragraph, undoing line-end hyphenation."""
    text = ""
    for line in lines:
        part = line.clean
        if not text:
            text = part
        elif text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].islower():
            text = text[:-1] + part
        else:
            text = f"{text} {part}"
    return text
