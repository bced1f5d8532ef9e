"""What the reader asks of the store: lists, filters, summaries, neighbours, links and
entities, over one Store per server thread; corpus-wide figures kept until it changes."""

from __future__ import annotations

import json
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from missive import authority
from missive.store import Store, sql

PAGE_SIZES = (20, 50, 100)
SOURCE_LINES_KEPT = 8
SORTS = tuple(sql.READER_ORDERS)
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
FILTERS = ("sender", "recipient", "date_from", "date_to", "kind", "source")


@dataclass(frozen=True, slots=True)
class Filters:
    """The documents list's query: every field optional; a shareable URL says them all."""

    sender: str | None = None
    recipient: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    kind: str | None = None
    source: str | None = None
    sort: str = "edition"
    page: int = 1
    per_page: int = PAGE_SIZES[0]

    def params(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FILTERS}

    def query_args(self, **changes: Any) -> dict[str, Any]:
        """The URL query of these filters (defaults left out), with `changes` applied."""
        values = {**self.params(), "sort": self.sort, "page": self.page, "per_page": self.per_page}
        values.update(changes)
        defaults = {"sort": "edition", "page": 1, "per_page": PAGE_SIZES[0]}
        return {k: v for k, v in values.items() if v not in (None, "") and defaults.get(k) != v}


