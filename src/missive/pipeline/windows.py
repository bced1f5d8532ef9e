"""Windowed parsing: a large source parsed a few megabytes at a time.

A parsed Source holds about twenty times its text in objects, so a 50 MB volume
parsed whole needs gigabytes. Above ``THRESHOLD`` characters the text is cut into
windows at safe points (a blank line before a line the classifier reads as a
document number, else as another document opener, else any blank line). Each
window is parsed by the whole pipeline as a small source of its own: its text is
the window, widened by an overlap on both sides, followed by the source's notes
section, so that markers link to their notes and the stages that look at
neighbours (numbers inferred between printed ones, years, reply structure) see
the documents around the cut. Only the documents that begin inside the window
proper are kept; their offsets, lines and ids are moved to those of the whole
file, and they are handed to the store and dropped.

What a window cannot see, and so what may differ from a parse of the whole file:
- replies and cross-references to documents further back than the overlap are
  resolved against compact stand-ins (id, number, telegram numbers, dates, parties)
  of the earlier documents, up to ``MAX_STAND_INS`` of them; a reply cannot give an
  inferred date to a document already stored;
- quotations are found within the window and its overlap only;
- senders and recipients read from the reply structure or from wording learned from
  the source's own documents use the window's documents only;
- entities: the words seen in lowercase, surnames introduced earlier, and edition
  aliases are the window's own;
- running heads and the layout votes (where "Sent on" lines stand) are counted per
  window.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from missive.model import Document, Note, Source, Span
from missive.pipeline.apparatus import all_refs
from missive.pipeline.classify import classify_text
from missive.pipeline.markers import find_markers
from missive.pipeline.normalize import Line, clean_line, noise_reason
from missive.pipeline.relocate import Piece, Relocation
from missive.serialize import add_note_references, notes_within_of

THRESHOLD = 6_000_000  # characters; smaller sources are parsed whole, as always
WINDOW = 1_500_000  # characters of a window proper
MAX_STAND_INS = 10_000  # earlier documents kept as stand-ins for replies and citations
CUT_OPENERS = {"heading", "record_heading", "from_to", "file_reference", "sent_received"}
UNPOINTED = "note {number} (line {line}) has no marker pointing at it"
_BLANK_RUN = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")
_NOTES_LINE = re.compile(r"(?im)^[^\w\n]{0,6}(?:notes|endnotes|footnotes|editorial notes)\W{0,6}$")
# The heading segment.find_notes_section reads as the start of the notes section.
_SEGMENT_NOTES_HEADING = re.compile(r"^(?:notes|endnotes|footnotes|editorial notes)\s*:?$", re.I)
_NUMBER = re.compile(r"\d{1,4}")
_UNPOINTED = re.compile(r"^note \d+ \(line \d+\) has no marker pointing at it$")
_NOWHERE = Span(0, 0)


def needs_windows(source: Source, threshold: int | None = None) -> bool:
    """Whether `source` is parsed in windows: plain text above the threshold."""
    limit = THRESHOLD if threshold is None else threshold
    return not source.structured and source.plain is None and len(source.text) > limit


@dataclass(slots=True)
class Window:
    """One window: parse ``[parse_start, parse_end)`` (followed by the notes its markers
    may point at) and keep the documents that begin in ``[start, end)``."""

    index: int
    start: int
    end: int
    parse_start: int
    parse_end: int


@dataclass(slots=True)
class _Kept:
    """What later windows need of the documents already handed on."""

    ids_by_start: dict[int, str] = field(default_factory=dict)
    seen_ids: set[str] = field(default_factory=set)
    stand_ins: deque[tuple[int, Document]] = field(default_factory=deque)  # (start, stand-in)
    ordinal: int = 0


class WindowedParse:
    """Iterate to get the source's top-level documents, one window's worth at a time.

    ``source.notes`` holds the notes section from the start (footnotes printed with
    the documents are added window by window); after the iteration
    ``source.warnings`` is complete, ``referenced_by`` maps each note (serialize.NoteKey) to the ids
    of the documents pointing at it, and ``documents`` counts the top-level documents
    handed on."""

    def __init__(
        self,
        source: Source,
        window: int | None = None,
        overlap: int | None = None,
        max_stand_ins: int = MAX_STAND_INS,
        run: Callable[..., Source] | None = None,
    ) -> None:
        self.source = source
        self.window = max(WINDOW if window is None else window, 1)
        self.overlap = overlap if overlap is not None else max(self.window // 16, 16_000)
        self.max_stand_ins = max_stand_ins
        self._run = run
        self.referenced_by: dict[tuple[str, int], list[str]] = {}
        self.documents = 0
        self.windows = 0
        self.slug = source.slug
        self.notes = find_notes_section(source, self.window)
        self.doc_end = len(source.text) if self.notes is None else self.notes.start
        source.notes = [] if self.notes is None else list(self.notes.notes)

    def __iter__(self) -> Iterator[list[Document]]:
        source = self.source
        kept = _Kept(stand_ins=deque(maxlen=self.max_stand_ins))
        endnotes = {n.span.start: n for n in source.notes}
        pointed: set[int] = set()
        warnings: dict[str, None] = dict.fromkeys(source.warnings)
        for window in plan_windows(source.text, self.doc_end, self.window, self.overlap):
            self.windows += 1
            parsed, relocation = self._parse(window, kept)
            footnotes = []
            for note in parsed.notes:
                relocation.note(note)
                if note.span.start in endnotes:
                    _add_definitions(endnotes[note.span.start], note.defines)
                elif window.start <= note.span.start < window.end:
                    footnotes.append(note)
            if footnotes:
                source.notes = sorted([*source.notes, *footnotes], key=lambda n: n.span.start)
            for text in parsed.warnings:
                if not _UNPOINTED.match(text):
                    warnings.setdefault(relocation.warning(text))
            batch = self._keep(parsed.documents, window, relocation, kept)
            within = notes_within_of(source.notes)
            for doc in batch:
                pointed.update(_pointed_notes(doc))
                add_note_references(self.referenced_by, [doc], within)
                kept.stand_ins.append((doc.span.start, stand_in(doc)))
            self.documents += len(batch)
            del parsed, relocation
            yield batch
            del batch  # before the next window is parsed: one window's objects at a time
        for note in source.notes:
            if note.number not in pointed:
                warnings.setdefault(UNPOINTED.format(number=note.number, line=note.start_line))
        source.warnings = list(warnings)

    def _parse(self, window: Window, kept: _Kept) -> tuple[Source, Relocation]:
        from missive import pipeline

        source = self.source
        text, pieces = self._window_text(window)
        relocation = Relocation(pieces, local_tag=f"{self.slug}-window{window.index}")
        local = Source(
            name=f"{relocation.local_tag}.{source.format}",
            path=source.path,
            sha256=source.sha256,
            format=source.format,
            text=text,
            encoding=source.encoding,
            metadata=source.metadata,
            declaration=source.declaration,
            header_end=source.header_end if window.parse_start == 0 else 0,
        )
        earlier = [d for start, d in kept.stand_ins if start < window.parse_start]
        (self._run or pipeline.run)(local, earlier=earlier)
        return local, relocation

    def _window_text(self, window: Window) -> tuple[str, list[Piece]]:
        """The window's stretch of documents, then (after a blank line) the notes
        section's heading and the notes whose numbers occur in the stretch: all a
        marker in it can point at, in the order and with the blank lines of the file."""
        text = self.source.text
        chunks: list[str] = []
        pieces: list[Piece] = []

        def add(start: int, end: int, line: int) -> None:
            local = sum(len(c) for c in chunks)
            local_line = 1 + sum(c.count("\n") for c in chunks)
            chunk = text[start:end]
            pieces.append(Piece(local, start, len(chunk), local_line, line, chunk.count("\n")))
            chunks.append(chunk)

        add(window.parse_start, window.parse_end, text.count("\n", 0, window.parse_start) + 1)
        notes = self.notes
        if notes is None:
            return chunks[0], pieces
        chunks.append(
            "\n"
        )  # a blank line between; and no offset is both a piece's end and the next's start
        if notes.first_note > notes.start:
            add(notes.start, notes.first_note, notes.line)
        for first, last in _runs(notes.chosen_for(chunks[0])):
            add(notes.notes[first].span.start, notes.ends[last], notes.notes[first].start_line)
        return "".join(chunks), pieces

    def _keep(
        self, documents: list[Document], window: Window, relocation: Relocation, kept: _Kept
    ) -> list[Document]:
        """The documents that begin in the window proper, with the whole file's offsets,
        lines, ordinals and ids; the ids of the overlap's documents are those given
        (or to be given) by the neighbouring windows."""
        starts = [relocation.offset(d.span.start) for d in documents]
        batch = [
            d for d, s in zip(documents, starts, strict=True) if window.start <= s < window.end
        ]
        renames: dict[str, str] = {}
        planned: set[str] = set()
        ordinal = kept.ordinal
        for doc, start in zip(documents, starts, strict=True):
            if start < window.start:
                if start in kept.ids_by_start:
                    _rename_tree(doc, kept.ids_by_start[start], renames)
                continue
            doc.ordinal = ordinal
            ordinal += 1
            global_id = _next_id(self.slug, doc, kept.seen_ids, planned)
            planned.add(global_id)
            _rename_tree(doc, global_id, renames)
        relocation.renames = renames
        for doc in batch:
            relocation.document(doc)
            doc.links = [link for link in doc.links if not relocation.is_local(link.target)]
            kept.seen_ids.add(doc.id)
            kept.ids_by_start[doc.span.start] = doc.id
        kept.ordinal += len(batch)
        horizon = window.end - 4 * self.overlap  # no later window's overlap reaches further back
        for start in [s for s in kept.ids_by_start if s < horizon]:
            del kept.ids_by_start[start]
        return batch


def _runs(indices: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive indices as (first, last) runs."""
    first = last = None
    for i in indices:
        if last is not None and i == last + 1:
            last = i
            continue
        if first is not None:
            yield first, last  # type: ignore[misc]
        first = last = i
    if first is not None:
        yield first, last  # type: ignore[misc]


