"""Reader benchmark: server time of the web reader's pages on a synthetic corpus.

    .venv/bin/python benchmarks/reader.py                   # N = 100,000
    .venv/bin/python benchmarks/reader.py --quick           # N = 300 (smoke test)
    .venv/bin/python benchmarks/reader.py --db big.db       # reuse an ingested store

Synthetic letters (``synth.py``: sentences of the MIA sample) are ingested through the
library, the search index is built, and then the HTML pages are requested in process
through the ASGI app (Starlette's test client: the time includes rendering and the
client's own small overhead, not the network).  Each page kind gets ``--requests``
requests after a warm-up; the report gives p50 and p95 in milliseconds.  Targets:
document page p95 <= 50 ms, search page (with facets) p95 <= 200 ms.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # the generator module beside this script

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "mia-stalin-roosevelt-1943.txt"
TARGETS_MS = {"document": 50.0, "search": 200.0}


PARSED = 2_000  # letters parsed for real; the rest are copies of their stored rows


def build(n: int, work: Path) -> Path:
    """A store of `n` letters: PARSED of them ingested through the pipeline, then their
    rows copied (new ids, same text) until there are `n`, then the search index built.
    The reader's cost depends on the rows, not on how they were parsed, and copying
    keeps a 100,000-letter build to a minute."""
    from missive.ingest import ingest_paths

    pool = synth.load_pool(SAMPLE)
    parsed = min(n, PARSED)
    files = synth.write_split(pool, work / "letters", parsed, per_file=500)
    db = work / "reader.db"
    start = time.perf_counter()
    report = ingest_paths(files, db)
    if report.failures:
        raise SystemExit(f"ingest failed: {report.failures[:3]}")
    print(f"ingested {parsed} letters in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    start = time.perf_counter()
    replicate(db, n)
    print(f"copied rows up to {n} letters in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    try:
        from missive.search import reindex
    except ImportError:
        return db
    start = time.perf_counter()
    reindex(db)
    print(f"built the search index in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return db


def replicate(db: Path, n: int) -> None:
    """Copy the stored sources (documents, notes, FTS rows, links, mentions) under new
    names until the store holds at least `n` top-level documents."""
    conn = sqlite3.connect(db)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    originals = conn.execute("SELECT id, name FROM sources ORDER BY id").fetchall()
    per_round = conn.execute("SELECT count(*) FROM documents WHERE parent_id IS NULL").fetchone()[0]
    copy = 0
    while conn.execute("SELECT count(*) FROM documents WHERE parent_id IS NULL").fetchone()[0] < n:
        copy += 1
        with conn:
            for source_id, name in originals:
                if per_round * copy >= n:
                    break
                _copy_source(conn, tables, source_id, name, f"-copy{copy}")
    conn.close()


def _copy_source(conn, tables: set[str], source_id: int, name: str, suffix: str) -> None:
    new_name = name.replace(".txt", suffix + ".txt")
    new_id = conn.execute(
        "INSERT INTO sources (name, path, sha256, format, encoding, metadata, data, text, "
        "ingested_at, program_version) SELECT ?, path || ?, sha256 || ?, format, encoding, "
        "metadata, data, text, ingested_at, program_version FROM sources WHERE id = ?",
        (new_name, suffix, suffix, source_id),
    ).lastrowid
    offset = conn.execute("SELECT coalesce(max(pk), 0) FROM documents").fetchone()[0]
    first = conn.execute(
        "SELECT min(pk) FROM documents WHERE source_id = ?", (source_id,)
    ).fetchone()[0]
    shift = offset - first + 1
    conn.execute(
        "INSERT INTO documents (pk, id, source_id, seq, ordinal, parent_id, number, date, kind, "
        "senders, recipients, data) SELECT pk + :shift, id || :sfx, :new, seq, ordinal, "
        "parent_id || :sfx, number, date, kind, senders, recipients, "
        "json_set(data, '$.id', id || :sfx, '$.source', :name) "
        "FROM documents WHERE source_id = :old",
        {"shift": shift, "sfx": suffix, "new": new_id, "name": new_name, "old": source_id},
    )
    conn.execute(
        "INSERT INTO documents_fts (rowid, text, notes) SELECT f.rowid + ?, f.text, f.notes "
        "FROM documents_fts f JOIN documents d ON d.pk = f.rowid WHERE d.source_id = ?",
        (shift, source_id),
    )
    conn.execute(
        "INSERT INTO notes (source_id, seq, number, text, data) "
        "SELECT ?, seq, number, text, data FROM notes WHERE source_id = ?",
        (new_id, source_id),
    )
    if "links" in tables:
        conn.execute(
            "INSERT INTO links (source_id, doc_id, type, target, data) SELECT ?, doc_id || ?, "
            "type, target || ?, data FROM links WHERE source_id = ?",
            (new_id, suffix, suffix, source_id),
        )
    if "mentions" in tables:
        conn.execute(
            "INSERT INTO mentions (source_id, doc_id, key, type, text, start, end, resolved, "
            "rule, confidence) SELECT ?, doc_id || ?, key, type, text, start, end, resolved, "
            "rule, confidence FROM mentions WHERE source_id = ?",
            (new_id, suffix, source_id),
        )


def sample_paths(db: Path, count: int, seed: int = 11) -> dict[str, list[str]]:
    from missive.store import Store

    rng = random.Random(seed)
    with Store(db) as store:
        ids = [row[0] for row in store.conn.execute("SELECT id FROM documents")]
        words = [
            w
            for (text,) in store.conn.execute("SELECT text FROM documents_fts LIMIT 300")
            for w in text.split()
            if w.isalpha() and len(w) > 4
        ]
    words = sorted(set(words))
    queries = []
    for index in range(count):
        first, second = rng.choice(words), rng.choice(words)
        queries.append(first if index % 2 else f"{first} OR {second}")
    return {
        "document": [f"/documents/{quote(rng.choice(ids), safe='')}" for _ in range(count)],
        "search": [f"/search?q={quote(q)}" for q in queries],
        "documents list": [
            f"/documents?page={rng.randint(1, 50)}&sort=date" for _ in range(count // 4)
        ],
        "home": ["/"] * 5,
    }


def measure(db: Path, paths: dict[str, list[str]]) -> dict[str, list[float]]:
    from fastapi.testclient import TestClient

    from missive.web import create_app

    times: dict[str, list[float]] = {}
    with TestClient(create_app(db)) as client:
        for kind, urls in paths.items():
            client.get(urls[0])  # warm up: connection, caches, index reader
            times[kind] = []
            for url in urls:
                start = time.perf_counter()
                response = client.get(url)
                times[kind].append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: {response.status_code}")
    return times


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(n: int, times: dict[str, list[float]]) -> None:
    print(f"\nreader, N = {n:,} documents (server time in process, ms)")
    print(f"{'page':<16}{'requests':>9}{'p50':>9}{'p95':>9}{'target p95':>12}")
    for kind, values in times.items():
        target = TARGETS_MS.get(kind)
        mark = (
            ""
            if target is None
            else f"{target:>9.0f} {'ok' if _pct(values, 95) <= target else 'MISSED'}"
        )
        print(
            f"{kind:<16}{len(values):>9}{statistics.median(values):>9.1f}"
            f"{_pct(values, 95):>9.1f}   {mark}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="N = 300, 20 requests")
    parser.add_argument("--db", type=Path, help="an already ingested store to measure")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep the store")
    args = parser.parse_args()
    size, count = (300, 20) if args.quick else (args.size, args.requests)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build(size, args.keep or Path(tmp))
        paths = sample_paths(db, count)
        report(size if args.db is None else _count(db), measure(db, paths))


def _count(db: Path) -> int:
    from missive.store import Store

    with Store(db) as store:
        return store.stats()["documents"]


if __name__ == "__main__":
    main()
