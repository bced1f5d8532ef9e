from __future__ import annotations

import pytest

from missive.errors import QueryError
from missive.model import Source
from missive.store import Store


@pytest.fixture
def filled(store: Store, source: Source) -> Store:
    store.ingest(source)
    return store


def test_search_finds_a_word_with_a_snippet(filled: Store) -> None:
    [hit] = filled.search_text("greetings")
    assert hit["id"] == "sample-1"
    assert hit["source"] == "sample.txt"
    assert hit["senders"] == ["stalin"]
    assert hit["date"] == "1943-01-01"
    assert "[greetings]" in hit["snippet"]
    assert hit["score"] > 0


def test_search_reaches_enclosures_and_notes(filled: Store) -> None:
    assert [h["id"] for h in filled.search_text("Husky")] == ["sample-2-e1"]
    # "awaited" is only in note 24, which sample-1 cites.
    assert [h["id"] for h in filled.search_text("awaited")] == ["sample-1"]


def test_search_ranks_and_limits(filled: Store) -> None:
    hits = filled.search_text("message OR greetings OR plan", limit=2)
    assert len(hits) == 2
    assert hits[0]["score"] >= hits[1]["score"]
    assert filled.count_text("message OR greetings OR plan") == 3


@pytest.mark.parametrize("query", ['"unterminated', "AND front", "front AND", "colour:red", " "])
def test_malformed_query_raises_query_error(filled: Store, query: str) -> None:
    with pytest.raises(QueryError, match="query"):
        filled.search_text(query)


def test_hits_show_corrected_fields(filled: Store) -> None:
    filled.add_correction("sample-1", "senders", ["molotov"], "ed", "signed by Molotov")
    [hit] = filled.search_text("greetings")
    assert hit["senders"] == ["molotov"]