def _next_id(slug: str, doc: Document, seen: set[str], planned: set[str]) -> str:
    """The id describe.assign_ids gives: number (or position), then -2, -3 for repeats."""
    label = f"no-{doc.number.value}" if doc.number else f"d{doc.ordinal + 1:04d}"
    doc_id = f"{slug}-{label}"
    suffix = 2
    while doc_id in seen or doc_id in planned:
        doc_id = f"{slug}-{label}-{suffix}"
        suffix += 1
    return doc_id


def _rename_tree(doc: Document, new_id: str, renames: dict[str, str]) -> None:
    renames[doc.id] = new_id
    for k, child in enumerate(doc.enclosures, 1):
        _rename_tree(child, f"{new_id}-enc{k}", renames)


def stand_in(doc: Document) -> Document:
    """A compact copy of a stored document for later windows' replies and citations:
    id, number, the message's own numbers ("No. 482 Telegraphic": replies name them),
    kind, dates and parties; no text, so it quotes and cites nothing."""
    return Document(
        id=doc.id,
        ordinal=doc.ordinal,
        span=_NOWHERE,
        start_line=doc.start_line,
        end_line=doc.end_line,
        number=doc.number,
        number_printed=doc.number_printed,
        kind=doc.kind,
        senders=list(doc.senders),
        recipients=list(doc.recipients),
        dates=dict(doc.dates),
        serials=list(doc.serials),
    )


