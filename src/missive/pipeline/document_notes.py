"""Notes printed under each document, not at the end of the volume: an edition of
papers online (Founders Online) closes every document with its own "Notes" section —
the source note ("RC (DLC: Washington Papers); endorsed by Washington.") and the
numbered notes its markers point at — and the next document's heading follows.

Reads: the lines of a source after its header (normalized, not yet classified).
Changes: the lines of every "Notes" section that a document heading follows to kind
"footnote": a numbered note's lines carry ``info["footnote"]`` (its number) and
``info["first"]`` (the line number it opens on), as footnotes printed with a document
do; the heading carries ``info["editorial"]`` and is no note; the source note (the
unnumbered paragraph under it) is note 0 with ``info["source_note"]``.
The last "Notes" section, which no document follows, is the last document's when
the sections before it were their documents'; otherwise it is the volume's notes
section, read as before.

A page that prints each document's footnotes under it with no heading (a FRUS page
online: "1. Source: National Archives, RG 59, ..." after the signature) is read the
same way by `mark_unheaded_document_notes`: notes numbered 1, 2, ... right before the
next document's heading or the end of the page, each number a marker fused to the
text above ("State1").
"""

from __future__ import annotations

import re
from itertools import pairwise

from missive.pipeline.classify import NUMBER, classify_text
from missive.pipeline.normalize import Line

_NOTES_HEADING = re.compile(r"^(?:notes|editorial notes|footnotes)\s*:?$", re.IGNORECASE)
_NUMBERED_NOTE = re.compile(
    r"^(?P<n>\d{1,3})\s*[.)]\s+\S|^\[(?P<b>\d{1,3})\]\s+\S|^\((?P<p>\d{1,3})\)\s+\S"
)
_OPENS_DOCUMENT = {"heading", "record_heading"}
_NOTE_OPENERS = frozenset("0123456789[(")  # what _NUMBERED_NOTE can match first
_HEADING_STARTS = frozenset("NnEeFf")  # what a notes heading opens with ("" is not in it)


# The unnumbered paragraph that opens a document's Notes ("RC (DLC: Washington
# Papers).", "FC (DLC: TJ Papers)", "Tr (MHi)") describes the text's source: a note of
# the document that no marker points at (numbered 0; source_notes.py attaches it).
SOURCE_NOTE_INFO = {"footnote": 0, "document_note": True, "source_note": True}


def mark_document_notes(lines: list[Line]) -> None:
    """Mark the notes sections that close a document and are followed by another."""
    headings = [
        i
        for i, line in enumerate(lines)
        if line.clean[:1] in _HEADING_STARTS and _NOTES_HEADING.match(line.clean)
    ]
    per_document = False
    for k, start in enumerate(headings):
        stop = headings[k + 1] if k + 1 < len(headings) else len(lines)
        opener = _next_document(lines, start + 1, stop)
        if opener is not None:
            _mark_section(lines, start, opener)
            per_document = True
        elif per_document and stop == len(lines):  # the last document's, by the same layout
            _mark_section(lines, start, stop)


def _number(m: re.Match) -> int:
    return int(m.group("n") or m.group("b") or m.group("p"))


def _note_starts(lines: list[Line]) -> list[int]:
    """Paragraph starts, and each line of a list of one-line notes ("1. friend" /
    "2. See this volume, p. 166.") set without blank lines between."""
    starts = []
    for i, line in enumerate(lines):
        if not line.clean:
            continue
        if (
            i == 0
            or not lines[i - 1].clean
            or (
                (m := _NUMBERED_NOTE.match(line.clean))
                and (above := _NUMBERED_NOTE.match(lines[i - 1].clean))
                and _number(m) == _number(above) + 1
            )
            or _opens_list(lines, i)
        ):
            starts.append(i)
    return starts


def _opens_list(lines: list[Line], i: int) -> bool:
    """ "1. …" set right under the signature with "2. …" on the next line: a list of
    one-line notes, whatever stands above it."""
    m = _NUMBERED_NOTE.match(lines[i].clean)
    if m is None or _number(m) != 1 or i + 1 >= len(lines):
        return False
    below = _NUMBERED_NOTE.match(lines[i + 1].clean)
    return below is not None and _number(below) == 2


def mark_unheaded_document_notes(lines: list[Line]) -> None:
    """Mark the runs of numbered notes (from 1) that a document's heading follows (or
    the end of the text, a page's foot at most) and whose every number the text since
    the last such run carries as a fused marker."""
    since = 0
    starts = _note_starts(lines)
    k = 0
    while k < len(starts):
        run = _numbered_run(lines, starts, k)
        if not run:
            k += 1
            continue
        rest = starts[k + len(run) :]
        # the next document's heading follows; or the last document's notes end the
        # text (a page's foot at most after them): a page of one document
        closes = (rest and _opens_document(lines[rest[0]].clean)) or _page_foot_only(lines, rest)
        offset = None
        if closes and all(
            _fused_marker(lines, since, starts[k], n) for n in range(1, len(run) + 1)
        ):
            offset = 0
        elif closes:
            offset = _renumbered_from(lines, since, starts[k], len(run))
        if offset is not None:  # the printed numbers: apparatus.py pairs renumbered ones
            for n, first in enumerate(run, 1):
                _mark_note_paragraph(lines, first, n)
            since = rest[0] if rest else len(lines)
        k += len(run)


_FUSED_NUMBER = re.compile(r"(?<=[A-Za-z.,;:”’\")\]])(\d{1,3})(?![\d,])")


