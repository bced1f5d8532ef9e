from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from missive.ingest import ingest_paths

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [
    ROOT / "samples" / "mia-stalin-roosevelt-1943.txt",
    ROOT / "samples" / "wilson-harriman-to-roosevelt-1944-06-28.md",
]


@pytest.fixture(scope="session")
def samples_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("samples") / "missive.db"
    report = ingest_paths(SAMPLES, db)
    assert not report.failures
    return db


@pytest.fixture(scope="session")
def samples_db(samples_db_template: Path) -> Path:
    """The two samples ingested (with their index); shared, so read-only."""
    return samples_db_template


@pytest.fixture
def own_db(samples_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the samples database (without its index) to change."""
    db = tmp_path / "missive.db"
    shutil.copy(samples_db_template, db)
    return db