def _add_definitions(note: Note, definitions: list[dict]) -> None:
    """The code names a window's markers found the note explaining, added once."""
    for definition in definitions:
        if all(d["alias"] != definition["alias"] for d in note.defines):
            note.defines.append(definition)


def _pointed_notes(doc: Document) -> set[int]:
    return {ref.note for _, ref in all_refs([doc]) if ref.note is not None}


# --- where the notes section begins ------------------------------------------------


@dataclass(slots=True)
class NotesSection:
    """The source's notes section, read once: where it starts, its notes (in the whole
    file's coordinates) and where each note's stretch of text ends."""

    start: int  # offset of its first line (a "Notes" heading, or the first note)
    line: int  # 1-based line of that offset
    first_note: int  # offset where the first note begins
    notes: list[Note]
    ends: list[int]  # each note's stretch: up to the next note's first line

    def chosen_for(self, text: str) -> list[int]:
        """Indices of the notes a marker in `text` may point at: those a marker in it
        names, as the notes section's own test reads markers (at least two, so the
        section still reads as a notes section)."""
        digits = {int(n) for n in _NUMBER.findall(text)}
        numbers = frozenset(note.number for note in self.notes if note.number in digits)
        pointed = {m.number for line in text.split("\n") for m in find_markers(line, numbers)}
        chosen = [i for i, note in enumerate(self.notes) if note.number in pointed]
        if len(chosen) < 2:
            chosen = sorted({*chosen, *range(min(2, len(self.notes)))})
        return chosen


