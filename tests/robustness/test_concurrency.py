"""Readers and an editor keep working while `missive ingest` writes.

Two real ingests (child processes) run over the same synthetic sources; meanwhile
reader threads (each with its own connection, as a web worker would have) list
sources, read documents and search, and an editor thread records corrections.
Bounded by the ingest's own run (and a time limit); zero errors allowed, "database
is locked" above all.
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from missive.search import search
from missive.store import Store
from robustness.cli import COMMAND

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import synth  # noqa: E402  (benchmarks/ is not a package)

FILES = 4
DOCUMENTS = 25
TIME_LIMIT = 120


def write_sources(folder: Path) -> None:
    pool = synth.load_pool(ROOT / "samples" / "mia-stalin-roosevelt-1943.txt")
    generator = synth.Generator(pool, seed=5)
    for part in range(1, FILES + 1):
        text = generator.volume(1, DOCUMENTS, DOCUMENTS, part)
        (folder / f"part {part}.txt").write_text(text, "utf-8")


def read_everything(db: Path, rng: random.Random) -> int:
    """One round of what the reader does; returns how many documents it saw."""
    with Store(db) as store:
        sources = store.sources()
        ids = [d["id"] for d in store.documents()]
        for doc_id in rng.sample(ids, min(5, len(ids))):
            assert store.document(doc_id) is not None
        store.search_text("message OR front", limit=10)
        store.count_text("Roosevelt")
    if sources:
        search(db, "message", limit=10)
    return len(ids)


def correct_something(db: Path, rng: random.Random) -> int:
    with Store(db) as store:
        ids = [d["id"] for d in store.documents()]
        if ids:
            store.add_correction(rng.choice(ids), "place", "Moscow", "editor", "concurrency")
    return len(ids)


def loop(
    work: Callable[[Path, random.Random], int],
    db: Path,
    seed: int,
    done: threading.Event,
    errors: list[str],
    rounds: list[int],
) -> None:
    rng = random.Random(seed)
    while not done.is_set():
        try:
            work(db, rng)
            rounds.append(1)
        except Exception as error:  # every error is a failure of the test, kept to report
            errors.append(f"{type(error).__name__}: {error}")
        time.sleep(0.01)


@pytest.mark.slow
def test_reading_and_correcting_while_an_ingest_writes(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    write_sources(folder)
    db = tmp_path / "busy.db"
    Store(db).close()  # the schema exists before the readers start
    done = threading.Event()
    errors: list[str] = []
    rounds: list[int] = []
    workers = [
        threading.Thread(target=loop, args=(read_everything, db, n, done, errors, rounds))
        for n in range(3)
    ]
    workers.append(
        threading.Thread(target=loop, args=(correct_something, db, 99, done, errors, rounds))
    )
    for worker in workers:
        worker.start()
    command = [*COMMAND, "ingest", str(folder), "--db", str(db), "-q"]
    # Two ingests of the same folder at once: the second waits for the first's
    # transactions, then finds the files stored ("unchanged") or stores them itself.
    ingests = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        outcomes = [(p.wait(timeout=TIME_LIMIT), p.stderr.read()) for p in ingests]
    finally:
        done.set()
        for worker in workers:
            worker.join(timeout=30)
        for process in ingests:
            process.kill()
            process.stderr.close()
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    assert errors == []
    assert len(rounds) > 10
    with Store(db) as store:
        assert store.stats()["sources"] == FILES
        assert store.integrity_check() == ["ok"]
        assert store.orphaned_corrections() == []
