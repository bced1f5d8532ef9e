"""Search benchmark: missive's search (Tantivy, with facets and snippets) against the bare
Tantivy engine and the store's own SQLite FTS5 table, in one process, on the same letters.

    .venv/bin/python benchmarks/search.py                  # N = 10,000 and 100,000
    .venv/bin/python benchmarks/search.py --sizes 1000000
    .venv/bin/python benchmarks/search.py --quick          # N = 300 (smoke test)

For each N: synthetic letters (``synth.py``: sentences of the MIA sample) are ingested
through the library; the index is then rebuilt from the store to time the build
(docs/s) and measure its size.  200 queries of six kinds — single words of high, mid
and low frequency, two-word AND, two-word phrases, and word + sender + date range —
run top-10 with snippets through

- ``missive``: ``missive.search.search`` (parse, sync check, top-10, snippets, total
  and six facets over the whole result set);
- ``tantivy``: the same compiled query on the bare engine doing the same work — top-10
  (count off), Tantivy's own snippet generator, the same facet aggregations — without
  missive's layers (parsing, sync check, tie-break by date, its snippets): the ratio;
- ``top10``: the bare engine's top-10 and stored fields alone (no facets, no snippets);
- ``fts5``: the store's FTS5 table, bm25 top-10 + snippets + count (the filtered
  kind joins the documents table for sender and date).

Each query runs once to warm up, then ``--passes`` times; the median per query feeds
p50/p95 per kind.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # the generator module beside this script

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "mia-stalin-roosevelt-1943.txt"
KINDS = ("word_high", "word_mid", "word_low", "and2", "phrase", "filtered")
QUERIES = 200

FTS_FILTERED = """
SELECT d.pk, bm25(documents_fts) AS score FROM documents_fts
CROSS JOIN documents d ON d.pk = documents_fts.rowid
WHERE documents_fts MATCH ? AND d.senders LIKE ? AND d.date BETWEEN ? AND ?
ORDER BY score LIMIT 10
"""
FTS_FILTERED_COUNT = """
SELECT count(*) FROM documents_fts CROSS JOIN documents d ON d.pk = documents_fts.rowid
WHERE documents_fts MATCH ? AND d.senders LIKE ? AND d.date BETWEEN ? AND ?
"""
FTS_SNIPPET = """
SELECT snippet(documents_fts, -1, '<mark>', '</mark>', '…', 16) FROM documents_fts
WHERE documents_fts MATCH ? AND rowid = ?
"""


def build(n: int, work: Path) -> tuple[Path, float, float, int]:
    """Ingest n synthetic letters; return db, ingest seconds, index build seconds, index bytes."""
    from missive.ingest import ingest_paths
    from missive.search import reindex
    from missive.search.index import index_dir

    pool = synth.load_pool(SAMPLE)
    files = synth.write_split(pool, work / "letters", n, per_file=200)
    db = work / "bench.db"
    start = time.perf_counter()
    report = ingest_paths(files, db)
    ingest_seconds = time.perf_counter() - start
    if report.failures:
        raise SystemExit(f"ingest failed: {report.failures[:3]}")
    start = time.perf_counter()
    reindex(db)
    build_seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in index_dir(db).rglob("*") if p.is_file())
    return db, ingest_seconds, build_seconds, size


def make_queries(db: Path, count: int, seed: int = 5) -> list[tuple[str, str, dict]]:
    """(kind, missive query, FTS5 parameters) for `count` queries of the six kinds."""
    from missive.store import Store

    rng = random.Random(seed)
    freq: Counter[str] = Counter()
    bigrams: list[tuple[str, str]] = []
    with Store(db) as store:
        for i, doc in enumerate(store.documents()):
            words = re.findall(r"[a-z]{4,}", doc["text"].lower())
            freq.update(set(words))
            if i % 50 == 0 and len(words) > 3:
                at = rng.randrange(len(words) - 1)
                bigrams.append((words[at], words[at + 1]))
    ranked = [w for w, _ in freq.most_common()]
    third = max(1, len(ranked) // 3)
    bands = {
        "word_high": ranked[:30],
        "word_mid": ranked[third : third + 200],
        "word_low": [w for w, c in freq.items() if 2 <= c <= 5] or ranked[-50:],
    }
    out = []
    for k in range(count):
        kind = KINDS[k % len(KINDS)]
        if kind in bands:
            word = rng.choice(bands[kind])
            out.append((kind, word, {"match": word}))
        elif kind == "and2":
            a, b = rng.choice(ranked[:300]), rng.choice(ranked[third : third + 300])
            out.append((kind, f"{a} {b}", {"match": f"{a} {b}"}))
        elif kind == "phrase":
            a, b = rng.choice(bigrams)
            out.append((kind, f'"{a} {b}"', {"match": f'"{a} {b}"'}))
        else:
            word = rng.choice(ranked[:300])
            sender = rng.choice(("stalin", "roosevelt"))
            year = rng.randrange(1941, 1946)
            months = sorted(rng.sample(range(1, 13), 2))
            query = f"{word} from:{sender} date:{year}-{months[0]:02d}..{year}-{months[1]:02d}"
            fts = {
                "match": word,
                "sender": f'%"{sender}"%',
                "low": f"{year}-{months[0]:02d}-01",
                "high": f"{year}-{months[1]:02d}-31",
            }
            out.append((kind, query, fts))
    return out


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def run_missive(db: Path, query: str) -> None:
    from missive.search import search

    result = search(db, query, limit=10)
    assert result.total >= len(result.hits)


def run_bare(db: Path, query: str) -> None:
    from missive.search.compile import compile_query
    from missive.search.index import open_index
    from missive.search.query import parse

    index = open_index(db)
    searcher = index._index.searcher()  # no sync check: the bare engine
    compiled = compile_query(parse(query).root, searcher, index.schema)
    for _, address in searcher.search(compiled, 10, count=False).hits:
        searcher.doc(address)


def run_bare_full(db: Path, query: str) -> None:
    """The same work with Tantivy's own parts: top-10, its snippets, the same facets."""
    import tantivy

    from missive.search.compile import compile_query
    from missive.search.engine import _AGGREGATIONS
    from missive.search.index import open_index
    from missive.search.query import parse

    index = open_index(db)
    searcher = index._index.searcher()
    compiled = compile_query(parse(query).root, searcher, index.schema)
    searcher.aggregate(compiled, _AGGREGATIONS)
    snippets = tantivy.SnippetGenerator.create(searcher, compiled, index.schema, "body")
    for _, address in searcher.search(compiled, 10, count=False).hits:
        snippets.snippet_from_doc(searcher.doc(address)).to_html()


