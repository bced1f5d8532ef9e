"""Plain-text volumes: a title block at the top, then `Label : value` lines.

    J. V. Stalin                                   <- author line (the principal)
    Correspondence between ... 1941 - 1945         <- title
    Volume - 2                                     <- volume
    Correspondence with F. D. Roosevelt and ...    <- subtitle; declares correspondents
    Source : ...                                   <- labels (header.LABEL_KEYS)
    Publisher : ...

The header stops at the first line that is neither; anything that opens a letter
(a document number, a date line, a salutation, "X TO Y") is never taken as a title.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from missive.model import Source, Span
from missive.sources.declaration import (
    TitleLine,
    author_key,
    find_declaration,
)
from missive.sources.header import add_metadata, is_date_line, label_key, label_value
from missive.sources.lines import Line, iter_paragraphs, joined

MAX_HEADER_LINES = 80
MAX_TITLE_PARAGRAPHS = 8
MAX_TITLE_LINE = 120

_LABEL_LINE = re.compile(r"^\s*(?P<label>[A-Za-z][\w/&.,' -]{0,40}?)\s*:\s+(?P<value>\S.*)$")
# (a digit OCR read as a letter still numbers a document: "No. l2")
_DOCUMENT_NUMBER = re.compile(
    r"^\s*(?:(?:No|Nr|Number|Doc(?:ument)?|Letter|Telegram|Message|Item)\.?\s*[\dlIO]*\d|\[?\d+\]?\.?\s*$)",
    re.I,
)
_DATED = re.compile(r"^\s*(?:Sent|Received|Dated|Delivered|Handed)\s+(?:on|in|at|by)\b", re.I)
_SALUTATION = re.compile(r"^\s*(?:(?:My\s+)?Dear\b|Sir\b|Madam\b|Mr\.?\s+President\b).*,\s*$", re.I)
_CLASSIFICATION = re.compile(
    r"^\s*(?:(?:top|most|strictly)\s+)?(?:secret|confidential|personal|restricted|private)\b",
    re.I,
)
_ADDRESSED = re.compile(r"^\s*(?:from\s+)?(?P<a>.+?)\s+to\s+(?P<b>.+?)[.:]?\s*$", re.I)
_OFFICE = re.compile(
    r"\b(?:President|Marshal|Premier|Prime Minister|Ambassador|Secretary|General|Admiral"
    r"|Chairman|Minister|Commissar|King|Generalissimo)\b",
    re.I,
)
_VOLUME = re.compile(r"^\s*(?:Vol(?:ume)?\.?|Book|Part|Tome)\b", re.I)
# Words that mark a title block as a volume's, when no label line confirms it.
_VOLUME_WORDS = re.compile(
    r"\b(?:Correspondence|Letters|Messages|Papers|Documents|Volume|Vol\.|Edition"
    r"|Collected|Selected|Works|Diary|Diaries|Memoirs)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?,;:]$")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z][a-z]{0,2}|\b[A-Z]|\b[a-z]{1,3}s?)\.$")


class Labelled(NamedTuple):
    label: str
    value: str
    span: Span  # the line(s) it stands on


def read_txt(source: Source) -> None:
    """Fill `source` with what a plain-text header says: metadata, header end, declaration."""
    titles, labels, end = _opening_block(source.text)
    author = _author_line(titles)
    if not (labels or author or any(_VOLUME_WORDS.search(joined(p)) for p in titles)):
        return  # short lines at the top, but nothing says they are a volume's title
    _title_metadata(source.metadata, titles, author)
    for labelled in labels:
        key = label_key(labelled.label)
        if key:
            add_metadata(source.metadata, key, label_value(labelled.label, labelled.value))
    source.header_end = end
    source.declaration = find_declaration(*_declaration_lines(titles, author, labels))


def _declaration_lines(
    titles: list[list[Line]], author: list[Line] | None, labels: list[Labelled]
) -> tuple[list[TitleLine], TitleLine | None]:
    """Title lines and "Title:" values to read correspondents from; the author line."""
    candidates = [_title_line(p) for p in titles if p is not author]
    author_line = _title_line(author) if author else None
    for labelled in labels:
        key = label_key(labelled.label)
        if key in ("title", "source"):
            candidates.append(TitleLine(labelled.span, labelled.value))
        elif key == "author" and author_line is None:
            author_line = TitleLine(labelled.span, labelled.value)
    return candidates, author_line


def _opening_block(text: str) -> tuple[list[list[Line]], list[Labelled], int]:
    """Title paragraphs, label lines and the offset just after the last of them."""
    titles: list[list[Line]] = []
    labels: list[Labelled] = []
    end = 0
    heading_seen = False  # a one-letter page: the letter's heading above the page's labels
    for paragraph in iter_paragraphs(text, max_lines=MAX_HEADER_LINES):
        found, used = _label_lines(paragraph)
        if found:
            labels.extend(found)
            if label_key(found[0].label) == "title" and _heads_letter_text(found[0].value):
                heading_seen = True  # "Title: From X to Y, date": a record's own heading
            if not heading_seen:
                end = paragraph[used - 1].next
            if used < len(paragraph):
                break
        elif heading_seen or _heads_letter(paragraph):
            if heading_seen and len(paragraph) > 2:
                break
            heading_seen = True  # the labels under the heading still describe the page
        elif not labels and len(titles) < MAX_TITLE_PARAGRAPHS and _is_title(paragraph):
            titles.append(paragraph)
            end = paragraph[-1].next
        else:
            break
    return titles, labels, end


def _label_lines(paragraph: list[Line]) -> tuple[list[Labelled], int]:
    """The leading `Label : value` lines of a paragraph and how many lines they take;
    an indented line continues the value above it."""
    found: list[Labelled] = []
    used = 0
    for line in paragraph:
        match = _LABEL_LINE.match(line.text)
        if match and label_key(match["label"]):
            found.append(
                Labelled(match["label"].strip(), match["value"].strip(), Span(line.start, line.end))
            )
        elif found and line.text[:1].isspace():
            last = found[-1]
            found[-1] = Labelled(
                last.label, f"{last.value} {line.text.strip()}", Span(last.span.start, line.end)
            )
        else:
            break
        used += 1
    return found, used


def _is_title(paragraph: list[Line]) -> bool:
    texts = [line.text.strip() for line in paragraph]
    if len(texts) > 4 or any(len(t) > MAX_TITLE_LINE for t in texts):
        return False
    if not texts[0][:1].isalpha() and texts[0][:1] not in "\"'“‘":
        return False
    if any(_opens_document(t) for t in texts):
        return False
    last = texts[-1]
    return not _SENTENCE_END.search(last) or _ABBREVIATION_END.search(last) is not None


def _heads_letter_text(text: str) -> bool:
    return bool(_LETTER_HEADING.match(text) or _opens_document(text))


def _heads_letter(paragraph: list[Line]) -> bool:
    """A short paragraph that heads one letter ("Marx To Engels" / "In Manchester",
    "TO MAXIM GORKY", "Letter to V.I. Lenin"): the text's first document, not its title."""
    texts = [line.text.strip() for line in paragraph]
    if len(texts) > 2:
        return False
    if _heads_letter_text(texts[0]):
        return True
    # the parser's reading of a heading and of the town line under it
    from missive.pipeline.classify import classify_text
    from missive.pipeline.page_apparatus import ADDRESS_TOWN

    return (
        len(texts) == 2
        and classify_text(texts[0])[0] == "heading"
        and bool(ADDRESS_TOWN.match(texts[1]))
    )


