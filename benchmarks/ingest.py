"""Ingest benchmark: parse + store + index a synthetic volume end to end.

    .venv/bin/python benchmarks/ingest.py                 # N = 10,000 and 100,000
    .venv/bin/python benchmarks/ingest.py --sizes 2000 --runs 5
    .venv/bin/python benchmarks/ingest.py --quick         # N = 500, one run (smoke test)
    .venv/bin/python benchmarks/ingest.py --sizes 2000 --stages   # + CPU seconds per stage
                                                 # (and in the cyclic garbage collector)

For each N it writes a synthetic volume in the layout of the MIA Stalin–Roosevelt
transcription (see ``synth.py``; sentences are taken from the sample at run time) to a
temporary directory, twice: as one file of N documents, and as files of ~100 documents
each.  Then it measures, through the library API,

    source = missive.sources.read_source(path)
    missive.pipeline.run(source)
    Store(db_path).ingest(source)          # one transaction per source, with FTS rows
    store.optimize()                       # once at the end, if the store has it

Every run happens in a fresh spawned child process, so its memory figures are its
own: RSS high-water (``resource.getrusage``) at the end, and its growth since the
imports; the Python heap peak (``tracemalloc``) comes from one extra child run, so the
tracing overhead does not touch the timings.  In the same child, before the ingest, a
baseline reads the same files and splits them on blank lines; "ratio" is ingest
documents/s divided by baseline documents/s.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # the generator module beside this script

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "mia-stalin-roosevelt-1943.txt"
PER_FILE = 100
DEFAULT_SIZES = (10_000, 100_000)


def _maxrss_mib() -> float:
    """This process's RSS high-water mark in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


# Stage functions timed by --stages: (module, attribute).  `pipeline.run` imports the
# stages when it runs and `link` looks its parts up in its own module, so wrapping the
# attributes times every call; what no entry covers shows as "other".
STAGES = (
    ("missive.pipeline.normalize", "normalize"),
    ("missive.pipeline.segment", "segment"),
    ("missive.pipeline.describe", "describe"),
    ("missive.pipeline.apparatus", "apparatus"),
    ("missive.pipeline.link", "resolve_threads"),
    ("missive.pipeline.link", "link_cross_references"),
    ("missive.pipeline.link", "link_quotations"),
    ("missive.pipeline.link", "collate_witnesses"),
    ("missive.pipeline.entities", "entities"),
)


def _time_stages(totals: dict[str, float]) -> None:
    """Wrap each stage function so that its CPU seconds add up in `totals`."""

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[name] = totals.get(name, 0.0) + time.process_time() - start

        return wrapper

    for module_name, attribute in STAGES:
        module = importlib.import_module(module_name)
        if hasattr(module, attribute):
            setattr(module, attribute, timed(attribute, getattr(module, attribute)))


def _time_collector(totals: dict[str, float]) -> None:
    """CPU seconds the cyclic garbage collector spends, added up in totals["gc"] (the
    collections run inside the stages and the store, so this overlaps their figures)."""
    started = [0.0]

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            totals["gc"] = totals.get("gc", 0.0) + time.process_time() - started[0]

    gc.callbacks.append(callback)


@dataclass
class RunResult:
    documents: int  # documents the parser found (top level)
    seconds: float
    cpu_seconds: float  # this process's CPU time for the same work (robust to load)
    baseline_seconds: float
    baseline_chunks: int
    rss_import_mib: float
    rss_quarter_mib: float  # high-water after the first quarter of the files
    rss_peak_mib: float
    heap_peak_mib: float | None
    stages: dict[str, float] | None = None  # CPU seconds per stage (--stages)


def _baseline(paths: list[str]) -> tuple[float, int]:
    """Just read the files and split them on blank lines."""
    start = time.perf_counter()
    chunks = 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            chunks += len(fh.read().split("\n\n"))
    return time.perf_counter() - start, chunks


