"""Search for the reader: the search engine (`missive.search`) when it is installed,
SQLite FTS5 through the store until then.  Either way: total, hits with snippets marked
by <mark>, facets with counts.  Snippets are escaped here and only <mark> is let through."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from missive.store import Store, search, sql

MARK = ("\x02", "\x03")  # private delimiters, turned into <mark> after escaping
FACET_SIZE = 10


@dataclass(slots=True)
class Results:
    query: str
    total: int
    hits: list[dict[str, Any]]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    engine: str = "fts5"
    # False when the engine counted the facets of a large result set over a sample
    facets_exact: bool = True


def query_help() -> str:
    engine = _engine()
    return getattr(engine, "QUERY_HELP", None) or search.QUERY_HELP


FACETS = ("sender", "recipient", "kind", "year", "source", "entity")
# A facet filter as a clause of the search engine's query language.
ENGINE_FIELDS = {
    "sender": "from", "recipient": "to", "kind": "kind", "year": "year",
    "source": "source", "entity": "mentions",
}  # fmt: skip


def query_help_html() -> str:
    """The query help (markdown) as HTML; raw HTML in it is not let through."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").render(query_help())


def run_search(
    store: Store, query: str, *, limit: int, offset: int, filters: dict[str, str] | None = None
) -> Results:
    """Ranked hits narrowed by facet `filters`; raises QueryError on a malformed query."""
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    engine = _engine()
    if engine is not None:
        return _from_engine(engine, store, query, limit, offset, filters)
    return _from_fts(store, query, limit, offset, filters)


def _engine() -> Any:
    try:
        import missive.search as engine  # the search issue's engine, once it has landed
    except ImportError:
        return None
    return engine if hasattr(engine, "search") else None


def engine_query(query: str, filters: dict[str, str]) -> str:
    clauses = [f"{ENGINE_FIELDS[name]}:{_quoted(value)}" for name, value in filters.items()]
    return " ".join([f"({query})" if clauses and " OR " in query else query, *clauses])


def _quoted(value: str) -> str:
    if re.fullmatch(r"[\w.*-]+", value):
        return value
    return '"' + value.replace('"', " ") + '"'


def _from_engine(
    engine: Any, store: Store, query: str, limit: int, offset: int, filters: dict[str, str]
) -> Results:
    result = engine.search(store.path, engine_query(query, filters), limit=limit, offset=offset)
    hits = [_hit_dict(h) for h in result.hits]
    for hit in hits:
        hit["snippet_html"] = reescape_marked(hit.get("snippet") or "")
    facets = {
        str(name): [(str(value), int(count)) for value, count in values]
        for name, values in (result.facets or {}).items()
        if values
    }
    return Results(
        query,
        int(result.total),
        hits,
        facets,
        engine="missive.search",
        facets_exact=bool(getattr(result, "facets_exact", True)),
    )


def _hit_dict(hit: Any) -> dict[str, Any]:
    if isinstance(hit, dict):
        return dict(hit)
    names = ("id", "number", "source", "date", "senders", "recipients", "score", "snippet")
    return {name: getattr(hit, name, None) for name in names}


def _from_fts(
    store: Store, query: str, limit: int, offset: int, filters: dict[str, str]
) -> Results:
    store.count_text(query)  # raises QueryError, with help, when FTS5 cannot read the query
    params = {"query": query, **{name: filters.get(name) for name in FACETS if name != "entity"}}
    conn = store.conn
    total = conn.execute(sql.READER_FTS_COUNT, params).fetchone()[0]
    ranked = conn.execute(
        sql.READER_FTS_RANKED, {**params, "limit": limit, "offset": offset}
    ).fetchall()
    hits = [_fts_hit(conn, query, rowid, -score) for rowid, score in ranked]
    counters: dict[str, Counter] = {name: Counter() for name in FACETS}
    for senders, recipients, kind, year, source in conn.execute(sql.READER_FTS_FACETS, params):
        counters["sender"].update(json.loads(senders))
        counters["recipient"].update(json.loads(recipients))
        counters["kind"][kind or "unknown"] += 1
        counters["year"][year or "undated"] += 1
        counters["source"][source] += 1
    facets = {name: c.most_common(FACET_SIZE) for name, c in counters.items() if c}
    return Results(query, total, hits, facets)


def _fts_hit(conn: Any, query: str, rowid: int, score: float) -> dict[str, Any]:
    doc_id, number, source, date, senders, recipients = conn.execute(
        sql.SEARCH_HIT_ROW, (rowid,)
    ).fetchone()
    row = conn.execute(sql.SEARCH_SNIPPET, (*MARK, search.SNIPPET_TOKENS, query, rowid)).fetchone()
    raw = row[0] if row else ""
    return {
        "id": doc_id, "number": number, "source": source, "date": date,
        "senders": json.loads(senders), "recipients": json.loads(recipients),
        "score": round(score, 6),
        "snippet": raw.replace(MARK[0], "<mark>").replace(MARK[1], "</mark>"),
        "snippet_html": safe_snippet(raw, MARK),
    }  # fmt: skip


def safe_snippet(snippet: str, mark: tuple[str, str]) -> str:
    """`snippet` escaped as HTML, its marked words wrapped in <mark>."""
    escaped = html.escape(snippet, quote=True)
    opening, closing = (html.escape(m, quote=True) for m in mark)
    return escaped.replace(opening, "<mark>").replace(closing, "</mark>")


_MARKED = re.compile(r"<mark>(.*?)</mark>", re.S)


def reescape_marked(snippet: str) -> str:
    """An engine's HTML snippet rebuilt: every text part unescaped and escaped again,
    so only <mark> survives whatever the engine let through."""
    out, at = [], 0
    for match in _MARKED.finditer(snippet):
        out.append(_reescape(snippet[at : match.start()]))
        out.append("<mark>" + _reescape(match.group(1)) + "</mark>")
        at = match.end()
    out.append(_reescape(snippet[at:]))
    return "".join(out)


def _reescape(text: str) -> str:
    return html.escape(html.unescape(text), quote=True)
