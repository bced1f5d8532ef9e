from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from missive import pipeline
from missive.sources import read_source
from missive.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mia-stalin-roosevelt-1943.txt"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The MIA sample, parsed and ingested into a fresh store file."""
    folder = tmp_path_factory.mktemp("entities")
    copy = folder / SAMPLE.name
    shutil.copy(SAMPLE, copy)
    db = folder / "missive.db"
    with Store(db) as store:
        store.ingest(pipeline.run(read_source(copy)))
    return db


@pytest.fixture
def sample_store(sample_db: Path) -> Iterator[Store]:
    with Store(sample_db) as store:
        yield store
