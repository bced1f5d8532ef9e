"""The word offsets of a block of texts (shingles.BlockBounds, which reads most texts
together, their dashes and quotation marks as spaces) are where the word pattern
finds each text's words."""

from __future__ import annotations

import random

from missive.pipeline.shingles import BlockBounds
from missive.pipeline.words import WORD, punctuation_spaced

PIECES = [
    "word", "Word", "don't", "don’t", "’", "'", "—", "–", "“", "”", "‘", "…", "\u00a0", " ",
    "\n", "_", "1943", "é", "café", "naïve", ".", ",", "-", "a", "x1",
]  # fmt: skip


def _spans(bounds: tuple[list[int], int, int], count: int) -> list[tuple[int, int]]:
    found, index, offset = bounds
    mine = found[index : index + 2 * count]
    return [(s - offset, e - offset) for s, e in zip(mine[0::2], mine[1::2], strict=True)]


def test_block_bounds_are_the_words_of_each_text() -> None:
    rng = random.Random(3)
    for _ in range(200):
        texts = [
            "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 12)))
            for _ in range(rng.randrange(1, 8))
        ]
        block = BlockBounds(texts)
        for k, text in enumerate(texts):
            expected = [m.span() for m in WORD.finditer(text)]
            assert _spans(block.bounds(k), len(expected)) == expected, (texts, k)


def test_spaced_punctuation_keeps_the_words_in_place() -> None:
    text = "“Yes”—said he… ‘twas\u00a0so – don’t"
    spaced = punctuation_spaced(text)
    assert len(spaced) == len(text)
    assert [m.span() for m in WORD.finditer(spaced)] == [m.span() for m in WORD.finditer(text)]
    assert spaced.isascii() is False  # the right single quotation mark joins "don’t"
