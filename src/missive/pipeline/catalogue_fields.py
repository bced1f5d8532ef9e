"""The catalogue record an archive's or a library's web page sets around one letter.

A digital collection (an Omeka or CONTENTdm item page) prints its record as labels on
lines of their own, each with its value under it: "Title" / "Colonel House to Woodrow
Wilson", "Creator", "Identifier", "Date", "Source", then "Text" over the transcript,
and after it "To", "Files", "Collection", "Citation". The labels and their values
describe the record, not the letter: they are marked as noise, so that they neither
open documents nor enter the letter's text; the transcript under the "Text" label is
the letter.

Two more lines of such pages describe the record: the repository named on a line of
its own right under the heading or the date ("Russian State Archive of Social and
Political History"), and the page's citation of itself ("House, Edward Mandell,
1858-1938, “Colonel House to Woodrow Wilson,” 1917 August 16, WWP21834, …").
"""

from __future__ import annotations

import re

from missive.pipeline.dates import find_dates
from missive.pipeline.normalize import Line, set_noise

CATALOGUE_NOISE = "catalogue field"

# Dublin Core's elements and the other labels of a collection's item page.
_FIELD_LABELS = frozenset((
    "title", "subject", "description", "creator", "source", "publisher", "date", "contributor",
    "rights", "relation", "format", "language", "type", "identifier", "coverage", "provenance",
    "to", "from", "files", "collection", "citation", "tags", "item type", "original format",
    "date created", "date added", "physical dimensions", "location", "recipient", "author",
    "summary", "original language", "repository", "call number", "extent",
))  # fmt: skip
_DATE_LABELS = frozenset({"date", "date created"})
# The label over the letter itself: what follows it is the document.
_TEXT_LABELS = frozenset({"text", "transcription", "transcript", "full text", "document text"})
_MIN_LABELS = 3  # distinct labels: "Date" or "To" alone is a word, three are a record
# Labels no sentence or heading consists of: one alone is a record's field.
_DISTINCT_LABELS = frozenset(
    {"item type", "original format", "date created", "date added", "physical dimensions",
     "call number"}
)  # fmt: skip
_MAX_VALUE_LINES = 4  # a field's value runs over a few lines, a letter's text over more


_LONGEST_LABEL = 20


def field_label(text: str) -> str | None:
    """The normalised label a line consists of ("original format"), or None."""
    if len(text) > _LONGEST_LABEL:
        return None
    label = " ".join(text.rstrip(":").split()).lower()
    return label if label in _FIELD_LABELS or label in _TEXT_LABELS else None


def mark_catalogue_fields(lines: list[Line]) -> None:
    """Mark each block of at least three labelled fields, labels and values, as noise."""
    labels = [i for i, line in enumerate(lines) if _is_label_line(line)]
    block: list[int] = []
    for i in labels:
        if block and not _value_between(lines, block[-1], i):
            _mark_block(lines, block)
            block = []
        block.append(i)
        if field_label(lines[i].clean) in _TEXT_LABELS:  # the letter follows: the block ends
            _mark_block(lines, block)
            block = []
    _mark_block(lines, block)


def _is_label_line(line: Line) -> bool:
    return line.kind not in ("blank", "noise", "footnote") and field_label(line.clean) is not None


def _value_between(lines: list[Line], a: int, b: int) -> bool:
    """Whether the lines between two labels can be the first label's value."""
    return sum(not line.blank for line in lines[a + 1 : b]) <= _MAX_VALUE_LINES


def _mark_block(lines: list[Line], block: list[int]) -> None:
    labels = {field_label(lines[i].clean) for i in block}
    if len(labels) < _MIN_LABELS and not labels & _DISTINCT_LABELS:
        return
    for k, i in enumerate(block):
        label = field_label(lines[i].clean)
        set_noise(lines[i], CATALOGUE_NOISE)
        if label in _TEXT_LABELS:
            continue
        end = block[k + 1] if k + 1 < len(block) else _paragraph_end(lines, i)
        for j in range(i + 1, end):
            if label == "title" and not _repeats_earlier_line(lines, j, block[0]):
                continue  # the record's only heading heads the letter
            if label in _DATE_LABELS and _set_date(lines[j]):
                continue  # "Date" / "1917 August 16": the letter's date as catalogued
            if not lines[j].blank:
                set_noise(lines[j], CATALOGUE_NOISE)


