"""Snippets: the passage of a hit's body (or the note that matched) with most hit terms,
HTML-escaped, every hit term wrapped in ``<mark>…</mark>``.

One case-insensitive regex over the raw text finds the hit terms (phrase words only
where the whole phrase stands); words with accents, which the regex cannot fold
("Café" for ``cafe``), are analyzed one by one.
"""

from __future__ import annotations

import html
import itertools
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from missive.search.query import And, Node, Or, Phrase, Word
from missive.search.text import term_of

PASSAGE_CHARS = 240  # about 40 words
LEAD_CHARS = 60  # context shown before the first hit of the passage
MAX_CANDIDATES = 64  # hit terms looked at for the passage: the first ones do
ELLIPSIS = "…"
# Where a mark opens and closes while the passage is escaped (control characters that
# html.escape leaves alone and str.split does not split on).
_OPEN, _CLOSE = "\x00", "\x01"

_WORD = re.compile(r"[^\W_]+")
_RUN = re.compile(r"[^\W_]*")
_BETWEEN = r"[\W_]+"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_EDGE_BEFORE = r"(?<![^\W_])"
_EDGE_AFTER = r"(?![^\W_])"


@dataclass(frozen=True, slots=True)
class Terms:
    """The positive text terms of a query: what a snippet marks."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes or self.phrases)


def hit_terms(node: Node | None) -> Terms:
    found_words: set[str] = set()
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []

    def walk(n: Node | None) -> None:
        if isinstance(n, And | Or):
            for item in n.items:
                walk(item)
        elif isinstance(n, Word):
            (prefixes.append(n.text) if n.prefix else found_words.add(n.text))
        elif isinstance(n, Phrase):
            phrases.append(n.words)
        # Not: excluded terms are never in a hit; filters have no text

    walk(node)
    return Terms(frozenset(found_words), tuple(prefixes), tuple(phrases))


def snippet(texts: Iterable[str], terms: Terms) -> str:
    """The best passage of the first text with a hit term (else the start of the first)."""
    first: str | None = None
    for text in texts:
        if not text:
            continue
        if first is None:
            first = text
        if not terms:
            break
        spans = _hit_spans(text, terms)
        if spans:
            return _render(text, spans)
    return _render(first, []) if first else ""


def _hit_spans(text: str, terms: Terms) -> list[tuple[int, int]]:
    """(start, end) of every marked word, in text order."""
    if text.isascii() and _plain_words(terms):
        return _ascii_word_spans(text, terms)
    return _regex_spans(text, terms)


def _regex_spans(text: str, terms: Terms) -> list[tuple[int, int]]:
    found = itertools.islice(_pattern(terms).finditer(text), MAX_CANDIDATES)
    if not terms.phrases:
        spans = [m.span() for m in found]
    else:
        spans = []
        for m in found:  # a phrase: mark each of its words
            spans.extend(
                (m.start() + w.start(), m.start() + w.end()) for w in _WORD.finditer(m.group())
            )
    if text.isascii():
        return spans
    return sorted({*spans, *_accented_hit_spans(text, terms)})


@lru_cache(maxsize=256)
def _plain_words(terms: Terms) -> bool:
    """Only words and prefixes, each of lowercase ASCII letters and digits: in ASCII text
    the regex marks exactly the runs of letters and digits that are one of the words
    or start with one of the prefixes, which str.find locates several times faster."""
    return (
        bool(terms)
        and not terms.phrases
        and all(
            term.isascii() and term.isalnum() and term == term.lower()
            for term in (*terms.words, *terms.prefixes)
        )
    )


def _ascii_word_spans(text: str, terms: Terms) -> list[tuple[int, int]]:
    """What the regex finds in ASCII `text` (see _plain_words): a run of letters and
    digits (the whole run) that is a word or starts with a prefix, the first
    MAX_CANDIDATES of them."""
    lowered = text.lower()
    size = len(lowered)
    ends: dict[int, int] = {}
    for term, prefix in [(w, False) for w in terms.words] + [(p, True) for p in terms.prefixes]:
        found = 0
        at = lowered.find(term)
        while at >= 0 and found < MAX_CANDIDATES:
            end = at + len(term)
            if at == 0 or not lowered[at - 1].isalnum():
                if prefix:
                    end = _RUN.match(lowered, end).end()  # type: ignore[union-attr]
                if end == size or not lowered[end].isalnum():
                    ends[at] = end
                    found += 1
            at = lowered.find(term, at + 1)
    return [(start, ends[start]) for start in sorted(ends)[:MAX_CANDIDATES]]


@lru_cache(maxsize=256)
def _pattern(terms: Terms) -> re.Pattern[str]:
    alternatives = [_BETWEEN.join(map(re.escape, p)) for p in terms.phrases]
    alternatives += [re.escape(w) for w in sorted(terms.words, key=len, reverse=True)]
    alternatives += [re.escape(p) + r"[^\W_]*" for p in terms.prefixes]
    return re.compile(f"{_EDGE_BEFORE}(?:{'|'.join(alternatives)}){_EDGE_AFTER}", re.I)


def _accented_hit_spans(text: str, terms: Terms) -> list[tuple[int, int]]:
    """Words with accents the regex cannot fold ("Café" for cafe), analyzed one by one."""
    out: list[tuple[int, int]] = []
    for m in _NON_ASCII.finditer(text):
        if not m.group().isalnum() or (out and m.start() < out[-1][1]):
            continue
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        term = term_of(text[start:end])
        if term in terms.words or (term and any(term.startswith(p) for p in terms.prefixes)):
            out.append((start, end))
    return out


def _render(text: str, spans: list[tuple[int, int]]) -> str:
    lo, hi = _passage(text, spans)
    kept = _spans_within(spans, lo, hi)
    if _OPEN in text or _CLOSE in text:  # the text's own would become marks
        marked = _marked_one_by_one(text, kept, lo, hi)
    else:
        marked = _marked_at_once(text, kept, lo, hi)
    head = ELLIPSIS if lo > 0 else ""
    tail = ELLIPSIS if hi < len(text) else ""
    return " ".join(f"{head}{marked}{tail}".split())


def _spans_within(spans: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans inside lo..hi, none overlapping the one before."""
    out: list[tuple[int, int]] = []
    at = lo
    for start, end in spans:
        if start < lo or end > hi or start < at:
            continue
        out.append((start, end))
        at = end
    return out


