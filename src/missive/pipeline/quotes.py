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
import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import compress
from typing import TYPE_CHECKING

from missive.model import PROBABLE, Evidence, Link, Source, Span
from missive.pipeline.shingles import SHINGLE, BlockBounds, block_words, key_count, shingle_keys
from missive.pipeline.threads import Entry, locate_passage
from missive.pipeline.verbatim import VerbatimParagraphs
from missive.pipeline.words import WORD, word_bounds, words
from missive.textutil import LineIndex

if TYPE_CHECKING:
    import numpy as np

    from missive.pipeline.shingle_window import ShingleWindow

MIN_WORDS = 12
JOIN_GAP = 4  # words: an edit of up to this many words inside a quotation
SAME_AS_SHARE = 0.9
WINDOW = 500  # documents before a letter that it is compared with
COMMON = 8  # a shingle held by more documents of the window is a formula
MIN_SHARED = MIN_WORDS - SHINGLE + 1  # shingles a passage of MIN_WORDS words shares
CANDIDATES = 5  # earlier documents compared with each letter, most shared shingles first
BLOCK = 500  # documents whose candidates are chosen together (fewer numpy calls)


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
    """A document's normalized words and the keys of its shingles.

    Where each shingle first stands (and every place of one that stands more than
    once) is made on first use, as are the word offsets, needed only for a
    passage's text (for a whole block of documents at once, see `shingle_block`).
    """

    __slots__ = (
        "_block",
        "_bounds",
        "_first",
        "_key_source",
        "_keys",
        "_repeats",
        "lines",
        "located",
        "located_words",
        "norms",
        "paragraphs",
        "text",
    )  # fmt: skip

    def __init__(self, text: str, norms: list[str] | None = None,
                 keys: tuple[np.ndarray, int] | None = None,
                 block: tuple[BlockBounds, int] | None = None) -> None:  # fmt: skip
        """`keys`: an array holding this document's shingle keys and where they start
        in it; `block`: the word offsets of its block and its place there."""
        self.text = text
        self.norms = words(text) if norms is None else norms
        self._key_source = (shingle_keys([self.norms]), 0) if keys is None else keys
        self._keys: list[int] | None = None
        self._block = block
        self._bounds: tuple[list[int], int, int] | None = None
        self._first: dict[int, int] | None = None
        self._repeats: dict[int, list[int]] = {}
        # Where each passage of this document stands in the source (the same
        # passage is often shared with several documents).
        self.located: dict[str, Span | None] = {}
        # The same by the passage's first and last word: what `located` gave for them.
        self.located_words: dict[tuple[int, int], tuple[str, Span | None]] = {}
        self.lines: dict[str, tuple[int, int]] = {}  # and the lines of each, when quoted
        self.paragraphs: VerbatimParagraphs | None = None  # its document's, once located in

    @property
    def keys(self) -> list[int]:
        """The key of the shingle at each word that has SHINGLE - 1 words after it."""
        if self._keys is None:
            array, start = self._key_source
            self._keys = array[start : start + key_count(self.norms)].tolist()
        return self._keys

    @property
    def first(self) -> dict[int, int]:
        """Where each shingle first stands."""
        if self._first is None:
            keys = self.keys
            self._first = dict(zip(keys, range(len(keys)), strict=True))
            if len(self._first) < len(keys):  # one stands more than once (usually none)
                self._first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
                self._repeats = _repeats(keys)
        return self._first

    @property
    def repeats(self) -> dict[int, list[int]]:
        """Every place of each shingle that stands more than once."""
        _ = self.first
        return self._repeats

    def words_text(self, first: int, last: int) -> str:
        """The text from word `first` to word `last`."""
        start, end = self.text_span(first, last)
        return self.text[start:end]

    def text_span(self, first: int, last: int) -> tuple[int, int]:
        """Where the text from word `first` to word `last` starts and ends."""
        bounds, index, offset = self._bounds or self._word_bounds()
        return bounds[index + 2 * first] - offset, bounds[index + 2 * last + 1] - offset

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Where each word stands in the text."""
        bounds, index, offset = self._word_bounds()
        mine = bounds[index : index + 2 * len(self.norms)]
        return [(s - offset, e - offset) for s, e in zip(mine[0::2], mine[1::2], strict=True)]

    def _word_bounds(self) -> tuple[list[int], int, int]:
        if self._bounds is None:
            if self._block is None:
                self._bounds = (word_bounds(self.text), 0, 0)
            else:
                self._bounds = self._block[0].bounds(self._block[1])
        return self._bounds

    @property
    def tokens(self) -> list[Token]:
        return [Token(norm, *span) for norm, span in zip(self.norms, self.spans, strict=True)]


def shingle_block(texts: list[str]) -> tuple[list[Shingled], np.ndarray, list[int]]:
    """The documents of a block, all their shingle keys in one array, in order, and
    how many each has."""
    norms = block_words(texts)
    keys = shingle_keys(norms)
    counts = list(map(key_count, norms))
    bounds = BlockBounds(texts)
    made, start = [], 0
    for i, (text, words_of, count) in enumerate(zip(texts, norms, counts, strict=True)):
        made.append(Shingled(text, words_of, (keys, start), (bounds, i)))
        start += count
    return made, keys, counts


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
    # Every place in `a` of a shingle `b` holds, in order (a C loop, no set made).
    starts = list(compress(range(len(a.keys)), map(b.first.__contains__, a.keys)))
    return _grow(a, b, starts, None) if starts else []


def _grow(a: Shingled, b: Shingled, starts: list[int], places: list[int] | None = None,
          repeats: dict[int, list[int]] | None = None,
          runs: list[int] | None = None) -> list[Passage]:  # fmt: skip
    """The passages grown from `starts`, every place in `a` of a shingle `b` holds;
    `places`: where each stands in `b` (else looked up), `repeats`: the places of
    those `b` holds more than once, `runs`: how many words the two share from each
    start, as the shingles tell (checked)."""
    first = b.first if places is None else {}
    repeats = b.repeats if repeats is None else repeats
    words, other = a.norms, b.norms
    keys = a.keys if repeats or places is None else []
    passages: list[Passage] = []
    last: Passage | None = None
    x, count = 0, len(starts)
    while x < count:
        i = starts[x]
        hits = repeats.get(keys[i]) if repeats else None
        if hits is None:
            j = first[keys[i]] if places is None else places[x]
            n = runs[x] if runs is not None else -1
            if n < 0 or not _is_run(words, other, i, j, n):
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


def _is_run(a: list[str], b: list[str], i: int, j: int, n: int) -> bool:
    """Whether exactly `n` words of `a` from `i` equal those of `b` from `j`."""
    if n > len(a) - i or n > len(b) - j or a[i : i + n] != b[j : j + n]:
        return False
    return i + n == len(a) or j + n == len(b) or a[i + n] != b[j + n]


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

    with collector_paused():
        _link_blocks(source, entries, ShingleWindow(WINDOW, COMMON, MIN_SHARED, CANDIDATES))


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off: the stage makes many small objects (word
    lists, links, spans), none in a cycle, and each collection they set off would
    walk every object of the parsed source for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _link_blocks(source: Source, entries: list[Entry], window: ShingleWindow) -> None:
    lines = LineIndex(source.text)
    shingled: dict[int, Shingled] = {}
    for block in range(0, len(entries), BLOCK):
        positions = range(block, min(block + BLOCK, len(entries)))
        made, keys, counts = shingle_block([entries[k].doc.text for k in positions])
        shingled.update(zip(positions, made, strict=True))
        window.add_block(keys, counts)
        for k, candidates in zip(positions, window.select(), strict=True):
            later = entries[k]
            for d, _ in candidates:
                if not _related(later, entries[d]):
                    a, b = shingled[k], shingled[d]
                    found = _found_places(a, b, window.shared(k, d), k in window.repeating,
                                          d in window.repeating)  # fmt: skip
                    _compare(source, lines, later, entries[d], a, b, found)
        for old in [d for d in shingled if d <= positions[-1] - WINDOW]:
            del shingled[old]  # no later document's window reaches it


def _found_places(a: Shingled, b: Shingled,
                  shared: tuple[list[int], list[int], list[int]] | None, a_repeats: bool,
                  b_repeats: bool) -> tuple | None:  # fmt: skip
    """`_grow`'s arguments from the places the window found two documents share (it
    keeps one place per shingle and document): each shingle `a` holds more than once
    at all its places; where `b` holds one more than once, all of them. The run
    lengths the window tells hold only when neither holds a shingle twice."""
    if shared is None:
        return None
    starts, places, runs = shared
    if not (a_repeats or b_repeats):
        return a, b, starts, places, {}, runs
    if a_repeats:
        repeated, keys = a.repeats, a.keys
        if any(keys[i] in repeated for i in starts):
            pairs = sorted((at, j) for i, j in zip(starts, places, strict=True)
                           for at in repeated.get(keys[i], (i,)))  # fmt: skip
            starts, places = [i for i, _ in pairs], [j for _, j in pairs]
    return a, b, starts, places, b.repeats if b_repeats else {}, None


def _compare(source: Source, lines: LineIndex, later: Entry, earlier: Entry, a: Shingled,
             b: Shingled, found: tuple | None) -> None:  # fmt: skip
    """`found`: what to grow passages from, when the window found it."""
    passages = shared_passages(a, b) if found is None else _grow(*found)
    if not passages:
        return
    share = sum(p.words for p in passages) / max(len(a.norms), len(b.norms))
    if share >= SAME_AS_SHARE:
        later.doc.links.append(_same_as(source, later, earlier, share))
        return
    target_id = earlier.doc.id
    description = f"passage of {target_id}"
    for p in passages:
        later.doc.links.append(_quote(source, lines, later, earlier, p, a, b, description))


def _related(a: Entry, b: Entry) -> bool:
    """An enclosure is part of its parent's text: no link between them."""
    return a.parent is b.doc or b.parent is a.doc