# "Letter to V.I. Lenin", "Telegram to the Council of …", "TO MAXIM GORKY", "To: X", and
_LETTER_HEADING = re.compile(
    r"^(?:(?i:letter|telegram|message|note|memorandum|cable|despatch|dispatch)\s+(?i:to|from)\s+\S"
    r"|(?i:to):?\s+(?:[A-Z][A-Z.'’-]+\s+)*[A-Z][A-Z.'’-]+$"
    # an edition's dated title: "From George Washington to Alexander Hamilton, 11 December 1793"
    r"|(?i:from|to)\s+[A-Z].*\s(?i:to|from)\s+[A-Z].*,\s+\S.*\d{4}\.?$)"
)


def _opens_document(line: str) -> bool:
    """Lines that begin a letter rather than a book: its number, date, salutation,
    classification or an "X to Y" heading."""
    if (
        _DOCUMENT_NUMBER.match(line)
        or _DATED.match(line)
        or _SALUTATION.match(line)
        or _CLASSIFICATION.match(line)
        or is_date_line(line)
    ):
        return True
    match = _ADDRESSED.match(line)
    return match is not None and _is_party(match["a"]) and _is_party(match["b"])


def _is_party(text: str) -> bool:
    """A sender or addressee in a heading: an office ("the Prime Minister") or a
    person the authority file knows or whose initials are given."""
    return bool(_OFFICE.search(text)) or author_key(text) is not None


def _author_line(titles: list[list[Line]]) -> list[Line] | None:
    if titles and len(titles[0]) == 1 and author_key(titles[0][0].text.strip()):
        return titles[0]
    return None


def _title_line(paragraph: list[Line]) -> TitleLine:
    return TitleLine(Span(paragraph[0].start, paragraph[-1].end), joined(paragraph))


def _title_metadata(
    metadata: dict[str, str], titles: list[list[Line]], author: list[Line] | None
) -> None:
    if author:
        metadata["author"] = joined(author)
    rest = [joined(p) for p in titles if p is not author]
    volumes = [t for t in rest if _VOLUME.match(t)]
    others = [t for t in rest if t not in volumes]
    if others:
        metadata["title"] = others[0]
    if others[1:]:
        metadata["subtitle"] = "; ".join(others[1:])
    if volumes:
        metadata["volume"] = "; ".join(volumes)
