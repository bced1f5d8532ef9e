"""`missive correct` and `missive remove`: the store and its search index change together."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from missive.search import search
from missive.store import Store

RUN = "from missive.cli import run; run()"

LETTERS = """\
No. 1

PRESIDENT ROOSEVELT TO MARSHAL STALIN

I am sending you the figures on the convoys you asked for.

March 3, 1943

No. 2

MARSHAL STALIN TO PRESIDENT ROOSEVELT

Your message of March 3 about the convoys reached me today.

March 9, 1943
"""


def _missive(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    source = tmp_path / "letters.txt"
    source.write_text(LETTERS, encoding="utf-8")
    db = tmp_path / "edition.db"
    proc = _missive("ingest", str(source), "--db", str(db), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return db


def _exported(db: Path) -> list[dict]:
    with Store(db) as store:
        return list(store.documents())


def test_correct_changes_the_document_and_what_search_finds(db: Path) -> None:
    first = _exported(db)[0]
    assert [p["key"] for p in first["senders"]] == ["roosevelt"]
    assert search(db, "convoys from:churchill").total == 0

    proc = _missive(
        "correct", first["id"], "senders", "churchill", "--reason", "the draft is his",
        "--editor", "A. Editor", "--db", str(db),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "senders of" in proc.stderr

    corrected = _exported(db)[0]
    assert [p["key"] for p in corrected["senders"]] == ["churchill"]
    assert [hit.id for hit in search(db, "convoys from:churchill").hits] == [first["id"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["number", "seven"], "digits"),
        (["colour", "red"], "cannot correct 'colour'"),
        (["dates.dated", "March 1943"], "YYYY-MM-DD"),
    ],
)
def test_a_bad_correction_exits_2_and_says_what_would_work(
    db: Path, args: list[str], message: str
) -> None:
    doc_id = _exported(db)[0]["id"]
    proc = _missive("correct", doc_id, *args, "--reason", "r", "--editor", "ed", "--db", str(db))
    assert proc.returncode == 2
    assert message in proc.stderr


def test_correct_needs_a_plain_editor_name_and_a_known_document(db: Path) -> None:
    common = ["kind", "letter", "--reason", "r", "--db", str(db)]
    no_doc = _missive("correct", "no-such-document", *common, "--editor", "ed")
    assert no_doc.returncode == 2 and "no document 'no-such-document'" in no_doc.stderr
    doc_id = _exported(db)[0]["id"]
    odd_name = _missive("correct", doc_id, *common, "--editor", "<script>")
    assert odd_name.returncode == 2 and "plain name" in odd_name.stderr


def test_remove_takes_the_source_out_of_the_store_and_the_index(db: Path) -> None:
    assert search(db, "convoys").total == 2
    proc = _missive("remove", "letters.txt", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert "removed letters.txt: 2 documents" in proc.stderr
    assert _exported(db) == []
    assert search(db, "convoys").total == 0


def test_remove_of_an_unknown_source_exits_2(db: Path) -> None:
    proc = _missive("remove", "nothing.txt", "--db", str(db))
    assert proc.returncode == 2
    assert "no source 'nothing.txt'" in proc.stderr
    assert len(_exported(db)) == 2
