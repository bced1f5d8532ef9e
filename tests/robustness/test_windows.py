"""A large source parsed in windows gives the documents a whole parse gives.

The windows are forced small (a few hundred kilobytes) so that a synthetic volume of
a couple of thousand documents is cut many times. Equal by contract: ids, spans,
numbers, dates, kind, text, paragraphs, note markers and the notes they point at,
the notes section, which documents point at each note; senders and recipients
wherever they are read from the text itself. Different by design (windows.py says
why): parties attributed by wording learned from the source's other documents,
links (replies, citations, quotations) that depend on documents beyond the window,
and entities.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from missive import pipeline
from missive.model import Document, Source
from missive.pipeline.windows import WindowedParse, needs_windows, plan_windows
from missive.serialize import SourceContext, _note_references, document_to_dict, source_context
from missive.sources import read_source
from missive.store import Store

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import synth  # noqa: E402  (benchmarks/ is not a package)

DOCUMENTS = 1_000
WINDOW, OVERLAP = 120_000, 30_000
SAME = ("id", "span", "number", "number_printed", "dates", "date", "kind", "text", "incipit",
        "notes", "paragraphs", "note_refs", "ordinal", "parent_id", "heading", "place",
        "channel", "classification", "salutation", "closing", "enclosures", "witnesses")  # fmt: skip
# Parties read off the document's own lines (not from the other documents in view).
OWN_LINES = ("'Sent' line", "'Received' line", "heading", "from/to line", "salutation")


def write_volume(path: Path, documents: int, seed: int = 8) -> Path:
    pool = synth.load_pool(ROOT / "samples" / "mia-stalin-roosevelt-1943.txt")
    path.write_text(synth.Generator(pool, seed).volume(1, documents, documents), "utf-8")
    return path


@pytest.fixture(scope="module")
def volume(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_volume(tmp_path_factory.mktemp("windows") / "volume.txt", DOCUMENTS)


@pytest.fixture(scope="module")
def whole(volume: Path) -> Source:
    return pipeline.run(read_source(volume))


@pytest.fixture(scope="module")
def windowed(volume: Path) -> tuple[Source, WindowedParse, list[Document]]:
    source = read_source(volume)
    parse = WindowedParse(source, window=WINDOW, overlap=OVERLAP)
    documents = [doc for batch in parse for doc in batch]
    return source, parse, documents


_contexts: dict[int, SourceContext] = {}


def as_dict(doc: Document, source: Source) -> dict:
    ctx = _contexts.get(id(source)) or _contexts.setdefault(id(source), source_context(source))
    data = document_to_dict(doc, source, ctx)
    for field in ("enclosures", "witnesses"):  # links and entities inside differ by design
        for item in data[field]:
            item.pop("links", None), item.pop("entities", None)  # type: ignore[func-returns-value]
    return data


def test_a_volume_above_the_threshold_is_cut_into_windows(volume: Path, windowed) -> None:
    source, parse, documents = windowed
    assert needs_windows(source, threshold=WINDOW)
    assert not needs_windows(source)  # the default threshold: this volume is parsed whole
    assert parse.windows >= 5
    assert parse.documents == len(documents)


def test_windowed_parse_finds_the_same_documents(whole: Source, windowed) -> None:
    source, _, documents = windowed
    assert [d.id for d in documents] == [d.id for d in whole.documents]
    for ours, theirs in zip(documents, whole.documents, strict=True):
        a, b = as_dict(ours, source), as_dict(theirs, whole)
        for field in SAME:
            assert a[field] == b[field], f"{a['id']}: {field}"


def test_parties_read_from_the_text_are_the_same(whole: Source, windowed) -> None:
    source, _, documents = windowed
    compared = 0
    for ours, theirs in zip(documents, whole.documents, strict=True):
        parties = theirs.senders + theirs.recipients
        if not parties or not all(p.evidence.rule.startswith(OWN_LINES) for p in parties):
            continue  # read from the other documents in view: differs by design
        a, b = as_dict(ours, source), as_dict(theirs, whole)
        assert (a["senders"], a["recipients"]) == (b["senders"], b["recipients"]), a["id"]
        compared += 1
    assert compared > len(documents) // 2


def test_notes_and_their_markers_are_the_same(whole: Source, windowed) -> None:
    source, parse, _ = windowed
    assert [(n.number, n.text, n.span, n.start_line) for n in source.notes] == [
        (n.number, n.text, n.span, n.start_line) for n in whole.notes
    ]
    assert parse.referenced_by == _note_references(
        whole.documents, source_context(whole).notes_within
    )
    assert sorted(source.warnings) == sorted(whole.warnings)


def test_windows_are_cut_before_document_numbers(volume: Path) -> None:
    text = volume.read_text("utf-8")
    windows = list(plan_windows(text, len(text), WINDOW, OVERLAP))
    for window in windows[1:]:
        assert text[window.start - 2 : window.start] == "\n\n"
        assert text[window.start :].startswith("No. ")
        assert window.parse_start < window.start
    assert [w.end for w in windows[:-1]] == [w.start for w in windows[1:]]


def test_small_sources_are_parsed_whole() -> None:
    source = read_source(ROOT / "samples" / "mia-stalin-roosevelt-1943.txt")
    batches = pipeline.parse(source)
    assert batches == [source.documents] and source.documents


def test_windowed_ingest_is_one_transaction(tmp_path: Path) -> None:
    """A parse that fails in its third window leaves nothing of the source stored."""
    path = write_volume(tmp_path / "volume.txt", 200, seed=3)
    calls = []

    def failing_run(source: Source, earlier=()) -> Source:
        calls.append(source.name)
        if len(calls) == 3:
            raise ValueError("the parse fails here")
        return pipeline.run(source, earlier)

    db = tmp_path / "x.db"
    with Store(db) as store:
        parse = WindowedParse(read_source(path), window=30_000, run=failing_run)
        with pytest.raises(ValueError):
            store.ingest(parse.source, parse)
        assert store.sources() == []
        parse = WindowedParse(read_source(path), window=30_000)
        result = store.ingest(parse.source, parse)
        assert result.status == "added" and result.documents == parse.documents > 0
        stored = list(store.documents())
        assert [d["id"] for d in stored] == [d["id"] for d in store.documents(path.name)]
        assert len(store.notes(path.name)) == len(parse.source.notes)
        [entry] = store.sources()  # the JSON completed after the last window
        assert entry["counts"]["documents"] == parse.documents
        assert entry["notes"] == len(parse.source.notes) > 0
        assert entry["warnings"] == parse.source.warnings
        write_volume(path, 150, seed=4)  # a changed file replaces the stored one
        parse = WindowedParse(read_source(path), window=30_000)
        result = store.ingest(parse.source, parse)
        assert (result.status, result.documents) == ("replaced", parse.documents)
        assert store.source_text(path.name) == path.read_text("utf-8")
        assert store.sources()[0]["counts"]["documents"] == parse.documents
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        fts, docs = conn.execute(
            "SELECT (SELECT count(*) FROM documents_fts), (SELECT count(*) FROM documents)"
        ).fetchone()
        assert fts == docs
    finally:
        conn.close()


WINDOWED_COMMAND = (
    sys.executable,
    "-c",
    "import missive.pipeline.windows as w; w.THRESHOLD, w.WINDOW = 20_000, 20_000; "
    "from missive.cli import run; run()",
)


def test_sigkill_mid_windowed_ingest_leaves_the_source_whole_or_absent(tmp_path: Path) -> None:
    """The windows are written inside the source's one transaction: a kill between
    two of them leaves nothing of the source; the next ingest stores all of it."""
    path = write_volume(tmp_path / "volume.txt", 120, seed=5)
    db = tmp_path / "x.db"
    command = [*WINDOWED_COMMAND, "ingest", str(path), "--db", str(db), "-q"]
    started = time.perf_counter()
    subprocess.run(command, check=True, timeout=300)
    duration = time.perf_counter() - started
    with Store(db) as store:
        expected = [d["id"] for d in store.documents()]
    for fraction in (0.7, 0.4, 0.2, 0.1):
        for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            leftover.unlink(missing_ok=True)
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(fraction * duration)
        if proc.poll() is not None:
            continue  # done before the kill (a warm second run is faster): kill it sooner
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        break
    else:
        pytest.fail("every ingest ended before it could be killed")
    if db.exists():
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            top = "SELECT count(*) FROM documents WHERE parent_id IS NULL"
            assert conn.execute(top).fetchone()[0] in (0, len(expected))
        finally:
            conn.close()
        with Store(db) as store:
            ids = [d["id"] for d in store.documents()]
        assert ids in ([], expected)
    subprocess.run(command, check=True, timeout=300)
    with Store(db) as store:
        assert [d["id"] for d in store.documents()] == expected
