"""How text becomes index terms: one analyzer for the index, the query and the snippets.

Words are runs of letters and digits, lowercased, accents folded to ASCII ("Café" ->
"cafe"), no stemming (a historian searching "front" does not want "frontier");
``front*`` is there for the variants.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

import tantivy

ANALYZER = "missive_words"
MAX_WORD_CHARS = 40

_WORD_RE = re.compile(r"[^\W_]+")


@cache
def analyzer(keep_long: bool = False) -> tantivy.TextAnalyzer:
    """The index's analyzer; `keep_long` keeps the over-long words it drops (their
    positions stay empty in the index, so word pairs must not bridge them)."""
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    if not keep_long:
        builder = builder.filter(tantivy.Filter.remove_long(MAX_WORD_CHARS))
    return builder.filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()).build()


def analyze(text: str, keep_long: bool = False) -> list[str]:
    """The index terms of `text`, in order (`keep_long`: the over-long words too)."""
    return analyzer(keep_long).analyze(text)


@lru_cache(maxsize=200_000)
def term_of(word: str) -> str:
    """The index term of one word as the text spells it ("" if the index drops it)."""
    terms = analyzer().analyze(word)
    return terms[0] if len(terms) == 1 else ""


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, term) of every word of `text`, character offsets."""
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if word.isascii():  # the analyzer only lowercases these
            if len(word) < MAX_WORD_CHARS:
                yield m.start(), m.end(), word.lower()
            continue
        term = term_of(word)
        if term:
            yield m.start(), m.end(), term
