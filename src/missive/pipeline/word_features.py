"""Each document's set of lowercase words and word pairs, as integer ids.

The wording model (style.py) looks at a document as the set of its words and of its
pairs of neighbouring words.  Made as Python strings and counted in Counters, those
sets cost more than the rest of the describe stage; here they are made once per
source, coded as integers with numpy: one id per distinct feature of the source, and
for each document the sorted ids of its features.

A word is what ``textutil.lower_words`` finds; a pair is two words that follow each
other in the same document.  Ids are dense (0 .. size - 1) and carry no order that
matters; `name` turns one back into its text ("message", "your message").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from missive.pipeline.word_codes import WordCoder

_CHUNK = 1024  # documents coded at a time: bounds the memory of the temporaries
_PAIR_SHIFT = 31  # a pair's code: (first word + 1) << 31 | second word


class WordFeatures:
    """The features of a list of texts: ``of(k)`` holds the ids of text k's features."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._coder = WordCoder()
        self._words: list[bytes] | None = None  # id -> word, made when a name is asked for
        per_chunk = [
            self._code_chunk(texts[at : at + _CHUNK]) for at in range(0, len(texts), _CHUNK)
        ]
        counts = [c for c, _ in per_chunk] or [np.zeros(0, np.int64)]
        codes = [k for _, k in per_chunk] or [np.zeros(0, np.int64)]
        every = np.concatenate(codes)
        self.codes = _distinct(every)
        self.ids = np.searchsorted(self.codes, every)
        self.starts = np.zeros(len(texts) + 1, np.int64)
        np.cumsum(np.concatenate(counts), out=self.starts[1:])

    @property
    def size(self) -> int:
        """How many distinct features the texts hold."""
        return len(self.codes)

    def of(self, k: int) -> np.ndarray:
        return self.ids[self.starts[k] : self.starts[k + 1]]

    def name(self, feature: int) -> str:
        if self._words is None:
            self._words = self._coder.words()
        code = int(self.codes[feature])
        if code < 1 << _PAIR_SHIFT:
            return self._words[code].decode("ascii")
        first, second = (code >> _PAIR_SHIFT) - 1, code & ((1 << _PAIR_SHIFT) - 1)
        return f"{self._words[first].decode('ascii')} {self._words[second].decode('ascii')}"

    def _code_chunk(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """How many distinct features each text has, and their codes, text by text."""
        ids, text_of = self._coder.code(texts)
        # A text's number, a first and a second word fit in one int64 key, so the
        # features are made distinct within each text by one sort.
        n = max(len(self._coder.vocabulary), 1)
        same_text = text_of[:-1] == text_of[1:]
        pair_codes = n + ids[:-1][same_text] * n + ids[1:][same_text]
        span = n + n * n  # in a key: words below n, pairs from n
        keys = _distinct(
            np.concatenate([text_of * span + ids, text_of[:-1][same_text] * span + pair_codes])
        )
        text_of_key, code = np.divmod(keys, span)
        is_pair = code >= n
        first, second = np.divmod(code[is_pair] - n, n)
        code[is_pair] = ((first + 1) << _PAIR_SHIFT) | second
        return np.bincount(text_of_key, minlength=len(texts)), code


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (np.unique, which hashes instead when asked for no
    more than the values: slower here)."""
    values = np.sort(values)
    keep = np.empty(len(values), bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]
