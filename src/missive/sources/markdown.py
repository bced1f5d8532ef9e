"""Markdown archive records: a bold title and date block, then labelled blocks.

    **June 28, 1944**                       <- date
    **PARAPHRASE of telegram sent ...**     <- title
    **Citation:**                           <- label (header.LABEL_KEYS, else a slug)
    "...", Wilson Center Digital Archive, Container 173, ... Library of Congress
    **Summary:**
    ...

The value of a label is the paragraph after it, or every paragraph up to the next
label when labels follow closely.  The markdown itself stays in `source.text`.
"""

from __future__ import annotations

import re

from missive.model import Source, Span
from missive.sources.declaration import TitleLine, find_declaration
from missive.sources.header import (
    add_metadata,
    citation_parts,
    is_date_line,
    label_key,
    label_value,
)
from missive.sources.lines import Line, iter_lines, iter_paragraphs
from missive.textutil import ascii_key

MAX_HEADER_LINES = 400
MAX_TITLE_PARAGRAPHS = 6  # a record's first label comes within this many paragraphs
MAX_LABEL_GAP = 3  # paragraphs a value may run to before the next label
LIST_KEYS = frozenset({"contents", "keywords"})

_BOLD_LABEL = re.compile(
    r"^\s*(?:(?:\*\*|__)(?P<a>[^*_\n]{1,60}?)\s*:\s*(?:\*\*|__)"
    r"|(?:\*\*|__)(?P<b>[^*_\n]{1,60}?)(?:\*\*|__)\s*:)\s*(?P<rest>.*)$"
)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_AUTOLINK = re.compile(r"<(?P<url>https?://[^>\s]+)>")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)[^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|~~")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!~|<>])")


def read_md(source: Source) -> None:
    """Fill `source` with a markdown record's metadata, header end and declaration."""
    metadata = source.metadata
    start = _front_matter(source.text, metadata)
    paragraphs = list(iter_paragraphs(source.text, start, MAX_HEADER_LINES))
    labels = _label_run(paragraphs)
    first_label = labels[0] if labels else _leading_markup(paragraphs)
    titles = paragraphs[:first_label]
    _title_block(titles, metadata)
    source.header_end = start
    for position, index in enumerate(labels):
        stop = labels[position + 1] if position + 1 < len(labels) else None
        value_end = _label(paragraphs, index, stop, metadata)
        source.header_end = paragraphs[value_end][-1].next
    candidates = [TitleLine(Span(p[0].start, p[-1].end), _inline(p)) for p in titles]
    source.declaration = find_declaration(candidates)


def _front_matter(text: str, metadata: dict[str, str]) -> int:
    """Read a YAML-style `---` block at the very top; the offset after it (or 0).
    A `---` never closed is a horizontal rule, not front matter."""
    lines = iter_lines(text)
    first = next(lines, None)
    if first is None or first.text.strip() != "---":
        return 0
    found: dict[str, str] = {}
    for _, line in zip(range(MAX_HEADER_LINES), lines, strict=False):
        if line.text.strip() in ("---", "..."):
            for key, value in found.items():
                add_metadata(metadata, key, value)
            return line.next
        key, sep, value = line.text.partition(":")
        if sep and key.strip():
            add_metadata(found, label_key(key) or ascii_key(key), value.strip().strip("\"'"))
    return 0


def _label_of(paragraph: list[Line]) -> tuple[str, str] | None:
    """(label, inline value) when a paragraph opens with `**Label:**` or is a heading
    that names a known label ("## Citation")."""
    match = _BOLD_LABEL.match(paragraph[0].text)
    if match:
        return (match["a"] or match["b"]).strip(), match["rest"].strip()
    heading = _HEADING.match(paragraph[0].text)
    if heading and len(paragraph) == 1 and label_key(heading["text"].rstrip(":")):
        return heading["text"].rstrip(":").strip(), ""
    return None


def _label_run(paragraphs: list[list[Line]]) -> list[int]:
    """Indexes of the labelled paragraphs that open the record and follow each other
    closely."""
    run: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        if run and index - run[-1] - 1 > MAX_LABEL_GAP:
            break
        if not run and index >= MAX_TITLE_PARAGRAPHS:
            break
        if _label_of(paragraph):
            run.append(index)
    return run


def _leading_markup(paragraphs: list[list[Line]]) -> int:
    """How many paragraphs at the top are bold or headings (a title block without labels)."""
    count = 0
    for paragraph in paragraphs[:MAX_TITLE_PARAGRAPHS]:
        if not (_is_bold(paragraph) or _HEADING.match(paragraph[0].text)):
            break
        count += 1
    return count


def _is_bold(paragraph: list[Line]) -> bool:
    text = " ".join(line.text.strip() for line in paragraph)
    return len(text) > 4 and text[:2] in ("**", "__") and text[-2:] == text[:2]


def _title_block(titles: list[list[Line]], metadata: dict[str, str]) -> None:
    others: list[str] = []
    for paragraph in titles:
        text = _inline(paragraph)
        if is_date_line(text) and "date" not in metadata:
            metadata["date"] = text
        elif text:
            others.append(text)
    if others:
        metadata.setdefault("title", others[0])
    if others[1:]:
        metadata.setdefault("subtitle", "; ".join(others[1:]))


def _label(
    paragraphs: list[list[Line]], index: int, stop: int | None, metadata: dict[str, str]
) -> int:
    """Record one label's value; the index of the last paragraph that value took."""
    label, inline = _label_of(paragraphs[index]) or ("", "")
    key = label_key(label) or ascii_key(label)
    value_lines = [inline, *(line.text for line in paragraphs[index][1:])]
    last = index
    if not inline:
        last = (stop - 1) if stop is not None else min(index + 1, len(paragraphs) - 1)
        for paragraph in paragraphs[index + 1 : last + 1]:
            value_lines.extend(line.text for line in paragraph)
    value = _clean(value_lines, "; " if key in LIST_KEYS else " ")
    if key == "citation":
        value = _take_url(value, metadata)
        for part_key, part in citation_parts(value).items():
            metadata.setdefault(part_key, part)
    add_metadata(metadata, key, label_value(label, value))
    return last


def _take_url(value: str, metadata: dict[str, str]) -> str:
    match = _AUTOLINK.search(value)
    if not match:
        return value
    metadata.setdefault("url", match["url"])
    return " ".join(_AUTOLINK.sub("", value).split())


def _inline(paragraph: list[Line]) -> str:
    heading = _HEADING.match(paragraph[0].text)
    texts = [heading["text"]] if heading else [line.text for line in paragraph]
    return _clean(texts, " ")


def _clean(texts: list[str], separator: str) -> str:
    """Markdown inline markup removed: emphasis, links, escapes, hard-break spaces,
    list bullets; lines joined by `separator`."""
    cleaned = []
    for text in texts:
        text = _BULLET.sub("", text)
        text = _LINK.sub(lambda m: m["text"], text)
        text = _ESCAPE.sub(r"\1", _EMPHASIS.sub("", text))
        text = " ".join(text.split())
        if text:
            cleaned.append(text)
    return separator.join(cleaned)
