"""Notes keyed by a letter, as ebooks set them: "[Footnote A: ...]" after the paragraph
whose text carries the marker "[A]" fused to a word ("the city.[A] It is ...").

A lettered note is numbered by the letter's place in the alphabet (A = 1, B = 2, ...),
so it is paired with its marker, and exported, like a numbered one.
"""

from __future__ import annotations

import re

from missive.pipeline.markers import Marker

# "[A]" glued to the word or punctuation before it; a bracketed capital standing alone
# ("section [A] of the treaty") is a label, not a marker.
_LETTERED_MARKER = re.compile(r"(?<=[\w.,;:!?\"”’')])\[([A-Z])\]")


def note_key(label: str) -> int:
    """The note number a footnote's label stands for: "12" -> 12, "A" -> 1, "b" -> 2."""
    return int(label) if label.isdigit() else ord(label.upper()) - ord("A") + 1


def find_lettered_markers(text: str, keys: frozenset[int]) -> list[Marker]:
    """Markers "[A]" in one line whose letter keys one of the source's lettered notes."""
    if "[" not in text:
        return []
    found = []
    for m in _LETTERED_MARKER.finditer(text):
        number = note_key(m.group(1))
        if number in keys:
            found.append(Marker(number, m.start(1), m.end(1), "fused"))
    return found
