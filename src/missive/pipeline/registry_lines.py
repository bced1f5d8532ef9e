"""The registry a series of intercepted and translated messages prints under each one.

Under the text of an intercepted telegram stand the intercept's serial ("24531"), the
translation line ("JD-1: 6323 (D) Navy Trans. 11-7-41 (S-TT)", "Army 25853   Trans.
12/7/41 (S)"), the editors' notes to its markers ("*JD-1: 3271 … dated 24 June …") and
the collection's citation in capitals within brackets ("(EXHIBITS OF JOINT COMMITTEE,
EXHIBIT NO. 1 …)"). The serial, the translation line and the citation describe the
record, not the message: they are marked as noise (before notes are read, so that a
note under them opens its own paragraph and its marker finds it).
"""

from __future__ import annotations

import re

from missive.pipeline.normalize import Line, set_noise

REGISTRY_NOISE = "registry line"

# "Trans. 11-7-41", "Trans. 12/7/41": the day the message was translated.
_TRANSLATED = re.compile(r"\bTrans\.\s+\d{1,2}[-/]\d{1,2}[-/]\d{2,4}\b")
_MAX_REGISTRY_WORDS = 12
_SERIAL = re.compile(r"^\d{3,7}$")
_NOTE_SYMBOLS = ("*", "†", "‡")
_MAX_LOWER = 2  # a scan's misread digit ("JULY l AND") in a line of capitals


def mark_registry_lines(lines: list[Line]) -> None:
    """Mark each translation line, the serial right above it and the capitals citation
    right under it (past its notes) as noise."""
    if not any("Trans." in line.clean for line in lines):
        return
    text = [i for i, line in enumerate(lines) if line.clean and not line.noise]
    for k, i in enumerate(text):
        if not _is_translation_line(lines[i].clean):
            continue
        set_noise(lines[i], REGISTRY_NOISE)
        if k and _SERIAL.match(lines[text[k - 1]].clean):
            set_noise(lines[text[k - 1]], REGISTRY_NOISE)
        _mark_citation_after(lines, text[k + 1 :])


def _is_translation_line(text: str) -> bool:
    return (
        "Trans." in text
        and len(text.split()) <= _MAX_REGISTRY_WORDS
        and _TRANSLATED.search(text) is not None
    )


def _mark_citation_after(lines: list[Line], following: list[int]) -> None:
    rest = [i for i in following if not lines[i].raw.lstrip().startswith(_NOTE_SYMBOLS)]
    if not rest or not lines[rest[0]].clean.startswith("("):
        return
    citation: list[int] = []
    for i in rest:
        if not _in_capitals(lines[i].clean):
            return
        citation.append(i)
        if lines[i].clean.endswith(")"):
            for j in citation:
                set_noise(lines[j], REGISTRY_NOISE)
            return


def _in_capitals(text: str) -> bool:
    return sum(c.islower() for c in text) <= _MAX_LOWER and any(c.isupper() for c in text)
