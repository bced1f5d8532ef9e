from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from missive.store import Store
from store.samples import build_source


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "missive.db") as opened:
        opened.ingest(build_source())
        opened.ingest(build_source(name="other.txt", with_second=False, prefix="other"))
        yield opened


SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE_FILES = ("mia-stalin-roosevelt-1943.txt", "wilson-harriman-to-roosevelt-1944-06-28.md")


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the two bundled samples (read-only for the tests)."""
    from missive.ingest import ingest_paths

    db = tmp_path_factory.mktemp("samples") / "samples.db"
    report = ingest_paths([SAMPLES / name for name in SAMPLE_FILES], db)
    assert not report.failures, report.failures
    return db


@pytest.fixture(scope="session")
def samples_store(samples_db: Path) -> Iterator[Store]:
    with Store(samples_db) as opened:
        yield opened