def find_notes_section(source: Source, window: int) -> NotesSection | None:
    """The source's notes section, read from the end of the text as the segment stage
    reads it from the whole (a "Notes" heading, or the tail of rising numbered notes);
    None when there is none."""
    from missive.pipeline.normalize import normalize
    from missive.pipeline.segment import find_notes_section as find_in_layout
    from missive.pipeline.segment import read_notes

    text = source.text
    start = _notes_heading(text, source.header_end)
    size = window
    while True:
        if start is None:
            tail_start = _line_start_at_or_after(text, max(0, len(text) - size))
        else:
            tail_start = start
        tail = Source(name=source.name, path=source.path, sha256=source.sha256,
                      format=source.format, text=text[tail_start:])  # fmt: skip
        layout = normalize(tail)
        numbered_run = find_in_layout(layout)
        if layout.notes_start is None and not (numbered_run and start is None and tail_start):
            return None
        if layout.notes_start is None:  # too few of their markers in the tail: read more
            size *= 2
            continue
        first_text = next((i for i, line in enumerate(layout.lines) if line.clean), None)
        if start is not None or layout.notes_start != first_text or tail_start == 0:
            break
        size *= 2  # the notes run back beyond the tail: read a longer one
    notes = read_notes(layout)
    section_start = tail_start + layout.lines[layout.notes_start].start
    first_line = text.count("\n", 0, tail_start) + 1
    for note in notes:
        note.span = Span(note.span.start + tail_start, note.span.end + tail_start)
        note.start_line += first_line - 1
        note.end_line += first_line - 1
    ends = [n.span.start for n in notes[1:]] + [len(text)]
    first_note = notes[0].span.start if notes else len(text)
    line = first_line + tail.text.count("\n", 0, section_start - tail_start)
    return NotesSection(section_start, line, first_note, notes, ends)


def _notes_heading(text: str, header_end: int) -> int | None:
    for m in _NOTES_LINE.finditer(text, header_end):
        line = Line(0, m.start(), m.end(), m.group(0), "")
        clean_line(line)
        if _SEGMENT_NOTES_HEADING.match(line.clean):
            return m.start()
    return None


def _line_start_at_or_after(text: str, position: int) -> int:
    if position <= 0:
        return 0
    newline = text.find("\n", position - 1)
    return len(text) if newline == -1 else newline + 1


# --- where to cut ------------------------------------------------------------------


def plan_windows(text: str, doc_end: int, window: int, overlap: int) -> Iterator[Window]:
    """Windows over ``text[:doc_end]``: each proper part about `window` characters,
    cut at safe points, widened by about `overlap` characters on either side."""
    start, previous, index = 0, 0, 0
    while start < doc_end:
        end = doc_end
        if start + window + window // 4 < doc_end:
            cut = safe_cut(text, start + window, doc_end, window)
            end = doc_end if cut is None else cut
        parse_start = 0
        if start > 0:
            parse_start = safe_cut(text, max(previous, start - overlap), start, overlap) or previous
        parse_end = doc_end
        if end < doc_end:
            parse_end = safe_cut(text, min(doc_end, end + overlap), doc_end, window) or doc_end
        yield Window(index, start, end, parse_start, parse_end)
        previous, start, index = start, end, index + 1


def safe_cut(text: str, position: int, limit: int, search: int) -> int | None:
    """The first line at or after `position` (and before `limit`) that follows a blank
    line and reads as a document number; else as another document opener; else the
    first line after a blank line. Looks `search` characters ahead (then further, for
    any blank line)."""
    opener = after_blank = None
    horizon = min(limit, position + max(search, 1))
    for m in _BLANK_RUN.finditer(text, max(position - 1, 0), limit):
        line_start = m.end()
        if line_start >= limit:
            break
        if line_start > horizon and after_blank is not None:
            break
        kind = _line_kind(text, line_start, limit)
        if kind == "number":
            return line_start
        if kind is None:
            continue
        if after_blank is None:
            after_blank = line_start
        if opener is None and kind in CUT_OPENERS:
            opener = line_start
        if line_start > horizon:
            break
    return opener if opener is not None else after_blank


def _line_kind(text: str, start: int, limit: int) -> str | None:
    end = text.find("\n", start, limit)
    raw = text[start : limit if end == -1 else end]
    line = Line(0, start, start + len(raw), raw, "")
    clean_line(line)
    if not line.clean or noise_reason(line.clean):
        return None
    return classify_text(line.clean)[0]
