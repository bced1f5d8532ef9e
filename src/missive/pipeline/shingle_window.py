"""Which earlier documents each document may quote: shingles shared within a window.

For document k, every distinct shingle key it holds is looked up among the
documents of the window before it (k - window < d < k); when at most `common`
of them hold the key (more: a formula, not a quotation), each of those documents
counts one shared shingle. The `candidates` documents with the most shared
shingles (at least `least`), the nearer first among equals, are compared with it.

The window is kept as arrays of (key, document, place in the document) sorted by
key, and the counting is done a block of documents at a time: the block's entries
are sorted and merged in, and each of its keys finds its holders by a search. The
same entries then tell, for each pair chosen, where the shingles the two share
stand in both (what the passages are grown from), so no pair is compared key by
key in Python. No Python object per shingle; the work per shingle is done in C.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from missive.pipeline.shingles import SHINGLE


class ShingleWindow:
    """The distinct shingle keys of the last `window` documents and of those added
    since the last `select`."""

    def __init__(self, window: int, common: int, least: int, candidates: int) -> None:
        self.window, self.common, self.least, self.candidates = window, common, least, candidates
        self._added: list[np.ndarray] = []  # the keys of the documents added since `select`
        self._counts: list[int] = []  # how many keys each of them has
        # The (key, document, place in the document) of the documents before them
        # that a later document's window reaches, sorted by key, then document (kept
        # sorted: a block is merged in); once per key and document.
        self._keys, self._docs, self._at = _EMPTY, _EMPTY, _EMPTY
        self._pending = 0  # the first document not yet selected for
        self.repeating: set[int] = set()  # documents holding a shingle more than once
        # After `select`: for each (later, earlier) pair chosen, where the shingles
        # they share stand in each (see `shared`).
        self._shared: dict[tuple[int, int], tuple[list[int], list[int], list[int]]] = {}

    def add(self, keys: Iterable[int], count: int) -> None:
        """The next document's shingle keys (`count` of them)."""
        self._added.append(np.fromiter(keys, dtype=np.int64, count=count))
        self._counts.append(count)

    def add_block(self, keys: np.ndarray, counts: list[int]) -> None:
        """The shingle keys of the next documents, one after the other (`counts`:
        how many each has)."""
        self._added.append(keys)
        self._counts += counts

    def select(self) -> list[list[tuple[int, int]]]:
        """For each document added since the last call, in order: its candidates as
        (earlier document, shared shingles), the most shared first."""
        start, end = self._pending, self._pending + len(self._counts)
        self._pending = end
        keys, docs, at = self._merge_added(start)
        pairs = _Pairs(self, keys, docs, start, end)
        chosen = pairs.choose()
        self._shared = pairs.places_shared(at, chosen)
        reached = docs > end - self.window
        self._keys, self._docs, self._at = keys[reached], docs[reached], at[reached]
        # Kept while a window of the documents just selected for reaches them.
        self.repeating = {d for d in self.repeating if d > start - self.window}
        return chosen

    def shared(self, later: int, earlier: int) -> tuple[list[int], list[int], list[int]] | None:
        """For a pair the last `select` chose: the place in `later` of each shingle
        both hold, in order, its place in `earlier` (one of its places, for a
        document in `repeating`), and the words the two share from there as far as
        the shingles tell (see `_diagonal_runs`). None for any other pair."""
        return self._shared.get((later, earlier))

    def _merge_added(self, start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All (key, document, place) once per key and document, sorted by key, then
        by document."""
        if not self._counts:
            return self._keys, self._docs, self._at
        count = len(self._counts)
        keys = np.concatenate(self._added) if len(self._added) > 1 else self._added[0]
        counts = np.array(self._counts, dtype=np.int64)
        docs = np.repeat(np.arange(count, dtype=np.int64), counts)
        at = np.arange(len(keys), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
        self._added, self._counts = [], []
        keys, docs, at, repeating = _sorted_pairs(keys, docs, at, count)
        self.repeating.update((repeating + start).tolist())
        # The earlier documents' pairs come first among equal keys: one search merges.
        where = np.searchsorted(self._keys, keys, side="right") + np.arange(len(keys))
        old = np.ones(len(self._keys) + len(keys), dtype=bool)
        old[where] = False
        merged = []
        for before, added in ((self._keys, keys), (self._docs, docs + start), (self._at, at)):
            out = np.empty(len(old), dtype=np.int64)
            out[where], out[old] = added, before
            merged.append(out)
        return merged[0], merged[1], merged[2]


class _Pairs:
    """The entries of the later documents (those of [start, end)) and the entries of
    the earlier documents of their window holding the same key.

    Entries are numbered by one sorted number per (key, document); a document's
    window starts within its key's band, so a search finds the first holder inside
    the window. A (later, earlier) pair of documents has a dense number,
    ``(later - start) * width + earlier - base``, so counting is one bincount."""

    def __init__(self, window: ShingleWindow, keys: np.ndarray, docs: np.ndarray, start: int,
                 end: int) -> None:  # fmt: skip
        self.window, self.docs, self.start, self.end = window, docs, start, end
        self.base = max(0, start - window.window + 1)  # no document before it is kept
        self.width = end - self.base
        group = np.empty(len(keys), dtype=np.int64)
        if len(keys):
            group[0] = 0
            np.cumsum(keys[1:] != keys[:-1], out=group[1:])
        band = end - self.base + window.window
        self.place = group * band + (docs - self.base + window.window)
        self._group, self._band = group, band
        later = np.flatnonzero(docs >= start)
        first = np.searchsorted(self.place, self.place[later] - window.window, side="right")
        held = later - first
        few = (held >= 1) & (held <= window.common)
        # Keys that more documents of the window hold: a formula, not counted.
        self.crowded = later[held > window.common]
        later, first, held = later[few], first[few], held[few]
        offsets = np.arange(held.sum()) - np.repeat(np.cumsum(held) - held, held)
        # (later entry, earlier entry) once for every key counted.
        self.later = np.repeat(later, held)
        self.earlier = np.repeat(first, held) + offsets
        self.pair = self._pair_number(self.later, self.docs[self.earlier])

    def _pair_number(self, later_entries: np.ndarray, earlier_docs: np.ndarray) -> np.ndarray:
        return (self.docs[later_entries] - self.start) * self.width + (earlier_docs - self.base)

    def choose(self) -> list[list[tuple[int, int]]]:
        """The `candidates` earlier documents sharing the most keys (at least
        `least`) with each later one, the nearer first among equals."""
        window = self.window
        chosen: list[list[tuple[int, int]]] = [[] for _ in range(self.end - self.start)]
        if not len(self.pair):
            return chosen
        counts = np.bincount(self.pair, minlength=(self.end - self.start) * self.width)
        pair = np.flatnonzero(counts >= max(window.least, 1))
        counts = counts[pair]
        later, earlier = pair // self.width, pair % self.width + self.base
        order = np.lexsort((-earlier, -counts, later))  # by document, most shared, nearest
        later, earlier, counts = later[order], earlier[order], counts[order]
        rank = np.arange(len(later)) - np.searchsorted(later, later, side="left")
        top = rank < window.candidates
        for k, d, count in zip(later[top].tolist(), earlier[top].tolist(), counts[top].tolist(),
                               strict=True):  # fmt: skip
            chosen[k].append((d, count))
        return chosen

    def places_shared(self, at: np.ndarray, chosen: list[list[tuple[int, int]]]
                      ) -> dict[tuple[int, int], tuple[list[int], list[int], list[int]]]:  # fmt: skip
        """For each chosen pair: the places in the later document of the keys both
        hold, in order, and the place of each in the earlier one."""
        later = np.array([k for k, cands in enumerate(chosen) for _ in cands], dtype=np.int64)
        if not len(later):
            return {}
        earlier = np.array([d for cands in chosen for d, _ in cands], dtype=np.int64)
        wanted = np.zeros((self.end - self.start) * self.width, dtype=bool)
        wanted[later * self.width + (earlier - self.base)] = True
        hit = wanted[self.pair]
        x, y, pair = self.later[hit], self.earlier[hit], self.pair[hit]
        crowded = self._crowded_shared(later, earlier)
        if crowded is not None:
            x, y, pair = (np.concatenate(v) for v in zip((x, y, pair), crowded, strict=True))
        if not len(x):
            return {}
        i, j = at[x], at[y]
        order = np.argsort(pair * (int(i.max()) + 1) + i)
        pair, i, j = pair[order], i[order], j[order]
        runs = _diagonal_runs(pair, i, j).tolist()
        i, j = i.tolist(), j.tolist()
        cuts = [0, *(np.flatnonzero(pair[1:] != pair[:-1]) + 1).tolist(), len(pair)]
        out: dict[tuple[int, int], tuple[list[int], list[int], list[int]]] = {}
        for lo, hi, number in zip(cuts, cuts[1:], pair[cuts[:-1]].tolist(), strict=False):
            k, d = divmod(number, self.width)
            out[(k + self.start, d + self.base)] = (i[lo:hi], j[lo:hi], runs[lo:hi])
        return out

    def _crowded_shared(self, later: np.ndarray, earlier: np.ndarray
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:  # fmt: skip
        """(later entry, earlier entry, pair number) for each uncounted key of a later
        document that a document chosen for it holds: searched for."""
        entries = self.crowded
        if not len(entries):
            return None
        # Each such entry against each document chosen for its own (`later` is sorted).
        doc = self.docs[entries] - self.start
        lo = np.searchsorted(later, doc, side="left")
        many = np.searchsorted(later, doc, side="right") - lo
        entries = np.repeat(entries, many)
        pick = np.repeat(lo, many) + (
            np.arange(many.sum()) - np.repeat(np.cumsum(many) - many, many)
        )
        target = earlier[pick]
        wanted = self._group[entries] * self._band + (target - self.base + self.window.window)
        found = np.searchsorted(self.place, wanted)
        held = found < len(self.place)
        held[held] = self.place[found[held]] == wanted[held]
        entries, found, target = entries[held], found[held], target[held]
        return entries, found, self._pair_number(entries, target)


def _diagonal_runs(pair: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """For each shared shingle (sorted by pair, then place in the later document):
    how many shingles from it on follow one another in both documents, plus
    SHINGLE - 1 (the words two documents holding no shingle twice share from there)."""
    follows = (pair[1:] == pair[:-1]) & (i[1:] == i[:-1] + 1) & (j[1:] == j[:-1] + 1)
    ends = np.flatnonzero(np.append(~follows, True))  # the last of each stretch
    stretch = np.cumsum(np.insert(~follows, 0, True)) - 1
    return ends[stretch] - np.arange(len(pair)) + SHINGLE


def _sorted_pairs(keys: np.ndarray, docs: np.ndarray, at: np.ndarray,
                  count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """The (key, document, place) entries sorted by key, then by document, one per
    key and document (`docs` in [0, count)); and the documents that held a key more
    than once. Two quick sorts: cheaper than one stable sort."""
    order = np.argsort(keys)
    keys, docs, at = keys[order], docs[order], at[order]
    if not len(keys):
        return keys, docs, at, _EMPTY
    group = np.empty(len(keys), dtype=np.int64)
    group[0] = 0
    np.cumsum(keys[1:] != keys[:-1], out=group[1:])
    place = group * count + docs
    order = np.argsort(place)
    place = place[order]
    once = np.empty(len(place), dtype=bool)
    once[0] = True
    np.not_equal(place[1:], place[:-1], out=once[1:])
    repeating = np.unique(docs[order[~once]])
    order = order[once]
    return keys[order], docs[order], at[order], repeating


_EMPTY = np.empty(0, dtype=np.int64)
