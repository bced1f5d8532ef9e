"""The index in shards: which shard holds a document, and running work on every shard
at once.

The index is SHARDS Tantivy indexes, each in a folder of its own; a document lives in
the shard its store row number gives (``shard_of``), so a re-ingest, a correction or a
deletion always reaches the shard that holds it.  Rows are dealt to the shards in
turn, the turn shifting by one every SAMPLE_SLOTS rows: a volume's documents spread
evenly, yet a volume of letters and replies in strict alternation does not put every
letter of one correspondent in one shard (row number modulo SHARDS would), and every
shard holds its share of each sample slot (facets.py).

Tantivy lets go of Python's lock while it searches (and indexes in threads of its
own), so the shards' searches run at the same time on as many cores: a word found in
half a million letters costs each shard half the scoring, and the query about half
the wall time (scoring every match is what a top-10 costs through these bindings;
see engine.py).

SHARDS is 2 because the machine this was measured on has two cores: more shards than
cores only add per-shard overhead (each shard compiles its query, counts its facets,
returns its candidates), and a different number changes nothing stored but the
index's layout (an index of another layout is rebuilt: fields.INDEX_FORMAT).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import TypeVar

from missive.search.fields import SAMPLE_SLOTS

SHARDS = 2
# So that a shard's rows of each sample slot are every SHARDS-th row of it (rows.py).
assert SAMPLE_SLOTS % SHARDS == 0

T = TypeVar("T")


def _search_pool() -> ThreadPoolExecutor:
    # One worker fewer than shards: the calling thread runs the first shard's work itself.
    return ThreadPoolExecutor(max_workers=max(1, SHARDS - 1), thread_name_prefix="missive-shard")


_SEARCH_POOL = _search_pool()


def _new_search_pool_after_fork() -> None:
    """A forked child has none of the parent's threads: a pool that still counts them
    would never run the work handed to it."""
    global _SEARCH_POOL
    _SEARCH_POOL = _search_pool()


os.register_at_fork(after_in_child=_new_search_pool_after_fork)


def shard_of(pk: int) -> int:
    """The shard of the document stored at row `pk` (as SQL: ``SHARD_OF_PK``)."""
    return (pk + pk // SAMPLE_SLOTS) % SHARDS


SHARD_OF_PK = f"((d.pk + d.pk / {SAMPLE_SLOTS}) % {SHARDS})"


def first_row_of_slot(slot: int, shard: int) -> int:
    """The first row of sample slot `slot` held by `shard`; the shard's next ones in
    the slot follow every SAMPLE_SLOTS * SHARDS rows."""
    return slot + SAMPLE_SLOTS * ((shard - slot) % SHARDS)


def shard_folder_name(shard: int) -> str:
    return f"shard-{shard}"


def on_each_shard(
    work: Callable[[int], T], pool: Executor | None = None, parallel: bool = True
) -> list[T]:
    """`work(shard)` for every shard at the same time, the first in the calling thread,
    the others in `pool` (the searches' own by default); the results in shard order.
    Every shard's work is waited for before the first failure is raised.  Not
    `parallel`: one after the other in the calling thread (for work so small that
    handing it to another thread would cost more than it saves)."""
    if not parallel:
        return [work(shard) for shard in range(SHARDS)]
    others = [(pool or _SEARCH_POOL).submit(work, shard) for shard in range(1, SHARDS)]
    results: list[T] = []
    failure: BaseException | None = None
    try:
        results.append(work(0))
    except BaseException as exc:  # the other shards still finish before it is raised
        failure = exc
    for future in others:
        try:
            results.append(future.result())
        except BaseException as exc:
            failure = failure or exc
    if failure is not None:
        raise failure
    return results
