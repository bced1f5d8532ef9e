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
pairs in Python.  (Cutting the pairs in tantivy with a regex tokenizer was slower.)
"""

from __future__ import annotations

import re
from itertools import pairwise

from missive.search.text import analyze

PAIR_SUFFIX = "_pairs"
PAIR_TOKENIZER = "whitespace"  # tantivy's own: one term per pair
JOINER = "_"
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def pair_field(field: str) -> str:
    return field + PAIR_SUFFIX


def pair_text(text: str) -> str:
    """The pair terms of `text`, space-separated (what its pair field indexes)."""
    # ASCII: the analyzer's words without a call into it
    words = _ASCII_WORD.findall(text.lower()) if text.isascii() else analyze(text)
    return " ".join(map(JOINER.join, pairwise(words)))


def phrase_pairs(words: tuple[str, ...]) -> list[str]:
    """The distinct pair terms of a phrase's words (already analyzed), in order."""
    return list(dict.fromkeys(map(JOINER.join, pairwise(words))))