class Reader:
    """Read-only questions the web pages ask; one SQLite connection per thread."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._local = threading.local()
        self._memo: dict[str, tuple[tuple, Any]] = {}
        self._lock = threading.Lock()
        self.names = authority.load()

    @property
    def store(self) -> Store:
        opened = getattr(self._local, "store", None)
        if opened is None:
            opened = self._local.store = Store(self.db_path)
        return opened

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read inside sees the store as of one moment (one read transaction).

        Without it each statement sees its own moment, and a page's count and its rows
        could straddle an ingest's commit."""
        conn = self.store.conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    def fingerprint(self) -> tuple:
        """Changes whenever a source is ingested or replaced, or a correction is made."""
        return tuple(self.store.conn.execute(sql.READER_FINGERPRINT).fetchone())

    def _memoized(self, name: str, compute: Any) -> Any:
        """`compute()`, kept until the store changes: corpus-wide figures cost a scan."""
        fingerprint = self.fingerprint()
        with self._lock:
            cached = self._memo.get(name)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        value = compute()
        with self._lock:
            self._memo[name] = (fingerprint, value)
        return value

    def display_name(self, key: str) -> str:
        return self.names.display_name(key)

    # --- lists ---------------------------------------------------------------

    def list_documents(self, filters: Filters) -> tuple[int, list[dict[str, Any]]]:
        params = filters.params()
        conn = self.store.conn
        total = conn.execute(sql.READER_COUNT, params).fetchone()[0]
        page = sql.READER_PAGE.format(order=sql.READER_ORDERS[filters.sort])
        rows = conn.execute(
            page,
            {**params, "limit": filters.per_page, "offset": (filters.page - 1) * filters.per_page},
        ).fetchall()
        names = self._memoized("source ids", lambda: dict(conn.execute(sql.READER_SOURCE_NAMES)))
        return total, self._summaries_of_rows([(*row[:6], names.get(row[6])) for row in rows])

    def summaries(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Short descriptions (number, date, parties, incipit) of documents by id."""
        if not ids:
            return {}
        rows = self.store.conn.execute(sql.READER_SUMMARIES, (json.dumps(ids),)).fetchall()
        return {s["id"]: s for s in self._summaries_of_rows(rows)}

    def _summaries_of_rows(self, rows: list[tuple]) -> list[dict[str, Any]]:
        ids = [row[0] for row in rows]
        incipits = dict(self.store.conn.execute(sql.READER_INCIPITS, (json.dumps(ids),)))
        corrected = self._corrected_ids()
        out = []
        for doc_id, number, date, kind, senders, recipients, source in rows:
            summary = {
                "id": doc_id, "number": number, "date": date, "kind": kind,
                "senders": self._people(json.loads(senders)),
                "recipients": self._people(json.loads(recipients)),
                "source": source, "incipit": incipits.get(doc_id) or "",
            }  # fmt: skip
            if doc_id in corrected:
                summary = self._corrected_summary(summary)
            out.append(summary)
        return out

    def _corrected_summary(self, summary: dict[str, Any]) -> dict[str, Any]:
        doc = self.store.document(summary["id"])
        if doc is None:
            return summary
        return {
            **summary,
            "number": doc["number"],
            "date": doc["date"],
            "kind": doc["kind"],
            "senders": self._people([p["key"] for p in doc["senders"]]),
            "recipients": self._people([p["key"] for p in doc["recipients"]]),
        }

    def _people(self, keys: list[str]) -> list[dict[str, str]]:
        return [{"key": k, "name": self.display_name(k)} for k in keys]

    def _corrected_ids(self) -> set[str]:
        return {row[0] for row in self.store.conn.execute(sql.READER_CORRECTED_IDS)}

    # --- the home page ---------------------------------------------------------

    def overview(self, top: int = 12) -> dict[str, Any]:
        return self._memoized(f"overview-{top}", lambda: self._overview(top))

    def _overview(self, top: int) -> dict[str, Any]:
        conn = self.store.conn
        first, last = conn.execute(sql.READER_DATE_SPAN).fetchone()
        correspondents = [
            {"key": k, "name": self.display_name(k), "sent": s, "received": r, "total": s + r}
            for k, s, r in conn.execute(sql.READER_CORRESPONDENTS, (top,))
        ]
        return {
            "stats": self.store.stats(),
            "sources": self.overview_sources(),
            "date_span": {"first": first, "last": last},
            "timeline": self.timeline(),
            "correspondents": correspondents,
            "kinds": self.overview_kinds(),
        }

    def timeline(self, directions: int = 4) -> dict[str, Any]:
        """Documents per month, split by the most frequent directions (sender → recipient)."""
        per_month: dict[str, Counter] = defaultdict(Counter)
        totals: Counter = Counter()
        for month, senders, recipients, count in self.store.conn.execute(sql.READER_MONTHS):
            if not _MONTH.match(month or ""):
                continue
            label = self._direction(json.loads(senders), json.loads(recipients))
            per_month[month][label] += count
            totals[label] += count
        kept = [label for label, _ in totals.most_common(directions)]
        months = []
        for month in _month_range(min(per_month, default=None), max(per_month, default=None)):
            counts = per_month.get(month, Counter())
            row = {label: counts.get(label, 0) for label in kept}
            row["other"] = sum(n for label, n in counts.items() if label not in kept)
            months.append({"month": month, "counts": row, "total": sum(counts.values())})
        has_other = any(m["counts"]["other"] for m in months)
        return {"directions": [*kept, *(["other"] if has_other else [])], "months": months}

    def _direction(self, senders: list[str], recipients: list[str]) -> str:
        def names(keys: list[str]) -> str:
            return " & ".join(self.display_name(k).split()[-1] for k in keys) or "unknown"

        return f"{names(senders)} → {names(recipients)}"

    def overview_kinds(self) -> list[dict[str, Any]]:
        def compute() -> list[dict[str, Any]]:
            return [{"kind": k, "count": n} for k, n in self.store.conn.execute(sql.READER_KINDS)]

        return self._memoized("kinds", compute)

    def overview_sources(self) -> list[dict[str, Any]]:
        return self._memoized("sources", lambda: [_source_summary(s) for s in self.store.sources()])

    def source_names(self) -> list[str]:
        return [s["name"] for s in self.overview_sources()]

    def source_lines(self, name: str) -> list[str] | None:
        """The lines of a source's original text (the last few sources asked are kept)."""

        def compute() -> list[str] | None:
            text = self.store.source_text(name)
            return None if text is None else text.splitlines()

        lines = self._memoized("lines:" + name, compute)
        with self._lock:
            kept = [k for k in self._memo if k.startswith("lines:")]
            for old in kept[:-SOURCE_LINES_KEPT]:
                del self._memo[old]
        return lines

    def correspondent_keys(self, top: int = 200) -> list[dict[str, str]]:
        def compute() -> list[dict[str, str]]:
            rows = self.store.conn.execute(sql.READER_CORRESPONDENTS, (top,))
            return self._people(sorted(k for k, _, _ in rows))

        return self._memoized(f"correspondents-{top}", compute)

    def directions(self) -> dict[tuple[str, str], int]:
        """How many documents went from each person to each other person."""

        def compute() -> dict[tuple[str, str], int]:
            edges: Counter = Counter()
            for senders, recipients, count in self.store.conn.execute(sql.READER_DIRECTIONS):
                for sender in json.loads(senders):
                    for recipient in json.loads(recipients):
                        edges[(sender, recipient)] += count
            return dict(edges)

        return self._memoized("directions", compute)

    # --- one document ------------------------------------------------------------

    def document(self, doc_id: str) -> dict[str, Any] | None:
        return self.store.document(doc_id)

    def neighbours(self, doc_id: str) -> dict[str, Any]:
        """The previous and next top-level documents in the edition, and the parent."""
        conn = self.store.conn
        position = conn.execute(sql.READER_POSITION, (doc_id,)).fetchone()
        if position is None:
            return {"previous": None, "next": None, "parent": None}
        source_id, seq, parent = position
        previous = conn.execute(sql.READER_PREVIOUS, (source_id, seq)).fetchone()
        following = conn.execute(sql.READER_NEXT, (source_id, seq)).fetchone()
        ids = [row[0] for row in (previous, following) if row] + ([parent] if parent else [])
        found = self.summaries(ids)
        return {
            "previous": found.get(previous[0]) if previous else None,
            "next": found.get(following[0]) if following else None,
            "parent": found.get(parent) if parent else None,
        }

    def note(self, source: str, number: int, document: str | None = None) -> dict[str, Any] | None:
        """The source's note of that number; with `document`, the one its markers point at
        (footnotes numbered afresh in each document share their numbers)."""
        numbered = [n for n in self.store.notes(source) if n["number"] == number]
        cited = [n for n in numbered if document in (n.get("referenced_by") or [])]
        return (cited or numbered or [None])[0]

    # --- links and entities (the store's own tables) ------------------------------

    def links(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """``outgoing`` and ``incoming`` links of a document (incoming ones say ``from``)."""
        return self.store.links(doc_id)

    def missing_messages(self) -> list[dict[str, Any]]:
        return self.store.missing_messages()

    def entities(self) -> list[dict[str, Any]]:
        return self._memoized("entities", self.store.entities)

    def entity(self, key: str) -> dict[str, Any] | None:
        return next((e for e in self.entities() if e["key"] == key), None)

    def entity_name(self, key: str) -> str:
        return self.display_name(key)

    def co_mentioned_people(self, limit: int = 2000) -> list[dict[str, Any]]:
        """Pairs of people named in the same documents, strongest first (a corpus scan)."""
        return self._memoized(
            f"co-mentions-{limit}", lambda: self.store.cooccurrences(type_="person", limit=limit)
        )

    def thread(self, doc_id: str, limit: int = 500) -> list[str]:
        """The conversation `doc_id` belongs to: replies_to links followed both ways."""
        seen: set[str] = set()
        todo = [doc_id]
        while todo and len(seen) < limit:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            links = self.links(current)
            todo.extend(
                link["target"] for link in links["outgoing"]
                if link.get("type") == "replies_to" and link.get("target")
            )  # fmt: skip
            todo.extend(
                link["from"] for link in links["incoming"] if link.get("type") == "replies_to"
            )
        return list(seen)


def _source_summary(source: dict[str, Any]) -> dict[str, Any]:
    metadata = source.get("metadata") or {}
    return {
        "name": source["name"],
        "title": metadata.get("title") or source["name"],
        "citation": metadata.get("citation") or metadata.get("publisher") or "",
        "rights": metadata.get("rights") or "",
        "archive": metadata.get("archive") or "",
        "documents": source["documents"],
        "notes": source["notes"],
        "format": source.get("format"),
        "sha256": source.get("sha256"),
        "ingested_at": source.get("ingested_at"),
    }


def _month_range(first: str | None, last: str | None) -> list[str]:
    if first is None or last is None:
        return []
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out = []
    while (year, month) <= end and len(out) < 1200:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
