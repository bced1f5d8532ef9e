"""Records as a documentary collection online cites them (a National Security Archive
briefing book): each record opens with its citation, then the editors' apparatus,
then the transcript.

    Document 12                                              <- number
    Memorandum of Conversation, Moscow, 3 March 1962, Secret <- record heading, dated
    Source: National Archives, Record Group 59, ...          <- the record's source note
    Meeting Khrushchev two days after ...                    <- the editors' summary
    MEMORANDUM OF CONVERSATION                               <- the transcript begins
    Participants: ... / SUBJECT: ... / Drafted by: ...
    Chairman Khrushchev opened the conversation ...

Reads: the classified lines of a source (before grouping).
Changes: the "Source:" paragraph becomes the record's source note (note 0, as under a
document's own Notes); the paragraphs between it and the first line of the transcript
(a record-type line, a header field, a dateline, a salutation) are the editors' and
no part of the text; inside the transcript, its record-type line and "Participants:"
list are header lines, not the heading of another document. Where no transcript line
follows, the text cannot tell summary from transcript: the paragraphs stay text.
"""

from __future__ import annotations

import re

from missive.model import Note, Span
from missive.pipeline.document_notes import SOURCE_NOTE_INFO
from missive.pipeline.normalize import Line, paragraph_at

_SOURCE = re.compile(r"^\[?Source\s*:\s+\S")  # "[Source: Yeltsin Documents, …]" too
_PARTICIPANTS = re.compile(r"^(?:Participants|Present|Persons present)\s*:\s*(?P<value>.*)$")
_DRAFTED_BY = re.compile(r"^(?:Drafted|Prepared|Recorded)\s+by\s*:\s*(?P<value>\S.{0,80})$")
# "MEMORANDUM FOR THE PRESIDENT", "RECORD OF CONVERSATION": a record-type line in capitals.
_TYPE_IN_CAPITALS = re.compile(
    r"^(?:MEMORANDUM|TELEGRAM|CABLE|LETTER|RECORD|MINUTES|NOTE)\b[A-Z .,'’:-]{0,80}$"
)
_TRANSCRIPT_KINDS = {"record_heading", "file_reference", "field", "dateline", "salutation",
                     "from_to", "sent_received"}  # fmt: skip
_EDITORIAL = {"editorial": True, "rule": "the editors' summary of a cited record"}
MAX_SUMMARY_PARAGRAPHS = 6
_HEADER_PARAGRAPHS = 10  # citation, source line, transcript header lines


def mark_cited_records(lines: list[Line]) -> list[Note]:
    """Mark every cited record's apparatus; return its source notes."""
    notes: list[Note] = []
    for first, line in enumerate(lines):
        if line.kind != "record_heading" or not _cites_a_record(line):
            continue
        starts = _paragraph_starts(lines, first)
        if len(starts) < 2 or not _SOURCE.match(lines[starts[1]].clean):
            continue
        notes.append(_source_note(lines, starts[1]))
        transcript = _transcript_start(lines, starts, 2)
        if transcript is None:
            continue
        for p in starts[2:transcript]:
            for i in paragraph_at(lines, p):
                lines[i].kind, lines[i].info = "footnote", dict(_EDITORIAL)
        _mark_transcript_header(lines, starts, transcript)
    return notes


def _cites_a_record(line: Line) -> bool:
    """A record heading that dates the record ("Telegram from X to Y, Moscow, 4 March 1962")."""
    return line.kind == "record_heading" and "date" in line.info


def _paragraph_starts(lines: list[Line], first: int) -> list[int]:
    """The first lines of the paragraph at `first` and of the few after it (a record's
    citation, source line, summary and the transcript's header)."""
    starts = [first]
    i = first + 1
    while i < len(lines) and len(starts) < MAX_SUMMARY_PARAGRAPHS + _HEADER_PARAGRAPHS:
        if lines[i].clean and not lines[i].noise and not lines[i - 1].clean:
            starts.append(i)
        i += 1
    return starts


def _source_note(lines: list[Line], first: int) -> Note:
    indices = paragraph_at(lines, first)
    for i in indices:
        lines[i].kind, lines[i].info = "footnote", {**SOURCE_NOTE_INFO, "first": lines[first].no}
    text = " ".join(lines[i].clean for i in indices)
    last = lines[indices[-1]]
    return Note(0, text, Span(lines[first].start, last.end), lines[first].no, last.no)


def _transcript_start(lines: list[Line], starts: list[int], k: int) -> int | None:
    """The index in `starts` of the transcript's first paragraph after the summary."""
    for position in range(k, min(len(starts), k + MAX_SUMMARY_PARAGRAPHS + 1)):
        line = lines[starts[position]]
        if line.kind == "number" or _cites_a_record(line):
            return None  # the next record: no transcript line came
        if _opens_transcript(line):  # at once: the record has no summary
            return position
    return None


def _opens_transcript(line: Line) -> bool:
    return (
        line.kind in _TRANSCRIPT_KINDS
        or bool(_TYPE_IN_CAPITALS.match(line.clean))
        or bool(_PARTICIPANTS.match(line.clean))
    )


def _mark_transcript_header(lines: list[Line], starts: list[int], k: int) -> None:
    """The transcript's own header lines, from its first paragraph on, are the record's."""
    for first in starts[k:]:
        line = lines[first]
        if line.kind == "record_heading" and not line.info.get("senders"):
            line.kind, line.info = "file_reference", {"kind": line.info["kind"]}
        elif _TYPE_IN_CAPITALS.match(line.clean) and line.kind == "body":
            kind = line.clean.split()[0].lower()
            line.kind, line.info = "file_reference", {"kind": kind}
        elif m := _PARTICIPANTS.match(line.clean):
            paragraph = paragraph_at(lines, first)
            value = "; ".join([m.group("value")] * bool(m.group("value")) + [
                lines[i].clean for i in paragraph[1:]])  # fmt: skip
            line.kind, line.info = "field", {"label": "participants", "value": value}
            for i in paragraph[1:]:
                lines[i].kind, lines[i].info = "continuation", {"continues": line.no}
        elif m := _DRAFTED_BY.match(line.clean):
            line.kind, line.info = "field", {"label": "drafted by", "value": m.group("value")}
        elif line.kind not in _TRANSCRIPT_KINDS:
            return
