"""Text reuse: passages of one document that reproduce a passage of another.

Word shingles (runs of SHINGLE normalized words) shared by two documents are
grown into passages; small edits (a changed word, a dropped comma) only break a
passage where they fall, and passages separated by a short gap are joined again.
A passage of at least MIN_WORDS words is a ``quotes`` link from the later
document to the earlier one, with both spans; two documents that share nearly all
their words are ``same_as`` (two transcripts of one document).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass

from missive.model import PROBABLE, Evidence, Link, Source, Span
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
    """A document's normalized words and where each of its shingles stands.

    Only the words and the shingle keys are made up front; the shingle positions
    (needed when the document is compared as the earlier one) and the word offsets
    (needed for a passage's text) are made on first use: most documents need neither.
    """

    __slots__ = ("_at", "_spans", "keys", "located", "norms", "text", "unique")

    def __init__(self, text: str) -> None:
        self.text = text
        self.norms = list(map(str.lower, _WORD.findall(text)))
        norms = self.norms
        self.keys = list(map(hash, zip(*(norms[k:] for k in range(SHINGLE)), strict=False)))
        self.unique = set(self.keys)
        self._at: dict[int, list[int]] | None = None
        self._spans: list[tuple[int, int]] | None = None
        # Where each passage of this document stands in the source (the same
        # passage is often shared with several documents).
        self.located: dict[str, Span | None] = {}

    @property
    def at(self) -> dict[int, list[int]]:
        if self._at is None:
            if len(self.unique) == len(self.keys):  # the usual case: no shingle twice
                self._at = {key: [i] for i, key in enumerate(self.keys)}
                return self._at
            at: dict[int, list[int]] = {}
            for i, key in enumerate(self.keys):
                held = at.get(key)
                if held is None:
                    at[key] = [i]
                else:
                    held.append(i)
            self._at = at
        return self._at

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Where each word stands in the text."""
        if self._spans is None:
            self._spans = list(map(re.Match.span, _WORD.finditer(self.text)))
        return self._spans

    @property
    def tokens(self) -> list[Token]:
        return [Token(norm, *span) for norm, span in zip(self.norms, self.spans, strict=True)]


def shared_passages(a: Shingled, b: Shingled) -> list[Passage]:
    """Passages of `a` found in `b`: each shared shingle grown to its longest exact
    run, and runs that a short edit separates joined into one passage."""
    passages: list[Passage] = []
    at, keys, own = b.at, a.keys, a.at
    resume = 0  # positions before this are inside the last run found
    for i in sorted([i for key in a.unique.intersection(b.unique) for i in own[key]]):
        if i < resume:
            continue
        j, n = -1, -1
        for hit in at[keys[i]]:  # the longest run; the first of equal ones
            length = _run(a.norms, b.norms, i, hit)
            if length > n:
                j, n = hit, length
        if n < SHINGLE:  # a hash collision, not a shared shingle
            continue
        last = passages[-1] if passages else None
        if last and 0 <= i - last.a_last - 1 <= JOIN_GAP and 0 <= j - last.b_last - 1 <= JOIN_GAP:
            last.a_last, last.b_last = i + n - 1, j + n - 1
        else:
            passages.append(Passage(i, i + n - 1, j, j + n - 1))
        resume = i + n
    return [p for p in passages if p.words >= MIN_WORDS]


def _run(a: list[str], b: list[str], i: int, j: int) -> int:
    n, most = 0, min(len(a) - i, len(b) - j)
    while n < most and a[i + n] == b[j + n]:
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
        sharing: list[int] = []  # an earlier document once per shingle it shares
        for key in a.unique:
            held = holders.get(key)
            if held is None:
                holders[key] = [k]
                continue
            if len(held) <= COMMON:  # a phrase many letters share is a formula, not a quotation
                sharing += held
            held.append(k)
        for d, count in _most_shared(sharing):
            if count >= MIN_SHARED and not _related(later, entries[d]):
                _compare(source, lines, later, entries[d], a, shingled[d])


def _most_shared(sharing: list[int]) -> list[tuple[int, int]]:
    """The CANDIDATES earlier documents that share the most shingles, the nearer first
    among equals (so the choice never depends on the order of a set of hashes)."""
    counts = Counter(sharing)
    return heapq.nsmallest(CANDIDATES, counts.items(), key=lambda dc: (-dc[1], -dc[0]))


def _forget(holders: dict[int, list[int]], old: Shingled, position: int) -> None:
    for key in old.unique:
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
    share = sum(p.words for p in passages) / max(len(a.norms), len(b.norms))
    if share >= SAME_AS_SHARE:
        later.doc.links.append(_same_as(source, later, earlier, share))
        return
    for p in passages:
        later.doc.links.append(_quote(source, lines, later, earlier, p, a, b))


def _related(a: Entry, b: Entry) -> bool:
    """An enclosure is part of its parent's text: no link between them."""
    return a.parent is b.doc or b.parent is a.doc


def _passage_text(doc: Shingled, first: int, last: int) -> str:
    return doc.text[doc.spans[first][0] : doc.spans[last][1]]


def _locate(source: Source, entry: Entry, shingled: Shingled, passage: str) -> Span | None:
    if passage not in shingled.located:
        shingled.located[passage] = locate_passage(source, entry.doc, passage)
    return shingled.located[passage]


def _quote(source: Source, lines: LineIndex, later: Entry, earlier: Entry, p: Passage,
           a: Shingled, b: Shingled) -> Link:  # fmt: skip
    quoting = _passage_text(a, p.a_first, p.a_last)
    quoted = _passage_text(b, p.b_first, p.b_last)
    span = _locate(source, later, a, quoting)
    target_span = _locate(source, earlier, b, quoted)
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