def _renumbered_from(lines: list[Line], since: int, stop: int, count: int) -> int | None:
    """A page that lists a document's notes as "1.", "2.", "3." while its text keeps the
    volume's markers ("Molotov5", "Tehran6", "Tass7"): when the text's last `count`
    fused numbers run on one by one, the list is the document's notes (apparatus.py
    pairs them by order); the offset between the two numberings, or None."""
    fused = [
        int(m.group(1))
        for i in range(max(since, stop - 200), stop)
        for m in _FUSED_NUMBER.finditer(lines[i].raw)
    ]
    if len(fused) < count or count < 2:
        return None
    last = fused[-count:]
    if any(b != a + 1 for a, b in pairwise(last)) or last[0] <= 1:
        return None
    return last[0] - 1


def _page_foot_only(lines: list[Line], starts: list[int]) -> bool:
    """Nothing after, or a few short paragraphs (a site's name, its copyright)."""
    return len(starts) <= 3 and all(len(lines[i].clean.split()) <= 20 for i in starts)


def _numbered_run(lines: list[Line], starts: list[int], k: int) -> list[int]:
    """The paragraph starts from `k` numbered 1, 2, 3, ... in turn ([] unless it is 1)."""
    run: list[int] = []
    while k + len(run) < len(starts):
        line = lines[starts[k + len(run)]]
        if line.clean[:1] not in _NOTE_OPENERS or line.kind == "footnote":
            break
        m = _NUMBERED_NOTE.match(line.clean)
        if not m or _number(m) != len(run) + 1:
            break
        run.append(starts[k + len(run)])
    return run


def _opens_document(text: str) -> bool:
    """A document's number or heading ("15. Telegram From the Department of State to ...")."""
    return bool(NUMBER.match(text)) or classify_text(text)[0] in (*_OPENS_DOCUMENT, "number")


def _fused_marker(lines: list[Line], since: int, stop: int, n: int) -> bool:
    fused = re.compile(rf"(?<=[A-Za-z.,;:”’\")\]]){n}(?!\d)|(?<=\S)[(\[]{n}[)\]]")
    return any(fused.search(lines[i].raw) for i in range(max(since, stop - 200), stop))


def _mark_note_paragraph(lines: list[Line], first: int, n: int) -> None:
    info = {"footnote": n, "first": lines[first].no, "document_note": True}
    i = first
    while i < len(lines) and lines[i].clean:
        if i > first and (m := _NUMBERED_NOTE.match(lines[i].clean)) and _number(m) == n + 1:
            break  # the next one-line note of a list
        lines[i].kind, lines[i].info = "footnote", dict(info)
        i += 1


# The description of the text an edition prints ("ALS, Hamilton Papers, Library of
# Congress.", "AL[S], DLC:GW; copy, DLC: …", "RC (DLC: Washington Papers)"): a
# manuscript code, then where the manuscript is kept.
_SOURCE_DESCRIPTION = re.compile(
    r"^(?:ALS|AL\[S\]|AL|LS|L\[S\]|ADS|ADfS|ADf|AD|DS|Df|Dft|RC|FC|LB|LbC|Tr|Copy)"
    r"(?:\s*[,;:(]|\s+\()\s*.*?(?:\b[A-Z][A-Za-z]*[A-Z]\w*\b|Papers|Library|Archives)"
)


def mark_source_descriptions(lines: list[Line]) -> None:
    """Mark each paragraph that describes the manuscript of the text above it as that
    document's source note (note 0), wherever the edition prints it under the text,
    and the notes numbered 1, 2, … right under it as the document's notes."""
    for i, line in enumerate(lines):
        if (
            line.clean[:1] in "ALDRFTC"
            and line.kind != "footnote"
            and _SOURCE_DESCRIPTION.match(line.clean)
        ):
            k = _mark_lines(lines, i, {**SOURCE_NOTE_INFO, "first": line.no})
            n = 1
            while (
                k < len(lines) and (m := _NUMBERED_NOTE.match(lines[k].clean)) and _number(m) == n
            ):
                k = _mark_lines(
                    lines, k, {"footnote": n, "first": lines[k].no, "document_note": True}
                )
                n += 1


def _mark_lines(lines: list[Line], first: int, info: dict) -> int:
    """Mark the paragraph at `first` (its line alone where the page sets no blank
    lines between paragraphs); the index of the next text line."""
    alone = first > 0 and bool(lines[first - 1].clean)
    k = first
    while k < len(lines) and lines[k].clean and (k == first or not alone):
        lines[k].kind, lines[k].info = "footnote", dict(info)
        k += 1
    while k < len(lines) and not lines[k].clean:
        k += 1
    return k


def _next_document(lines: list[Line], start: int, stop: int) -> int | None:
    """The first line after `start` that opens a paragraph with a document's heading."""
    for i in range(start, stop):
        text = lines[i].clean
        if not text or (i > start and lines[i - 1].clean) or _NUMBERED_NOTE.match(text):
            continue
        if NUMBER.match(text) or classify_text(text)[0] in _OPENS_DOCUMENT:
            return i
    return None


def _mark_section(lines: list[Line], start: int, end: int) -> None:
    info: dict = {"editorial": True}
    paragraphs = 0
    for i in range(start, end):
        line = lines[i]
        if not line.clean or line.noise:
            continue
        if not lines[i - 1].clean or i == start:  # a paragraph opens
            m = _NUMBERED_NOTE.match(line.clean) if i > start else None
            number = _number(m) if m else None
            info = (
                {"footnote": number, "first": line.no, "document_note": True}
                if number is not None
                else {"editorial": True}
            )
            if number is None and paragraphs == 1:  # the first under the heading
                info = {**SOURCE_NOTE_INFO, "first": line.no}
            paragraphs += 1
        line.kind, line.info = "footnote", dict(info)
