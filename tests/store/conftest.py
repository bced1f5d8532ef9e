from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from missive.model import Source
from missive.store import Store
from store.samples import build_source


@pytest.fixture
def source() -> Source:
    return build_source()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "missive.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store(db_path) as opened:
        yield opened
