"""The evidence of a date read off a line: a date written whole is as sure as its
rule; a date the reader completed says what it supplied and is less sure — the year
of a calendar's margin date comes from the section's year line ("1756." over
"Jan. 3."), the day of an Old/New Style dual date ("February 16 (28), 1854") is the
New Style one by choice.

Reads: the line's info (``year_from``: the section's year; ``year_from_editor``: a
year in the editor's brackets; ``old_style``: the Old
Style part the New Style date was preferred to, ``received_old_style`` that of a
receipt noted in a heading), set by year_sections.py and classify.py.
"""

from __future__ import annotations

from missive.model import Evidence, Span

YEAR_FROM_SECTION = "year from the section's year line"
YEAR_FROM_NEIGHBOUR = "year from the document before"
YEAR_FROM_OWN_DATE = "year from the document's other date"
YEAR_FROM_EDITOR = "year supplied by the editor in brackets"
NEW_STYLE_DAY = "New Style day of a dual date"
OCR_DIGITS = "digits read from letters misread by OCR"
# Each part the text does not give outright takes this much off the rule's confidence;
# still above the threshold of `missive check`: such dates are usually right.
PER_INFERRED_PART = 0.1


def date_evidence(iso: str, rule: str, confidence: float, item: dict) -> Evidence:
    """Evidence for the date `iso` read by `rule` from the line `item` describes."""
    info = item["info"]
    inferred = []
    if iso == info.get("date"):
        inferred = _inferred_parts(info)
    elif iso == info.get("received") and info.get("received_old_style"):
        inferred = [_new_style_part(info["received_old_style"])]
    if inferred:
        rule = "; ".join([rule, *(label for label, _ in inferred)])
        confidence = round(confidence - PER_INFERRED_PART * len(inferred), 2)
    note = " ".join(note for _, note in inferred)
    span: Span = item["span"]
    return Evidence(rule, confidence, span, item["text"], note)


def year_from_neighbour(evidence: Evidence) -> Evidence:
    """A year-less date completed with the year of the document before it."""
    return _year_supplied(
        evidence,
        YEAR_FROM_NEIGHBOUR,
        "The year is not printed with the date: it is the year of the document before.",
    )


def year_from_own_date(evidence: Evidence) -> Evidence:
    """A year-less date ("(Received March 6.)") completed with the year of the
    document's own dateline."""
    return _year_supplied(
        evidence,
        YEAR_FROM_OWN_DATE,
        "The year is not printed with the date: it is the year of the document's other date.",
    )


def _year_supplied(evidence: Evidence, label: str, note: str) -> Evidence:
    if YEAR_FROM_SECTION in evidence.rule:
        return evidence
    return Evidence(
        f"{evidence.rule}; {label}",
        round(evidence.confidence - PER_INFERRED_PART, 2),
        evidence.span,
        evidence.text,
        " ".join(filter(None, [evidence.note, note])),
    )


def _inferred_parts(info: dict) -> list[tuple[str, str]]:
    parts = []
    if info.get("year_from"):
        parts.append(
            (
                YEAR_FROM_SECTION,
                f"The year is not printed with the date: {info['year_from']} is the year "
                "of the section it stands in.",
            )
        )
    if info.get("year_from_editor"):
        parts.append(
            (YEAR_FROM_EDITOR, "The writer gave no year: the editor supplied it in brackets.")
        )
    if info.get("old_style"):
        parts.append(_new_style_part(info["old_style"]))
    if info.get("ocr_digits"):
        parts.append(
            (OCR_DIGITS, "Digits of the date are read from letters OCR put in their place.")
        )
    return parts


def _new_style_part(old_style: str) -> tuple[str, str]:
    return (
        NEW_STYLE_DAY,
        f"The text gives the date in both calendars; the Old Style '{old_style}' is left "
        "for the New Style date.",
    )
