"""A cable known by its header block, when no record line names its kind.

A State Department cable heads its text with labelled fields set in capitals, as the
telegraph printed them ("FROM: AMEMBASSY MOSCOW", "TO: SECSTATE WASHDC 4187", "DATE: 10
MAR 1975", "SUBJECT: ..."). An archive's copy may lack the "MRN:" line that names it a
telegram; the header block still does. A memorandum's fields in ordinary case ("From:
The Secretary of State") say nothing of the kind.

Reads: the header's labelled field items (describe.py: ``header["fields"]``).
Gives: the kind "telegram" with the FROM line as its evidence, or None.
"""

from __future__ import annotations

from missive.model import PROBABLE, Evidence, Inferred

_PARTY_LABELS = ("from", "to")
_ONE_OF = ("date", "subject")  # a header block names its parties and a date or subject


def cable_kind(fields: list[dict]) -> Inferred[str] | None:
    """ "telegram" when the fields are a cable's header block in capitals, else None."""
    by_label = {item["info"]["label"]: item for item in fields}
    if not all(label in by_label for label in _PARTY_LABELS):
        return None
    if not any(label in by_label for label in _ONE_OF):
        return None
    if not all(_label_in_capitals(item) for item in fields):
        return None
    if not all(_in_capitals(by_label[label]) for label in _PARTY_LABELS):
        return None
    first = by_label["from"]
    rule = "cable header block (FROM/TO fields in capitals)"
    return Inferred("telegram", Evidence(rule, PROBABLE, first["span"], first["text"]))


def _label_in_capitals(item: dict) -> bool:
    label = item["text"].partition(":")[0]
    return label == label.upper()


def _in_capitals(item: dict) -> bool:
    """Label and value both in capitals: "TO: SECSTATE WASHDC", not "To: The President"."""
    text = item["text"]
    return any(c.isalpha() for c in text) and text == text.upper()