def _locate(source: Source, entry: Entry, shingled: Shingled, first: int, last: int
            ) -> tuple[str, Span | None]:  # fmt: skip
    """The text from word `first` to word `last`, and where it stands in the source."""
    found = shingled.located_words.get((first, last))
    if found is None:
        found = shingled.located_words[(first, last)] = _locate_text(
            source, entry, shingled, first, last
        )
    return found


def _locate_text(source: Source, entry: Entry, shingled: Shingled, first: int, last: int
                 ) -> tuple[str, Span | None]:  # fmt: skip
    """`_locate`'s answer, the same passage (wherever it stands) located once."""
    start, end = shingled.text_span(first, last)
    passage = shingled.text[start:end]
    span = shingled.located.get(passage, _UNSEEN)
    if span is _UNSEEN:
        if shingled.paragraphs is None:
            shingled.paragraphs = VerbatimParagraphs(entry.doc)
        span = shingled.located[passage] = shingled.paragraphs.place(
            source, passage, start
        ) or locate_passage(source, entry.doc, passage)
    return passage, span


_UNSEEN = Span(0, 0)  # a passage not yet located (compared by identity; None: nowhere)


def _quote(source: Source, lines: LineIndex, later: Entry, earlier: Entry, p: Passage,
           a: Shingled, b: Shingled, description: str) -> Link:  # fmt: skip
    """`description`: the link's target description (one for all passages of a pair)."""
    quoting, span = a.located_words.get((p.a_first, p.a_last)) or _locate(
        source, later, a, p.a_first, p.a_last
    )
    quoted, target_span = b.located_words.get((p.b_first, p.b_last)) or _locate(
        source, earlier, b, p.b_first, p.b_last
    )
    words = p.a_last - p.a_first + 1
    return Link(
        "quotes",
        earlier.doc.id,
        Evidence(_shared_words_rule(words), PROBABLE + 0.1, span, quoting),
        description,
        {
            "words": words,
            "target_text": quoted,
            "target_lines": _target_lines(source, lines, b, quoted, target_span),
        },  # fmt: skip
    )


@cache
def _shared_words_rule(words: int) -> str:
    return f"{words} words shared with the earlier document (word shingles)"


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


def _target_lines(source: Source, lines: LineIndex, b: Shingled, quoted: str,
                  span: Span | None) -> dict[str, int] | None:  # fmt: skip
    """The lines of the quoted passage (found once: many documents quote it)."""
    if span is None:
        return None
    found = b.lines.get(quoted)
    if found is None:
        last = max(span.start, span.end - 1)
        found = b.lines[quoted] = (
            lines.line_of(source.original_offset(span.start)),
            lines.line_of(source.original_offset(last)),
        )
    start_line, end_line = found
    return {"start_line": start_line, "end_line": end_line}
