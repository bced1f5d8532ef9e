"""The lowercase words of many texts at once (what ``textutil.lower_words`` finds in
each), as integer ids of one vocabulary, found with numpy.

Cutting a text into Python strings and looking each up in a dict costs ~250 ns a
word; here the texts are joined and translated to bytes as lower_words does (every
byte but a-z and the apostrophe becomes a space), the words are found as runs of
letters, and a word of up to 16 letters is packed into two integers, so that only the
distinct words of a batch of texts are looked up as strings.

lower_words finds ``[a-z]+(?:'[a-z]+)?`` in each piece: a run of letters takes the run
after it when one apostrophe stands between them, and a run so taken starts no word
("o'clock's" is "o'clock" and "s"; "a'b'c" is "a'b" and "c").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from missive.textutil import lower_words

_SEPARATOR = "\x00"  # between two texts; no text holds it, or lower_words cuts them
# lower_words's table, but for the separator (kept as "|") and A-Z (lowered): every
# other byte but a-z and the apostrophe becomes a space.
_WORD_BYTES = bytes(
    b if 97 <= b <= 122 or b == 39 else b + 32 if 65 <= b <= 90 else 124 if b == 0 else 32
    for b in range(256)
)
_PACKED = 16  # letters a word may have to be packed into two integers
# _KEEP[n]: the first n bytes of a big-endian uint64.
_KEEP = np.array([(2**64 - 1) ^ (2 ** (64 - 8 * n) - 1) for n in range(9)], np.uint64)


class WordCoder:
    """One vocabulary of words (bytes) and their ids (dense, from 0, in order of
    first sight), shared by every batch of texts coded."""

    def __init__(self) -> None:
        self.vocabulary: dict[bytes, int] = {}

    def words(self) -> list[bytes]:
        """The words by id."""
        return list(self.vocabulary)

    def code(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The ids of the texts' words in order, and the number of the text each is in."""
        data = _translated(texts)
        letters = np.frombuffer(data, np.uint8)
        starts, ends = _words(letters)
        ids = self._ids(data, letters, starts, ends)
        separators_before = np.cumsum(letters == 124)  # a word never starts at one
        return ids, separators_before[starts]

    def _ids(
        self, data: bytes, letters: np.ndarray, starts: np.ndarray, ends: np.ndarray
    ) -> np.ndarray:
        ids = np.empty(len(starts), np.int64)
        short = ends - starts <= _PACKED
        ids[~short] = [self._id(data[s:e]) for s, e in zip(
            starts[~short].tolist(), ends[~short].tolist(), strict=True)]  # fmt: skip
        at = np.flatnonzero(short)
        high, low = _packed(letters, starts[at], ends[at])
        order = np.lexsort((low, high))
        high, low = high[order], low[order]
        first = np.empty(len(order), bool)
        first[:1] = True
        first[1:] = (high[1:] != high[:-1]) | (low[1:] != low[:-1])
        # One lookup per distinct word, at its first place in the sorted order.
        distinct = at[order[first]]
        known = [self._id(data[s:e]) for s, e in zip(
            starts[distinct].tolist(), ends[distinct].tolist(), strict=True)]  # fmt: skip
        ids[at[order]] = np.array(known, np.int64)[np.cumsum(first) - 1]
        return ids

    def _id(self, word: bytes) -> int:
        return self.vocabulary.setdefault(word, len(self.vocabulary))


def _translated(texts: Sequence[str]) -> bytes:
    """The texts joined by the separator, lowercased, as bytes of a-z, "'", " " and
    "|" (the separator)."""
    joined = f" {_SEPARATOR} ".join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:  # a text holds the separator
        joined = f" {_SEPARATOR} ".join(" ".join(lower_words(t)) for t in texts)
    if joined.isascii():  # lowercasing is then the table's work
        return joined.encode("ascii").translate(_WORD_BYTES)
    return joined.lower().encode("ascii", "replace").translate(_WORD_BYTES)


def _words(letters: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each word starts and ends (exclusive), in order."""
    is_letter = (letters >= 97) & (letters <= 122)
    edges = np.diff(is_letter.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    run_starts, run_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if len(run_starts) < 2:
        return run_starts, run_ends
    # Runs joined by one apostrophe, "don" ' "t"; in a chain of such runs, each
    # run at an even place starts a word and takes the next run when joined to it.
    joined = (run_starts[1:] == run_ends[:-1] + 1) & (letters[run_ends[:-1]] == 39)
    places = np.arange(len(run_starts))
    chain_start = np.maximum.accumulate(np.where(np.r_[True, ~joined], places, 0))
    starts_word = (places - chain_start) % 2 == 0
    takes_next = np.r_[joined & starts_word[:-1], False]
    word_ends = np.where(takes_next, np.r_[run_ends[1:], 0], run_ends)
    return run_starts[starts_word], word_ends[starts_word]


def _packed(letters: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, ...]:
    """Each word of up to 16 bytes as two uint64 (its bytes, zero-padded: no word holds
    a zero byte, so different words differ)."""
    padded = np.concatenate([letters, np.zeros(_PACKED, np.uint8)])
    # The 8 bytes from each place of the text, read as one big-endian integer.
    eights = np.ndarray((len(letters) + 8,), ">u8", padded, 0, (1,))
    lengths = ends - starts
    high = eights[starts].astype(np.uint64) & _KEEP[np.minimum(lengths, 8)]
    low = eights[starts + 8].astype(np.uint64) & _KEEP[np.clip(lengths - 8, 0, 8)]
    return high, low
