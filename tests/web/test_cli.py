"""`missive serve` and `missive demo` as the README gives them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from missive.cli import demo, serve

MISSIVE = str(Path(sys.executable).with_name("missive"))


def test_serve_binds_loopback_by_default() -> None:
    options = {p.name: p for p in serve.params}
    assert options["host"].default == "127.0.0.1"
    assert options["port"].default == 8000
    assert options["editor_token"].envvar == "MISSIVE_EDITOR_TOKEN"
    assert {p.name for p in demo.params} >= {"no_serve", "host", "port"}


def test_serve_without_a_database_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [MISSIVE, "serve", "--db", str(tmp_path / "none.db")], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "ingest first" in " ".join(result.stderr.split())
    assert not (tmp_path / "none.db").exists()


def test_demo_without_serving_ingests_the_samples(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = subprocess.run(
        [MISSIVE, "demo", "--no-serve", "--db", str(db)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert db.exists()
