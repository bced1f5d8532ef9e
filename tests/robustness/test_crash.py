"""SIGKILL `missive ingest` at random moments; the store must stay whole.

After every kill: the database opens, passes `PRAGMA integrity_check`, holds each
source whole (its documents, index rows and notes those of one version of the file)
or not at all, and the editor's correction is still there.  Re-running the ingest
then completes.  The files alternate between two versions, so kills also land in
the middle of replacing a source.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from missive.ingest import ingest_paths
from missive.store import Store
from robustness.cli import COMMAND

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import synth  # noqa: E402  (benchmarks/ is not a package)

FILES = 3
VERSIONS = ((20, 11), (28, 12))  # (documents per file, seed)
ROUNDS = 6
SEED = 20260121

Counts = tuple[int, int, int]  # top-level documents, all documents, notes


def write_version(folder: Path, version: int) -> None:
    pool = synth.load_pool(ROOT / "samples" / "mia-stalin-roosevelt-1943.txt")
    count, seed = VERSIONS[version]
    generator = synth.Generator(pool, seed)
    for part in range(1, FILES + 1):
        text = generator.volume(1, count, count, part)
        (folder / f"volume {part}.txt").write_text(text, "utf-8")


def stored_counts(conn: sqlite3.Connection) -> dict[str, tuple[str, Counts, int]]:
    """name -> (sha256, counts, index rows) for every stored source."""
    out = {}
    for sid, name, sha in conn.execute("SELECT id, name, sha256 FROM sources"):
        top, total = conn.execute(
            "SELECT count(*) FILTER (WHERE parent_id IS NULL), count(*) FROM documents"
            " WHERE source_id = ?",
            (sid,),
        ).fetchone()
        notes = conn.execute("SELECT count(*) FROM notes WHERE source_id = ?", (sid,)).fetchone()
        fts = conn.execute(
            "SELECT count(*) FROM documents_fts WHERE rowid IN"
            " (SELECT pk FROM documents WHERE source_id = ?)",
            (sid,),
        ).fetchone()
        out[name] = (sha, (top, total, notes[0]), fts[0])
    return out


def expected_counts(tmp_path: Path) -> dict[str, Counts]:
    """sha256 -> counts, from a clean ingest of each version."""
    expected = {}
    for version in range(len(VERSIONS)):
        folder = tmp_path / f"reference-{version}"
        folder.mkdir()
        write_version(folder, version)
        db = tmp_path / f"reference-{version}.db"
        assert not ingest_paths([folder], db).failures
        with Store(db) as store:
            for sha, counts, _ in stored_counts(store.conn).values():
                expected[sha] = counts
    return expected


def check_whole_or_absent(db: Path, expected: dict[str, Counts]) -> int:
    """Assert the store is sound; return how many sources it holds."""
    conn = sqlite3.connect(db)  # plain SQLite first: no missive code between us and the file
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = stored_counts(conn)
    finally:
        conn.close()
    for name, (sha, counts, fts_rows) in stored.items():
        assert sha in expected, f"{name}: a version never written"
        assert counts == expected[sha], f"{name}: partly stored {counts} != {expected[sha]}"
        assert fts_rows == counts[1], f"{name}: index rows {fts_rows} != documents {counts[1]}"
    with Store(db) as store:  # missive opens it too, and the correction survived
        [correction] = store.corrections()
        assert correction["field"] == "place"
    return len(stored)


def ingest_command(folder: Path, db: Path) -> list[str]:
    return [*COMMAND, "ingest", str(folder), "--db", str(db), "-q"]


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_every_source_whole_or_absent(tmp_path: Path) -> None:
    expected = expected_counts(tmp_path)
    folder = tmp_path / "letters"
    folder.mkdir()
    db = tmp_path / "crash.db"
    write_version(folder, 0)
    started = time.perf_counter()
    subprocess.run(ingest_command(folder, db), check=True, timeout=300)
    duration = time.perf_counter() - started
    with Store(db) as store:
        doc_id = next(store.documents())["id"]
        store.add_correction(doc_id, "place", "Moscow", "editor", "archive copy")

    rng = random.Random(SEED)
    killed_while_running = 0
    for round_no in range(1, ROUNDS + 1):
        write_version(folder, round_no % 2)
        proc = subprocess.Popen(
            ingest_command(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.2, 1.0) * duration)
        killed_while_running += proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        check_whole_or_absent(db, expected)
    assert killed_while_running >= ROUNDS // 2  # the kills were real, not after the end

    finished = subprocess.run(ingest_command(folder, db), capture_output=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert check_whole_or_absent(db, expected) == FILES
    with Store(db) as store:
        current = {s["sha256"] for s in store.sources()}
    assert current <= set(expected) and len(current) == FILES
