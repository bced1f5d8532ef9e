"""Word shingles and word offsets of a block of documents, computed together.

A shingle's key is a sum of its words' string hashes, each times its own odd
64-bit constant (wrapping), computed for every position of a block at once: two
shingles of the same words have the same key, two others the same key about once
in 2**64 pairs, as with a hash of the tuple of words; whoever compares keys checks
the words themselves. Word offsets, needed only where a passage is quoted, are
found for all the block's documents by one `word_bounds` call over their texts
joined by line breaks (a line break ends every word).
"""

from __future__ import annotations

import bisect
from itertools import chain
from typing import TYPE_CHECKING

from missive.pipeline.words import punctuation_spaced, word_bounds, words

if TYPE_CHECKING:
    import numpy as np

SHINGLE = 6
_FACTORS = (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB,
            0xD6E8FEB86659FD93, 0xA0761D6478BD642F, 0xE7037ED1A0B428DB)[:SHINGLE]  # fmt: skip


def block_words(texts: list[str]) -> list[list[str]]:
    return [words(text) for text in texts]


def shingle_keys(norms: list[list[str]]) -> np.ndarray:
    """The keys of the shingles of each document's words, one after the other: one
    for each word that has SHINGLE - 1 words after it in its document."""
    # numpy is imported here: only a source of several documents needs it.
    import numpy as np

    factors = np.array(_FACTORS, dtype=np.uint64)
    total = sum(map(len, norms))
    hashes = np.fromiter(map(hash, chain.from_iterable(norms)), dtype=np.int64, count=total)
    hashes = hashes.view(np.uint64)
    count = max(0, total - SHINGLE + 1)
    keys = hashes[:count] * factors[0]
    for k in range(1, SHINGLE):
        keys += hashes[k : k + count] * factors[k]
    if len(norms) == 1:
        return keys.view(np.int64)
    valid = np.ones(count, dtype=bool)  # a shingle within one document
    start = 0
    for doc in norms:
        valid[max(start, start + len(doc) - SHINGLE + 1) : start + len(doc)] = False
        start += len(doc)
    return keys.view(np.int64)[valid]


def key_count(norms: list[str]) -> int:
    """How many shingles a document of these words has."""
    return max(0, len(norms) - SHINGLE + 1)


class BlockBounds:
    """Where the words of each text of a block stand, found for all of them on the
    first request: ``bounds(k)`` is a list and the index in it of text k's first
    word start; text k's words start and end at ``list[index + 2 * w] - offset``
    and ``list[index + 2 * w + 1] - offset``."""

    __slots__ = ("_found", "texts")

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._found: list[tuple[list[int], int, int]] | None = None

    def bounds(self, k: int) -> tuple[list[int], int, int]:
        """(bounds, index of text k's first, offset of text k)."""
        if self._found is None:
            self._found = _find_bounds(self.texts)
        return self._found[k]


def _find_bounds(texts: list[str]) -> list[tuple[list[int], int, int]]:
    # A text outside ASCII takes numpy's slower path: it would drag the others along.
    # Most are outside it only by their dashes and quotation marks, which end words
    # as a space does: as spaces, those texts join the others.
    found: list[tuple[list[int], int, int] | None] = [None] * len(texts)
    spaced = [text if text.isascii() else punctuation_spaced(text) for text in texts]
    plain = [k for k, text in enumerate(spaced) if text.isascii()]
    joined = word_bounds("\n".join(spaced[k] for k in plain))
    index = offset = 0
    for k in plain:
        found[k] = (joined, index, offset)
        offset += len(texts[k]) + 1
        index = bisect.bisect_left(joined, offset, index)
    for k, text in enumerate(texts):
        if found[k] is None:
            found[k] = (word_bounds(text), 0, 0)
    return found  # type: ignore[return-value]