def _marked_at_once(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> str:
    """Escaping goes character by character, so the passage escaped at once, with
    placeholders for the marks, is the same as escaped piece by piece (and faster)."""
    parts = []
    at = lo
    for start, end in spans:
        parts += (text[at:start], _OPEN, text[start:end], _CLOSE)
        at = end
    parts.append(text[at:hi])
    escaped = html.escape("".join(parts))
    return escaped.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


def _marked_one_by_one(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> str:
    parts = []
    at = lo
    for start, end in spans:
        parts.append(html.escape(text[at:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        at = end
    parts.append(html.escape(text[at:hi]))
    return "".join(parts)


def _passage(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The stretch of about PASSAGE_CHARS with the most hits, cut at word edges."""
    if not spans:
        return 0, _word_edge(text, min(len(text), PASSAGE_CHARS), back=True)
    starts = [s for s, _ in spans]
    best, centre = -1, starts[0]
    for i, at in enumerate(starts):
        count = bisect_left(starts, at + PASSAGE_CHARS - LEAD_CHARS) - i
        if count > best:
            best, centre = count, at
    lo = _word_edge(text, max(0, centre - LEAD_CHARS), back=False)
    hi = _word_edge(text, min(len(text), lo + PASSAGE_CHARS), back=True)
    return lo, max(hi, min(len(text), spans[bisect_left(starts, centre)][1]))


def _word_edge(text: str, at: int, back: bool) -> int:
    """`at` moved off the middle of a word: back to its start, or on past its end."""
    step = -1 if back else 1
    while 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
        at += step
    return at
