"""A document body as paragraphs of text pieces and note markers, ready for a template.

The parsed paragraphs have their markers removed; each marker keeps only its line.  The
marker is put back after the words that precede it on that line of the original text
(found again in the paragraph), or at the end of the paragraph when they are not found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

CONTEXT_WORDS = 3
# A source note ("RC (DLC: ...)" heading a document's notes) describes the whole text:
# it is the document's note, with no marker in the body (pipeline/source_notes.py).
UNMARKED_FORMS = frozenset({"source"})
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def body_pieces(
    doc: dict[str, Any], source_lines: Sequence[str] | None
) -> list[list[dict[str, Any]]]:
    """Each paragraph as a list of ``{"text": …}`` and ``{"note": n}`` pieces."""
    paragraphs = doc.get("paragraphs") or [
        {"start_line": None, "end_line": None, "text": t} for t in _split(doc.get("text") or "")
    ]
    placed: list[list[tuple[int, int]]] = [[] for _ in paragraphs]
    for ref in doc.get("note_refs") or []:
        if ref.get("form") in UNMARKED_FORMS:
            continue  # listed with the notes; no marker stands for it in the text
        index = _paragraph_of(paragraphs, ref.get("start_line"))
        if index is None:
            index = len(paragraphs) - 1
        if index < 0:
            continue
        text = paragraphs[index]["text"]
        offset = _marker_offset(text, _line(source_lines, ref.get("start_line")), ref["number"])
        placed[index].append((offset, ref["number"]))
    return [
        _pieces(p["text"], sorted(markers)) for p, markers in zip(paragraphs, placed, strict=True)
    ]


def _split(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def _paragraph_of(paragraphs: list[dict[str, Any]], line: int | None) -> int | None:
    if line is None:
        return None
    for index, paragraph in enumerate(paragraphs):
        start, end = paragraph.get("start_line"), paragraph.get("end_line")
        if start is not None and end is not None and start <= line <= end:
            return index
    return None


def _line(lines: Sequence[str] | None, number: int | None) -> str:
    if not lines or number is None or not 1 <= number <= len(lines):
        return ""
    return lines[number - 1]


def _marker_offset(paragraph: str, line: str, number: int) -> int:
    """Where in `paragraph` the marker `number` of `line` stands (end if unknown)."""
    for match in re.finditer(rf"(?<!\d){number}(?!\d)", line):
        words = _WORD.findall(line[: match.start()])[-CONTEXT_WORDS:]
        if not words:
            continue
        found = _find_words(paragraph, words)
        if found is not None:
            return found
    return len(paragraph)


def _find_words(paragraph: str, words: list[str]) -> int | None:
    """The end of the last word of the first place `words` follow one another."""
    pattern = r"\W+".join(re.escape(w) for w in words)
    match = re.search(pattern, paragraph)
    if match is None:
        return None
    end = match.end()
    # Keep closing punctuation before the marker ("Ocean.²" reads better than "Ocean².").
    while end < len(paragraph) and paragraph[end] in ".,;:!?)”’\"'":
        end += 1
    return end


def _pieces(text: str, markers: list[tuple[int, int]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cursor = 0
    for offset, number in markers:
        if offset > cursor:
            out.append({"text": text[cursor:offset]})
            cursor = offset
        out.append({"note": number})
    if cursor < len(text) or not out:
        out.append({"text": text[cursor:]})
    return out