def measure(paths: list[str], db_path: str, trace: bool, stages: bool = False) -> RunResult:
    """One clean run in this (child) process: baseline, then parse + store + index."""
    import missive.pipeline
    import missive.sources
    from missive.store import Store

    totals: dict[str, float] = {}
    if stages:
        _time_stages(totals)

    rss_import = _maxrss_mib()
    baseline_seconds, baseline_chunks = _baseline(paths)
    gc.collect()
    if stages:
        _time_collector(totals)
    if trace:
        import tracemalloc

        tracemalloc.start()
    documents = 0
    quarter = max(1, len(paths) // 4)
    rss_quarter = rss_import
    start = time.perf_counter()
    cpu_start = time.process_time()
    with Store(db_path) as store:
        for i, path in enumerate(paths, 1):
            t0 = time.process_time()
            source = missive.sources.read_source(Path(path))
            t1 = time.process_time()
            missive.pipeline.run(source)
            t2 = time.process_time()
            store.ingest(source)
            t3 = time.process_time()
            if stages:
                for name, seconds in (("read", t1 - t0), ("pipeline", t2 - t1), ("store", t3 - t2)):
                    totals[name] = totals.get(name, 0.0) + seconds
            documents += len(source.documents)
            del source
            if i == quarter:
                rss_quarter = _maxrss_mib()
        if hasattr(store, "optimize"):
            store.optimize()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    heap_peak = None
    if trace:
        heap_peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
    return RunResult(
        documents=documents,
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        baseline_seconds=baseline_seconds,
        baseline_chunks=baseline_chunks,
        rss_import_mib=rss_import,
        rss_quarter_mib=rss_quarter,
        rss_peak_mib=_maxrss_mib(),
        heap_peak_mib=heap_peak,
        stages=_with_other(totals) if stages else None,
    )


def _with_other(totals: dict[str, float]) -> dict[str, float]:
    """The stages in pipeline order, then "other": pipeline time no stage covers."""
    covered = sum(totals.get(attribute, 0.0) for _, attribute in STAGES)
    out = {attribute: totals.get(attribute, 0.0) for _, attribute in STAGES}
    out["other pipeline"] = max(0.0, totals.get("pipeline", 0.0) - covered)
    out["read"] = totals.get("read", 0.0)
    out["store"] = totals.get("store", 0.0)
    out["of which gc"] = totals.get("gc", 0.0)
    return out


def generate(
    layout: str, n: int, out: str, per_file: int, seed: int, sample: str
) -> tuple[list[str], int, float]:
    """Write one synthetic volume (in a child, so the parent's memory stays small)."""
    start = time.perf_counter()
    pool = synth.load_pool(Path(sample))
    if layout == "single":
        paths = synth.write_single(pool, Path(out), n, seed)
    else:
        paths = synth.write_split(pool, Path(out), n, per_file, seed)
    return [str(p) for p in paths], len(pool.body), time.perf_counter() - start


def in_child(fn, *args):
    """Call `fn(*args)` in a fresh spawned process and return its result.

    On Linux a child's ru_maxrss starts from its parent's RSS at fork time (the
    kernel carries it across exec), so the parent never holds the generated text.
    """
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def run_in_child(paths: list[Path], work: Path, trace: bool, stages: bool = False) -> RunResult:
    """`measure` in a fresh spawned process, with a fresh database."""
    fd, db = tempfile.mkstemp(suffix=".db", dir=work)
    os.close(fd)
    os.unlink(db)
    try:
        return in_child(measure, [str(p) for p in paths], db, trace, stages)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(db + suffix).unlink(missing_ok=True)


@dataclass
class Row:
    n: int
    files: int
    mib_on_disk: float
    documents: int
    docs_per_s: float
    cpu_docs_per_s: float
    baseline_docs_per_s: float
    rss_peak: float
    rss_growth: float
    rss_quarter: float
    heap_peak: float | None
    stages: dict[str, float] | None = None  # median CPU seconds per stage


def bench(
    n: int, layout: str, paths: list[Path], work: Path, runs: int, trace: bool, stages: bool
) -> Row:
    results = [run_in_child(paths, work, trace=False, stages=stages) for _ in range(runs)]
    heap = run_in_child(paths, work, trace=True).heap_peak_mib if trace else None
    seconds = statistics.median(r.seconds for r in results)
    baseline = statistics.median(r.baseline_seconds for r in results)
    found = {r.documents for r in results}
    if len(found) != 1:
        print(f"  warning: runs found different document counts: {sorted(found)}")
    return Row(
        n=n,
        files=len(paths),
        mib_on_disk=sum(p.stat().st_size for p in paths) / (1024 * 1024),
        documents=results[0].documents,
        docs_per_s=n / seconds,
        cpu_docs_per_s=n / statistics.median(r.cpu_seconds for r in results),
        baseline_docs_per_s=n / baseline if baseline > 0 else float("inf"),
        rss_peak=max(r.rss_peak_mib for r in results),
        rss_growth=max(r.rss_peak_mib - r.rss_import_mib for r in results),
        rss_quarter=max(r.rss_quarter_mib for r in results),
        heap_peak=heap,
        stages={
            name: statistics.median(r.stages[name] for r in results if r.stages)
            for name in results[0].stages
        }
        if results[0].stages
        else None,
    )


HEADER = (
    "N",
    "files",
    "MiB",
    "docs found",
    "docs/s",
    "CPU docs/s",
    "baseline docs/s",
    "ratio",
    "RSS peak MiB",
    "RSS growth MiB",
    "RSS @25% files",
    "heap peak MiB",
)


def _cells(row: Row) -> tuple[str, ...]:
    return (
        f"{row.n:,}",
        f"{row.files:,}",
        f"{row.mib_on_disk:.1f}",
        f"{row.documents:,}",
        f"{row.docs_per_s:,.0f}",
        f"{row.cpu_docs_per_s:,.0f}",
        f"{row.baseline_docs_per_s:,.0f}",
        f"{row.docs_per_s / row.baseline_docs_per_s:.5f}",
        f"{row.rss_peak:.0f}",
        f"{row.rss_growth:.0f}",
        f"{row.rss_quarter:.0f}" if row.files > 1 else "-",
        f"{row.heap_peak:.0f}" if row.heap_peak is not None else "-",
    )


def print_table(rows: list[Row]) -> None:
    cells = [HEADER, *(_cells(r) for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADER))]
    for k, line in enumerate(cells):
        print("  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of documents")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per case (median)")
    parser.add_argument("--quick", action="store_true", help="N=500, one run (smoke test)")
    parser.add_argument("--per-file", type=int, default=PER_FILE, help="documents per file")
    parser.add_argument("--layouts", default="single,split", help="single,split or either")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run")
    parser.add_argument("--seed", type=int, default=1943)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--keep", type=Path, help="write the volumes here and keep them")
    parser.add_argument(
        "--stages", action="store_true", help="also print CPU seconds per pipeline stage"
    )
    args = parser.parse_args(argv)

    sizes = args.sizes or ([500] if args.quick else list(DEFAULT_SIZES))
    runs = 1 if args.quick else args.runs
    layouts = [x.strip() for x in args.layouts.split(",") if x.strip()]
    if runs < 1 or any(n < 1 for n in sizes) or not set(layouts) <= {"single", "split"}:
        parser.error("sizes and runs must be positive; layouts are single and/or split")

    print(
        f"ingest benchmark: sizes {sizes}, {runs} run(s) each, layouts {layouts}, "
        f"{args.per_file} documents per split file, seed {args.seed}, "
        f"sentences from {args.sample.name}; python {sys.version.split()[0]}"
    )
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="missive-bench-") as tmp:
        base = args.keep or Path(tmp)
        for n in sizes:
            for layout in layouts:
                out = base / f"n{n}-{layout}"
                names, sentences, made = in_child(
                    generate, layout, n, str(out), args.per_file, args.seed, str(args.sample)
                )
                paths = [Path(p) for p in names]
                print(
                    f"  N={n:,} {layout}: {len(paths):,} file(s) from {sentences} sentences, "
                    f"written in {made:.1f}s",
                    flush=True,
                )
                row = bench(n, layout, paths, Path(tmp), runs, not args.no_trace, args.stages)
                rows.append(row)
                print(
                    f"    {row.docs_per_s:,.0f} docs/s, {row.documents:,} documents found, "
                    f"RSS peak {row.rss_peak:.0f} MiB",
                    flush=True,
                )
                if not args.keep:
                    for p in paths:
                        p.unlink()
    print()
    print_table(rows)
    print()
    for row in rows:
        if row.stages:
            print(
                f"stages, N={row.n:,} in {row.files:,} file(s) (CPU s, median): "
                + ", ".join(f"{name} {sec:.2f}" for name, sec in row.stages.items())
            )
    print(
        "docs/s: N / median wall time of read_source + pipeline.run + Store.ingest (+ one "
        "optimize); baseline: read + split on blank lines in the same child; ratio = "
        "docs/s / baseline docs/s; CPU docs/s: N / median CPU time of the same work in the "
        "child (what a loaded machine changes least).\nRSS: ru_maxrss of a fresh spawned child per run (max "
        "over runs); growth = peak - after imports; @25% = high-water after a quarter of "
        "the files.\nheap peak: tracemalloc peak in one extra child run. "
        f"Parent RSS (the floor of every child's ru_maxrss): {_maxrss_mib():.0f} MiB."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
