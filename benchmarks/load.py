"""Load benchmark: the reader keeps serving while an ingest writes to the same store.

    .venv/bin/python benchmarks/load.py                        # 50 clients for 30 s
    .venv/bin/python benchmarks/load.py --clients 10 --seconds 5

A store is built from ``samples/`` and synthetic volumes (``synth.py``).  The real reader
(``missive serve``) is started in its own process on 127.0.0.1 and a free port; then
``--clients`` concurrent clients (asyncio, httpx2, one keep-alive connection each) cycle
over document pages, search pages (several queries, some with facet filters, one
malformed on purpose: its 400 is expected) and list pages for ``--seconds`` seconds,
while ``missive ingest`` runs in another process: it replaces some volumes (each with a
different number of documents) and adds new ones.

"Probe" requests ask the JSON list of one changing volume's documents.  A read may see a
volume as it was or as it is after the ingest, never half-written: its total must be the
old or the new count, and the documents listed must agree with the total.

Reported: requests/s, p50/p95/p99 latency per page kind, errors (a non-2xx other than the
expected 400, a connection error, a timeout, a torn read), and whether the ingest
completed.  Loopback only; everything stops by itself.  Exit 1 when there were errors.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote_plus, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # the generator module beside this script

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE = SAMPLES / "mia-stalin-roosevelt-1943.txt"
PROBE_PAGE_SIZE = 100  # a changing volume never holds more documents than one page
MALFORMED_QUERY = '"second front'  # an unbalanced quote: the reader answers 400
INGEST_GRACE = 300.0  # seconds an ingest may run on after the load before it is stopped
READY = ("missive reader:", "editing:")  # what `missive serve` says when it starts


@dataclass(frozen=True)
class Sizes:
    """How big the store and the concurrent ingest are."""

    stable_volumes: int = 10  # untouched by the ingest: the document pages come from here
    stable_docs: int = 100
    changing_volumes: int = 8  # re-ingested with another document count
    new_volumes: int = 6  # added by the ingest
    new_docs: int = 60
    samples: bool = True  # the bundled samples too


@dataclass
class Plan:
    db: Path
    ingest_dir: Path
    urls: dict[str, list[tuple[str, frozenset[int]]]]  # kind -> (path, accepted statuses)
    watched: list[str]  # the source names the ingest changes or adds
    old_counts: dict[str, int]


@dataclass
class Outcome:
    """What the load saw; `torn` lists reads of a watched source that were neither old
    nor new (filled in by `check_consistency` once the ingest is over)."""

    seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    error_examples: list[str] = field(default_factory=list)
    observed: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    torn: list[str] = field(default_factory=list)
    ingest_returncode: int | None = None
    ingest_seconds: float | None = None
    ingest_output: str = ""
    new_counts: dict[str, int] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    @property
    def error_count(self) -> int:
        return sum(self.errors.values()) + len(self.torn)

    def error(self, kind: str, example: str) -> None:
        self.errors[kind] += 1
        if len(self.error_examples) < 10:
            self.error_examples.append(example)


# --- the store ------------------------------------------------------------------------


def _write(path: Path, pool: synth.Pool, count: int, seed: int, part: int) -> Path:
    text = synth.Generator(pool, seed).volume(1, count, count, part)
    path.write_text(text, encoding="utf-8")
    return path


def build(work: Path, sizes: Sizes | None = None) -> Plan:
    """The store (samples + stable and changing volumes, indexed) and the ingest's folder."""
    from missive.ingest import ingest_paths

    sizes = sizes or Sizes()
    pool = synth.load_pool(SAMPLE)
    first, later = work / "volumes", work / "ingest"
    first.mkdir(parents=True, exist_ok=True)
    later.mkdir(parents=True, exist_ok=True)
    files = [p for p in sorted(SAMPLES.iterdir()) if p.suffix in {".txt", ".md"}]
    files = [p for p in files if p.name != "SOURCES.md" and sizes.samples]
    for k in range(1, sizes.stable_volumes + 1):
        files.append(_write(first / f"load-stable-{k:03d}.txt", pool, sizes.stable_docs, k, k))
    watched = []
    for k in range(1, sizes.changing_volumes + 1):
        name = f"load-changing-{k:03d}.txt"
        files.append(_write(first / name, pool, 20 + 3 * k, 100 + k, k))
        _write(later / name, pool, 50 + 5 * k, 200 + k, k)  # other texts, more documents
        watched.append(name)
    for k in range(1, sizes.new_volumes + 1):
        name = f"load-new-{k:03d}.txt"
        _write(later / name, pool, sizes.new_docs, 300 + k, k)
        watched.append(name)
    db = work / "load.db"
    report = ingest_paths(files, db)
    if report.failures:
        raise SystemExit(f"building the store failed: {report.failures[:3]}")
    counts = source_counts(db)
    return Plan(db, later, _urls(db, watched), watched, {n: counts.get(n, 0) for n in watched})


