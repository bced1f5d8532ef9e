"""search(): a query string in, ranked hits with snippets, a total and facets out.

Every shard of the index (shards.py) does its part at the same time: compiles the
query against its own dictionary, finds its best hits (the page and a margin) with its
count, and counts its facets.  Then the parts are merged: the totals and facet counts
add up, and the hits are ordered by score (ties by date, then shard and index order),
so a page holds the same documents whatever the page size.  Only the final page's
stored documents are read, and only they get snippets.  BM25 is computed per shard,
from each shard's own word statistics, as distributed search engines do: with
documents spread by row number the two differ very little.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import Any

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
    work = partial(_shard_part, parsed.root, index.schema, by_date, wanted, exact)
    try:
        documents = sum(searcher.num_docs for searcher in searchers)
        parallel = _CORES > 1 and documents >= PARALLEL_FROM_DOCS
        parts = on_each_shard(lambda shard: work(searchers[shard]), parallel=parallel)
        if by_date:
            page = _page_in_date_order(parts, offset, wanted)
        else:
            page = _page_in_relevance_order(searchers, parts, offset, wanted)
        hits = [
            _hit(searchers[shard].doc(address).to_dict(), score, terms)
            for score, shard, address in page
        ]
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


@dataclass(slots=True)
class _ShardPart:
    """What one shard found: its total, its best hits as (score or day, address) in
    its order, and its facet counts."""

    total: int
    hits: list[tuple[float, Any]]
    counts: facets.Counts


def _shard_part(
    root: Node | None,
    schema: tantivy.Schema,
    by_date: bool,
    wanted: int,
    exact: bool,
    searcher: tantivy.Searcher,
) -> _ShardPart:
    query = compile_query(root, searcher, schema)
    hits, total = _ranked(searcher, query, by_date, wanted)
    # the facets know the total: exact for a small result set, else over a sample
    counts = facets.count(searcher, schema, query, total, exact)
    return _ShardPart(total, hits, counts)


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


# A hit of the merged list: (score, shard, address).
_Ranked = tuple[float, int, Any]


def _page_in_date_order(parts: list[_ShardPart], offset: int, wanted: int) -> list[_Ranked]:
    """Hits `offset` to `wanted` in (date, shard, the shard's own order) order."""
    merged = sorted(
        (day, shard, rank, address)
        for shard, part in enumerate(parts)
        for rank, (day, address) in enumerate(part.hits)
    )
    return [(0.0, shard, address) for _, shard, _, address in merged[offset:wanted]]


def _page_in_relevance_order(
    searchers: list[tantivy.Searcher], parts: list[_ShardPart], offset: int, wanted: int
) -> list[_Ranked]:
    """Hits `offset` to `wanted` in (score to 4 places, date, shard, index order) order.
    A group of equal scores is ordered by the date column, so no stored document is
    read but the page's own."""
    merged = sorted(
        (
            (score, shard, address)
            for shard, part in enumerate(parts)
            for score, address in part.hits
        ),
        key=lambda hit: -hit[0],
    )
    chosen: list[_Ranked] = []
    start = 0
    for _, group in groupby(merged, key=lambda hit: round(hit[0], 4)):
        members = list(group)
        end = start + len(members)
        if end > offset and start < wanted:
            chosen += _by_date(searchers, members)[max(0, offset - start) : wanted - start]
        start = end
        if start >= wanted:
            break
    return chosen


def _by_date(searchers: list[tantivy.Searcher], members: list[_Ranked]) -> list[_Ranked]:
    if len(members) < 2:
        return members
    keys: dict[int, tuple[int, int, int, int]] = {}
    for shard, searcher in enumerate(searchers):
        mine = [i for i, member in enumerate(members) if member[1] == shard]
        if not mine:
            continue
        days = searcher.fast_field_values("day", [members[i][2] for i in mine])
        for i, day in zip(mine, days, strict=True):
            address = members[i][2]
            keys[i] = (NO_DATE if day is None else day, shard, address.segment_ord, address.doc)
    return [members[i] for i in sorted(range(len(members)), key=keys.__getitem__)]


def _hit(doc: dict[str, list[Any]], score: float, terms: Terms) -> Hit:
    first = {name: (values[0] if values else None) for name, values in doc.items()}
    return Hit(
        id=first["id"],
        number=first.get("number"),
        source=first.get("source") or "",
        date=first.get("date") or None,
        senders=list(doc.get("senders", [])),
        recipients=list(doc.get("recipients", [])),
        score=round(float(score), 6),
        snippet=snippet(
            (first.get("body") or "", first.get("notes") or "", first.get("heading") or ""),
            terms,
        ),
    )
