"""search(): a query string in, ranked hits with snippets, a total and facets out.

Every shard of the index (shards.py) does its part at the same time: compiles the
query against its own dictionary, finds its best hits (the page and a margin) with its
count, and counts its facets.  The page is made as soon as every shard has offered its
best hits: they are ordered by score (ties by date, then shard and index order), so a
page holds the same documents whatever the page size; each shard then reads the stored
documents of its own hits on the page and makes their snippets (only the page's are
read), while the others count their facets.  The totals and facet counts add up.
BM25 is computed per shard, from each shard's own word statistics, as distributed
search engines do: with documents spread by row number the two differ very little.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, cast

import tantivy

from missive.errors import QueryError
from missive.search import facets
from missive.search.compile import compile_query
from missive.search.fields import NO_DATE
from missive.search.index import open_index
from missive.search.query import Node, parse
from missive.search.shards import on_each_shard
from missive.search.snippet import Terms, hit_terms, snippet

MAX_LIMIT = 1000
# Below this many documents a search takes a millisecond or two and the shards are
# searched one after the other: waking another thread (tens of microseconds on an
# idle machine, far more on a busy one) would cost more than it saves; so on one core.
PARALLEL_FROM_DOCS = 20_000
_CORES = os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching document.  `score` is BM25 (0.0 under sort:date); `snippet` is
    HTML-safe text with the hit terms in ``<mark>…</mark>``."""

    id: str
    number: int | None
    source: str
    date: str | None
    senders: list[str]
    recipients: list[str]
    score: float
    snippet: str


