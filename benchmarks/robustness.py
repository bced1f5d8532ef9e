"""Hostile-size inputs through the ingest: time and peak memory per stage.

    .venv/bin/python benchmarks/robustness.py                 # full sizes (slow)
    .venv/bin/python benchmarks/robustness.py --quick         # small sizes, a smoke test
    .venv/bin/python benchmarks/robustness.py --cases long-line tiny-documents
    .venv/bin/python benchmarks/robustness.py --mb 50 --timeout 1800

Cases (full size): a synthetic volume of `--mb` MB (the layout of benchmarks/synth.py);
the same bytes read and stored without parsing (the I/O path alone); one 10 MB
line; 100,000 tiny documents in one file; HTML nested 100,000 deep and never closed.

Each case runs in a fresh spawned child, twice: once plain (wall time per stage,
ru_maxrss) and once under tracemalloc (Python heap peak per stage), unless
--no-trace.  A child that runs past --timeout is killed and reported as such.
Stages: read (bytes -> Source), parse (pipeline.parse), store (one transaction); a
source above the windowing threshold (pipeline/windows.py) is parsed a window at a
time inside the store's transaction: one stage, parse+store.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # the generator module beside this script

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "mia-stalin-roosevelt-1943.txt"
MIB = 1024 * 1024


def write_volume(path: Path, megabytes: float) -> None:
    """A synthetic volume of about `megabytes` MB (about 1 KB a document)."""
    pool = synth.load_pool(SAMPLE)
    count = max(1, int(megabytes * 1000))
    path.write_text(synth.Generator(pool, seed=8).volume(1, count, count), "utf-8")


def write_long_line(path: Path, megabytes: float) -> None:
    rng = random.Random(8)
    words = ("the", "message", "of", "June", "Marshal", "operations", "agreed", "front")
    with path.open("w", encoding="utf-8") as out:
        written = 0
        while written < megabytes * MIB:
            chunk = " ".join(rng.choice(words) for _ in range(10_000)) + " "
            out.write(chunk)
            written += len(chunk)
        out.write("\n")


def write_tiny_documents(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("Correspondence with Franklin D. Roosevelt and Harry S. Truman\n\n")
        for n in range(1, count + 1):
            out.write(f"No. {n}\n\nSent on June {n % 28 + 1}, 1943\n\nThank you.\n\n")


def write_nested_html(path: Path, depth: int) -> None:
    path.write_text(
        "<html><body>" + "<div><p><b>" * depth + "Dear Sir, thank you." + "</b>" * 3, "utf-8"
    )


def cases(args: argparse.Namespace) -> dict[str, tuple[str, Callable[[Path], None], bool]]:
    """name -> (file name, writer, parse it?)"""
    mb = args.mb
    return {
        "volume": (f"volume-{mb:g}mb.txt", lambda p: write_volume(p, mb), True),
        "volume-unparsed": (f"volume-{mb:g}mb.txt", lambda p: write_volume(p, mb), False),
        "long-line": ("long-line.txt", lambda p: write_long_line(p, args.line_mb), True),
        "tiny-documents": ("tiny.txt", lambda p: write_tiny_documents(p, args.tiny), True),
        "nested-html": ("nested.html", lambda p: write_nested_html(p, args.depth), True),
    }


def _maxrss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / MIB if sys.platform == "darwin" else rss / 1024


def measure(path: str, db: str, parse: bool, trace: bool, queue) -> None:
    """In the child: read, parse, store; put {stage: (seconds, heap peak MiB)} and RSS."""
    import tracemalloc

    from missive import pipeline
    from missive.pipeline.windows import WindowedParse
    from missive.sources import read_source
    from missive.store import Store

    if trace:
        tracemalloc.start()
    stages: dict[str, tuple[float, float]] = {}

    def stage(name: str, fn: Callable[[], object]) -> object:
        if trace:
            tracemalloc.reset_peak()
        start = time.perf_counter()
        value = fn()
        peak = tracemalloc.get_traced_memory()[1] / MIB if trace else 0.0
        stages[name] = (time.perf_counter() - start, peak)
        return value

    source = stage("read", lambda: read_source(Path(path)))
    batches = stage("parse", lambda: pipeline.parse(source)) if parse else None
    windowed = isinstance(batches, WindowedParse)
    with Store(db) as store:  # a windowed parse runs inside the store's transaction
        result = stage(
            "parse+store" if windowed else "store", lambda: store.ingest(source, batches)
        )
    if windowed:
        del stages["parse"]  # it only planned the windows
    queue.put({"stages": stages, "documents": result.documents, "rss": _maxrss_mib()})


def run_child(path: Path, db: Path, parse: bool, trace: bool, timeout: float) -> dict | None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=measure, args=(str(path), str(db), parse, trace, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get() if not queue.empty() else {"error": f"exit code {child.exitcode}"}


def report(name: str, size: int, plain: dict | None, traced: dict | None) -> None:
    if plain is None:
        print(f"{name:16} {size / MIB:8.1f}  timed out")
        return
    if "error" in plain:
        print(f"{name:16} {size / MIB:8.1f}  failed ({plain['error']})")
        return
    total = sum(s for s, _ in plain["stages"].values())
    per_stage = "  ".join(f"{k} {s:.1f}s" for k, (s, _) in plain["stages"].items())
    heap = "-"
    if traced and "stages" in traced:
        heap = f"{max(p for _, p in traced['stages'].values()):.0f}"
        per_stage += "  heap " + " ".join(f"{k} {p:.0f}" for k, (_, p) in traced["stages"].items())
    print(
        f"{name:16} {size / MIB:8.1f} {plain['documents']:9,} {total:8.1f} "
        f"{heap:>9} {plain['rss']:8.0f}   {per_stage}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", default=None, help="which cases (default all)")
    parser.add_argument("--mb", type=float, default=50, help="size of the volume (MB)")
    parser.add_argument("--line-mb", type=float, default=10, help="length of the long line")
    parser.add_argument("--tiny", type=int, default=100_000, help="tiny documents in one file")
    parser.add_argument("--depth", type=int, default=100_000, help="HTML nesting depth")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds per child run")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke test)")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # each row as soon as it is measured
    if args.quick:
        args.mb, args.line_mb, args.tiny, args.depth = 0.2, 0.5, 500, 2_000
    table = cases(args)
    chosen = args.cases or list(table)
    unknown = set(chosen) - set(table)
    if unknown:
        parser.error(f"unknown cases {sorted(unknown)}; valid: {', '.join(table)}")
    print(
        f"{'case':16} {'MiB':>8} {'documents':>9} {'seconds':>8} {'heap MiB':>9} "
        f"{'RSS MiB':>8}   stages"
    )
    with tempfile.TemporaryDirectory(prefix="missive-robust-") as work:
        for name in chosen:
            file_name, write, parse = table[name]
            path = Path(work) / file_name
            if not path.exists():
                write(path)
            db = Path(work) / "bench.db"
            plain = run_child(path, db, parse, False, args.timeout)
            traced = None
            if plain is not None and not args.no_trace:
                traced = run_child(path, db, parse, True, args.timeout)
            report(name, path.stat().st_size, plain, traced)
    print(
        "seconds: wall time of read+parse+store without tracing; heap: tracemalloc peak "
        "(largest stage); RSS: ru_maxrss of the spawned child (includes imports)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