def source_counts(db: Path) -> dict[str, int]:
    """Top-level documents per source, read straight from the store."""
    conn = sqlite3.connect(db)
    try:
        return dict(
            conn.execute(
                "SELECT s.name, count(d.pk) FROM sources s LEFT JOIN documents d "
                "ON d.source_id = s.id AND d.parent_id IS NULL GROUP BY s.name"
            )
        )
    finally:
        conn.close()


def _urls(db: Path, watched: list[str]) -> dict[str, list[tuple[str, frozenset[int]]]]:
    ok, ok_or_bad = frozenset({200}), frozenset({200, 400})
    conn = sqlite3.connect(db)
    try:
        ids = [
            row[0]
            for row in conn.execute(
                "SELECT d.id FROM documents d JOIN sources s ON s.id = d.source_id "
                "WHERE s.name NOT LIKE 'load-changing-%' ORDER BY d.pk"
            )
        ]
        kinds = [row[0] for row in conn.execute("SELECT DISTINCT kind FROM documents") if row[0]]
    finally:
        conn.close()
    rng = random.Random(65)
    documents = [f"/documents/{quote(i, safe='')}" for i in rng.sample(ids, min(200, len(ids)))]
    documents += [f"/api/documents/{quote(i, safe='')}" for i in rng.sample(ids, 20)]
    searches = [
        {"q": "second front"},
        {"q": '"second front"'},
        {"q": "convoy OR convoys"},
        {"q": "Churchill", "sender": "stalin"},
        {"q": "Germany", "year": "1943"},
        {"q": "front*", "recipient": "roosevelt"},
        {"q": "from:stalin date:1943-02..1943-06"},
        {"q": "message", "kind": kinds[0] if kinds else "message", "page": "2"},
        {"q": MALFORMED_QUERY},
    ]
    lists = [
        {},
        {"page": "3"},
        {"sort": "date", "page": "5"},
        {"sender": "stalin"},
        {"recipient": "roosevelt", "sort": "-date"},
        {"date_from": "1943-01-01", "date_to": "1943-06-30"},
        {"source": "load-stable-001.txt", "per_page": "50"},
    ]
    probe = {"per_page": str(PROBE_PAGE_SIZE)}
    return {
        "document": [(u, ok) for u in documents],
        "search": [
            ("/search?" + urlencode(s), ok_or_bad if s["q"] == MALFORMED_QUERY else ok)
            for s in searches
        ]
        + [("/api/search?" + urlencode(searches[0]), ok)],
        "list": [("/documents?" + urlencode(a) if a else "/documents", ok) for a in lists]
        + [("/", ok), ("/api/documents?sort=date", ok)],
        "probe": [("/api/documents?" + urlencode({**probe, "source": n}), ok) for n in watched],
    }


# --- the processes ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _missive(*args: str) -> list[str]:
    return [sys.executable, "-c", "from missive.cli import run; run()", *args]


def _spawn(log: Path, *args: str) -> subprocess.Popen:
    """A `missive` subprocess writing to `log` (a file: a full pipe would block it)."""
    with log.open("w") as out:
        return subprocess.Popen(
            _missive(*args), stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "COLUMNS": "120"},
        )  # fmt: skip


def start_server(db: Path, port: int) -> subprocess.Popen:
    return _spawn(db.with_name("serve.log"), "serve", "--db", str(db), "--port", str(port))


def start_ingest(db: Path, folder: Path) -> subprocess.Popen:
    return _spawn(db.with_name("ingest.log"), "ingest", str(folder), "--db", str(db))


