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
