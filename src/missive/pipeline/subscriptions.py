"""A letter's closing and signature read off its last lines, where a line alone does
not say what it is: a word of farewell on its own line over the signature ("Your" /
"F. E.", "Adieu." / "Th: Jefferson", the cut-short "I am, &c.," / "GRANVILLE."), the closing run onto the end of the last
paragraph ("… to the Govern⟨ment⟩. Respecty & Affecty" / "⟨A.H.⟩"), and initials
alone as the signature ("⟨A.H.⟩": an editor's angle brackets restore a torn page).

Reads: classified lines (kinds "body", "name", "footnote", "number", "heading", ...).
Changes: the farewell line to kind "closing"; a line of initials that ends a document
to "name"; a signature whose closing ends the paragraph above to "closing", with
``info["closing"]`` (the formula) and ``info["signature"]`` (the name as printed).
"""

from __future__ import annotations

import re

from missive.pipeline.normalize import Line

# A farewell that is a closing only over a signature: by itself "Your" or "Adieu." is
# any line of a text.
_FAREWELL = re.compile(
    r"^(?:Your|Yours|Yrs?\.?|Thine|Ever\s+(?:yours|thine|your\s+\w+)|Yours\s+ever|"
    r"Adieu|Farewell|Vale"
    # the formula a printed paper cuts short: "I am, &c.,", "I have, &c.", "Believe me, &c."
    r"|(?:I\s+(?:am|have|remain)|Believe\s+me)\b[^.]{0,60}?,?\s*&c\.?(?:,?\s*&c\.?)*"
    r")\s*[.,!]?$",
    re.IGNORECASE,
)
# The closing run onto the end of the last paragraph, after its last sentence:
# "… Respecty & Affecty", "… Adieu.", "… Yr. obedt. Servt."
_OPENING_WORDS = (
    r"(?:Your|Yours|Yrs?\.?|Respecty|Respectfully|Respectf?ly|Affecty|Affly\.?|Affecly\.?|"
    r"Affectionately|Sincerely|Faithfully|Thine|Adieu|Farewell|Most\s+respectfully|"
    r"Very\s+respectfully|Ever\s+yours)"
)
_FOLLOWING_WORDS = (
    r"(?:&|and|yours|your|ever|very|most|truly|sincerely|faithfully|affectionately|affecty|"
    r"affly\.?|respectfully|respecty|obedt?\.?|obt\.?|humble|hble\.?|servt\.?|servant|sert\.?|"
    r"friend|&c\.?)"
)
_RUN_ON_CLOSING = re.compile(
    rf"(?<=[.!?])[’”'\"⟩\]]?\s+(?P<closing>{_OPENING_WORDS}(?:[\s,]+{_FOLLOWING_WORDS}){{0,6}}"
    r"\s*[.,!]?)$",
    re.IGNORECASE,
)
# Initials alone, maybe in the editor's brackets: "⟨A.H.⟩", "K. M.", "[G.W.]".
_INITIALS = re.compile(r"^[⟨\[]?(?:[A-Z]\.\s?){2,3}[⟩\]]?$")
_NO_ONES_INITIALS = frozenset({"NB", "PS", "US", "USA", "AM", "PM", "OK"})
# What may follow a document's last line.
_AFTER_A_DOCUMENT = frozenset({"footnote", "number", "heading", "record_heading"})
_ABOVE_A_SIGNATURE = frozenset({"body", "name"})


def mark_subscriptions(lines: list[Line]) -> None:
    """Mark the signatures of initials and the closings over signatures."""
    for i, line in enumerate(lines):
        if line.kind == "body" and _are_initials(line.clean) and _ends_a_document(lines, i):
            line.kind, line.info = "name", {}
    for i, line in enumerate(lines):
        if line.kind != "name":
            continue
        above = _line_above(lines, i)
        if above is None or above.kind not in _ABOVE_A_SIGNATURE:
            continue
        if _FAREWELL.match(above.clean):
            above.kind, above.info = "closing", {}
        elif above.kind == "body" and (m := _RUN_ON_CLOSING.search(above.clean)):
            line.kind, line.info = (
                "closing",
                {
                    "closing": m.group("closing"),
                    "signature": line.info.get("text") or line.clean,
                },
            )


def _are_initials(text: str) -> bool:
    if len(text) > 12:  # "⟨A. B. C.⟩" at most
        return False
    letters = "".join(c for c in text if c.isalpha())
    return bool(_INITIALS.match(text)) and letters not in _NO_ONES_INITIALS


def _ends_a_document(lines: list[Line], i: int) -> bool:
    """Body text above line i, and below it nothing, or what follows a document."""
    above = _line_above(lines, i)
    if above is None or above.kind not in ("body", "closing"):
        return False
    # read from i on, not from a copy of the rest: many initials would make it quadratic
    below = next((lines[j] for j in range(i + 1, len(lines)) if lines[j].clean), None)
    return below is None or below.kind in _AFTER_A_DOCUMENT


def _line_above(lines: list[Line], i: int) -> Line | None:
    """The nearest non-blank line above line i, across one blank line at most."""
    for j in (i - 1, i - 2):
        if j < 0:
            return None
        if lines[j].clean:
            return lines[j]
    return None
