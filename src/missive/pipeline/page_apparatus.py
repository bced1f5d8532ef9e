"""The apparatus a web edition prints around one letter, which is no part of it.

A page that carries one letter of a collected-works edition (the Marxists Internet
Archive's Marx–Engels, Lenin and Stalin pages) sets above it a block of labelled
lines: "Source: MECW Volume 42, p. 22;", "First published: in ...", "Written: ...",
"Translated: ...", "Transcription/Markup: ...", "Public Domain: ...". They describe
the edition, not the letter: they are marked as noise, so that they neither open a
document nor split the heading from the letter it heads.

The same pages set the addressee's town on a line under the heading ("Marx To
Engels" / "In Manchester"): that line is the heading's continuation.
"""

from __future__ import annotations

import re

from missive.pipeline.normalize import Line, set_noise

APPARATUS_NOISE = "edition apparatus"

# Labels of an edition's apparatus: what a collected-works page says of its source.
_APPARATUS_LABEL = re.compile(
    r"^(?P<label>source|first\s+published|published|written|translated|translation|"
    r"transcri(?:bed|ption)(?:\s*[/\\&]\s*(?:html\s+)?markup)?|html(?:\s+markup)?|markup|"
    r"proofed|proofread|public\s+domain|copyleft|other\s+formats|online\s+version|"
    r"original\s+language|printed\s+from|sent\s+from)\s*:",
    re.IGNORECASE,
)
_MIN_BLOCK = 2  # one "Source:" line alone may be a record's own citation
_MAX_GAP = 2  # blank lines allowed between two lines of one block

# "In Manchester", "IN LONDON", "in Paris": the town the letter was sent to.
ADDRESS_TOWN = re.compile(r"^in\s+[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+){0,2}\.?$", re.IGNORECASE)
_HEADINGS = {"heading", "record_heading", "from_to"}


def apparatus_label(text: str) -> str | None:
    """The normalised label of an apparatus line ("first published"), or None."""
    m = _APPARATUS_LABEL.match(text)
    return " ".join(m.group("label").lower().split()) if m else None


def mark_edition_apparatus(lines: list[Line]) -> None:
    """Mark each block of at least two apparatus lines with different labels as noise."""
    block: list[int] = []
    labels: set[str] = set()
    gap = 0
    for i, line in enumerate(lines):
        if line.blank:
            gap += 1
            continue
        label = apparatus_label(line.clean) if line.kind != "footnote" else None
        if label is not None and (not block or gap <= _MAX_GAP):
            block.append(i)
            labels.add(label)
        else:
            _mark_block(lines, block, labels)
            block, labels = ([i], {label}) if label is not None else ([], set())
        gap = 0
    _mark_block(lines, block, labels)


def _mark_block(lines: list[Line], block: list[int], labels: set[str]) -> None:
    if len(labels) < _MIN_BLOCK:
        return
    for i in block:
        set_noise(lines[i], APPARATUS_NOISE)


def mark_heading_towns(lines: list[Line]) -> None:
    """A line "In <Town>" right under a heading continues that heading."""
    previous: Line | None = None
    for line in lines:
        if line.blank or line.kind == "noise":
            continue
        if (
            previous is not None
            and previous.kind in _HEADINGS
            and line.kind == "body"
            and ADDRESS_TOWN.match(line.clean)
        ):
            line.kind, line.info = "continuation", {"continues": previous.no, "town": True}
        previous = line
