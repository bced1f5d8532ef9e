"""Text reuse: passages of one document that reproduce a passage of another.

Word shingles (runs of SHINGLE normalized words) shared by two documents are
grown into passages; small edits (a changed word, a dropped comma) only break a
passage where they fall, and passages separated by a short gap are joined again.
A passage of at least MIN_WORDS words is a ``quotes`` link from the later
document to the earlier one, with both spans; two documents that share nearly all
their words are ``same_as`` (two transcripts of one document).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

from missive.model import PROBABLE, Evidence, Link, Source, Span
from missive.pipeline.threads import Entry, locate_passage
from missive.pipeline.words import WORD, word_bounds, words
from missive.textutil import LineIndex

SHINGLE = 6
MIN_WORDS = 12
JOIN_GAP = 4  # words: an edit of up to this many words inside a quotation
SAME_AS_SHARE = 0.9
WINDOW = 500  # documents before a letter that it is compared with
COMMON = 8  # a shingle held by more documents of the window is a formula
MIN_SHARED = MIN_WORDS - SHINGLE + 1  # shingles a passage of MIN_WORDS words shares
CANDIDATES = 5  # earlier documents compared with each letter, most shared shingles first
BLOCK = 250  # documents whose candidates are chosen together


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
    return [Token(m.group(0).lower(), m.start(), m.end()) for m in WORD.finditer(text)]


class Shingled:
    """A document's normalized words and where each of its shingles stands.

    The words, the shingle keys and where each shingle first stands (its distinct
    keys, as a set would hold them) are made up front; the word offsets, needed
    only for a passage's text, on first use.
    """

    __slots__ = ("_bounds", "first", "keys", "located", "norms", "repeats", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.norms = words(text)
        norms = self.norms
        self.keys = list(map(hash, zip(*(norms[k:] for k in range(SHINGLE)), strict=False)))
        keys = self.keys
        self.first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
        # Every position of each shingle that stands more than once (usually none).
        self.repeats = _repeats(keys) if len(self.first) < len(keys) else {}
        self._bounds: list[int] | None = None
        # Where each passage of this document stands in the source (the same
        # passage is often shared with several documents).
        self.located: dict[str, Span | None] = {}

    def words_text(self, first: int, last: int) -> str:
        """The text from word `first` to word `last`."""
        bounds = self._word_bounds()
        return self.text[bounds[2 * first] : bounds[2 * last + 1]]

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Where each word stands in the text."""
        bounds = self._word_bounds()
        return list(zip(bounds[0::2], bounds[1::2], strict=True))

    def _word_bounds(self) -> list[int]:
        if self._bounds is None:
            self._bounds = word_bounds(self.text)
        return self._bounds

    @property
    def tokens(self) -> list[Token]:
        return [Token(norm, *span) for norm, span in zip(self.norms, self.spans, strict=True)]


def _repeats(keys: list[int]) -> dict[int, list[int]]:
    repeated = {key for key, count in Counter(keys).items() if count > 1}
    out: dict[int, list[int]] = {}
    for i, key in enumerate(keys):
        if key in repeated:
            out.setdefault(key, []).append(i)
    return out


def shared_passages(a: Shingled, b: Shingled) -> list[Passage]:
    """Passages of `a` found in `b`: each shared shingle grown to its longest exact
    run, and runs that a short edit separates joined into one passage."""
    shared = a.first.keys() & b.first.keys()
    if not shared:
        return []
    starts = list(map(a.first.__getitem__, shared))
    if a.repeats:  # the later places of a shingle that stands more than once
        starts += [i for key in shared.intersection(a.repeats) for i in a.repeats[key][1:]]
    starts.sort()
    first, repeats = b.first, b.repeats
    words, other, keys = a.norms, b.norms, a.keys
    passages: list[Passage] = []
    last: Passage | None = None
    x, count = 0, len(starts)
    while x < count:
        i = starts[x]
        hits = repeats.get(keys[i]) if repeats else None
        if hits is None:
            j = first[keys[i]]
            n = _run(words, other, i, j)
        else:
            j, n = -1, -1
            for hit in hits:  # the longest run; the first of equal ones
                length = _run(words, other, i, hit)
                if length > n:
                    j, n = hit, length
        if n < SHINGLE:  # a hash collision, not a shared shingle
            x += 1
            continue
        if last and 0 <= i - last.a_last - 1 <= JOIN_GAP and 0 <= j - last.b_last - 1 <= JOIN_GAP:
            last.a_last, last.b_last = i + n - 1, j + n - 1
        else:
            last = Passage(i, i + n - 1, j, j + n - 1)
            passages.append(last)
        x = bisect.bisect_left(starts, i + n, x + 1)  # the shingles inside the run are done
    return [p for p in passages if p.a_last - p.a_first >= MIN_WORDS - 1]


def _run(a: list[str], b: list[str], i: int, j: int) -> int:
    """How many words of `a` from `i` equal those of `b` from `j` (compared a slice
    at a time: a quotation is long)."""
    n, most = 0, min(len(a) - i, len(b) - j)
    for step in (16, 4, 1):
        while n + step <= most and a[i + n : i + n + step] == b[j + n : j + n + step]:
            n += step
    return n


def link_quotations(source: Source, entries: list[Entry]) -> None:
    """Each document against the WINDOW documents before it that share the most
    shingles with it (a letter quotes the correspondence it answers, not a message
    of years before; the window keeps a volume of 100,000 letters linear)."""
    if len(entries) < 2:
        return
    # numpy is imported here: only a source of several documents needs it.
    from missive.pipeline.shingle_window import ShingleWindow

    lines = LineIndex(source.text)
    shingled: dict[int, Shingled] = {}
    window = ShingleWindow(WINDOW, COMMON, MIN_SHARED, CANDIDATES)
    for block in range(0, len(entries), BLOCK):
        positions = range(block, min(block + BLOCK, len(entries)))
        for k in positions:
            a = shingled[k] = Shingled(entries[k].doc.text)
            window.add(a.first.keys(), len(a.first))
        for k, candidates in zip(positions, window.select(), strict=True):
            later = entries[k]
            for d, _ in candidates:
                if not _related(later, entries[d]):
                    _compare(source, lines, later, entries[d], shingled[k], shingled[d])
        for old in [d for d in shingled if d <= positions[-1] - WINDOW]:
            del shingled[old]  # no later document's window reaches it


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


def _locate(source: Source, entry: Entry, shingled: Shingled, passage: str) -> Span | None:
    if passage not in shingled.located:
        shingled.located[passage] = locate_passage(source, entry.doc, passage)
    return shingled.located[passage]


def _quote(source: Source, lines: LineIndex, later: Entry, earlier: Entry, p: Passage,
           a: Shingled, b: Shingled) -> Link:  # fmt: skip
    quoting = a.words_text(p.a_first, p.a_last)
    quoted = b.words_text(p.b_first, p.b_last)
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
