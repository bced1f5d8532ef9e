"""search(): a query string in, ranked hits with snippets, a total and facets out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

import tantivy

from missive.errors import QueryError
from missive.search import facets
from missive.search.compile import compile_query
from missive.search.fields import NO_DATE
from missive.search.index import open_index
from missive.search.query import parse
from missive.search.snippet import Terms, hit_terms, snippet

MAX_LIMIT = 1000


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
    searcher = index.searcher()
    compiled = compile_query(parsed.root, searcher, index.schema)
    terms = hit_terms(parsed.root)
    try:
        ranked, total = _ranked(searcher, compiled, parsed.sort, limit, offset, bool(terms))
        # the facets know the total: exact for a small result set, else over a sample
        counts = facets.count(searcher, index.schema, compiled, total, exact)
        hits = [_hit(doc, score, terms) for score, doc in ranked]
    except ValueError as exc:
        raise QueryError(f"cannot run {query!r} ({exc}); see the query help") from exc
    return SearchResult(
        total=total,
        hits=hits,
        facets=counts.facets,
        query=query,
        facets_exact=counts.exact,
    )


def _ranked(
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    sort: str,
    limit: int,
    offset: int,
    has_text: bool,
) -> tuple[list[tuple[float, dict[str, list[Any]]]], int]:
    """(score, stored fields) of the requested page of hits, and the total.

    The total is counted in the same pass.  Through tantivy-py 0.27 a top-k search
    scores every match whether or not it counts them (its collectors give no
    block-max pruning: measured, 150,000 matches of which ten score far above the
    rest took 1.0 ms without the count, 1.4 ms with it), so a count apart would only
    add a second pass; at a million letters the most frequent words' top-10 took
    7.3/12.8 ms (CPU p50/p95) with the count, 8.2/11.8 ms without it plus the total
    from document frequencies.
    """
    if limit == 0:
        return [], int(searcher.search(query, 1, count=True).count or 0)
    if sort == "date" or not has_text:  # no text, equal scores: date order is the tie-break
        result = searcher.search(
            query, limit, count=True, order_by_field="day", offset=offset, order=tantivy.Order.Asc
        )
        page = [(0.0, searcher.doc(address).to_dict()) for _, address in result.hits]
        return page, int(result.count or 0)
    wanted = offset + limit
    result = searcher.search(query, wanted + _TIE_MARGIN, count=True)
    return _page_in_relevance_order(searcher, result.hits, offset, wanted), int(result.count or 0)


# Equal scores (to 4 places) are ordered by date, then index order; how many hits one
# asks the engine for must not change which documents a page holds, so when the hit
# after the page ties with its last one, the tied hits must be there too: the engine
# is asked for _TIE_MARGIN more than the page, in the same pass (a larger top-k heap
# costs next to nothing; asking for thousands, for a word whose matches mostly score
# alike, would cost more than the whole query).
_TIE_MARGIN = 32


def _page_in_relevance_order(
    searcher: tantivy.Searcher, hits: list[tuple[float, Any]], offset: int, wanted: int
) -> list[tuple[float, dict[str, list[Any]]]]:
    """Hits `offset` to `wanted` in (score to 4 places, date, index order) order.  A group
    of equal scores is ordered by the date column, so no stored document is read but
    the page's own."""
    chosen: list[tuple[float, Any]] = []
    start = 0
    for _, group in groupby(hits, key=lambda hit: round(hit[0], 4)):
        members = list(group)
        end = start + len(members)
        if end > offset and start < wanted:
            chosen += _by_date(searcher, members)[max(0, offset - start) : wanted - start]
        start = end
        if start >= wanted:
            break
    return [(score, searcher.doc(address).to_dict()) for score, address in chosen]


def _by_date(
    searcher: tantivy.Searcher, members: list[tuple[float, Any]]
) -> list[tuple[float, Any]]:
    if len(members) < 2:
        return members
    days = searcher.fast_field_values("day", [address for _, address in members])
    keys = [
        (NO_DATE if day is None else day, address.segment_ord, address.doc)
        for day, (_, address) in zip(days, members, strict=True)
    ]
    return [member for _, member in sorted(zip(keys, members, strict=True), key=lambda kv: kv[0])]


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
