"""Do two versions of missive's search give the same results?  Runs the search
benchmark's query mix (and variants: other pages, sort:date, OR, NOT, prefixes, field
filters alone) against a kept store and writes every ``search(...).to_dict()`` as one
JSON line; ``--compare`` checks a second run against the first, line by line.

    .venv/bin/python benchmarks/search_same.py /work/bench1m_shards/n1000000/bench.db \
        --out /tmp/before.jsonl
    (change the code)
    .venv/bin/python benchmarks/search_same.py /work/bench1m_shards/n1000000/bench.db \
        --out /tmp/after.jsonl --compare /tmp/before.jsonl

The store's index must exist and be in step (as the search benchmark leaves it with
``--keep``): this never rebuilds it on purpose, but a search would sync a stale one.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _benchmark_module():  # benchmarks/search.py, whose name clashes with missive.search
    sys.path.insert(0, str(HERE))
    spec = importlib.util.spec_from_file_location("search_benchmark", HERE / "search.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def queries(db: Path, count: int, seed: int = 7) -> list[tuple[str, int, int]]:
    """(query, limit, offset): the benchmark's mix, then variants built from its words."""
    mix = [q for _, q, _ in _benchmark_module().make_queries(db, count)]
    out = [(q, 10, 0) for q in mix]
    rng = random.Random(seed)
    words = [q for q in mix if q.isalpha()]
    for _ in range(count // 2):
        a, b = rng.choice(words), rng.choice(words)
        year = rng.randrange(1941, 1946)
        out += [
            (rng.choice(mix), 10, rng.choice((10, 20, 35))),
            (rng.choice(mix), rng.choice((0, 1, 3, 50)), 0),
            (f"{a} sort:date", 10, 0),
            (f"{a} sort:date", 5, rng.choice((3, 12, 40))),
            (a, rng.choice((2, 7, 13)), rng.choice((1, 3, 9, 31, 44))),
            (f"{a} OR {b}", 10, 0),
            (f"{a} -{b}", 10, 0),
            (f"{a[:4]}*", 10, 0),
            (f"{a} year:{year} kind:telegram", 10, 0),
            (rng.choice(("from:stalin", "to:roosevelt", f"year:{year}", "has:notes")), 10, 0),
        ]
    return out


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":  # the benchmark's word lists follow set order
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, help="an earlier --out to compare with")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--exact", action="store_true", help="exact facets")
    args = parser.parse_args()
    from missive.errors import QueryError
    from missive.search import search

    lines = []
    for query, limit, offset in queries(args.db, args.count):
        try:
            result = search(args.db, query, limit=limit, offset=offset, exact=args.exact)
            got = result.to_dict()
        except QueryError as exc:
            got = {"error": str(exc)}
        lines.append(json.dumps({"q": query, "limit": limit, "offset": offset, **got}))
    args.out.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(lines)} searches written to {args.out}")
    if args.compare:
        before = args.compare.read_text("utf-8").splitlines()
        differ = [i for i, (a, b) in enumerate(zip(before, lines, strict=True)) if a != b]
        for i in differ[:5]:
            print("DIFFERENT:", lines[i][:300], file=sys.stderr)
        print(f"{len(differ)} of {len(lines)} differ from {args.compare}")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
