"""Code names and pseudonyms the edition explains, as aliases for this corpus.

A note whose marker stands right after a quoted word or a titled name and which says
what it stands for ("Code name for the Azores."; "The writer refers to V. M. Molotov,
who ... was known as "Mr Brown"."; "The Italian General Castellano, who ...") makes
that word an alias of the entity the note names.  The text's own definitions
('designated as "Husky"') name operations.  Each alias carries its evidence as its rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from missive.authority import TITLE_WORDS
from missive.model import Note, Source, with_enclosures
from missive.pipeline import names
from missive.pipeline.names import EDITION, Candidate, Form, Gazetteer
from missive.textutil import ascii_key

_QUOTED_BEFORE = re.compile(r'["“](?P<term>[^"”\n]{1,40}?)[.,;:]?["”][.,;:]?\s*$')
_TITLED_BEFORE = re.compile(rf"(?<![\w-])(?P<term>{TITLE_WORDS}\s+[A-Z][\w'-]+)[.,;:]?\s*$")
_CODE_NAME = re.compile(r"^\s*Code[- ]name (?:for|of) (?:the )?(?P<what>.+?)\.?\s*$", re.S)
_KNOWN_AS = re.compile(
    r'\b(?:known as|called|referred to as)\s+["“](?P<term>[^"”]{1,40}?)[.,]?["”]'
)
_DEFINED_IN_TEXT = re.compile(
    r'\b(?:designated as|called|known as|code[- ]named)\s+["“](?P<term>[A-Z][\w-]*'
    r'(?:\s[A-Z][\w-]*)?)[.,]?["”]'
)
_DEFINING_PHRASE_LENGTHS = sorted(
    {len(p) for p in ("designated as", "called", "known as", "code named")}
)
_OPENING_QUOTE = re.compile(r'["“](?=[A-Z])')
_GATHERING = re.compile(r"\b(?:meeting|conference)\b", re.I)
# How near the start of a note the person it explains must be named.
_LEAD = 40


def edition_aliases(source: Source, gazetteer: Gazetteer) -> list[Form]:
    """Aliases learned from the source's notes and its own definitions."""
    notes = {n.number: n for n in source.notes}
    text = source.readable
    forms: dict[str, Form] = {}
    for doc in with_enclosures(source.documents):
        for ref in doc.note_refs:
            note = notes.get(ref.number)
            term = _term_before(text, ref.span.start)
            if note is None or not term or gazetteer.resolve(term):
                continue
            form = _explained(term, note, gazetteer)
            if form is not None:
                forms.setdefault(term, form)
    for note in source.notes:
        for form in _known_as(note, gazetteer):
            forms.setdefault(form.text, form)
    for m in _definitions_in_text(text):
        term = m.group("term")
        if not gazetteer.resolve(term) and term not in forms:
            forms[term] = Form(term, ascii_key(term), "operation",
                               f"code name defined in the text: {m.group(0)!r}", EDITION)  # fmt: skip
    return list(forms.values())


def _definitions_in_text(text: str) -> Iterator[re.Match[str]]:
    """What `_DEFINED_IN_TEXT.finditer(text)` finds, tried only where a match may begin:
    a phrase's length before the spaces before an opening quote (a quick scan for quotes)."""
    resume = 0
    for quote in _OPENING_QUOTE.finditer(text):
        phrase_end = quote.start()
        while phrase_end > resume and text[phrase_end - 1].isspace():
            phrase_end -= 1
        if phrase_end == quote.start():
            continue
        for length in reversed(_DEFINING_PHRASE_LENGTHS):  # the earliest start first
            start = phrase_end - length
            m = _DEFINED_IN_TEXT.match(text, start) if start >= resume else None
            if m:
                yield m
                resume = m.end()
                break


def _term_before(text: str, position: int) -> str | None:
    """The quoted word or titled name that a note marker at `position` follows."""
    before = text[max(0, position - 80) : position]
    for pattern in (_QUOTED_BEFORE, _TITLED_BEFORE):
        m = pattern.search(before)
        if m:
            return " ".join(m.group("term").split())
    return None


def _explained(term: str, note: Note, gazetteer: Gazetteer) -> Form | None:
    rule = f"explained by note {note.number}: {_clip(note.text)}"
    code = _CODE_NAME.match(note.text)
    if code:
        what = code.group("what")
        found = gazetteer.resolve(what) or gazetteer.resolve(re.sub(r"^the\s+", "", what))
        if found:
            return Form(term, found[0], found[1], rule, EDITION)
        kind = "conference" if _GATHERING.search(what) else "operation"
        return Form(term, ascii_key(term), kind, rule, EDITION)
    if _TITLED_BEFORE.search(term):
        person = _person_named_first(note.text, gazetteer)
        if person is not None:
            return Form(term, person.key or "", "person", rule, EDITION)
    return None


def _known_as(note: Note, gazetteer: Gazetteer) -> Iterator[Form]:
    for m in _KNOWN_AS.finditer(note.text):
        term = m.group("term")
        person = _person_named_first(note.text, gazetteer, anywhere=True)
        if person is not None and not gazetteer.resolve(term):
            yield Form(term, person.key or "", "person",
                       f"explained by note {note.number}: {_clip(note.text)}", EDITION)  # fmt: skip


def _person_named_first(
    text: str, gazetteer: Gazetteer, anywhere: bool = False
) -> Candidate | None:
    head = text if anywhere else text[: _LEAD + 40]
    found = names.settle(
        [
            *gazetteer.find(head),
            *names.titled_names(head, gazetteer),
            *names.initialled_names(head, gazetteer),
        ]
    )
    for c in found:
        if c.type == "person" and c.key and (anywhere or c.start <= _LEAD):
            return c
        if not anywhere and c.start > _LEAD:
            break
    return None


def _clip(text: str, width: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
