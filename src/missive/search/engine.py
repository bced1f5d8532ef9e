"""search(): a query string in, ranked hits with snippets, a total and facets out."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import tantivy

from missive.errors import QueryError
from missive.search.compile import compile_query
from missive.search.index import open_index
from missive.search.query import parse
from missive.search.snippet import Terms, hit_terms, snippet

MAX_LIMIT = 1000
_WORKERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="missive-facets")
FACET_SIZE = 20
# Facet name -> index field; every facet counts over the whole result set.
FACET_FIELDS = {
    "sender": "senders",
    "recipient": "recipients",
    "year": "year",
    "kind": "kind",
    "source": "source",
    "entity": "entities",
}
_AGGREGATIONS: dict[str, Any] = {
    "_total": {"value_count": {"field": "day"}},
    **{
        name: {"terms": {"field": f, "size": FACET_SIZE if name != "year" else 200}}
        for name, f in FACET_FIELDS.items()
    },
}


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
    (years in order)."""

    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    query: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md: total, hits, facets (pairs as [value, count])."""
        return {
            "total": self.total,
            "hits": [asdict(hit) for hit in self.hits],
            "facets": {name: [list(pair) for pair in pairs] for name, pairs in self.facets.items()},
        }


def search(db_path: str | Path, query: str, *, limit: int = 10, offset: int = 0) -> SearchResult:
    """Run `query` (see QUERY_HELP) over the index of the database at `db_path`.

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
    # Facets count the whole result set: the costliest part for a frequent word.  Tantivy
    # lets go of the GIL, so they are counted in a worker while the page is made here.
    counting = _WORKERS.submit(searcher.aggregate, compiled, _AGGREGATIONS)
    try:
        ranked = _ranked(searcher, compiled, parsed.sort, limit, offset, bool(terms))
        hits = [_hit(doc, score, terms) for score, doc in ranked]
        counts = counting.result()
    except ValueError as exc:
        raise QueryError(f"cannot run {query!r} ({exc}); see the query help") from exc
    return SearchResult(
        total=int(counts["_total"]["value"] or 0),
        hits=hits,
        facets=_facets(counts),
        query=query,
    )


def _ranked(
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    sort: str,
    limit: int,
    offset: int,
    has_text: bool,
) -> list[tuple[float, dict[str, list[Any]]]]:
    """(score, stored fields) of the requested page of hits."""
    if limit == 0:
        return []
    if sort == "date" or not has_text:  # no text, equal scores: date order is the tie-break
        result = searcher.search(
            query, limit, count=False, order_by_field="day", offset=offset, order=tantivy.Order.Asc
        )
        return [(0.0, searcher.doc(address).to_dict()) for _, address in result.hits]
    # count=False keeps block-max WAND pruning on; equal scores are ordered by date.
    result = searcher.search(query, offset + limit, count=False)
    docs = [(score, searcher.doc(address).to_dict()) for score, address in result.hits]
    docs.sort(key=lambda row: (-round(row[0], 4), (row[1].get("date") or ["9999"])[0] or "9999"))
    return docs[offset:]


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


def _facets(counts: dict[str, Any]) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    for name in FACET_FIELDS:
        buckets = counts.get(name, {}).get("buckets", [])
        pairs = [(_key(b["key"]), int(b["doc_count"])) for b in buckets]
        if name == "year":
            pairs.sort()
        out[name] = pairs
    return out


def _key(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
