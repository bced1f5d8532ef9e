"""The entities stage: who and what each document names.

Reads the documents' spans, dates and note markers and the source's notes; adds
``Document.mentions`` (every name found, resolved to an authority key or left
unresolved, with its evidence) and ``Document.entities`` (the resolved entities with
their counts, the JSONL summary).  Offices resolve by the document's date; code names
and pseudonyms the edition's notes explain become aliases for this source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from missive import authority
from missive.gc_pause import with_gc_paused
from missive.model import Document, Evidence, Mention, Source, Span, with_enclosures
from missive.pipeline import names
from missive.pipeline.edition_aliases import edition_aliases
from missive.pipeline.names import Candidate, Gazetteer

_LOWER_WORD = re.compile(r"(?<![\w'-])[a-z][a-z'’-]+")


@with_gc_paused
def entities(source: Source) -> Source:
    """Find, resolve and summarise the mentions of every document of `source`."""
    auth = authority.load()
    base = names.gazetteer_of(auth)
    extra = edition_aliases(source, base)
    gazetteer = Gazetteer(auth, extra) if extra else base
    text = source.readable
    lowercase = lowercase_words(text)
    seen: dict[str, tuple[int, str] | None] = {}  # capitalised runs read so far
    documents = list(with_enclosures(source.documents))
    found = {id(doc): list(_candidates(text, doc, gazetteer, lowercase, seen)) for doc in documents}
    introduced = _introduced_surnames(found.values(), gazetteer, lowercase)
    surnames = names.introduced_pattern(introduced) if introduced else None
    for doc in documents:
        candidates = found[id(doc)]
        for start, end in _segments(doc):
            candidates.extend(
                names.surnames_once_introduced(text[start:end], introduced, start, surnames)
            )
        doc.mentions = _mentions(source, text, names.settle(candidates))
        doc.entities = summarise(doc.mentions, auth)
    return source


def lowercase_words(text: str) -> set[str]:
    """The words `text` writes in lowercase: what `_LOWER_WORD` finds.  No match crosses
    a space, and one at a word's start sees a space before it, so the pattern reads each
    distinct word once (text split a piece at a time: a huge one is not copied whole)."""
    words: set[str] = set()
    start = 0
    while start < len(text):
        cut = _SPACE.search(text, start + _CHUNK) if len(text) - start > _CHUNK else None
        end = cut.start() if cut else len(text)
        words.update(text[start:end].split())
        start = end
    return set(_LOWER_WORD.findall(" ".join(words)))


_SPACE = re.compile(r"\s")
_CHUNK = 1 << 20  # characters


def _segments(doc: Document) -> Iterator[tuple[int, int]]:
    """The document's own stretches of text: its span less its enclosures'."""
    position = doc.span.start
    for child in sorted(doc.enclosures, key=lambda d: d.span.start):
        if child.span.start > position:
            yield position, child.span.start
        position = max(position, child.span.end)
    if position < doc.span.end:
        yield position, doc.span.end


def _date_of(doc: Document) -> str | None:
    best = doc.best_date
    return best.value if best else None


def _candidates(
    readable: str,
    doc: Document,
    gazetteer: Gazetteer,
    lowercase: set[str],
    seen: dict[str, tuple[int, str] | None],
) -> Iterator[Candidate]:
    iso = _date_of(doc)
    for start, end in _segments(doc):
        original = readable[start:end]
        text = _unshout(original)
        yield from gazetteer.find(text, start)
        yield from names.titled_names(text, gazetteer, start)
        yield from names.initialled_names(text, gazetteer, start, lowercase)
        yield from names.offices(text, gazetteer, iso, start)
        yield from names.hyphenated_places(text, gazetteer, start)
        yield from names.quoted_code_names(text, start)
        yield from names.capitalised_words(original, lowercase, start, seen)


def _unshout(text: str) -> str:
    """Lines in capitals ("W. CHURCHILL TO J. V. STALIN") in title case, so the finders
    read them like other text; offsets are kept (a line that would change length is left)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line == line.upper() and line != line.lower():  # has letters, all capitals
            titled = line.title()
            if len(titled) == len(line):
                lines[i] = titled
    return "\n".join(lines)


def _introduced_surnames(
    found: Iterator[list[Candidate]] | object, gazetteer: Gazetteer, lowercase: set[str]
) -> dict[str, str | None]:
    """Surnames of persons named with a title or initials whose bare surname the
    gazetteer does not know: surname -> key (None when the person is unknown)."""
    introduced: dict[str, str | None] = {}
    for candidates in found:  # type: ignore[union-attr]
        for c in candidates:
            if c.type != "person" or not c.rule.startswith(("title and name", "initials")):
                continue
            surname = c.text.split()[-1]
            if (surname.lower() in lowercase or gazetteer.resolve(surname)
                    or not surname[:1].isupper()):  # fmt: skip
                continue
            if introduced.get(surname) is None:
                introduced[surname] = c.key
    return introduced


def _mentions(source: Source, readable: str, settled: list[Candidate]) -> list[Mention]:
    """The mentions of the settled candidates, with offsets into the original text."""
    mapped = source.plain_map is not None  # else offsets in the readable text are the original's
    mentions = []
    for start, end, _, key, type_, rule, confidence in settled:
        written = readable[start:end]  # as written
        span = Span(start, end)
        if mapped:
            first = source.original_offset(start)
            original = Span(first, source.original_offset(end - 1) + 1 if end > start else first)
        else:
            original = span
        evidence = Evidence(rule or "authority file", confidence, span, written)
        mentions.append(Mention(key, type_, written, original, evidence))
    return mentions


def summarise(mentions: list[Mention], auth: authority.Authority) -> list[dict]:
    """``[{key, type, name, count}]`` of the resolved mentions, in order of first mention."""
    counts: dict[tuple[str, str], int] = {}  # a dict: a Counter costs more to make
    for m in mentions:
        if m.key:
            counted = (m.key, m.type)
            counts[counted] = counts.get(counted, 0) + 1
    return [
        {"key": key, "type": type_, "name": _name(key, auth, mentions), "count": n}
        for (key, type_), n in counts.items()
    ]


def _name(key: str, auth: authority.Authority, mentions: list[Mention]) -> str:
    entry = auth.get(key)
    if entry is not None:
        return entry.name
    return next(m.text for m in mentions if m.key == key)