def _set_date(line: Line) -> bool:
    """Read a date field's value that is one whole date as the letter's dateline."""
    found = find_dates(line.clean)
    if len(found) != 1 or found[0].text != line.clean.rstrip("."):
        return False
    line.kind = "dateline"
    line.info = {"date": found[0].iso, "date_text": found[0].text, "place": None}
    return True


def _paragraph_end(lines: list[Line], label: int) -> int:
    """The end of the last label's value: its first paragraph, if it is short."""
    j = label + 1
    while j < len(lines) and lines[j].blank:
        j += 1
    start = j
    while j < len(lines) and not lines[j].blank:
        j += 1
    return j if j - start <= _MAX_VALUE_LINES else label + 1


def _repeats_earlier_line(lines: list[Line], j: int, before: int) -> bool:
    text = lines[j].clean
    return not text or any(line.clean == text for line in lines[:before])


# "Russian State Archive of Social and Political History", "Wilson Papers, Library of
# Congress, Washington": a line naming only where the record is kept.
_REPOSITORY = re.compile(
    r"\b(?:Archives?|Library|Record Office|Museum|Papers|Manuscripts? Division|"
    r"Historical Society)\b"
)
_REPOSITORY_WORDS = 14
_REPOSITORY_CHARS = 120
_HEADINGS = {"heading", "record_heading"}
_HEADER_KINDS = _HEADINGS | {"dateline", "continuation"}


def mark_repository_lines(lines: list[Line]) -> None:
    """A line that names an archive and holds no sentence, under a heading or a date,
    or as the page's first line over its heading, is the record's repository, no part
    of the letter ("Eisenhower Library, Whitman File" over "President Eisenhower to …")."""
    previous: Line | None = None  # the text line before
    first: Line | None = None  # the page's first text line, while it may be a repository's
    for line in lines:
        if line.blank or line.kind == "noise":
            continue
        if first is not None and line.kind in _HEADINGS:
            set_noise(first, CATALOGUE_NOISE)
        first = line if previous is None and _names_repository(line) else None
        if previous is not None and previous.kind in _HEADER_KINDS and _names_repository(line):
            set_noise(line, CATALOGUE_NOISE)
            continue
        previous = line


def _names_repository(line: Line) -> bool:
    text = line.clean
    return (
        line.kind in ("body", "place_line", "name")
        and len(text) < _REPOSITORY_CHARS
        and len(text.split()) <= _REPOSITORY_WORDS
        and ":" not in text  # "Source: National Archives, …": a labelled line, read elsewhere
        and not text.endswith((".", "!", "?", '"', "”"))
        and _REPOSITORY.search(text) is not None
        and text[:1].isupper()
    )


# "House, Edward Mandell, 1858-1938, “Colonel House to Woodrow Wilson,” 1917 August 16,
# WWP21834, World War I Letters, …": a collection's suggested citation of the record.
_SELF_CITATION = re.compile(
    r"^[A-Z][\w'’-]+,\s+[A-Z][\w.'’ -]{1,60}?(?:,\s+\d{4}-\d{4})?,"  # the creator
    r"\s+“[^”]{5,200},”\s+\S.{10,}\.$"  # the record's title, then date, number, collection
)


def mark_self_citations(lines: list[Line]) -> None:
    """Mark a collection's citation of its own record as noise."""
    for line in lines:
        if line.kind == "body" and "“" in line.clean and _SELF_CITATION.match(line.clean):
            set_noise(line, CATALOGUE_NOISE)
