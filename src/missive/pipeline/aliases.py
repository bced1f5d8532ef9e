"""Code names and pseudonyms the edition's own notes explain.

A marker placed on a term ("Mr Brown." 26, "Avalanche." 32, General Charlie 31) and
a note that says what the term stands for ("Code name for the Azores"; "... V. M.
Molotov, who ... was known as "Mr Brown""; "Chiang Kai-shek.") make the term an
alias of what the note names. The entities stage reads them off ``Note.defines``.
"""

from __future__ import annotations

import re

from missive.model import POSSIBLE, PROBABLE, Source

_CODE_NAME = re.compile(r"^(?:The\s+)?(?:code|cover)[- ]name\s+(?:for|of)\s+(?:the\s+)?(?P<name>[^.;]+?)"
                        r"(?:,\s*(?:which|who|carried|held|that)\b|[.;]|$)", re.I)  # fmt: skip
_KNOWN_AS = re.compile(r"(?:known|referred to|called)\s+as\s+[\"“'‘](?P<alias>[^\"”'’]+)[\"”'’]")
_REFERS_TO = re.compile(r"\brefers? to\s+(?P<name>(?:[A-Z][\w.'-]*\s+){0,4}[A-Z][\w'-]+)")
_NAME_ONLY = re.compile(
    r"^(?:The\s+[A-Z][a-z]+\s+)?(?P<name>(?:[A-Z][\w.'-]*[\s-]+){0,3}[A-Z][\w'-]+)"
    r"(?:\.(?:\s|$)|,\s+who\b)"
)
_QUOTED_TERM = re.compile(r"[\"“‘']\s*(?P<term>[^\"“”‘’']{2,40}?)[.,;:!?]?\s*[\"”’']\s*[.,;:]?\s*$")
_CAPITALIZED = re.compile(
    r"(?P<term>(?:(?:Mr|Mrs|General|Marshal|Admiral|the)\.?\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)[.,;:]?\s*$"
)


def find_aliases(source: Source) -> None:
    notes = {n.number: n for n in source.notes}
    text = source.readable
    for doc in source.documents:
        for ref in doc.note_refs:
            note = notes.get(ref.note if ref.note is not None else ref.number)
            if note is None:
                continue
            line_start = text.rfind("\n", 0, ref.span.start) + 1
            term = marked_term(text[line_start : ref.span.start])
            definition = explain(term, note.text) if term else None
            if definition and all(d["alias"] != definition["alias"] for d in note.defines):
                note.defines.append(definition)


def marked_term(before: str) -> str | None:
    """The term a marker stands on: a quoted word ("Avalanche." 32) or a name."""
    m = _QUOTED_TERM.search(before)
    if m:
        return m.group("term").strip()
    m = _CAPITALIZED.search(before)
    if m:
        return re.sub(r"^the\s+", "", m.group("term"), flags=re.I)
    return None


def explain(term: str, note_text: str) -> dict | None:
    """What the note says the term stands for, if it says so."""
    m = _CODE_NAME.match(note_text)
    if m:
        return _definition(term, m.group("name"), "code name", PROBABLE, m.group(0))
    m = _KNOWN_AS.search(note_text)
    if m and m.group("alias").strip(" .,").lower() == term.lower():
        subject = _REFERS_TO.search(note_text)
        if subject:
            return _definition(term, subject.group("name"), "pseudonym", PROBABLE, m.group(0))
    m = _NAME_ONLY.match(note_text)
    if m and term[:1].isupper() and term.lower() != m.group("name").lower():
        return _definition(term, m.group("name"), "name", POSSIBLE, m.group(0))
    return None


def _definition(alias: str, name: str, kind: str, confidence: float, text: str) -> dict:
    return {
        "alias": alias,
        "name": name.strip(" ,."),
        "kind": kind,
        "evidence": {"rule": f"note explains a {kind}", "confidence": confidence, "text": text},
    }
