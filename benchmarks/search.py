"""Search benchmark: missive's search against the bare Tantivy engine (and, up to 100,000
letters, the store's SQLite FTS5 table), in one process, on the same letters.

    .venv/bin/python benchmarks/search.py                          # N = 10,000 and 100,000
    .venv/bin/python benchmarks/search.py --sizes 10000,100000,1000000
    .venv/bin/python benchmarks/search.py --quick                  # N = 300 (smoke test)
    .venv/bin/python benchmarks/search.py --sizes 1000000 --keep DIR              # keep it
    .venv/bin/python benchmarks/search.py --sizes 1000000 --keep DIR --reuse-index
                                             # queries only, on the kept store and index

For each N: a store of N synthetic letters is written straight into SQLite by
``synth_store.py`` (missive's own schema; rows in bulk, no parsing: parsing a million
letters would take hours and is measured by ``ingest.py``).  The index is then built
from the store through missive's real rebuild path, ``missive.search.reindex``, and
timed (docs/s, wall and CPU seconds) and measured (MB on disk).  The bare engine's
index is built beside it (``bench.db.bare/``) from the same rows as ONE plain Tantivy
index (no shards; one writer with all the cores' threads, as missive built it before
it had shards), and timed too.

200 queries of six kinds — single words of high, mid and low frequency, two-word AND,
two-word phrases, and word + sender + date range — run top-10 with snippets through

- ``missive``: ``missive.search.search`` (parse, sync check, compile, top-10 with the
  tie-break by date, its snippets, the total and six facets; facets of a result set
  larger than ``facets.SAMPLE_TARGET`` are counted over a fixed sample, flagged);
- ``tantivy``: the same query on the bare engine doing the same work without
  missive's layers (one index, no shards, no threads): the compiled query, top-10 with
  the count and the stored fields, Tantivy's own snippet generator, the same facet
  aggregation (over a sample of the same size when missive samples): the ratio
  missive / tantivy is missive's overhead (below 1 when the shards' parallel search
  gains more than the layers cost);
- ``exact``: the bare engine with every facet and the total counted over the whole
  result set (what exact facets would cost);
- ``top10``: the bare engine's top-10 with the count and stored fields alone (no
  facets, no snippets): what the engine itself costs;
- ``fts5``: the store's FTS5 table, bm25 top-10 + snippets + count (N <= 100,000).

Each query runs once on every engine to warm up, then ``--passes`` times, the engines
taking turns so that they see the same machine; the median per query feeds p50/p95 per
kind, wall clock and CPU time.  The machine's load average is printed with each table:
other work on the machine shows in the wall-clock figures; ``crit`` (missive's critical
path: the CPU time of the calling thread's own work plus the slowest shard's) is about
the wall time on an idle machine with a core per shard, and is what to read when the
machine is busy.  ``top10 same`` is how many
of missive's ten best hits the one plain index also ranks in its ten best (mean per
query; hits whose score ties the tenth best's count as among the ten): missive scores
each shard with that shard's own word statistics.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # the generator modules beside this script
import synth_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "mia-stalin-roosevelt-1943.txt"
KINDS = ("word_high", "word_mid", "word_low", "and2", "phrase", "filtered")
QUERIES = 200
FTS_MAX = 100_000  # FTS5 above this takes minutes to fill and seconds a query
VOCABULARY_DOCS = 20_000  # documents read to find words of each frequency
TIES = 500  # hits tied with the tenth best that the top-10 comparison takes in

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


def build(n: int, work: Path, fts: bool, reuse_index: bool = False) -> dict[str, float]:
    """Write the store of n letters, build its index and the bare engine's; the figures
    of all three.  With `reuse_index`, a store and indexes kept by an earlier run are
    used as they are when they are of the current format (the build figures are then
    NaN)."""
    from missive.search import reindex
    from missive.search.index import index_dir, read_state

    db = work / "bench.db"
    # an index of another format would be rebuilt by the first search: timed here instead
    if reuse_index and _store_size(db) == n and read_state(index_dir(db)) is not None:
        size = sum(p.stat().st_size for p in index_dir(db).rglob("*") if p.is_file())
        figures = {"store_s": math.nan, "build_s": math.nan, "build_cpu": math.nan, "size": size}
        return figures | build_bare(db, n, reuse=True)
    start = time.perf_counter()
    if _store_size(db) == n:  # kept from an earlier run (--keep): the same letters
        store_s = math.nan
    else:
        db.unlink(missing_ok=True)
        synth_store.write_store(db, synth.load_pool(SAMPLE), n, with_fts=fts)
        store_s = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    reindex(db)
    build_s, build_cpu = time.perf_counter() - start, time.process_time() - cpu
    size = sum(p.stat().st_size for p in index_dir(db).rglob("*") if p.is_file())
    figures = {"store_s": store_s, "build_s": build_s, "build_cpu": build_cpu, "size": size}
    # the bare engine's index of a kept store is kept too, unless of another format
    return figures | build_bare(db, n, reuse=math.isnan(store_s))


BARE_SUFFIX = ".bare"
BARE_MARK = "bare-index.json"


def build_bare(db: Path, n: int, reuse: bool) -> dict[str, float]:
    """The bare engine's one plain index of the store's letters (missive's schema and
    index documents, no shards), built unless `reuse` finds one of this format and size."""
    import json

    import tantivy

    from missive.search.fields import INDEX_FORMAT, schema
    from missive.search.index import WRITER_HEAP_BYTES
    from missive.search.rows import index_batches
    from missive.search.text import ANALYZER, analyzer
    from missive.store import Store

    folder = Path(f"{db}{BARE_SUFFIX}")
    mark = folder / BARE_MARK
    wanted = {"format": INDEX_FORMAT, "documents": n}
    if reuse and mark.exists() and json.loads(mark.read_text()) == wanted:
        return {"bare_s": math.nan, "bare_cpu": math.nan}
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    start, cpu = time.perf_counter(), time.process_time()
    index = tantivy.Index(schema(), path=str(folder))
    index.register_tokenizer(ANALYZER, analyzer())
    writer = index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=min(4, os.cpu_count() or 1))
    with Store(db) as store:
        for batch in index_batches(store):
            for document in batch:
                writer.add_json(document)
    writer.commit()
    writer.wait_merging_threads()
    figures = {"bare_s": time.perf_counter() - start, "bare_cpu": time.process_time() - cpu}
    mark.write_text(json.dumps(wanted))
    return figures


def _store_size(db: Path) -> int | None:
    """How many letters the store at `db` holds; None when there is none."""
    if not db.exists():
        return None
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def make_queries(db: Path, count: int, seed: int = 5) -> list[tuple[str, str, dict]]:
    """(kind, missive query, FTS5 parameters) for `count` queries of the six kinds."""
    rng = random.Random(seed)
    freq: Counter[str] = Counter()
    bigrams: list[tuple[str, str]] = []
    conn = sqlite3.connect(db)
    total = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    step = max(1, total // VOCABULARY_DOCS)
    texts = conn.execute(
        "SELECT data ->> '$.text' FROM documents WHERE pk % ? = 0", (step,)
    ).fetchall()
    conn.close()
    for i, (text,) in enumerate(texts):
        words = re.findall(r"[a-z]{4,}", (text or "").lower())
        freq.update(sorted(set(words)))  # ties in a fixed order, whatever the hash seed
        if i % 50 == 0:  # a phrase of the text: two adjacent words of 4+ letters
            tokens = re.findall(r"[a-z]+", (text or "").lower())
            pairs = [p for p in itertools.pairwise(tokens) if min(map(len, p)) >= 4]
            if pairs:
                bigrams.append(rng.choice(pairs))
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


class Bare:
    """The bare engine on one plain index of the same letters: Tantivy calls only, no
    missive layers (built by ``build_bare``)."""

    def __init__(self, db: Path) -> None:
        import tantivy

        from missive.search.fields import schema
        from missive.search.text import ANALYZER, analyzer

        self.index = tantivy.Index(schema(), path=f"{db}{BARE_SUFFIX}", reuse=True)
        self.index.register_tokenizer(ANALYZER, analyzer())
        self.schema = self.index.schema

    def query(self, text: str):
        from missive.search.compile import compile_query
        from missive.search.query import parse

        searcher = self.index.searcher()
        return searcher, compile_query(parse(text).root, searcher, self.schema)

    def top10(self, text: str) -> None:
        searcher, query = self.query(text)
        for _, address in searcher.search(query, 10, count=True).hits:
            searcher.doc(address)

    def top10_ids(self, text: str) -> list[str]:
        """The ten best, and every hit whose score ties the tenth's (equal scores are in
        no particular order, and missive orders them by date)."""
        searcher, query = self.query(text)
        hits = searcher.search(query, 10 + TIES).hits
        if len(hits) > 10:
            tenth = round(hits[9][0], 4)
            hits = [hit for i, hit in enumerate(hits) if i < 10 or round(hit[0], 4) == tenth]
        return [searcher.doc(address).to_dict()["id"][0] for _, address in hits]

    def same_work(self, text: str, exact: bool = False) -> None:
        """Top-10 with the total, stored fields, Tantivy's snippets, and the facet
        aggregation missive makes (`exact`: every facet over the whole result set)."""
        import tantivy

        from missive.search import facets

        searcher, query = self.query(text)
        result = searcher.search(query, 10, count=True)
        facets.count(searcher, self.schema, query, result.count or 0, exact, shards=1)
        snippets = tantivy.SnippetGenerator.create(searcher, query, self.schema, "body")
        for _, address in result.hits:
            snippets.snippet_from_doc(searcher.doc(address)).to_html()


def run_missive(db: Path, query: str) -> None:
    from missive.search import search

    result = search(db, query, limit=10)
    assert result.total >= len(result.hits)


def critical_path_ms(db: Path, query: str) -> float:
    """missive's search timed by the CPU time of its longest path: the calling thread's
    own work plus the slowest shard's (thread CPU time of each).  On an idle machine
    with a core per shard this is about the wall time; unlike the wall time, it hardly
    moves with what else the machine runs."""
    from missive.search import engine, search

    spent: dict[int, float] = {}
    original = engine._shard_part

    def timed(*args):  # type: ignore[no-untyped-def]
        start = time.thread_time()
        try:
            return original(*args)
        finally:
            key = threading.get_ident()
            spent[key] = spent.get(key, 0.0) + time.thread_time() - start

    engine._shard_part = timed
    try:
        start = time.thread_time()
        search(db, query, limit=10)
        total = time.thread_time() - start
    finally:
        engine._shard_part = original
    own = spent.pop(threading.get_ident(), 0.0)
    return (total - own + max([own, *spent.values()])) * 1000


def run_fts(conn: sqlite3.Connection, kind: str, params: dict) -> None:
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


def _time(fn: Callable[[], None]) -> tuple[float, float]:
    """Wall and CPU (every thread of the process) milliseconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def measure(db: Path, queries: list[tuple[str, str, dict]], passes: int, fts: bool) -> dict:
    bare = Bare(db)
    conn = sqlite3.connect(db)
    engines: dict[str, Callable[[tuple], None]] = {
        "missive": lambda q: run_missive(db, q[1]),
        "tantivy": lambda q: bare.same_work(q[1]),
        "exact": lambda q: bare.same_work(q[1], exact=True),
        "top10": lambda q: bare.top10(q[1]),
    }
    if fts:
        engines["fts5"] = lambda q: run_fts(conn, q[0], q[2])
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for q in queries:  # engines interleaved, so that they see the same machine load
        for fn in engines.values():
            fn(q)  # warm up
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in engines}
        for _ in range(passes):
            for name, fn in engines.items():
                samples[name].append(_time(lambda q=q, fn=fn: fn(q)))
        for name, runs in samples.items():
            wall = statistics.median(s[0] for s in runs)
            cpu = statistics.median(s[1] for s in runs)
            times.setdefault((name, q[0]), []).append((wall, cpu))
        critical = statistics.median(critical_path_ms(db, q[1]) for _ in range(passes))
        times.setdefault(("critical", q[0]), []).append((critical, critical))
        same = len(set(top10_ids(db, q[1])) & set(bare.top10_ids(q[1])))
        times.setdefault(("same", q[0]), []).append((same, same))
    conn.close()
    return times


