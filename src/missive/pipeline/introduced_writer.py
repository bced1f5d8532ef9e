"""The writer a page names in its introduction, for the documents under it: "J. V.
Stalin has sent the following replies to messages of greeting …" over "To President
Roosevelt" / "To General De Gaulle and General Giraud"; or in its author line, a
collected-works page's first line ("J. V. Stalin", "Author: Friedrich Engels").

Only where the page says it in so many words (a name, then "has sent the following
replies", or "the following letters were written by" a name; an author line that is a
person's full name the authority file knows, or labelled "Author"), only for the
documents their own text gives no writer, and with less confidence than their own
words: the page speaks for all of them at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from missive.authority import Authority
from missive.model import POSSIBLE, Document, Evidence, Party, Source, Span

_NAME = r"(?:[A-Z][\w'’-]*\.*\s+){0,4}[A-Z][\w'’-]+"
_WRITINGS = r"(?:replies|reply|answers?|messages?|letters?|telegrams?|notes?|greetings)"
_INTRODUCES = re.compile(
    rf"(?P<name>{_NAME})\s+(?:has\s+|have\s+|had\s+)?(?:sent|addressed|written|wrote)\s+"
    rf"the\s+following\s+{_WRITINGS}\b"
    rf"|\bthe\s+following\s+{_WRITINGS}\s+(?:were|was|have\s+been|has\s+been)\s+"
    rf"(?:sent|written|addressed)\s+by\s+(?P<by>{_NAME})"
)
# "Author: F. Engels", "| Author(s) | Friedrich Engels |" (a Markdown table row)
_LABELLED_AUTHOR = re.compile(
    r"^\|?\s*(?:Author|Authors|Author\(s\)|Written by|By)\s*[|:]?\s+(?P<name>[^|]{3,60}?)\s*\|?$"
)
_NEAR = 1500  # characters from the introduction to the first document, at most
RULE = "the page's introduction names the writer of the documents under it"
AUTHOR_RULE = "the page's author line names the writer of the documents under it"


class _Resolver(Protocol):
    authority: Authority

    def resolve_name(self, name: str, iso: str | None) -> str | None: ...


def introduced_writer(source: Source, first: Document, resolver: _Resolver) -> Party | None:
    """The writer the text right before the `first` document names, as a party."""
    before, offset = _readable_before(source, first.span.start)
    for m in _INTRODUCES.finditer(before) if "following" in before else ():
        if key := resolver.resolve_name(m.group("name") or m.group("by"), None):
            return _party(source, resolver, key, offset, m.span(), RULE)
    # (a volume that declares correspondents has its documents from both sides)
    declared = source.declaration is not None and source.declaration.correspondents
    if offset == 0 and not declared and (found := _author_line(before, resolver.authority)):
        key, span = found
        return _party(source, resolver, key, offset, span, AUTHOR_RULE)
    return None


def _author_line(text: str, authority: Authority) -> tuple[str, tuple[int, int]] | None:
    """The person the page's first line names as its author, and where the line is."""
    stripped = text.lstrip()
    line = stripped.split("\n", 1)[0].strip()
    start = text.index(line) if line else 0
    m = _LABELLED_AUTHOR.match(line)
    name = m.group("name") if m else line
    if len(name.split()) < 2 or any(c.isdigit() for c in name):
        return None  # a surname alone heads many a page of others' letters too
    people = [k for k in authority.lookup(name) if authority.get(k).type == "person"]
    return (people[0], (start, start + len(line))) if len(people) == 1 else None


def _party(
    source: Source, resolver: _Resolver, key: str, offset: int, span: tuple[int, int], rule: str
) -> Party:
    start, end = offset + span[0], offset + span[1]
    evidence = Evidence(rule, POSSIBLE, Span(start, end), source.readable[start:end])
    return Party(key, resolver.authority.party_name(key), evidence)


def _readable_before(source: Source, start: int) -> tuple[str, int]:
    """The last `_NEAR` characters of the readable text before `start` (spans are
    offsets in the readable text), and where they begin."""
    begin = max(0, start - _NEAR)
    return source.readable[begin:start], begin


def add_introduced_writer(
    documents: Sequence[Document], source: Source, resolver: _Resolver
) -> None:
    """Give the introduction's writer to the documents left without one."""
    writer = introduced_writer(source, documents[0], resolver) if documents else None
    if writer is None:
        return
    for doc in documents:
        if not doc.senders and writer.key not in {p.key for p in doc.recipients}:
            doc.senders = [writer]
