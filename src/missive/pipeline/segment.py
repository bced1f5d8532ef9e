"""Segmentation: where each document begins and ends.

Reads: the Layout from normalization.
Adds: ``Source.notes`` and one :class:`Draft` per document (kept on the layout for
the describe stage, which turns drafts into ``Source.documents``).

The rules, each a general pattern of printed correspondence:
- the notes section is the tail of the text made of numbered paragraphs ("21. The
  allusion is ...") whose numbers rise, or whatever follows a "Notes" heading;
- a printed number line ("No. 65"), a heading ("W. CHURCHILL TO J. V. STALIN") or an
  archive record heading ("PARAPHRASE of telegram dated ...") opens a document;
- "Sent on"/"Received on" lines and datelines stand where the source's layout puts
  them: the positions are learned from the documents that have a number or heading;
- a bare date line after the body is the author's date and closes the document;
- text after a closed document, or after a wider gap than the source's paragraph
  gap, opens a new (unnumbered) document;
- a passage introduced by a line ending in ":" and quoted over several paragraphs,
  or a document that a covering note announces ("the text of my reply"), is an
  enclosure of the document that holds it;
- two consecutive transcripts with the same text are one document with two witnesses.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import pairwise

from missive.gc_pause import with_gc_paused
from missive.model import Note, Source, Span
from missive.pipeline.address_blocks import mark_address_blocks, mark_blocks_above_salutations
from missive.pipeline.back_matter import drop_back_matter
from missive.pipeline.capital_titles import mark_capital_titles
from missive.pipeline.catalogue_fields import (
    mark_catalogue_fields,
    mark_repository_lines,
    mark_self_citations,
)
from missive.pipeline.cited_records import mark_cited_records
from missive.pipeline.classify import NUMBER, classify, classify_text, sent_or_received
from missive.pipeline.dates import parse_date_line
from missive.pipeline.document_notes import (
    mark_document_notes,
    mark_source_descriptions,
    mark_unheaded_document_notes,
)
from missive.pipeline.lettered_markers import find_lettered_markers, note_key
from missive.pipeline.list_items import mark_list_items
from missive.pipeline.literals import first_of, lowered
from missive.pipeline.lone_signatures import mark_lone_signatures
from missive.pipeline.markers import Marker, find_markers, strip_markers
from missive.pipeline.normalize import Layout, Line, join_paragraph, paragraph_at
from missive.pipeline.page_apparatus import mark_edition_apparatus, mark_heading_towns
from missive.pipeline.post_dates import mark_post_dates
from missive.pipeline.postscripts import attach_closing_address, attach_closing_postscript
from missive.pipeline.registry_lines import mark_registry_lines
from missive.pipeline.run_in_numbers import settle_entry_numbers
from missive.pipeline.salutations import mark_run_in_salutations, unmark_run_in
from missive.pipeline.signature_posts import INITIALLED_NAME, mark_signatures_with_ranks
from missive.pipeline.signatures import is_surname_only
from missive.pipeline.wrapped_lines import (
    join_hyphen_broken_datelines,
    join_place_lines_above_date,
    join_wrapped_closing,
    join_wrapped_fields,
)
from missive.pipeline.year_sections import MARGIN_DATE_RULE, read_year_sections

OPENERS = {"number", "heading", "record_heading", "from_to", "file_reference", "field"}
_NAMING_KINDS = {"heading", "record_heading", "from_to"}
HEADER_KINDS = OPENERS | {"sent_received", "dateline", "place_line", "salutation", "continuation",
                          "enclosure", "year", "receipt_time"}  # fmt: skip
PAGE_BREAK_NOISE = {"page number", "stray character", "running head"}
_NOTES_LINE = re.compile(r"^(?:notes|endnotes|footnotes|editorial notes)\s*:?$", re.IGNORECASE)
_NOTE_START = re.compile(
    r"^(?P<n>\d{1,4})\s*[.)]\s+\S|^\[(?P<b>\d{1,4})\]\s+\S|^\[(?P<l>[A-Z])\]\s+\S"
)  # "1. ...", "[1] ...", an ebook's "[A] ..." (lettered_markers.py)
_QUOTE_OPEN = ('"', "“", "'", "‘")
_QUOTE_CLOSE = ('"', "”", "'", "’")
_ANNOUNCES_TEXT = re.compile(
    r"\b(?:the (?:full )?text of|reads as follows|read as follows|as follows|"
    r"I (?:am sending|send|enclose|forward|transmit)(?: you)? (?:herewith )?(?:the|a) (?:copy|text))",
    re.IGNORECASE,
)
_ANNOUNCING_WORDS = ("text of", "as follows", "i am sending", "i send", "i enclose", "i forward",
                     "i transmit")  # fmt: skip


@dataclass(slots=True)
class Draft:
    """The lines of one document, sorted into header, body and trailer."""

    header: list[int] = field(default_factory=list)  # line indices
    body: list[list[int]] = field(default_factory=list)  # paragraphs of line indices
    trailer: list[int] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)  # printed with the document
    state: str = "header"  # header | body | signoff | closed
    children: list[Draft] = field(default_factory=list)  # enclosures
    witnesses: list[Draft] = field(default_factory=list)  # other transcripts of it
    enclosure_rule: str = ""

    def all_lines(self) -> list[int]:
        lines = {*self.header, *(i for p in self.body for i in p), *self.trailer, *self.footnotes}
        for child in self.children:
            lines.update(child.all_lines())
        return sorted(lines)

    def kinds(self, layout: Layout) -> set[str]:
        return {layout.lines[i].kind for i in self.header + self.trailer}


@dataclass(slots=True)
class Positions:
    """Where this source puts its "Sent on"/"Received on" lines and datelines."""

    sent_received_in_header: bool = True
    dateline_in_header: bool = False
    paragraph_gap: int = 1


@with_gc_paused
def segment(source: Source, layout: Layout) -> list[Draft]:
    mark_document_notes(layout.lines[layout.first_line :])
    mark_unheaded_document_notes(layout.lines[layout.first_line :])
    mark_source_descriptions(layout.lines[layout.first_line :])
    find_notes_section(layout)
    source.notes = read_notes(layout)
    lines = layout.lines[layout.first_line : layout.notes_start]
    mark_registry_lines(lines)
    footnotes = mark_footnotes(lines) + _document_note_firsts(lines)
    source.notes = sorted(
        source.notes + read_footnotes(lines, footnotes), key=lambda n: n.span.start
    )
    numbers = layout.note_numbers | {
        lines[i].info["footnote"] for i in footnotes if not lines[i].info.get("source_note")
    }  # a source note has no marker
    lettered = _lettered_notes(layout) | frozenset(
        lines[i].info["footnote"] for i in footnotes if lines[i].info.get("lettered")
    )
    for line in lines:
        if line.kind != "footnote":
            attach_markers(line, numbers, lettered)
            classify(line)
    mark_edition_apparatus(lines)
    mark_catalogue_fields(lines)
    mark_repository_lines(lines)
    mark_self_citations(lines)
    mark_heading_towns(lines)
    if cited := mark_cited_records(lines):
        source.notes = sorted(source.notes + cited, key=lambda n: n.span.start)
    settle_entry_numbers(lines)
    mark_list_items(lines)
    read_year_sections(lines)
    join_wrapped_headings(lines)
    mark_quoted_enclosures(lines)
    mark_run_in_salutations(lines)
    mark_address_blocks(lines)
    mark_blocks_above_salutations(lines)
    mark_lone_signatures(lines)
    mark_post_dates(lines)
    mark_capital_titles(lines)
    mark_signatures_with_ranks(lines)
    positions = learn_positions(lines)
    drafts = group(layout, positions)
    drafts = attach_closing_address(drafts, layout)
    drafts = drop_title_lines(drafts, layout)
    drafts = [d for d in drafts if not is_front_matter(d, layout)]
    drafts = drop_back_matter(drafts, layout)
    drafts = attach_closing_postscript(drafts, layout)
    drafts = attach_marked_enclosures(drafts, layout)
    drafts = attach_announced_enclosures(drafts, layout)
    for d in drafts:
        extract_quoted_enclosures(d, layout)
    drafts = merge_witnesses(drafts, layout)
    layout.drafts = drafts
    return drafts


# --- notes -----------------------------------------------------------------------


def _paragraph_starts(lines: list[Line], start: int) -> list[int]:
    return [
        i
        for i in range(start, len(lines))
        if lines[i].clean and (i == start or not lines[i - 1].clean)
    ]


def _note_number(line: Line) -> int | None:
    m = _NOTE_START.match(line.clean)
    if m is None:
        return None
    return note_key(m.group("l")) if m.group("l") else int(m.group("n") or m.group("b"))


def _lettered_notes(layout: Layout) -> frozenset[int]:
    """The numbers of the notes section's notes keyed by a letter ("[A] ...")."""
    if layout.notes_start is None:
        return frozenset()
    lines = layout.lines
    return frozenset(
        note_key(m.group("l"))
        for i in _paragraph_starts(lines, layout.notes_start)
        if (m := _NOTE_START.match(lines[i].clean)) and m.group("l")
    )


