"""A surname alone closing a document: "Kennan" on its own line after the last
paragraph, where FRUS sets the signer of a telegram (right-aligned online), and then
the document's footnotes or the next document's heading.

A one-word paragraph in ordinary case reads as body text by itself; here its place
says what it is: after a paragraph that ends a sentence, before a footnote, the next
document's number or heading, or the end of the text.

Reads: classified lines (kinds "body", "footnote", "number", "heading", ...).
Changes: such a line's kind to "name" (a signature line); then subscriptions.py reads
the closings over the signatures.
"""

from __future__ import annotations

import re

from missive.pipeline.normalize import Line
from missive.pipeline.subscriptions import mark_subscriptions

_SURNAME = re.compile(r"^(?:[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?|(?:Mc|Mac|O’|O')[A-Z][a-z]+)\.?$")
# One-word paragraphs that are no one's name.
_NOT_NAMES = frozenset(
    [
        "Yes",
        "No",
        "Approved",
        "Agreed",
        "Noted",
        "Declined",
        "Disapproved",
        "Concur",
        "Concurred",
        "Continued",
        "End",
        "Secret",
        "Confidential",
        "Restricted",
        "Unclassified",
        "Translation",
        "Enclosure",
        "Attachment",
        "Signed",
        "Thanks",
        "Regards",
        "Urgent",
        "Personal",
        "Private",
        "Received",
        "Sent",
        "Draft",
        "Copy",
        "Extract",
        "Paraphrase",
    ]
)
_AFTER = frozenset({"footnote", "number", "heading", "record_heading", "file_reference"})
_SENTENCE_END = re.compile(r"[.!?:;)\]'’”\"](?:\d{1,3})?$")  # and its note marker: "reaction.72"


def mark_lone_signatures(lines: list[Line]) -> None:
    """Mark the surnames set alone at the end of a document as signature lines."""
    for i, line in enumerate(lines):
        if line.kind != "body" or not _is_surname(line.clean):
            continue
        before, after = _neighbour(lines, i, -1), _neighbour(lines, i, 1)
        if before is None or before.kind != "body" or not _SENTENCE_END.search(before.clean):
            continue
        if after is None or after.kind in _AFTER:
            line.kind, line.info = "name", {}
    mark_subscriptions(lines)  # then the closings over them, and initials that sign


def _is_surname(text: str) -> bool:
    return bool(_SURNAME.match(text)) and text.rstrip(".") not in _NOT_NAMES


def _neighbour(lines: list[Line], i: int, step: int) -> Line | None:
    """The nearest non-blank line before (-1) or after (+1) line i, across one blank
    line only (a paragraph of its own)."""
    j = i + step
    if step > 0 and j < len(lines) and lines[j].kind == "footnote":
        return lines[j]  # the document's footnotes set right under the signer
    if not (0 <= j < len(lines)) or lines[j].clean:
        return None  # the surname must stand as a paragraph by itself
    j += step
    while 0 <= j < len(lines) and (not lines[j].clean or (step > 0 and lines[j].kind == "noise")):
        j += step  # after it, a page mark ("[Page 953]") may stand before the next heading
    return lines[j] if 0 <= j < len(lines) else None
