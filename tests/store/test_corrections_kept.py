"""Editors' corrections outlive whatever happens to the parsed data: re-ingesting,
changing or removing a source keeps every correction, and orphans are reported."""

from __future__ import annotations

import pytest

from missive.errors import UsageError
from missive.model import Source
from missive.store import Store
from store.samples import build_source, changed_source


def corrected(store: Store) -> list[dict]:
    store.add_correction("sample-1", "place", "Moscow", "ed", "archive copy")
    store.add_correction("sample-2", "senders", ["churchill"], "ed", "FRUS heading")
    store.add_correction("sample-2-e1", "kind", "telegram", "ed", "header")
    return store.corrections()


def test_same_file_again_keeps_corrections_applied(store: Store, source: Source) -> None:
    store.ingest(source)
    before = corrected(store)
    assert store.ingest(build_source()).status == "unchanged"
    assert store.corrections() == before
    assert store.document("sample-1")["place"] == "Moscow"


def test_changed_file_keeps_and_reapplies_every_correction(store: Store, source: Source) -> None:
    store.ingest(source)
    before = corrected(store)
    assert store.ingest(changed_source()).status == "replaced"
    assert store.corrections() == before
    assert store.document("sample-1")["place"] == "Moscow"
    assert store.document("sample-2-e1")["kind"] == "telegram"


def test_removed_source_orphans_its_corrections_and_keeps_them(
    store: Store, source: Source
) -> None:
    store.ingest(source)
    before = corrected(store)
    result = store.remove_source("sample.txt")
    assert result.documents == 3
    assert len(result.warnings) == 3 and all("orphaned" in w for w in result.warnings)
    assert store.sources() == [] and store.document("sample-1") is None
    assert [c["id"] for c in store.orphaned_corrections()] == [c["id"] for c in before]
    assert store.stats()["orphaned_corrections"] == 3
    assert store.integrity_check() == ["ok"]


def test_corrections_reattach_when_the_source_comes_back(store: Store, source: Source) -> None:
    store.ingest(source)
    corrected(store)
    store.remove_source("sample.txt")
    assert store.ingest(build_source()).status == "added"
    assert store.orphaned_corrections() == []
    assert store.document("sample-1")["place"] == "Moscow"


def test_removing_an_unknown_source_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError, match="no source 'nothing.txt'"):
        store.remove_source("nothing.txt")


def test_search_index_rows_go_with_the_source(store: Store, source: Source) -> None:
    store.ingest(source)
    store.remove_source("sample.txt")
    fts = store.conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
    assert fts == 0
    assert store.search_text("hopes") == []
