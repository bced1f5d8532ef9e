"""Through the real command: a correction whose document disappears from a changed
file is kept, reported by the ingest, and listed by `missive check`."""

from __future__ import annotations

from pathlib import Path

from missive.store import Store
from robustness.cli import missive
from robustness.test_bad_input import LETTER


def test_orphaned_correction_is_kept_and_reported(tmp_path: Path) -> None:
    volume = tmp_path / "volume.txt"
    volume.write_text(LETTER.format(n=1) + "\n\n" + LETTER.format(n=2), "utf-8")
    db = tmp_path / "edition.db"
    assert missive("ingest", volume, "--db", db, "-q").code == 0
    with Store(db) as store:
        first, second = (d["id"] for d in store.documents())
        store.add_correction(first, "place", "Moscow", "ed", "archive copy")
        store.add_correction(second, "place", "London", "ed", "archive copy")

    volume.write_text(LETTER.format(n=1), "utf-8")  # the second letter is gone
    again = missive("ingest", volume, "--db", db, "-q")
    assert again.code == 0, again.stderr
    warning = again.line_about(volume)
    assert warning.startswith("warning ") and f"of {second}) is orphaned" in warning

    with Store(db) as store:
        assert [c["doc_id"] for c in store.corrections()] == [first, second]
        assert store.document(first)["place"] == "Moscow"
    check = missive("check", "--db", db)
    assert f"orphaned correction: {second} place" in check.stdout