def stop(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop `proc`: SIGTERM, then SIGKILL."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


def _log(db: Path, name: str) -> str:
    path = db.with_name(name)
    return path.read_text(errors="replace") if path.exists() else ""


async def wait_ready(client, server: subprocess.Popen, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the reader exited with {server.returncode}")
        with contextlib.suppress(Exception):
            if (await client.get("/api/documents?per_page=20")).status_code == 200:
                return
        await asyncio.sleep(0.2)
    raise SystemExit(f"the reader did not answer within {limit:.0f} s")


# --- the load -----------------------------------------------------------------------------


def _schedule(urls: dict[str, list[tuple[str, frozenset[int]]]], seed: int) -> list[tuple]:
    """One long shuffled round: documents, searches, lists and probes in about 4:3:2:1."""
    weights = {"document": 4, "search": 3, "list": 2, "probe": 1}
    rng = random.Random(seed)
    round_ = []
    for kind, entries in urls.items():
        for _ in range(weights[kind] * 25):
            path, accepted = rng.choice(entries)
            round_.append((kind, path, accepted))
    rng.shuffle(round_)
    return round_


def _check_probe(outcome: Outcome, path: str, body: bytes) -> None:
    """Record the total seen for a watched source; a page disagreeing with it is torn."""
    source = unquote_plus(path.rsplit("source=", 1)[1])
    try:
        data = json.loads(body)
    except ValueError:
        outcome.error("bad JSON", f"{path}: {body[:200]!r}")
        return
    total, listed = data["total"], len(data["documents"])
    outcome.observed[source][total] += 1
    if listed != min(total, PROBE_PAGE_SIZE) or any(
        d["source"] != source for d in data["documents"]
    ):
        outcome.torn.append(f"{source}: total {total} but {listed} documents listed")


async def _client(
    number: int, http, finished: Callable[[], bool], outcome: Outcome, urls: dict, timeout: float
) -> None:
    import httpx2

    for kind, path, accepted in itertools.cycle(_schedule(urls, number)):
        if finished():
            return
        start = time.perf_counter()
        try:
            response = await http.get(path, timeout=timeout)
        except httpx2.TimeoutException as exc:
            outcome.error("timeout", f"{path}: {type(exc).__name__}")
            continue
        except httpx2.HTTPError as exc:
            outcome.error("connection", f"{path}: {type(exc).__name__}: {exc}")
            continue
        outcome.latencies[kind].append((time.perf_counter() - start) * 1000)
        outcome.statuses[response.status_code] += 1
        if response.status_code not in accepted:
            outcome.error(f"HTTP {response.status_code}", f"{path}: {response.text[:200]}")
        elif kind == "probe":
            _check_probe(outcome, path, response.content)


async def _load(
    base: str, server: subprocess.Popen, plan: Plan, clients: int, seconds: float,
    timeout: float, until_ingest_ends: bool, ingesting: bool,
) -> Outcome:  # fmt: skip
    import httpx2

    outcome = Outcome()
    limits = httpx2.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx2.AsyncClient(base_url=base, limits=limits, timeout=timeout) as http:
        await wait_ready(http, server)
        for entries in plan.urls.values():  # warm up: templates, caches, the search index
            for path, _ in entries[:3]:
                await http.get(path, timeout=120)
        ingest = start_ingest(plan.db, plan.ingest_dir) if ingesting else None
        started = time.monotonic()
        deadline = started + seconds

        def finished() -> bool:
            now = time.monotonic()
            if until_ingest_ends and ingest is not None and ingest.poll() is None:
                return now >= deadline + INGEST_GRACE
            return now >= deadline

        if ingest is None:
            await asyncio.gather(
                *(_client(n, http, finished, outcome, plan.urls, timeout) for n in range(clients))
            )
            outcome.seconds = time.monotonic() - started
            return outcome
        watcher = asyncio.create_task(_watch_ingest(ingest, outcome, started))
        try:
            await asyncio.gather(
                *(_client(n, http, finished, outcome, plan.urls, timeout) for n in range(clients))
            )
        finally:
            outcome.seconds = time.monotonic() - started
            await _finish_ingest(ingest, watcher, outcome, plan.db)
    return outcome


async def _watch_ingest(ingest: subprocess.Popen, outcome: Outcome, started: float) -> None:
    while ingest.poll() is None:
        await asyncio.sleep(0.1)
    outcome.ingest_seconds = time.monotonic() - started


async def _finish_ingest(
    ingest: subprocess.Popen, watcher: asyncio.Task, outcome: Outcome, db: Path
) -> None:
    """Let a still-running ingest finish (bounded: INGEST_GRACE seconds), record its end."""
    try:
        await asyncio.wait_for(watcher, INGEST_GRACE)
    except TimeoutError:
        stop(ingest)
    outcome.ingest_returncode = ingest.returncode
    outcome.ingest_output = _log(db, "ingest.log")[-2000:]


def check_consistency(plan: Plan, outcome: Outcome) -> None:
    """Every total seen for a watched source is its count before or after the ingest."""
    outcome.new_counts = {n: c for n, c in source_counts(plan.db).items() if n in plan.watched}
    for name, seen in outcome.observed.items():
        allowed = {plan.old_counts.get(name, 0), outcome.new_counts.get(name, 0)}
        for total, times in seen.items():
            if total not in allowed:
                outcome.torn.append(f"{name}: total {total} seen {times}x, not {sorted(allowed)}")


def run(
    clients: int = 50, seconds: float = 30.0, timeout: float = 10.0, work: Path | None = None,
    sizes: Sizes | None = None, until_ingest_ends: bool = False, ingesting: bool = True,
) -> tuple[Plan, Outcome]:  # fmt: skip
    """Build, serve, load while ingesting, stop everything; return what was seen.

    `until_ingest_ends`: the clients go on past `seconds` while the ingest still runs
    (at most INGEST_GRACE seconds more).  `ingesting` False: no ingest (a baseline)."""
    with contextlib.ExitStack() as stack:
        if work is None:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="missive-load-")))
        plan = build(work, sizes)
        port = free_port()
        server = start_server(plan.db, port)
        try:
            outcome = asyncio.run(
                _load(
                    f"http://127.0.0.1:{port}",
                    server,
                    plan,
                    clients,
                    seconds,
                    timeout,
                    until_ingest_ends,
                    ingesting,
                )  # fmt: skip
            )
        finally:
            stop(server)
        server_log = _log(plan.db, "serve.log")
        problems = [line for line in server_log.splitlines() if not line.startswith(READY)]
        if problems:
            outcome.error_examples.append("server said: " + "\n".join(problems)[-1500:])
        check_consistency(plan, outcome)
        return plan, outcome


