"""CPU seconds of the link stage alone on one file, and a digest of what it links.

    .venv/bin/python benchmarks/ingest.py --sizes 3000 --runs 1 --no-trace \\
        --layouts single --keep /tmp/vol                      # a synthetic volume, once
    .venv/bin/python benchmarks/link.py /tmp/vol/n3000-single/synthetic-3000.txt

The stages before `link` run once; `link` then runs RUNS times on fresh copies of
their result, and the median CPU time (time.process_time) is printed, with each
part's share and a sha256 of every document's links, dates and witnesses: two
versions of the code that link alike print the same digest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import statistics
import sys
import time
from pathlib import Path

from missive.model import Document, Source
from missive.pipeline import link as link_module
from missive.pipeline.apparatus import apparatus
from missive.pipeline.describe import describe
from missive.pipeline.normalize import normalize
from missive.pipeline.segment import segment
from missive.serialize import document_to_dict
from missive.sources import read_source

PARTS = ("resolve_threads", "link_cross_references", "link_quotations", "collate_witnesses")


def prepared(path: Path) -> bytes:
    """The source as the link stage receives it, pickled (copied for every run)."""
    source = read_source(path)
    layout = normalize(source)
    segment(source, layout)
    describe(source, layout)
    apparatus(source, layout)
    return pickle.dumps(source)


def timed_link(state: bytes) -> tuple[float, dict[str, float], Source]:
    source = pickle.loads(state)
    parts: dict[str, float] = dict.fromkeys(PARTS, 0.0)
    originals = {name: getattr(link_module, name) for name in PARTS}

    def timing(name, fn):
        def run(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                parts[name] += time.process_time() - start

        return run

    for name, fn in originals.items():
        setattr(link_module, name, timing(name, fn))
    try:
        start = time.process_time()
        link_module.link(source)
        return time.process_time() - start, parts, source
    finally:
        for name, fn in originals.items():
            setattr(link_module, name, fn)


def digest(source: Source) -> str:
    def walk(docs: list[Document]):
        for doc in docs:
            yield doc
            yield from walk(doc.enclosures)

    sha = hashlib.sha256()
    for doc in walk(source.documents):
        d = document_to_dict(doc, source)
        fields = {"id": doc.id, "links": d.get("links"), "dates": d.get("dates"),
                  "witnesses": d.get("witnesses")}  # fmt: skip
        sha.update(json.dumps(fields, sort_keys=True).encode())
    return sha.hexdigest()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 100_000))  # deep pickles
    import numpy  # noqa: F401  (imported by the stage on first use: kept out of the timing)

    state = prepared(args.path)
    runs = [timed_link(state) for _ in range(args.runs)]
    seconds = [total for total, _, _ in runs]
    print(f"{args.path.name}: {len(runs[-1][2].documents)} documents")
    print(f"link CPU s: median {statistics.median(seconds):.3f} of "
          f"{', '.join(f'{s:.3f}' for s in seconds)}")  # fmt: skip
    for name in PARTS:
        print(f"  {name:24s} {statistics.median(p[name] for _, p, _ in runs):.3f}")
    print(f"digest of links, dates and witnesses: {digest(runs[-1][2])}")


if __name__ == "__main__":
    main()