@dataclass(slots=True)
class SearchResult:
    """`total` documents match; `hits` is the requested page; `facets` maps a facet
    (sender, recipient, year, kind, source, entity) to (value, count) pairs, most first
    (years in order).  Over a large result set the facet counts are estimates from a
    fixed sample, flagged by `facets_exact` (see missive.search.facets); the total is
    always exact."""

    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    query: str = ""
    facets_exact: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md: total, hits, facets (pairs as [value, count]),
        plus whether the facet counts are exact."""
        return {
            "total": self.total,
            "hits": [asdict(hit) for hit in self.hits],
            "facets": {name: [list(pair) for pair in pairs] for name, pairs in self.facets.items()},
            "facets_exact": self.facets_exact,
        }


def search(
    db_path: str | Path, query: str, *, limit: int = 10, offset: int = 0, exact: bool = False
) -> SearchResult:
    """Run `query` (see QUERY_HELP) over the index of the database at `db_path`.

    Facets of a very large result set are counted over a fixed sample (fast, flagged
    by `facets_exact`); `exact` counts every document instead, however long it takes.

    Raises QueryError for a malformed query, StoreError when the database is missing.
    """
    parsed = parse(query)
    if limit < 0 or offset < 0:
        raise QueryError("limit and offset must be zero or more")
    limit = min(limit, MAX_LIMIT)
    index = open_index(db_path)
    searchers = index.searchers()
    terms = hit_terms(parsed.root)
    by_date = parsed.sort == "date" or not terms  # no text, equal scores: date order
    wanted = offset + limit if limit else 0  # no page: the count alone
    documents = sum(searcher.num_docs for searcher in searchers)
    parallel = _CORES > 1 and documents >= PARALLEL_FROM_DOCS
    page = _Page(searchers, terms, by_date, offset, wanted, shared=parallel)
    work = partial(_shard_part, parsed.root, index.schema, wanted, exact, page)
    try:
        parts = on_each_shard(lambda shard: work(shard, searchers[shard]), parallel=parallel)
        hits = page.hits([part.hits for part in parts])
    except ValueError as exc:
        raise QueryError(f"cannot run {query!r} ({exc}); see the query help") from exc
    counts = facets.merge([part.counts for part in parts])
    return SearchResult(
        total=sum(part.total for part in parts),
        hits=hits,
        facets=counts.facets,
        query=query,
        facets_exact=counts.exact,
    )


# A hit of the merged list: (score, shard, address).
_Ranked = tuple[float, int, Any]
# The hits of the page one shard read: page position -> hit.
_PageHits = dict[int, Hit]


@dataclass(slots=True)
class _ShardPart:
    """What one shard found: its total, its facet counts, and the hits of the page it
    holds (None when it left them to the calling thread)."""

    total: int
    counts: facets.Counts
    hits: _PageHits | None


def _shard_part(
    root: Node | None,
    schema: tantivy.Schema,
    wanted: int,
    exact: bool,
    page: _Page,
    shard: int,
    searcher: tantivy.Searcher,
) -> _ShardPart:
    """One shard's share of a search: its best hits and total, its facet counts, and the
    stored documents and snippets of its hits on the page.

    The page is known once every shard has offered its best hits.  The shard that
    completes it reads its page hits first (Python, holding the interpreter's lock)
    while the others count their facets (in Rust, without it); the others count their
    facets first, then read theirs (see ``_Page.read``) while it counts.
    """
    try:
        query = compile_query(root, searcher, schema)
        ranked, total = _ranked(searcher, query, page.by_date, wanted)
        if page.offer(shard, ranked):
            hits = page.read(shard, searcher)
            # the facets know the total: exact for a small result set, else over a sample
            counts = facets.count(searcher, schema, query, total, exact)
        else:
            counts = facets.count(searcher, schema, query, total, exact)
            hits = page.read(shard, searcher)
    except BaseException:
        page.abandon()  # no other shard waits for the page in vain
        raise
    return _ShardPart(total, counts, hits)


def _ranked(
    searcher: tantivy.Searcher, query: tantivy.Query, by_date: bool, wanted: int
) -> tuple[list[tuple[float, Any]], int]:
    """The shard's first `wanted` hits (and a margin, in relevance order) as (score or
    day, address), and its total.

    The total is counted in the same pass.  Through tantivy-py 0.27 a top-k search
    scores every match whether or not it counts them (its collectors give no
    block-max pruning: measured, 150,000 matches of which ten score far above the
    rest took 1.0 ms without the count, 1.4 ms with it), so a count apart would only
    add a second pass; at a million letters the most frequent words' top-10 took
    7.3/12.8 ms (CPU p50/p95) with the count, 8.2/11.8 ms without it plus the total
    from document frequencies.
    """
    if wanted == 0:
        return [], int(searcher.search(query, 1, count=True).count or 0)
    if by_date:
        result = searcher.search(
            query, wanted, count=True, order_by_field="day", order=tantivy.Order.Asc
        )
    else:
        result = searcher.search(query, wanted + _TIE_MARGIN, count=True)
    return result.hits, int(result.count or 0)


# Equal scores (to 4 places) are ordered by date, then index order; how many hits one
# asks the engine for must not change which documents a page holds, so when the hit
# after the page ties with its last one, the tied hits must be there too: the engine
# is asked for _TIE_MARGIN more than the page, in the same pass (a larger top-k heap
# costs next to nothing; asking for thousands, for a word whose matches mostly score
# alike, would cost more than the whole query).
_TIE_MARGIN = 32


class _Page:
    """The page of one search: made from the shards' best hits once all have offered
    theirs, then read shard by shard (stored documents, snippets).

    `shared`: the shards run at the same time, each reading its own page hits if the
    page is known by then (the calling thread waits for it); else they run in turn.
    Hits a shard left unread are read at the end by ``hits``."""

    def __init__(
        self,
        searchers: list[tantivy.Searcher],
        terms: Terms,
        by_date: bool,
        offset: int,
        wanted: int,
        shared: bool,
    ) -> None:
        self.searchers = searchers
        self.terms = terms
        self.by_date = by_date
        self.offset = offset
        self.wanted = wanted
        self.shared = shared
        self._offers: list[list[tuple[float, Any]] | None] = [None] * len(searchers)
        self._lock = threading.Lock()
        self._known = threading.Event()
        self._entries: list[_Ranked] | None = None
        self._caller = threading.get_ident()

    def offer(self, shard: int, ranked: list[tuple[float, Any]]) -> bool:
        """Take one shard's best hits; True when they were the last ones and the page
        has been made."""
        with self._lock:
            self._offers[shard] = ranked
            if any(offer is None for offer in self._offers):
                return False
        offers = cast(list[list[tuple[float, Any]]], self._offers)
        if self.by_date:
            self._entries = _page_in_date_order(offers, self.offset, self.wanted)
        else:
            self._entries = _page_in_relevance_order(
                self.searchers, offers, self.offset, self.wanted
            )
        self._known.set()
        return True

    def abandon(self) -> None:
        self._known.set()

    def read(self, shard: int, searcher: tantivy.Searcher) -> _PageHits | None:
        """The page hits `shard` holds; None when the page is not known yet or will
        never be (a failure): the calling thread reads them at the end.  Only the
        calling thread waits for the page: a pool thread never blocks on another
        search's progress (under load, a woken thread can wait long for a core, and
        the pool's work queued behind it with it)."""
        if self.shared and threading.get_ident() == self._caller:
            self._known.wait()  # it waits for the other shards anyway
        if self._entries is None:
            return None
        return {
            at: _hit(searcher.doc(address).to_dict(), score, self.terms)
            for at, (score, of, address) in enumerate(self._entries)
            if of == shard
        }

    def hits(self, read: list[_PageHits | None]) -> list[Hit]:
        """The page in order, from what the shards read (the rest read here)."""
        assert self._entries is not None
        found: _PageHits = {}
        for shard, hits in enumerate(read):
            if hits is None:
                hits = self.read(shard, self.searchers[shard]) or {}
            found.update(hits)
        return [found[at] for at in range(len(self._entries))]