def run_fts(conn, kind: str, params: dict) -> None:
    if kind == "filtered":
        args = (params["match"], params["sender"], params["low"], params["high"])
        rows = conn.execute(FTS_FILTERED, args).fetchall()
        conn.execute(FTS_FILTERED_COUNT, args).fetchone()
    else:
        rows = conn.execute(
            "SELECT rowid, bm25(documents_fts) AS s FROM documents_fts "
            "WHERE documents_fts MATCH ? ORDER BY s LIMIT 10",
            (params["match"],),
        ).fetchall()
        conn.execute(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", (params["match"],)
        ).fetchone()
    for rowid, _ in rows:
        conn.execute(FTS_SNIPPET, (params["match"], rowid)).fetchone()


def measure(db: Path, queries: list[tuple[str, str, dict]], passes: int) -> dict:
    import sqlite3

    conn = sqlite3.connect(db)
    engines = {
        "missive": lambda q: run_missive(db, q[1]),
        "bare": lambda q: run_bare(db, q[1]),
        "bare_full": lambda q: run_bare_full(db, q[1]),
        "fts5": lambda q: run_fts(conn, q[0], q[2]),
    }
    times: dict[tuple[str, str], list[float]] = {}
    for name, fn in engines.items():
        for q in queries:
            fn(q)  # warm up
            samples = [_time(lambda q=q, fn=fn: fn(q)) for _ in range(passes)]
            times.setdefault((name, q[0]), []).append(statistics.median(samples))
    conn.close()
    return times


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def report(n: int, ingest_s: float, build_s: float, size: int, times: dict) -> None:
    print(f"\nN = {n:,} letters: ingest {n / ingest_s:,.0f} docs/s (parse + store + index); "
          f"index rebuild {n / build_s:,.0f} docs/s; index {size / 1e6:,.1f} MB")  # fmt: skip
    header = ("kind", "missive p50", "p95", "tantivy p50", "p95", "ratio p50", "top10 p50",
              "fts5 p50", "p95")  # fmt: skip
    print("  ".join(f"{h:>11}" for h in header))
    for kind in (*KINDS, "all"):

        def pick(engine: str, kind: str = kind) -> list[float]:
            return [
                v for (e, k), vs in times.items() if e == engine and kind in (k, "all") for v in vs
            ]

        m, full, top, f = pick("missive"), pick("bare_full"), pick("bare"), pick("fts5")
        row = [
            kind,
            *(f"{x:.2f}" for x in (_pct(m, 0.5), _pct(m, 0.95), _pct(full, 0.5), _pct(full, 0.95))),
            f"{_pct(m, 0.5) / max(_pct(full, 0.5), 1e-6):.2f}x",
            f"{_pct(top, 0.5):.2f}",
            f"{_pct(f, 0.5):.2f}",
            f"{_pct(f, 0.95):.2f}",
        ]
        print("  ".join(f"{c:>11}" for c in row))
    print(
        "(milliseconds; tantivy = the bare engine doing the same work: top-10, its own\n"
        " snippets, the same facets; ratio = missive / tantivy; top10 = the engine's top-10\n"
        " alone, no facets or snippets)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=QUERIES)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="N = 300, 30 queries, 1 pass")
    args = parser.parse_args()
    sizes = [300] if args.quick else [int(s) for s in args.sizes.split(",")]
    count, passes = (30, 1) if args.quick else (args.queries, args.passes)
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix="missive-search-bench-"))
        try:
            db, ingest_s, build_s, size = build(n, work)
            queries = make_queries(db, count)
            times = measure(db, queries, passes)
            report(n, ingest_s, build_s, size, times)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