# --- the report ---------------------------------------------------------------------------


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(plan: Plan, outcome: Outcome, clients: int) -> str:
    lines = [
        f"load: {clients} clients for {outcome.seconds:.1f} s against 127.0.0.1, "
        f"{outcome.requests} requests, {outcome.requests / max(outcome.seconds, 1e-9):.1f} req/s",
        f"{'page':<10}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}",
    ]
    for kind, values in outcome.latencies.items():
        lines.append(
            f"{kind:<10}{len(values):>9}{_pct(values, 50):>9.0f}{_pct(values, 95):>9.0f}"
            f"{_pct(values, 99):>9.0f}"
        )
    everything = [v for values in outcome.latencies.values() for v in values]
    if everything:
        lines.append(
            f"{'all':<10}{len(everything):>9}{_pct(everything, 50):>9.0f}"
            f"{_pct(everything, 95):>9.0f}{_pct(everything, 99):>9.0f}"
        )
    lines.append("statuses: " + ", ".join(f"{s}: {n}" for s, n in sorted(outcome.statuses.items())))
    kinds = ", ".join(f"{k}: {n}" for k, n in outcome.errors.items())
    lines.append(
        f"errors: {outcome.error_count}"
        + (f" ({kinds})" if kinds else "")
        + (f", torn reads: {len(outcome.torn)}" if outcome.torn else "")
    )
    lines.extend("  " + e for e in [*outcome.torn[:5], *outcome.error_examples])
    if outcome.ingest_returncode is None:
        lines.append("ingest: none (a baseline run)")
        return "\n".join(lines)
    changed = sum(plan.old_counts[n] != outcome.new_counts.get(n) for n in plan.watched)
    during = outcome.ingest_seconds is not None and outcome.ingest_seconds <= outcome.seconds
    ended = "completed" if outcome.ingest_returncode == 0 else "FAILED"
    lines.append(
        f"ingest: {ended} (exit {outcome.ingest_returncode}) in "
        f"{outcome.ingest_seconds or 0:.1f} s, {'within' if during else 'after'} the load; "
        f"{changed}/{len(plan.watched)} watched sources changed"
    )
    seen = sum(len(c) for c in outcome.observed.values())
    verdict = "some neither old nor new" if outcome.torn else "each the old or the new count"
    lines.append(f"probes: {seen} distinct totals over {len(outcome.observed)} sources, {verdict}")
    if outcome.ingest_returncode != 0:
        lines.append(outcome.ingest_output)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=10.0, help="per request, seconds")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument(
        "--until-ingest-ends", action="store_true", help="go on while the ingest still runs"
    )
    parser.add_argument("--no-ingest", action="store_true", help="a baseline: no ingest runs")
    args = parser.parse_args()
    if not (1 <= args.clients <= 500 and 0 < args.seconds <= 600):
        parser.error("--clients must be 1..500 and --seconds 0..600")
    plan, outcome = run(
        args.clients, args.seconds, args.timeout, args.keep,
        until_ingest_ends=args.until_ingest_ends, ingesting=not args.no_ingest,
    )  # fmt: skip
    print(report(plan, outcome, args.clients))
    ingest_ok = args.no_ingest or outcome.ingest_returncode == 0
    sys.exit(0 if outcome.error_count == 0 and ingest_ok else 1)


if __name__ == "__main__":
    main()