def find_notes_section(layout: Layout) -> bool:
    """The notes section: after a "Notes" heading, or the tail of rising numbered notes.
    Returns whether the text ends in a run of numbered notes, taken or not (too few
    markers above them: a window of a volume may hold too few of the text they annotate)."""
    lines = layout.lines
    for i in range(layout.first_line, len(lines)):
        if lines[i].clean and lines[i].kind != "footnote" and _NOTES_LINE.match(lines[i].clean):
            layout.notes_start = i
            layout.note_numbers = _numbers_from(lines, i + 1)
            return True
    starts = _paragraph_starts(lines, layout.first_line)
    # Walk back from the end over paragraphs that are numbered notes (or their
    # continuation paragraphs), while the numbers keep falling.
    candidate = None
    last_number = None
    numbered = 0
    for i in reversed(starts):
        number = _note_number(lines[i])
        text = lines[i].clean
        if number is None:
            if _is_structural(text):
                break
            continue
        if last_number is not None and number >= last_number:
            break
        last_number = number
        numbered += 1
        candidate = i
    if candidate is None or numbered < 2:
        return False
    numbers = _numbers_from(lines, candidate)
    if not _points_at(lines[layout.first_line : candidate], numbers, max(1, numbered // 2)):
        return True  # numbered paragraphs that (almost) nothing points at are body text
    layout.notes_start = candidate
    layout.note_numbers = numbers
    return True


def _points_at(lines: list[Line], numbers: frozenset[int], needed: int) -> bool:
    """Whether the markers of `lines` point at `needed` different note numbers (read
    only until they do: the whole text before the notes can be long)."""
    pointed: set[int] = set()
    for line in lines:
        pointed.update(m.number for m in find_markers(line.raw, numbers))
        if len(pointed) >= needed:
            return True
    return False


def _is_structural(text: str) -> bool:
    return bool(NUMBER.match(text) or sent_or_received(text) or parse_date_line(text))


def _numbers_from(lines: list[Line], start: int) -> frozenset[int]:
    return frozenset(
        n for i in _paragraph_starts(lines, start) if (n := _note_number(lines[i])) is not None
    )


def read_notes(layout: Layout) -> list[Note]:
    if layout.notes_start is None:
        return []
    lines = layout.lines
    notes: list[Note] = []
    current: list[int] = []
    for i in _paragraph_starts(lines, layout.notes_start):
        paragraph = paragraph_at(lines, i)
        if _note_number(lines[i]) is not None and (
            not notes or _note_number(lines[i]) > notes[-1].number
        ):
            current = paragraph
            notes.append(_make_note(lines, current))
        elif notes:
            current = current + paragraph
            notes[-1] = _make_note(lines, current)
    return notes


def _make_note(lines: list[Line], indices: list[int]) -> Note:
    first, last = lines[indices[0]], lines[indices[-1]]
    paragraphs: list[list[Line]] = []
    for position, i in enumerate(indices):
        if position and i == indices[position - 1] + 1:
            paragraphs[-1].append(lines[i])
        else:
            paragraphs.append([lines[i]])
    text = "\n\n".join(join_paragraph(p) for p in paragraphs)
    if first.info.get("document_note"):  # "1. The enclosed draft ..." (document_notes.py)
        number = first.info["footnote"]
        text = _NOTE_START.sub(lambda m: m.group(0)[-1], text, count=1)
    elif "footnote" in first.info and (b := _BRACKETED_FOOTNOTE.match(text)):
        number = first.info["footnote"]
        text = text[b.end() :].strip().removesuffix("]")
    elif "footnote" in first.info:
        number = first.info["footnote"]
        text = _FOOTNOTE.sub("", text, count=1)
    else:
        number = _note_number(first) or 0
        text = _NOTE_START.sub(lambda m: m.group(0)[-1], text, count=1)
    return Note(
        number=number,
        text=text.strip(),
        span=Span(first.start, last.end),
        start_line=first.no,
        end_line=last.no,
    )


# --- footnotes printed with their page or document ----------------------------------

_FOOTNOTE = re.compile(r"^(?:(?P<n>\d{1,3})|(?P<sym>[*†‡]{1,3}))\s*(?=[A-Z\[“\"‘(])")
_RULE = re.compile(r"^[_\-—–]{5,}$")
# A note as an ebook sets it, inline after its paragraph: "[Footnote 1: The motion of ...]".
_BRACKETED_FOOTNOTE = re.compile(
    r"^\[(?:Footnote|Note)\s+(?P<n>\d{1,3}|[A-Z])\s*:\s*", re.IGNORECASE
)  # "[Footnote A: ...]" is keyed by a letter (lettered_markers.py)


# A page's notes set as an indented list right under the text: "  1. On the morning …".
_LISTED_FOOTNOTE = re.compile(r"^\s{2,}(?P<n>\d{1,3})\.\s+(?=[A-Za-z\[“\"‘(])")  # "2. i. e., …"


def mark_footnotes(lines: list[Line]) -> list[int]:
    """Footnotes printed at the foot of a page or of a document: paragraphs opening
    with a bare number ("1 Not printed.") after a rule line, or numbered from 1 right
    after text that carries that marker fused ("Stalin1", "March 4.1"), and the
    paragraphs that continue their numbering. Returns their first lines' indices."""
    firsts: list[int] = []
    after_rule = False
    expecting: int | None = None
    since = 0  # where the text that may carry the markers begins
    i = 0
    while i < len(lines):
        line = lines[i]
        if _RULE.match(line.raw.strip()):  # raw: cleaning reads "____" as emphasis
            after_rule, i = True, i + 1
            continue
        if not line.clean or line.noise or line.kind == "footnote":  # (document_notes.py)
            i += 1
            continue
        if _opens_paragraph(lines, i) and (b := _BRACKETED_FOOTNOTE.match(line.raw.strip())):
            firsts.append(i)  # "[Footnote 1: ...]" set after the paragraph it annotates
            i = _mark_footnote_paragraph(lines, i, note_key(b.group("n")))
            lines[firsts[-1]].info["lettered"] = not b.group("n").isdigit()
            continue
        if (listed := _LISTED_FOOTNOTE.match(line.raw)) and _listed_note_due(
            lines, since, i, int(listed.group("n")), expecting
        ):
            firsts.append(i)
            expecting = int(listed.group("n")) + 1
            i = _mark_listed_footnote(lines, i, expecting - 1)
            since = i
            continue
        m = _FOOTNOTE.match(line.raw.strip()) if _opens_paragraph(lines, i) else None
        sym = m.group("sym") if m else None
        if sym and not _emphasis(line.raw.strip(), sym) and _symbol_before(lines, since, i, sym):
            firsts.append(i)
            i = _mark_footnote_paragraph(lines, i, 0)
            continue
        n = int(m.group("n")) if m and m.group("n") else None
        if n is not None and (
            after_rule or n == expecting or (n == 1 and _marker_before(lines, since, i, n))
        ):
            firsts.append(i)
            expecting = n + 1
            i = _mark_footnote_paragraph(lines, i, n)
            since = i
            continue
        after_rule, expecting = False, None
        i += 1
    return firsts


def _listed_note_due(
    lines: list[Line], since: int, i: int, n: int, expecting: int | None
) -> bool:
    """The list's next number, or its first when the text above carries a fused marker
    of its first or second note (the first may stand apart: "… to Prime Minister
    Churchill 1")."""
    return n == expecting or (
        n == 1 and (_marker_before(lines, since, i, 1) or _marker_before(lines, since, i, 2))
    )


def _mark_listed_footnote(lines: list[Line], i: int, n: int) -> int:
    """Mark the listed note at `i` and the lines that continue it, up to the next item."""
    first = i
    while i < len(lines) and lines[i].clean and not (lines[i].noise and i > first):
        if i > first and _LISTED_FOOTNOTE.match(lines[i].raw):
            break
        lines[i].kind = "footnote"
        lines[i].info = {"footnote": n, "first": lines[first].no}
        i += 1
    return i


def _document_note_firsts(lines: list[Line]) -> list[int]:
    """The first lines of the numbered notes printed under each document."""
    return [
        i
        for i, line in enumerate(lines)
        if line.kind == "footnote"
        and line.info.get("document_note")
        and line.info["first"] == line.no
    ]


def _opens_paragraph(lines: list[Line], i: int) -> bool:
    return i == 0 or not lines[i - 1].clean or bool(lines[i - 1].noise)


def _marker_before(lines: list[Line], since: int, i: int, n: int) -> bool:
    fused = re.compile(rf"(?<=[A-Za-z.,;:”’\")\]]){n}(?!\d)")
    return any(fused.search(lines[k].raw) for k in range(max(since, i - 120), i))


def _symbol_before(lines: list[Line], since: int, i: int, symbol: str) -> bool:
    """A note signed "*" needs a "*" after a word above it ("STALIN*", "convoys*")."""
    fused = re.compile(rf"(?<=[\w.,;:”’\")]){re.escape(symbol)}(?![*†‡])")
    return any(fused.search(lines[k].raw) for k in range(max(since, i - 120), i))


def _emphasis(text: str, symbol: str) -> bool:
    """ "**Citation:**", "*Secret*": markdown emphasis, not a note signed "*"."""
    return symbol in text[len(symbol) :]


def _mark_footnote_paragraph(lines: list[Line], i: int, n: int) -> int:
    first = i
    while i < len(lines) and lines[i].clean and not (lines[i].noise and i > first):
        lines[i].kind = "footnote"
        lines[i].info = {"footnote": n, "first": lines[first].no}  # line number
        i += 1
    return i


def read_footnotes(lines: list[Line], firsts: list[int]) -> list[Note]:
    notes = []
    for first in firsts:
        indices = [first]
        while (
            indices[-1] + 1 < len(lines)
            and lines[indices[-1] + 1].kind == "footnote"
            and (lines[indices[-1] + 1].info["first"] == lines[first].no)
        ):
            indices.append(indices[-1] + 1)
        notes.append(_make_note(lines, indices))
    return notes


# --- markers and quoted enclosures -------------------------------------------------


def attach_markers(
    line: Line, note_numbers: frozenset[int], lettered: frozenset[int] = frozenset()
) -> None:
    """The note markers of one line: numbers ("Staff24", "city.[1]") and, where the
    source keys notes by letter, letters ("city.[A]")."""
    if not note_numbers or not line.clean:
        return
    markers = find_markers(line.raw, note_numbers)
    if lettered:
        markers = sorted(markers + find_lettered_markers(line.raw, lettered), key=_at)
    if markers:
        line.markers = markers
        in_clean = find_markers(line.clean, note_numbers)
        if lettered:
            in_clean = sorted(in_clean + find_lettered_markers(line.clean, lettered), key=_at)
        line.clean = strip_markers(line.clean, in_clean).strip()


def _at(marker: Marker) -> int:
    return marker.start


def mark_quoted_enclosures(lines: list[Line]) -> None:
    """A paragraph ending with ":" followed by a quotation running over several
    paragraphs is a quoted document: its lines are body text of an enclosure, so the
    dates and salutations inside it do not split the document that quotes it."""
    paragraphs = _paragraphs(lines)
    k = 0
    while k < len(paragraphs) - 1:
        intro = paragraphs[k]
        if not lines[intro[-1]].clean.endswith(":"):
            k += 1
            continue
        end = _quotation_end(lines, paragraphs, k + 1)
        if end is None or end - k < 2:
            k += 1
            continue
        for p in paragraphs[k + 1 : end + 1]:
            for i in p:
                lines[i].info = {**lines[i].info, "quoted_enclosure": k + 1, "was": lines[i].kind}
                lines[i].kind = "quoted"
        k = end + 1


def _paragraphs(lines: list[Line]) -> list[list[int]]:
    paragraphs: list[list[int]] = []
    for i, line in enumerate(lines):
        if not line.clean or line.kind == "noise":
            continue
        if paragraphs and paragraphs[-1][-1] == i - 1:
            paragraphs[-1].append(i)
        else:
            paragraphs.append([i])
    return paragraphs


def _quotation_end(lines: list[Line], paragraphs: list[list[int]], first: int) -> int | None:
    """Index of the paragraph that closes a quotation opened at `first`, if every
    paragraph in between opens with a quotation mark (the printing convention)."""
    if not lines[paragraphs[first][0]].clean.startswith(_QUOTE_OPEN):
        return None
    for k in range(first, len(paragraphs)):
        text_first = lines[paragraphs[k][0]].clean
        text_last = lines[paragraphs[k][-1]].clean
        opens = text_first.startswith(_QUOTE_OPEN)
        if k > first and not opens and not _continues_quotation(text_first):
            return None
        closes = text_last.rstrip(". ").endswith(_QUOTE_CLOSE)
        if closes and (k > first or _quote_balance(lines, paragraphs[k]) != 0):
            return k
    return None


def _continues_quotation(text: str) -> bool:
    # Inside a long quotation, list items and parenthesised remarks may open
    # without a quotation mark: "(a) These terms ...", "2. General ...".
    return bool(re.match(r"^(?:\(\w{1,3}\)|\w{1,3}[.)]|\(Note)", text))


def _quote_balance(lines: list[Line], paragraph: list[int]) -> int:
    text = " ".join(lines[i].clean for i in paragraph)
    return text.count('"') % 2


# --- learning the layout -------------------------------------------------------------


# "Sent on …", "Received on …" standing alone as a line (not "Endorsed: Recd. …").
_DATE_LINE_FORM = re.compile(r"^(?:sent|received|dispatched|despatched)\b", re.IGNORECASE)


def learn_positions(lines: list[Line]) -> Positions:
    """Where "Sent on" lines and datelines stand, read off the lines that follow an
    opener (header position) versus those that follow body text (trailer position)."""
    votes: dict[str, Counter[str]] = {"sent_received": Counter(), "dateline": Counter()}
    gaps: Counter[int] = Counter()
    previous_kind = None
    blank_run = 0
    text_lines = [line for line in lines if line.kind not in ("blank", "noise", "footnote")]
    next_kinds = {id(a): b.kind for a, b in pairwise(text_lines)}
    for line in lines:
        if line.kind in ("blank", "noise", "footnote"):
            blank_run += line.kind == "blank"
            continue
        if (
            line.kind == "sent_received"
            and next_kinds.get(id(line)) in _NAMING_KINDS
            and _DATE_LINE_FORM.match(line.clean)
        ):
            votes["sent_received"]["header"] += 1  # "Sent on …" right above "X to Y"
        elif line.kind in votes and previous_kind is not None:
            where = "header" if previous_kind in HEADER_KINDS else "trailer"
            votes[line.kind][where] += 1
        if line.kind == "body" and previous_kind == "body" and blank_run:
            gaps[blank_run] += 1
        previous_kind = line.kind
        blank_run = 0
    sr, dl = votes["sent_received"], votes["dateline"]
    return Positions(
        sent_received_in_header=sr["header"] >= sr["trailer"],
        dateline_in_header=dl["header"] > dl["trailer"],
        paragraph_gap=gaps.most_common(1)[0][0] if gaps else 1,
    )


# --- grouping ------------------------------------------------------------------------


def group(layout: Layout, positions: Positions) -> list[Draft]:
    lines = layout.lines
    end = layout.notes_start if layout.notes_start is not None else len(lines)
    drafts: list[Draft] = []
    current: Draft | None = None
    blank_run = 0
    last_body: int | None = None
    page_break = False  # a page mark since the last line of text

    def start() -> Draft:
        nonlocal current
        current = Draft()
        drafts.append(current)
        return current

    for i in range(layout.first_line, end):
        line = lines[i]
        kind = line.kind
        if kind == "blank":
            blank_run += 1
            continue
        if kind in ("noise", "footnote"):
            if kind == "footnote" or line.noise in PAGE_BREAK_NOISE:
                blank_run = 0  # the blanks around a page mark are one paragraph break
                page_break = True
            if kind == "footnote" and current is not None:
                current.footnotes.append(i)
            continue
        if kind == "continuation" and current is not None:
            current.header.append(i)
            continue
        if page_break and kind == "file_reference" and _page_marking(current, line):
            blank_run = 0  # "SECRET" under "- 2 -": the page's head, inside the document
            continue
        if kind == "file_reference" and _repeats_heading_marking(current, line, lines, i, end):
            current.trailer.append(i)  # a cable's classification at its foot as at its head
            current.state, blank_run = "closed", 0
            continue
        if kind == "salutation" and line.info.get("run_in") and current is not None:
            if current.state == "body" and _wide_gap(
                current, blank_run, positions, line, last_body, lines
            ):
                start()  # a new letter after a gap: its salutation heads it
            elif current.state == "body":
                kind = unmark_run_in(line)  # inside a body: no salutation
        if kind == "place_line" and _signs_with_post(current, line, lines, i, end):
            kind = line.kind = "name"  # "A. Lincoln, President" under the last sentence
            line.info = {"text": line.clean.split(",")[0].strip()}  # the name, not the post
        if kind == "name" and not _signs_here(current, line, lines):
            kind = line.kind = "body"  # "FRANCE.": a section line, no signature
            line.info = {}
        if kind == "year":  # a section's year line: part of no document
            blank_run = 0
            continue
        if kind == "addressee" and line.info.get("above"):  # opens the letter's header
            if current is None or current.state != "header":
                start()
            current.header.append(i)
            blank_run = 0
            continue
        if kind == "addressee" and current is not None:
            current.trailer.append(i)
            blank_run = 0
            continue
        if kind == "heading" and line.info.get("run_in"):  # a calendar's run-in entry:
            d = start()  # its heading and its abstract are one line
            d.header.append(i)
            d.body.append([i])
            d.state, last_body, blank_run = "body", i, 0
            continue
        if kind == "enclosure":  # "Inclosure in No. 14.": a child document begins
            d = start()
            d.header.append(i)
            d.enclosure_rule = "headed by an enclosure line"
            blank_run = 0
            continue
        d = current
        if kind == "file_reference" and d is not None:
            kind = _settle_marking(d, line, lines, i, end)
        if kind in OPENERS:
            if d is None or not _joins_header(d, kind, layout, line):
                d = start()
            d.header.append(i)
        elif kind == "sent_received":
            if positions.sent_received_in_header:
                if d is None or d.state != "header" or _has_role(d, layout, line):
                    d = start()
                d.header.append(i)
            else:
                d = d or start()
                d.trailer.append(i)
                d.state = "closed"
        elif kind == "dateline":
            if d is not None and d.state == "body" and _place_lines_under_heading(d, lines):
                take_place_lines_into_header(d, line, lines)
            if d is not None and d.state == "header":
                d.header.append(i)
            elif d is not None and d.state == "body" and _date_closes(lines, i, end):
                d.trailer.append(i)
                d.state = "closed"
            elif (
                positions.dateline_in_header
                or line.info.get("rule") == MARGIN_DATE_RULE  # a calendar's: heads its entry
                or d is None
                or d.state == "closed"
                or _salutation_follows(lines, i, end)
                or (blank_run and _under_page_head(d, drafts, layout, i, end))
            ):
                d = start()
                d.header.append(i)
            else:
                d.trailer.append(i)
                d.state = "closed"
        elif kind in ("salutation", "place_line") and (
            d is None
            or d.state in ("header", "closed")
            or (kind == "salutation" and d.state == "signoff")  # no salutation after a signature
        ):
            if d is None or d.state in ("closed", "signoff"):
                d = start()
            d.header.append(i)
            if line.info.get("run_in"):  # "SIR: I have the honor ...": the body begins
                d.body.append([i])
                d.state, last_body = "body", i
        elif kind == "receipt_time" and d is not None and d.state == "header":
            d.header.append(i)  # "[Received 8:43 a.m.]" under the dateline
        elif kind == "body" and line.info.get("postscript") and d is not None and d.trailer:
            d.body.append([i])  # a postscript after the signature: the letter's own text
            last_body = i
        elif kind == "closing" and d is not None and _closing_goes_on(d, blank_run, lines):
            d.trailer.append(i)  # "I remain Dear Sir" / "your most obedt. humble Servt."
        elif (kind == "closing" and d is not None and d.state == "body") or (
            kind == "name"
            and d is not None
            and (
                (d.state == "signoff" and d.trailer)
                or (d.state == "body" and (blank_run or _signs_last(lines, i, end)))
            )
        ):
            d.trailer.append(i)
            d.state = "signoff"
        elif kind == "body" and _continues_heading(d, blank_run, lines, line):
            d.header.append(i)  # a heading wrapped over two lines stays one heading
            reread_wrapped_heading(lines[d.header[-2]], line)
        else:  # body text, quoted text, and anything out of its usual place
            if (
                d is None
                or d.state in ("closed", "signoff")
                or _wide_gap(d, blank_run, positions, line, last_body, lines)
            ):
                d = start()
            new_paragraph = blank_run and not _runs_on(page_break, last_body, lines)
            if d.state == "header" or not d.body or new_paragraph:
                d.body.append([i])
            else:
                d.body[-1].append(i)
            d.state = "body"
            last_body = i
        blank_run = 0
        page_break = False
    return drafts


_SIGNATURE_INDENT = 8


def _signs_here(d: Draft | None, line: Line, lines: list[Line]) -> bool:
    """A surname alone with a stop ("RUSSELL.") signs only where a signature stands:
    under a closing, or set to the right under the body; elsewhere it is a section's
    or a page's line ("FRANCE.")."""
    if not (line.clean.endswith(".") and is_surname_only(line.clean)):
        return True
    if d is None:
        return False
    if d.state == "signoff":
        return bool(d.trailer) and lines[d.trailer[-1]].kind == "closing"
    indent = len(line.raw) - len(line.raw.lstrip())
    return d.state == "body" and indent >= _SIGNATURE_INDENT


_MAX_PLACE_LINES = 3
_PLACE_LINE_KINDS = {"body", "name", "place_line"}
_PLACE_WORD = re.compile(r"^(?:[A-Z][\w'’.&-]*,?|[A-Z]\.|of|the|and|in|at|on|de|near)$")


def _place_lines_under_heading(d: Draft, lines: list[Line]) -> bool:
    """ "To George B. McClellan" / "War Department" / "Washington City, D. C." / "June
    15, 1862": a few short lines of capitalised words (a place, a headquarters) between
    a document's heading and its dateline are the dateline's place, not its text."""
    if not any(lines[i].kind in _NAMING_KINDS for i in d.header):
        return False
    body = [lines[i] for p in d.body for i in p]
    return 0 < len(body) <= _MAX_PLACE_LINES and all(
        line.kind in _PLACE_LINE_KINDS
        and len(line.clean) <= 50
        and all(_PLACE_WORD.match(w) for w in line.clean.split())
        for line in body
    )


def take_place_lines_into_header(d: Draft, dateline: Line, lines: list[Line]) -> None:
    """The draft's place lines join its header; the dateline that names no place takes
    them for its place."""
    places = [i for p in d.body for i in p]
    d.header.extend(places)
    d.body, d.state = [], "header"
    if not dateline.info.get("place"):
        place = ", ".join(lines[i].clean.rstrip(",") for i in places)
        dateline.info = {**dateline.info, "place": place}
    for i in places:
        lines[i].kind, lines[i].info = "continuation", {"continues": dateline.no}


_ENDS_DOCUMENT = OPENERS | {"footnote", "enclosure"}


def _signs_last(lines: list[Line], i: int, end: int) -> bool:
    """A name line right under the body's last sentence, with no blank line between,
    signs the letter when nothing but the next document's heading (or the end of the
    text) follows it: "... you are crossing." / "A. LINCOLN." / "TELEGRAM TO ..."."""
    if i == 0 or not _SENTENCE_END.search(lines[i - 1].clean):
        return False
    following = _next_text_lines(lines, i + 1, end, 1)
    return not following or following[0].kind in _ENDS_DOCUMENT


def _signs_with_post(d: Draft | None, line: Line, lines: list[Line], i: int, end: int) -> bool:
    """An initialled name and its post after a comma, last under the body: a signature."""
    if d is None or d.state != "body":
        return False
    name = line.clean.split(",")[0].strip()
    return bool(INITIALLED_NAME.match(name)) and _signs_last(lines, i, end)


def _closing_goes_on(d: Draft, blank_run: int, lines: list[Line]) -> bool:
    """A closing line right under another: one closing set over two lines."""
    return d.state == "signoff" and not blank_run and lines[d.trailer[-1]].kind == "closing"


def _page_marking(d: Draft | None, line: Line) -> bool:
    """A classification or precedence line right after a page mark, in the middle of a
    document's text, is printed at the head of every page."""
    if d is None or d.state != "body":
        return False
    return bool(line.info) and line.info.keys() <= {"classification", "precedence"}


def _repeats_heading_marking(
    d: Draft | None, line: Line, lines: list[Line], i: int, end: int
) -> bool:
    """A classification line after a document's text that repeats the one above its
    header closes it, unless the header of another document follows it ("[Secret]"
    over "From: Tokyo" heads the next intercept)."""
    if (
        d is None
        or d.state not in ("body", "signoff")
        or not (value := line.info.get("classification"))
    ):
        return False
    following = _next_text_lines(lines, i + 1, end, 1)
    if following and following[0].kind in OPENERS - {"file_reference"}:
        return False
    return any(
        lines[i].kind == "file_reference"
        and lines[i].info.get("classification", "").lower() == value.lower()
        for i in d.header
    )


def _runs_on(page_break: bool, last_body: int | None, lines: list[Line]) -> bool:
    """A sentence broken by a page mark ("made by the" / "- 2 -" / "Counsellor of this
    Embassy") runs on in the same paragraph."""
    if not page_break or last_body is None or lines[last_body].kind != "body":
        return False
    return not _SENTENCE_END.search(lines[last_body].clean)


_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")


_PAGE_HEAD_WORDS = 15


def _under_page_head(d: Draft, drafts: list[Draft], layout: Layout, i: int, end: int) -> bool:
    """A date line set apart under the text's first paragraph, one short line with no
    heading above it ("This transcription has been completed. Contact us with
    corrections."), heads the letter: that line is the page's, not a letter's text (place
    lines wrapped right over the date are the letter's). A date followed by another
    document's opener closes that line instead."""
    if drafts != [d] or d.header or d.trailer or not _short_page_head(d, layout):
        return False
    following = _next_text_lines(layout.lines, i + 1, end, 1)
    return bool(following) and following[0].kind not in OPENERS | {"sent_received"}


def _short_page_head(d: Draft, layout: Layout) -> bool:
    words = sum(len(layout.lines[i].clean.split()) for p in d.body for i in p)
    return len(d.body) == 1 and len(d.body[0]) == 1 and words <= _PAGE_HEAD_WORDS


def _date_closes(lines: list[Line], i: int, end: int) -> bool:
    """A date line after a body closes its document where a separator ("* * *") or
    the end of the text follows it, or a number line that has a date line of its own
    ("January 2, 1944" / "* * *" / "No. 2" / "January 4, 1944"): the date under the
    text is the author's, whatever the source puts above its headings."""
    following = _next_text_lines(lines, i + 1, end, 3)
    if not following or following[0].noise == "separator":
        return True
    return following[0].kind == "number" and len(following) > 1 and following[1].kind == "dateline"


def _settle_marking(d: Draft, line: Line, lines: list[Line], i: int, end: int) -> str:
    """The kind a file-reference line takes in `d`: a marking inside the text is text
    ("HIGHEST PRIORITY" between two paragraphs of one cable), or the header's end when
    only registry lines stand above it ("WASHINGTON 21417" / "Special no. 118")."""
    if not _marking_within_text(d, line, lines, i, end):
        return line.kind
    if not _registry_lines_only(d, lines):
        return "body"
    d.header.extend(k for p in d.body for k in p)
    d.body, d.state = [], "header"
    return line.kind


def _marking_within_text(d: Draft, line: Line, lines: list[Line], i: int, end: int) -> bool:
    """A classification or precedence line inside an unsigned text, with more text under
    it and no heading or number, opens no document: it is the record's own marking
    (a ciphered telegram's "HIGHEST PRIORITY" or "TOP SECRET CIPHERED TELEGRAM" under its
    registry lines)."""
    if d.state != "body" or d.trailer:
        return False
    marking = line.info.keys() & {"classification", "precedence"}
    if not marking or not line.info.keys() <= {"classification", "precedence", "kind"}:
        return False
    following = _next_text_lines(lines, i + 1, end, 1)
    return bool(following) and following[0].kind == "body"


_REGISTRY_WORDS = 5


def _registry_lines_only(d: Draft, lines: list[Line]) -> bool:
    """Whether the text so far is only a cable's registry lines (short, no sentence):
    then they and the marking under them are the cable's header."""
    return all(
        len(lines[i].clean.split()) <= _REGISTRY_WORDS
        and not _SENTENCE_END_RE.search(lines[i].clean)
        for p in d.body
        for i in p
    )


_SENTENCE_END_RE = re.compile(r"[a-z]{3,}[.!?]['\"”’]?$")


def _next_text_lines(lines: list[Line], start: int, end: int, count: int) -> list[Line]:
    found: list[Line] = []
    for k in range(start, end):
        if lines[k].kind == "blank" or (lines[k].kind == "noise" and lines[k].noise != "separator"):
            continue
        found.append(lines[k])
        if len(found) == count:
            break
    return found


def _salutation_follows(lines: list[Line], i: int, end: int) -> bool:
    """A date line followed by a salutation heads a new letter, wherever this source
    otherwise puts its dates."""
    for k in range(i + 1, min(end, i + 12)):
        if lines[k].kind in ("blank", "noise", "continuation") or lines[k].info.get("above"):
            continue  # the addressee's block may stand between the date and the salutation
        return lines[k].kind == "salutation"
    return False


_MAX_HEADING_WORDS = 25  # a paragraph of prose under a heading is no part of it


def _continues_heading(d: Draft | None, blank_run: int, lines: list[Line], line: Line) -> bool:
    if d is None or d.state != "header" or blank_run or not d.header:
        return False
    if len(line.clean.split()) > _MAX_HEADING_WORDS:
        return False
    previous = lines[d.header[-1]]
    return previous.kind in {"record_heading", "from_to", "heading"} and len(previous.clean) > 30


def join_wrapped_headings(lines: list[Line]) -> None:
    """A heading printed over several lines ("PERSONAL AND SECRET FROM PREMIER J. V.
    STALIN / TO THE PRIME MINISTER, ... / AND THE PRESIDENT, ...") is read as one: a
    short paragraph in capitals, or right after a number line, that reads as a
    heading only when joined."""
    i = 0
    previous_kind = ""
    while i < len(lines):
        if not lines[i].clean or lines[i].kind == "noise":
            i += 1
            continue
        end = i
        while end + 1 < len(lines) and lines[end + 1].clean and lines[end + 1].kind != "noise":
            end += 1
        if 0 < end - i <= 3 and (lines[i].kind == "body" or _one_sided_heading(lines[i])):
            _join_if_heading(lines[i : end + 1], after_number=previous_kind == "number")
        if end > i:
            join_hyphen_broken_datelines(lines[i : end + 1])
        if end - i == 1:
            _join_place_and_date(lines[i], lines[end])
        elif end - i > 1:
            join_place_lines_above_date(lines[i : end + 1])
        if 0 < end - i < 4:
            join_wrapped_closing(lines[i : end + 1])
        if end > i and any(lines[k].kind == "field" for k in range(i, end)):
            join_wrapped_fields(lines[i : end + 1])
        previous_kind = lines[end].kind
        i = end + 1


_PLACE_ALONE = re.compile(r"^[A-Z][\w'’.-]*(?:,?\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*){0,4}$")


def _join_place_and_date(first: Line, second: Line) -> None:
    """ "London" over "September 4, 1942": a place on its own line right above the date
    is the dateline's place; the two lines are read as one dateline."""
    if first.kind not in ("body", "name", "place_line") or second.kind != "dateline":
        return
    if first.kind == "place_line" and second.info.get("place"):
        if not first.clean.endswith(","):  # "DEPARTMENT OF STATE," over "Washington, May 2"
            return
        place = second.info["place"]
    elif first.kind == "place_line":  # "Grosvenor Square, London," over "May 4, 1787."
        place = first.clean.rstrip(",.")
        if not _PLACE_ALONE.match(place):
            return
    elif second.info.get("place") or not _PLACE_ALONE.match(first.clean):
        return
    else:
        place = first.clean
    first.kind = "dateline"
    first.info = {**second.info, "place": place, "end": second.end,
                  "text": f"{first.clean} {second.clean}"}  # fmt: skip
    second.kind, second.info = "continuation", {"continues": first.no}


def _one_sided_heading(line: Line) -> bool:
    """ "PERSONAL AND SECRET FROM PREMIER J. V. STALIN": a heading that names one side,
    whose next line may name the other."""
    return line.kind == "heading" and not (line.info.get("senders") and line.info.get("recipients"))


def _join_if_heading(paragraph: list[Line], *, after_number: bool) -> None:
    joined = " ".join(line.clean for line in paragraph)
    letters = [ch for ch in joined if ch.isalpha()]
    capitals = letters and sum(ch.isupper() for ch in letters) / len(letters) > 0.8
    if not (capitals or after_number) or len(joined) > 300:
        return
    kind, info = classify_text(joined)
    if kind != "heading":
        return
    first = paragraph[0]
    first.kind, first.info = kind, {**info, "text": joined, "end": paragraph[-1].end}
    for line in paragraph[1:]:
        line.kind, line.info = "continuation", {"continues": first.no}


def reread_wrapped_heading(heading: Line, continuation: Line) -> None:
    """Read a wrapped heading as one line, so that what its second line says (the
    channel, a recipient) is not lost; the continuation stays part of the header."""
    joined = f"{heading.info.get('text', heading.clean)} {continuation.clean}"
    kind, info = classify_text(joined)
    if kind == heading.kind:
        heading.info = {**info, "text": joined, "end": continuation.end}
    continuation.info = {**continuation.info, "continues": heading.no}


def _joins_header(d: Draft, kind: str, layout: Layout, line: Line | None = None) -> bool:
    if d.state != "header":
        return False
    present = {layout.lines[i].kind for i in d.header}
    if kind == "number":
        # After a heading that already names the parties, with no number yet, a number
        # line is the telegram's own ("Decypher. Sir A. Clark Kerr …" / "No. 345.");
        # after a date alone, the number is the entry's ("Jan. 3." / "12. Holderness
        # to Mitchell.", a calendar's margin date above its entry).
        if "number" in present:  # unless it is the message's own: "Despatch No. 52"
            return line is not None and "kind" in line.info
        return (
            bool(present & _NAMING_KINDS) or present <= _MARGIN_KINDS or _markings_only(d, layout)
        )
    if kind == "heading" and "heading" in present and line is not None:
        return _repeats_a_party(line, [layout.lines[i] for i in d.header])
    return kind not in present or kind in ("file_reference", "field")


def _repeats_a_party(line: Line, header: list[Line]) -> bool:
    """ "From Alexander Hamilton" under "To George Washington from Alexander Hamilton,
    26 March 1796": an edition's one-sided heading under its title, naming a party the
    title names, heads the same letter.  So does a telegram's address line that names
    only parties its heading names ("Personal and secret to the President from Winant."
    under "The Ambassador in the United Kingdom (Winant) to the President")."""
    named = [*line.info.get("senders", []), *line.info.get("recipients", [])]
    above = [h for h in header if h.kind == "heading" and not _one_sided_heading(h)]
    parties = [p for h in above for p in (*h.info.get("senders", []), *h.info.get("recipients", []))]
    if not named or not parties:
        return False
    if _one_sided_heading(line):
        return any(_same_party(name, party) for party in parties for name in named)
    return all(any(_same_party(name, party) for party in parties) for name in named)


def _same_party(a: str, b: str) -> bool:
    return _last_name_word(a) == _last_name_word(b)


def _last_name_word(name: str) -> list[str]:
    """ "Winant" of "The Ambassador in the United Kingdom (Winant)", "President" of "the
    President1" (a note marker)."""
    return [word.strip("()[]") for word in name.rstrip("0123456789*").split()[-1:]]


_MARGIN_KINDS = {"dateline", "continuation"}


def _markings_only(d: Draft, layout: Layout) -> bool:
    """A header of classification lines alone ("SECRET" over "No. 45"), or of the
    archive's file line ("761.93/7–745: Telegram" over "No. 198"): the marking heads
    the document the number opens."""
    return all(
        layout.lines[i].kind == "file_reference"
        and layout.lines[i].info.keys() <= {"classification", "precedence", "kind"}
        and layout.lines[i].info
        for i in d.header
    )


def _has_role(d: Draft, layout: Layout, line: Line) -> bool:
    return any(
        layout.lines[i].kind == "sent_received"
        and layout.lines[i].info.get("role") == line.info.get("role")
        for i in d.header
    )


def _wide_gap(
    d: Draft, blank_run: int, positions: Positions, line: Line, last_body: int | None,
    lines: list[Line],
) -> bool:  # fmt: skip
    """More blank lines than the source puts between paragraphs, between two
    paragraphs of body text, is a gap between documents."""
    if d.state != "body" or blank_run <= positions.paragraph_gap:
        return False
    return not (
        line.kind == "quoted" or (last_body is not None and lines[last_body].kind == "quoted")
    )


def is_front_matter(d: Draft, layout: Layout) -> bool:
    """Lines before the first document that hold no sentence: labels, folder names."""
    if d.header or d.trailer:
        return False
    texts = [layout.lines[i].clean for p in d.body for i in p]
    return not any(len(t.split()) >= 6 and re.search(r"[.!?]['\"”]?$", t) for t in texts)


def drop_title_lines(drafts: list[Draft], layout: Layout) -> list[Draft]:
    """A volume's title lines before its first numbered or headed document ("CORRESPONDENCE
    RESPECTING THE AFFAIRS OF THE EAST.", "Presented to both Houses of Parliament ...")
    are no document: leading drafts with neither header nor trailer whose paragraphs are
    single lines, when the next draft opens with a number or a heading."""
    first = next((k for k, d in enumerate(drafts) if d.header), None)
    if first == 1 and _page_head_over_dated_letter(drafts, layout):
        return drafts[1:]
    if not first or not any(layout.lines[i].kind in _TITLED_OPENERS for i in drafts[first].header):
        return drafts
    leading = drafts[:first]
    if all(_titles_only(d, layout) and len(d.body) <= 3 and all(len(p) == 1 for p in d.body)
           for d in leading):  # fmt: skip
        return drafts[first:]
    return drafts


def _page_head_over_dated_letter(drafts: list[Draft], layout: Layout) -> bool:
    """The page's line over a letter its date line heads (see _under_page_head)."""
    head, letter = drafts[0], drafts[1]
    return (
        not head.trailer
        and _short_page_head(head, layout)
        and layout.lines[letter.header[0]].kind == "dateline"
    )


def _titles_only(d: Draft, layout: Layout) -> bool:
    """No trailer, or one of short capitalised lines taken for a signature ("GREAT
    BRITAIN." under the volume's title), under lines that hold no sentence."""
    if not d.trailer:
        return True
    trailer = [layout.lines[i] for i in d.trailer]
    if not all(line.kind == "name" for line in trailer):
        return False
    if all(line.clean.isupper() for line in trailer):
        return is_front_matter(Draft(body=d.body), layout)
    # "English" / "STALIN" / "War Telegrams": a page's title lines, a few words each
    lines = [layout.lines[i] for p in d.body for i in p] + trailer
    return all(len(line.clean.split()) <= _TITLE_WORDS for line in lines)


_TITLE_WORDS = 4


_TITLED_OPENERS = {"number", "heading", "record_heading"}


def attach_marked_enclosures(drafts: list[Draft], layout: Layout) -> list[Draft]:
    """A document headed by an enclosure line ("Inclosure in No. 14.") is a child of
    the document before it."""
    result: list[Draft] = []
    for d in drafts:
        if result and d.header and layout.lines[d.header[0]].kind == "enclosure":
            result[-1].children.append(d)
            continue
        result.append(d)
    return result


def attach_announced_enclosures(drafts: list[Draft], layout: Layout) -> list[Draft]:
    """A short covering note that announces a text ("I am sending you the text of my
    reply") encloses the unheaded document that follows it."""
    result: list[Draft] = []
    for d in drafts:
        previous = result[-1] if result else None
        if (
            previous is not None
            and not previous.children
            and _announces_text(previous, layout)
            and not (d.kinds(layout) & (OPENERS | {"sent_received"}))
        ):
            d.enclosure_rule = "announced by the covering note"
            previous.children.append(d)
            continue
        result.append(d)
    return result


def extract_quoted_enclosures(d: Draft, layout: Layout) -> None:
    """The quoted paragraphs of a document become child drafts (and stay in its body)."""
    groups: dict[int, Draft] = {}
    for paragraph in d.body:
        quote_id = layout.lines[paragraph[0]].info.get("quoted_enclosure")
        if quote_id is None:
            continue
        child = groups.setdefault(quote_id, Draft(state="body", enclosure_rule="quoted in full"))
        child.body.append(paragraph)
    d.children.extend(groups.values())


def _announces_text(d: Draft, layout: Layout) -> bool:
    if not d.body or len(d.body) > 2:
        return False
    text = " ".join(layout.lines[i].clean for i in d.body[-1])
    low = lowered(text)
    if low is not None and first_of(low, _ANNOUNCING_WORDS) < 0:
        return False  # none of the words every announcement holds
    return bool(_ANNOUNCES_TEXT.search(text))


def merge_witnesses(drafts: list[Draft], layout: Layout) -> list[Draft]:
    """Consecutive drafts carrying the same text are witnesses of one document."""
    result: list[Draft] = []
    previous_start: list[str] = []
    for d in drafts:
        start = _first_words(d, layout, 3)
        if (  # the same first words, read first: they spare reading every body
            result
            and start == previous_start
            and _same_text(_body_words(result[-1], layout), _body_words(d, layout))
            and not _headers_differ(result[-1], d, layout)
        ):
            result[-1].witnesses.append(d)
            continue
        result.append(d)
        previous_start = start
    return result


def _headers_differ(a: Draft, b: Draft, layout: Layout) -> bool:
    """Two headers that give different dates, record numbers ("MRN: 1975MOSCOW03212") or
    parties head two messages, however alike their texts (a circular sent to each post)."""
    for read in (_header_dates, _header_references, _header_parties):
        first, second = read(a, layout), read(b, layout)
        if first and second and first != second:
            return True
    return False


def _header_dates(d: Draft, layout: Layout) -> set[str]:
    return {
        layout.lines[i].info["date"]
        for i in d.header
        if layout.lines[i].kind in ("dateline", "field", "heading")
        and "date" in layout.lines[i].info
    }


def _header_parties(d: Draft, layout: Layout) -> set[tuple[str, ...]]:
    return {
        (
            *layout.lines[i].info.get("senders", ()),
            "to",
            *layout.lines[i].info.get("recipients", ()),
        )
        for i in d.header
        if layout.lines[i].kind == "heading"
    }


def _header_references(d: Draft, layout: Layout) -> set[str]:
    return {
        layout.lines[i].info["reference"]
        for i in d.header
        if layout.lines[i].kind == "file_reference" and "reference" in layout.lines[i].info
    }


def _body_words(d: Draft, layout: Layout) -> list[str]:
    return " ".join(layout.lines[i].clean for p in d.body for i in p).split()


def _first_words(d: Draft, layout: Layout, count: int) -> list[str]:
    """`_body_words(d, layout)[:count]`, reading only the lines that hold them."""
    words: list[str] = []
    for p in d.body:
        for i in p:
            words.extend(layout.lines[i].clean.split())
            if len(words) >= count:
                return words[:count]
    return words


def _same_text(wa: list[str], wb: list[str]) -> bool:
    """Two transcripts' words (of their bodies) are one text."""
    if len(wa) < 20 or len(wb) < 20 or wa[:3] != wb[:3]:
        return False
    if not 0.8 <= len(wa) / len(wb) <= 1.25:
        return False
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio() >= 0.9