def top10_ids(db: Path, query: str) -> list[str]:
    from missive.search import search

    return [hit.id for hit in search(db, query, limit=10).hits]


def _pct(values: list[float], p: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def report(n: int, figures: dict[str, float], times: dict, load: tuple[float, float]) -> None:
    store_s = figures["store_s"]
    store = "store reused" if math.isnan(store_s) else f"store written {n / store_s:,.0f} rows/s"
    build_s = figures["build_s"]
    built = (
        "index reused"
        if math.isnan(build_s)
        else f"index build {n / build_s:,.0f} docs/s ({build_s:.1f} s wall, "
        f"{figures['build_cpu']:.1f} s CPU)"
    )
    bare_s = figures["bare_s"]
    if not math.isnan(bare_s):
        built += (
            f"; the bare engine's one index {n / bare_s:,.0f} docs/s ({bare_s:.1f} s wall, "
            f"{figures['bare_cpu']:.1f} s CPU)"
        )
    print(
        f"\nN = {n:,} letters: {store}; {built}; index {figures['size'] / 1e6:,.1f} MB; "
        f"load average {load[0]:.1f} before / {load[1]:.1f} after the queries"
    )
    header = ("kind", "missive p50", "p95", "tantivy p50", "p95", "ratio p50", "ratio p95",
              "cpu:m p50", "p95", "cpu:t p50", "p95", "ratio p50", "ratio p95",
              "exact p50", "p95", "top10 p50", "p95", "fts5 p50", "p95",
              "crit p50", "p95", "top10 same")  # fmt: skip
    print("  ".join(f"{h:>8}" for h in header))
    for kind in (*KINDS, "all"):

        def pick(engine: str, kind: str = kind, cpu: bool = False) -> list[float]:
            return [
                v[1] if cpu else v[0]
                for (e, k), vs in times.items()
                if e == engine and kind in (k, "all")
                for v in vs
            ]

        def pair(values: list[float]) -> list[str]:
            return ["-" if not values else f"{_pct(values, p):.2f}" for p in (0.5, 0.95)]

        def ratios(mine: list[float], bare: list[float]) -> list[str]:
            return [f"{_pct(mine, p) / max(_pct(bare, p), 1e-6):.2f}x" for p in (0.5, 0.95)]

        m, t = pick("missive"), pick("tantivy")
        mc, tc = pick("missive", cpu=True), pick("tantivy", cpu=True)
        row = [kind, *pair(m), *pair(t), *ratios(m, t), *pair(mc), *pair(tc), *ratios(mc, tc),
               *pair(pick("exact")), *pair(pick("top10")), *pair(pick("fts5")),
               *pair(pick("critical")), f"{statistics.mean(pick('same')):.1f}"]  # fmt: skip
        print("  ".join(f"{c:>8}" for c in row))
    print(
        "(milliseconds, median of the passes per query; wall clock, then CPU time of all the\n"
        " process's threads (what the query costs, whatever else runs on the machine);\n"
        " tantivy = the bare engine doing the same work: top-10 with the count, its own\n"
        " snippets, the same facet aggregation; ratio = missive / tantivy; exact = the bare\n"
        " engine counting every facet over the whole result set; top10 = the engine's\n"
        " top-10 with the count alone; crit = missive's critical path: CPU of the calling\n"
        " thread's own work plus the slowest shard's, about the wall time on an idle\n"
        " machine with a core per shard; top10 same = how many of missive's ten best the\n"
        " bare engine's one index also ranks in its ten best (or ties with its tenth),\n"
        " mean per query)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=QUERIES)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="N = 300, 30 queries, 1 pass")
    parser.add_argument(
        "--keep",
        type=Path,
        help="build in DIR/n<N> and leave it there; a store already there is reused "
        "(the index is rebuilt and timed all the same, unless --reuse-index)",
    )
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="with --keep: use a kept store and index as they are, without rebuilding",
    )
    args = parser.parse_args()
    sizes = [300] if args.quick else [int(s.replace("_", "")) for s in args.sizes.split(",")]
    count, passes = (30, 1) if args.quick else (args.queries, args.passes)
    for n in sizes:
        if args.keep is None:
            work = Path(tempfile.mkdtemp(prefix="missive-search-bench-"))
        else:  # one folder per size, its store reused by the next run
            work = args.keep / f"n{n}"
            work.mkdir(parents=True, exist_ok=True)
        try:
            fts = n <= FTS_MAX
            figures = build(n, work, fts, args.reuse_index and args.keep is not None)
            queries = make_queries(work / "bench.db", count)
            before = os.getloadavg()[0]
            times = measure(work / "bench.db", queries, passes, fts)
            report(n, figures, times, (before, os.getloadavg()[0]))
        finally:
            if args.keep is None:
                shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
