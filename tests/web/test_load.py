"""The reader keeps serving while an ingest writes.

The load test is benchmarks/load.py reduced (10 clients for 5 seconds, going on while the
ingest still runs), against the real server on loopback and a real `missive ingest` in
another process; the snapshot tests pin down why a page cannot straddle a commit."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from fastapi.routing import APIRoute

from missive.store import Store
from missive.web.reader import Filters, Reader
from missive.web.routes import api, pages

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "load.py"
SOURCE = "mia-stalin-roosevelt-1943.txt"


@pytest.fixture(scope="module")
def load():
    spec = importlib.util.spec_from_file_location("missive_load_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def test_reads_during_an_ingest_see_no_error_and_no_half_written_source(load, tmp_path) -> None:
    sizes = load.Sizes(
        stable_volumes=2, stable_docs=20, changing_volumes=3, new_volumes=2, new_docs=10,
        samples=False,
    )  # fmt: skip
    plan, outcome = load.run(
        clients=10, seconds=5.0, work=tmp_path, sizes=sizes, until_ingest_ends=True
    )
    summary = load.report(plan, outcome, 10)

    assert outcome.ingest_returncode == 0, summary
    assert outcome.error_count == 0, summary
    assert outcome.torn == [], summary
    assert set(outcome.latencies) == {"document", "search", "list", "probe"}, summary
    # the ingest changed every watched source, and the probes saw both sides of it
    assert all(plan.old_counts[n] != outcome.new_counts[n] for n in plan.watched), summary
    seen = {(n, total) for n, totals in outcome.observed.items() for total in totals}
    assert any(total == plan.old_counts[n] for n, total in seen), summary
    assert any(total == outcome.new_counts[n] for n, total in seen), summary


def test_a_snapshot_does_not_see_a_commit_made_during_it(writable_db: Path) -> None:
    reader = Reader(str(writable_db))
    everything = Filters(source=SOURCE, per_page=100)
    with reader.snapshot():
        before, rows = reader.list_documents(everything)
        with Store(writable_db) as writer:
            writer.remove_source(SOURCE)  # commits while the snapshot is open
        assert reader.list_documents(everything)[0] == before == len(rows) > 0
    assert reader.list_documents(everything)[0] == 0


def test_every_get_route_reads_one_snapshot() -> None:
    routes = [r for r in [*api.routes, *pages.routes] if isinstance(r, APIRoute)]
    reading = [r for r in routes if r.methods <= {"GET", "HEAD"}]
    assert reading and all(hasattr(r.endpoint, "__wrapped__") for r in reading)
    writing = [r for r in routes if "POST" in r.methods]
    assert writing and not any(hasattr(r.endpoint, "__wrapped__") for r in writing)
