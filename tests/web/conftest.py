from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from missive.ingest import ingest_paths
from missive.web import create_app

REPO = Path(__file__).resolve().parents[2]
SAMPLES = [
    REPO / "samples" / "mia-stalin-roosevelt-1943.txt",
    REPO / "samples" / "wilson-harriman-to-roosevelt-1944-06-28.md",
]
TOKEN = "correct horse battery staple"
DOC = "mia-stalin-roosevelt-1943-no-74"  # a numbered message with a note and links


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled samples ingested once; tests that write copy it first."""
    db = tmp_path_factory.mktemp("web") / "samples.db"
    report = ingest_paths(SAMPLES, str(db))
    assert not report.failures
    return db


@pytest.fixture
def writable_db(samples_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "edit.db"
    shutil.copy(samples_db, db)
    for suffix in ("-wal", "-shm"):
        extra = samples_db.with_name(samples_db.name + suffix)
        if extra.exists():
            shutil.copy(extra, db.with_name(db.name + suffix))
    return db


@pytest.fixture(scope="session")
def client(samples_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(samples_db, editor_token=TOKEN)) as opened:
        yield opened


@pytest.fixture
def editor_client(writable_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(writable_db, editor_token=TOKEN)) as opened:
        yield opened
