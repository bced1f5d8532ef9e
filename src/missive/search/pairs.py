"""Adjacent word pairs: an index of them narrows a phrase to the documents that can hold it.

A phrase query checks the word positions of every document holding all its words; for
words found in most letters that is most documents.  Each text field therefore has a
twin (``body`` -> ``body_pairs``) holding its adjacent word pairs as single terms
("second front" -> ``second_front``), documents only.  A phrase in a field is then its
positional phrase query intersected with the pair terms, which lead the intersection:
the positions are checked only where every pair stands.  The phrase query alone scores
the hits, so hits, total and order are those of the positional query.

Pairs are joined by ``_``, which no term holds (the analyzer splits words on it), and
indexed by the whitespace tokenizer.  Every two words at adjacent positions of the index
are a pair here too (words the analyzer drops, the over-long ones, only add pairs that
no phrase asks for).  The cost, measured on synthetic letters of ~150 words: the index
a fifth larger (10.8 -> 13.0 MB at 10,000 letters, 103 -> 122 MB at 100,000), the build
about 180 us of CPU a letter more (1.7 -> 3.5 s at 10,000), about half of it listing the
pairs in Python, since cut to about 35 us (below); the rest is tantivy's (its term hash
map).  Cutting the pairs in tantivy with a regex tokenizer costs about 4x the whitespace
tokenizer's CPU.

Words the analyzer drops as over-long keep their positions empty, so they stay in the
pairs here (a pair never bridges them).  The words are found as bytes (one ``translate``
and one ``split``: half the CPU of a regular expression); text whose only
non-ASCII characters are typographic punctuation and spaces (dashes, curly quotes,
no-break spaces) is read the same way, which is exactly what the analyzer makes of it.
Any other non-ASCII text asks the analyzer itself.
"""

from __future__ import annotations

from itertools import pairwise

from missive.search.text import analyze

PAIR_SUFFIX = "_pairs"
PAIR_TOKENIZER = "whitespace"  # tantivy's own: one term per pair
JOINER = "_"
_JOINER_BYTES = JOINER.encode()
# Of UTF-8 bytes: ASCII letters lowercased, digits kept, every other byte (non-ASCII ones
# too) a space; split() then gives the words
_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if 48 <= c <= 57 or 97 <= c <= 122 else 32 for c in range(256)
)
_ASCII = bytes(range(128))
# Non-ASCII characters the analyzer splits words on like ASCII punctuation (none is a
# letter or digit to it): no-break and thin spaces, dashes, quotation marks, ellipsis.
_TYPOGRAPHIC = frozenset(
    "\u00a0\u00ab\u00bb\u2009\u200b\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019"
    "\u201a\u201b\u201c\u201d\u201e\u201f\u2026\u202f\u2039\u203a"
)


def pair_field(field: str) -> str:
    return field + PAIR_SUFFIX


def pair_text(text: str) -> str:
    """The pair terms of `text`, space-separated (what its pair field indexes)."""
    raw = text.encode()
    if not text.isascii() and not _TYPOGRAPHIC.issuperset(raw.translate(None, _ASCII).decode()):
        return " ".join(map(JOINER.join, pairwise(analyze(text, keep_long=True))))
    return _joined(raw.translate(_WORDS).split())


def _joined(words: list[bytes]) -> str:
    """ "w0_w1 w1_w2 ...": the pieces laid out by slice assignment and joined once, a
    third cheaper than joining each pair."""
    if len(words) < 2:
        return ""
    pieces = [b" "] * (4 * len(words) - 5)  # per pair: first, joiner, second, space
    pieces[0::4] = words[:-1]
    pieces[1::4] = [_JOINER_BYTES] * (len(words) - 1)
    pieces[2::4] = words[1:]
    return b"".join(pieces).decode("ascii")


def phrase_pairs(words: tuple[str, ...]) -> list[str]:
    """The distinct pair terms of a phrase's words (already analyzed), in order."""
    return list(dict.fromkeys(map(JOINER.join, pairwise(words))))
