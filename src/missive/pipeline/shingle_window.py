"""Which earlier documents each document may quote: shingles shared within a window.

For document k, every distinct shingle key it holds is looked up among the
documents of the window before it (k - window < d < k); when at most `common`
of them hold the key (more: a formula, not a quotation), each of those documents
counts one shared shingle. The `candidates` documents with the most shared
shingles (at least `least`), the nearer first among equals, are compared with it.

The window is kept as one array of (key, document) pairs sorted by key, and the
counting is done a block of documents at a time: the block's pairs are sorted and
merged in, and each of its keys finds its holders by a search. No Python object
per shingle; the work per shingle is done in C.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


class ShingleWindow:
    """The distinct shingle keys of the last `window` documents and of those added
    since the last `select`."""

    def __init__(self, window: int, common: int, least: int, candidates: int) -> None:
        self.window, self.common, self.least, self.candidates = window, common, least, candidates
        self._added: list[np.ndarray] = []  # the keys of each document added since `select`
        # The (key, document) pairs of the documents before them that a later
        # document's window reaches, sorted (kept sorted: a block is merged in).
        self._keys, self._docs = _EMPTY, _EMPTY
        self._pending = 0  # the first document not yet selected for

    def add(self, keys: Iterable[int], count: int) -> None:
        """The next document's distinct shingle keys (`count` of them)."""
        self._added.append(np.fromiter(keys, dtype=np.int64, count=count))

    def select(self) -> list[list[tuple[int, int]]]:
        """For each document added since the last call, in order: its candidates as
        (earlier document, shared shingles), the most shared first."""
        start, end = self._pending, self._pending + len(self._added)
        self._pending = end
        keys, docs = self._merge_added(start)
        chosen = _choose(self._pairs(keys, docs, start, end), start, end, self)
        reached = docs > end - self.window
        self._keys, self._docs = keys[reached], docs[reached]
        return chosen

    def _merge_added(self, start: int) -> tuple[np.ndarray, np.ndarray]:
        """All pairs sorted by key, then by document."""
        if not self._added:
            return self._keys, self._docs
        lengths = np.fromiter(map(len, self._added), dtype=np.int64, count=len(self._added))
        keys = np.concatenate(self._added)
        docs = np.repeat(np.arange(start, start + len(self._added), dtype=np.int64), lengths)
        self._added = []
        order = np.argsort(keys, kind="stable")
        keys = np.concatenate((self._keys, keys[order]))
        docs = np.concatenate((self._docs, docs[order]))
        order = np.argsort(keys, kind="stable")  # two sorted runs: one merge
        return keys[order], docs[order]

    def _pairs(self, keys: np.ndarray, docs: np.ndarray, start: int,
               end: int) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
        """(later, earlier) once for every key of a later document in [start, end) that
        an earlier document of its window holds, when no more than `common` do."""
        if not len(keys):
            return _EMPTY, _EMPTY
        group = np.empty(len(keys), dtype=np.int64)
        group[0] = 0
        np.cumsum(keys[1:] != keys[:-1], out=group[1:])
        # One sorted number per (key, document); a document's window starts within
        # its key's band, so a search finds the first holder inside the window.
        base = max(0, start - self.window + 1)  # no document before it is kept
        band = end - base + self.window
        place = group * band + (docs - base + self.window)
        later = np.flatnonzero(docs >= start)
        first = np.searchsorted(place, place[later] - self.window, side="right")
        held = later - first
        keep = (held >= 1) & (held <= self.common)
        later, first, held = later[keep], first[keep], held[keep]
        if not len(later):
            return _EMPTY, _EMPTY
        offsets = np.arange(held.sum()) - np.repeat(np.cumsum(held) - held, held)
        return np.repeat(docs[later], held), docs[np.repeat(first, held) + offsets]


def _choose(pairs: tuple[np.ndarray, np.ndarray], start: int, end: int,
            window: ShingleWindow) -> list[list[tuple[int, int]]]:  # fmt: skip
    chosen: list[list[tuple[int, int]]] = [[] for _ in range(end - start)]
    later, earlier = pairs
    if not len(later):
        return chosen
    span = end
    codes, counts = np.unique((later - start) * span + earlier, return_counts=True)
    enough = counts >= window.least
    codes, counts = codes[enough], counts[enough]
    later, earlier = codes // span, codes % span
    order = np.lexsort((-earlier, -counts, later))  # by document, most shared, nearest
    later, earlier, counts = later[order], earlier[order], counts[order]
    rank = np.arange(len(later)) - np.searchsorted(later, later, side="left")
    top = rank < window.candidates
    for k, d, count in zip(later[top].tolist(), earlier[top].tolist(), counts[top].tolist(),
                           strict=True):  # fmt: skip
        chosen[k].append((d, count))
    return chosen


_EMPTY = np.empty(0, dtype=np.int64)
