"""Text reuse: passages of one document that reproduce a passage of another.

Word shingles (runs of SHINGLE normalized words) shared by two documents are
grown into passages; small edits (a changed word, a dropped comma) only break a
passage where they fall, and passages separated by a short gap are joined again.
A passage of at least MIN_WORDS words is a ``quotes`` link from the later
document to the earlier one, with both spans; two documents that share nearly all
their words are ``same_as`` (two transcripts of one document).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from missive.model import PROBABLE, Document, Evidence, Link, Source, Span
from missive.pipeline.threads import Entry, locate_passage
from missive.textutil import LineIndex

SHINGLE = 6
MIN_WORDS = 12
JOIN_GAP = 4  # words: an edit of up to this many words inside a quotation
SAME_AS_SHARE = 0.9
WINDOW = 500  # documents before a letter that it is compared with
COMMON = 8  # a shingle held by more documents of the window is a formula
MIN_SHARED = MIN_WORDS - SHINGLE + 1  # shingles a passage of MIN_WORDS words shares
CANDIDATES = 5  # earlier documents compared with each letter, most shared shingles first
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Token:
    norm: str
    start: int  # offsets in the document's text
    end: int


@dataclass(slots=True)
class Passage:
    a_first: int  # token index in the quoting document
    a_last: int
    b_first: int  # token index in the quoted document
    b_last: int

    @property
    def words(self) -> int:
        return self.a_last - self.a_first + 1


def tokens(text: str) -> list[Token]:
    return [Token(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


class Shingled:
    """A document's tokens and where each of its shingles stands."""

    def __init__(self, text: str) -> None:
        self.tokens = tokens(text)
        norms = [t.norm for t in self.tokens]
        self.keys = list(map(hash, zip(*(norms[k:] for k in range(SHINGLE)), strict=False)))
        self.at: dict[int, list[int]] = {}
        for i, key in enumerate(self.keys):
            self.at.setdefault(key, []).append(i)


def shared_passages(a: Shingled, b: Shingled) -> list[Passage]:
    """Passages of `a` found in `b`: each shared shingle grown to its longest exact
    run, and runs that a short edit separates joined into one passage."""
    passages: list[Passage] = []
    i = 0
    while i < len(a.keys):
        hits = b.at.get(a.keys[i])
        if not hits:
            i += 1
            continue
        j, n = max(((j, _run(a.tokens, b.tokens, i, j)) for j in hits), key=lambda jn: jn[1])
        if n < SHINGLE:  # a hash collision, not a shared shingle
            i += 1
            continue
        last = passages[-1] if passages else None
        if last and 0 <= i - last.a_last - 1 <= JOIN_GAP and 0 <= j - last.b_last - 1 <= JOIN_GAP:
            last.a_last, last.b_last = i + n - 1, j + n - 1
        else:
            passages.append(Passage(i, i + n - 1, j, j + n - 1))
        i += n
    return [p for p in passages if p.words >= MIN_WORDS]


def _run(a: list[Token], b: list[Token], i: int, j: int) -> int:
    n = 0
    while i + n < len(a) and j + n < len(b) and a[i + n].norm == b[j + n].norm:
        n += 1
    return n


def link_quotations(source: Source, entries: list[Entry]) -> None:
    """Each document against the WINDOW documents before it that share the most
    shingles with it (a letter quotes the correspondence it answers, not a message
    of years before; the window keeps a volume of 100,000 letters linear)."""
    lines = LineIndex(source.text)
    shingled: dict[int, Shingled] = {}
    holders: dict[int, list[int]] = {}
    for k, later in enumerate(entries):
        a = shingled[k] = Shingled(later.doc.text)
        if k >= WINDOW:
            _forget(holders, shingled.pop(k - WINDOW), k - WINDOW)
        shared: Counter[int] = Counter()
        for key in set(a.keys):
            held = holders.setdefault(key, [])
            if len(held) <= COMMON:  # a phrase many letters share is a formula, not a quotation
                shared.update(held)
            held.append(k)
        for d, count in shared.most_common(CANDIDATES):
            if count >= MIN_SHARED and not _related(later, entries[d]):
                _compare(source, lines, later, entries[d], a, shingled[d])


def _forget(holders: dict[int, list[int]], old: Shingled, position: int) -> None:
    for key in set(old.keys):
        held = holders.get(key)
        if held and held[0] == position:
            held.pop(0)
            if not held:
                del holders[key]


def _compare(source: Source, lines: LineIndex, later: Entry, earlier: Entry, a: Shingled,
             b: Shingled) -> None:  # fmt: skip
    passages = shared_passages(a, b)
    if not passages:
        return
    share = sum(p.words for p in passages) / max(len(a.tokens), len(b.tokens))
    if share >= SAME_AS_SHARE:
        later.doc.links.append(_same_as(source, later, earlier, share))
        return
    for p in passages:
        later.doc.links.append(_quote(source, lines, later, earlier, p, a.tokens, b.tokens))


def _related(a: Entry, b: Entry) -> bool:
    """An enclosure is part of its parent's text: no link between them."""
    return a.parent is b.doc or b.parent is a.doc


def _passage_text(doc: Document, toks: list[Token], first: int, last: int) -> str:
    return doc.text[toks[first].start : toks[last].end]


def _quote(source: Source, lines: LineIndex, later: Entry, earlier: Entry, p: Passage,
           a: list[Token], b: list[Token]) -> Link:  # fmt: skip
    quoting = _passage_text(later.doc, a, p.a_first, p.a_last)
    quoted = _passage_text(earlier.doc, b, p.b_first, p.b_last)
    span = locate_passage(source, later.doc, quoting)
    target_span = locate_passage(source, earlier.doc, quoted)
    return Link(
        "quotes",
        earlier.doc.id,
        Evidence(
            f"{p.words} words shared with the earlier document (word shingles)",
            PROBABLE + 0.1,
            span,
            quoting,
        ),  # fmt: skip
        f"passage of {earlier.doc.id}",
        {
            "words": p.words,
            "target_text": quoted,
            "target_lines": _lines(source, lines, target_span) if target_span else None,
        },  # fmt: skip
    )


def _same_as(source: Source, later: Entry, earlier: Entry, share: float) -> Link:
    return Link(
        "same_as",
        earlier.doc.id,
        Evidence(
            f"{share:.0%} of the words shared: another transcript of the same document",
            PROBABLE,
            later.doc.span,
            "",
        ),  # fmt: skip
        f"another witness of {earlier.doc.id}",
        {"share": round(share, 3)},
    )


def _lines(source: Source, lines: LineIndex, span: Span) -> dict[str, int]:
    last = max(span.start, span.end - 1)
    return {
        "start_line": lines.line_of(source.original_offset(span.start)),
        "end_line": lines.line_of(source.original_offset(last)),
    }