def _page_in_date_order(
    offers: list[list[tuple[float, Any]]], offset: int, wanted: int
) -> list[_Ranked]:
    """Hits `offset` to `wanted` in (date, shard, the shard's own order) order."""
    merged = sorted(
        (day, shard, rank, address)
        for shard, hits in enumerate(offers)
        for rank, (day, address) in enumerate(hits)
    )
    return [(0.0, shard, address) for _, shard, _, address in merged[offset:wanted]]


def _page_in_relevance_order(
    searchers: list[tantivy.Searcher],
    offers: list[list[tuple[float, Any]]],
    offset: int,
    wanted: int,
) -> list[_Ranked]:
    """Hits `offset` to `wanted` in (score to 4 places, date, shard, index order) order.
    A group of equal scores is ordered by the date column, so no stored document is
    read but the page's own."""
    merged = sorted(
        ((score, shard, address) for shard, hits in enumerate(offers) for score, address in hits),
        key=lambda hit: -hit[0],
    )
    rounded = [round(hit[0], 4) for hit in merged]
    end = min(wanted, len(merged))
    while 0 < end < len(merged) and rounded[end] == rounded[end - 1]:
        end += 1  # the whole group of equal scores the page ends in
    keys = _date_keys(searchers, merged[:end], rounded[:end])
    order = sorted(range(end), key=lambda i: (-rounded[i], keys.get(i, _UNTIED)))
    return [merged[i] for i in order[offset:wanted]]


_UNTIED = (0, 0, 0, 0)


def _date_keys(
    searchers: list[tantivy.Searcher], hits: list[_Ranked], rounded: list[float]
) -> dict[int, tuple[int, int, int, int]]:
    """(day, shard, segment, doc) of each hit whose score (to 4 places) another hit
    shares: one read of the date column per shard."""
    shared = Counter(rounded)
    tied = [i for i, score in enumerate(rounded) if shared[score] > 1]
    keys: dict[int, tuple[int, int, int, int]] = {}
    for shard, searcher in enumerate(searchers):
        mine = [i for i in tied if hits[i][1] == shard]
        if not mine:
            continue
        days = searcher.fast_field_values("day", [hits[i][2] for i in mine])
        for i, day in zip(mine, days, strict=True):
            address = hits[i][2]
            keys[i] = (NO_DATE if day is None else day, shard, address.segment_ord, address.doc)
    return keys


def _hit(doc: dict[str, list[Any]], score: float, terms: Terms) -> Hit:
    get = doc.get
    return Hit(
        id=(get("id") or _NONE)[0],
        number=(get("number") or _NONE)[0],
        source=(get("source") or _NONE)[0] or "",
        date=(get("date") or _NONE)[0] or None,
        senders=list(get("senders", [])),
        recipients=list(get("recipients", [])),
        score=round(float(score), 6),
        snippet=snippet(
            (
                (get("body") or _NONE)[0] or "",
                (get("notes") or _NONE)[0] or "",
                (get("heading") or _NONE)[0] or "",
            ),
            terms,
        ),
    )


_NONE = [None]  # a field the document lacks
