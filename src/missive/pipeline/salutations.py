"""A salutation run into the first line of the body: "SIR: I have the honor to ...",
"My dear General, Your letter of the 3d ...". Printed editions save a line so; the
salutation is the letter's own, and its body begins after it.

Reads: the classified lines of a source.
Changes: such a line to kind "salutation" (``info["salutation"]``: the words as
printed, also the evidence's text; ``info["end"]``: where they end; ``info["run_in"]``;
``info["line"]``: the whole line), its ``clean`` text to the body's part of the line
(cleaning only ever deletes characters). Segmentation puts the line in both the header
and the body.
"""

from __future__ import annotations

import re

from missive.pipeline.normalize import Line

# The salutation's words, then ":" or ",", then the body's first word, capitalised.
_RUN_IN = re.compile(
    r"^(?P<salutation>(?i:(?:My\s+)?(?:very\s+)?(?:dear|dearest))"
    r"(?:\s+[A-Z][\w'’.-]*){1,4}\s*[:,]"
    r"|(?i:Sir|Madam|Gentlemen|(?:Your\s+)?Excellency|Dear\s+Sir|Mr\.?\s+President|"
    r"Mr\.?\s+Secretary|My\s+Lord|Mr\.?\s+Prime\s+Minister|Monsieur(?:\s+le\s+\w+)?)\s*[:,])"
    r"\s+(?=[A-Z\"“‘'(]|1\s+[a-z])"  # "My Lord: 1 have received": OCR's "1" for "I"
)
_MIN_BODY_WORDS = 3
_SALUTATION_STARTS = frozenset("SsMmDdGgEeYy")  # what every salutation above opens with
# A line above that is body text (a sentence of some length), not a header's or a
# block's: a salutation does not stand under it.
_LONG_BODY_LINE = 60


def mark_run_in_salutations(lines: list[Line]) -> None:
    """Mark every paragraph that opens with a run-in salutation under a header."""
    above: Line | None = None  # the last non-blank line
    for line in lines:
        if not line.clean or line.kind in ("noise", "footnote"):
            continue
        if (
            line.kind == "body"
            and line.clean[0] in _SALUTATION_STARTS
            and _opens_paragraph(line, above)
            and not _under_body(above)
        ):
            _mark(line)
        above = line


def _opens_paragraph(line: Line, above: Line | None) -> bool:
    """After a blank line, or right under the document's heading ("Mr. Seward to Mr.
    Burnley" / "Sir: I have the honor ...")."""
    return above is None or above.no < line.no - 1 or above.kind in _HEADINGS


_HEADINGS = frozenset({"heading", "record_heading"})


def _under_body(above: Line | None) -> bool:
    return (
        above is not None
        and above.kind == "body"
        and len(above.clean) > _LONG_BODY_LINE
        and not _editors_line(above.clean)
    )


def _editors_line(text: str) -> bool:
    """A line wholly in the editor's brackets ("[From British Blue Book …, p. 12.]")."""
    return text.startswith("[") and text.rstrip().endswith("]")


def _mark(line: Line) -> None:
    m = _RUN_IN.match(line.clean)
    if not m or len(line.clean[m.end() :].split()) < _MIN_BODY_WORDS:
        return
    words = m.group("salutation")
    at = line.raw.find(words)
    if at < 0:  # cleaning changed the words: their offsets are unknown
        return
    line.info = {"salutation": words, "end": line.start + at + len(words), "run_in": True,
                 "evidence_text": words, "line": line.clean}  # fmt: skip
    line.kind = "salutation"
    line.clean = line.clean[m.end() :]


def unmark_run_in(line: Line) -> str:
    """Read a marked line as body text again (it stands inside a body); its kind."""
    line.clean = line.info["line"]
    line.kind, line.info = "body", {}
    return line.kind
