from __future__ import annotations

import pytest

from missive.errors import UsageError
from missive.model import Source
from missive.store import Store
from store.samples import changed_source


def correct_sender(store: Store) -> dict:
    return store.add_correction(
        "sample-2", "senders", ["churchill"], "editor@example.org", "FRUS heading"
    )


def test_correction_replaces_the_value_and_says_so(store: Store, source: Source) -> None:
    store.ingest(source)
    correct_sender(store)
    doc = store.document("sample-2")
    assert doc is not None
    assert [p["key"] for p in doc["senders"]] == ["churchill"]
    assert doc["senders"][0]["name"] == "Winston Churchill"
    corrected = doc["corrected"]["senders"]
    assert corrected["editor"] == "editor@example.org"
    assert corrected["reason"] == "FRUS heading"
    assert [p["key"] for p in corrected["original"]] == ["roosevelt"]


def test_correction_survives_reingest_of_a_changed_source(store: Store, source: Source) -> None:
    store.ingest(source)
    correct_sender(store)
    result = store.ingest(changed_source())
    assert result.status == "replaced"
    assert result.orphaned_corrections == 0
    [_, second] = store.documents()
    assert [p["key"] for p in second["senders"]] == ["churchill"]
    assert "senders" in second["corrected"]


def test_later_correction_wins_and_keeps_the_parsed_original(store: Store, source: Source) -> None:
    store.ingest(source)
    store.add_correction("sample-1", "dates.sent", "1943-01-02", "a", "misprint")
    store.add_correction("sample-1", "dates.sent", "1943-01-03", "b", "checked the archive")
    doc = store.document("sample-1")
    assert doc is not None
    assert doc["dates"]["sent"]["value"] == "1943-01-03"
    assert doc["date"] == "1943-01-03"  # the best date follows the corrected one
    assert doc["corrected"]["dates.sent"]["original"]["value"] == "1943-01-01"
    assert doc["corrected"]["dates.sent"]["editor"] == "b"


def test_scalar_correction_gets_correction_evidence(store: Store, source: Source) -> None:
    store.ingest(source)
    store.add_correction("sample-1", "kind", "telegram", "ed", "archive copy")
    doc = store.document("sample-1")
    assert doc is not None
    assert doc["kind"] == "telegram"
    assert doc["evidence"]["kind"]["rule"] == "correction"
    assert doc["evidence"]["kind"]["confidence"] == 1.0


def test_correction_of_an_enclosure_shows_in_its_parent(store: Store, source: Source) -> None:
    store.ingest(source)
    store.add_correction("sample-2-e1", "place", "London", "ed", "telegram header")
    [_, parent] = store.documents()
    assert parent["enclosures"][0]["place"] == "London"
    assert "corrected" not in parent


def test_orphaned_correction_is_kept_and_reported(store: Store, source: Source) -> None:
    store.ingest(source)
    correct_sender(store)
    result = store.ingest(changed_source(with_second=False))
    assert result.status == "replaced"
    assert result.orphaned_corrections == 1
    assert any("orphaned" in w for w in result.warnings)
    [kept] = store.corrections()
    assert kept["doc_id"] == "sample-2"
    assert kept["orphaned"] is True
    assert store.orphaned_corrections() == [kept]
    assert store.stats()["orphaned_corrections"] == 1
    # The document coming back brings the correction back into force.
    store.ingest(changed_source())
    assert store.orphaned_corrections() == []
    doc = store.document("sample-2")
    assert doc is not None
    assert [p["key"] for p in doc["senders"]] == ["churchill"]


def test_unknown_field_lists_the_valid_ones(store: Store, source: Source) -> None:
    store.ingest(source)
    with pytest.raises(UsageError, match="correctable fields: .*senders"):
        store.add_correction("sample-1", "colour", "red", "ed", "why not")


@pytest.mark.parametrize(
    ("field", "value"),
    [("dates.sent", "5 May 1943"), ("number", "65"), ("senders", "stalin")],
)
def test_badly_shaped_value_is_refused(
    store: Store, source: Source, field: str, value: object
) -> None:
    store.ingest(source)
    with pytest.raises(UsageError, match=f"bad value for {field}"):
        store.add_correction("sample-1", field, value, "ed", "typo")


def test_correction_of_unknown_document_is_refused(store: Store) -> None:
    with pytest.raises(UsageError, match="no document"):
        store.add_correction("nope", "kind", "letter", "ed", "why")
