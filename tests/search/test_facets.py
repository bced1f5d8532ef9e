"""Facets: exact on small result sets; over a fixed sample, flagged, on large ones.

The samples hold about a hundred documents, so the thresholds are lowered here to make
"large" reachable; the counting itself is the real one on the real index.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missive.search import facets, search
from missive.search.fields import SAMPLE_SLOTS, sample_slot


def _small_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facets, "SAMPLE_TARGET", 10)
    monkeypatch.setattr(facets, "EXACT_LIMIT", 15)


def test_a_small_result_set_is_counted_exactly(samples_db: Path) -> None:
    result = search(samples_db, "stalingrad")
    assert result.facets_exact
    assert sum(n for _, n in result.facets["kind"]) == result.total


def test_a_large_result_set_is_counted_over_a_flagged_sample(
    samples_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exact = search(samples_db, "the", limit=5)
    _small_thresholds(monkeypatch)
    sampled = search(samples_db, "the", limit=5)
    assert not sampled.facets_exact
    assert sampled.total == exact.total  # the total is always exact
    assert sampled.hits == exact.hits  # the hits never depend on the sample
    assert set(sampled.facets) == set(exact.facets)
    assert sampled.to_dict()["facets_exact"] is False
    # scaled counts: every value seen in the sample is a real value of the result set
    # (entities apart: the exact facet lists only the top FACET_SIZE of them)
    real = {name: dict(pairs) for name, pairs in exact.facets.items()}
    for name, pairs in sampled.facets.items():
        if name != "entity":
            assert all(value in real[name] and count > 0 for value, count in pairs), name


def test_exact_counts_everything_whatever_the_size(
    samples_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = search(samples_db, "the")
    _small_thresholds(monkeypatch)
    result = search(samples_db, "the", exact=True)
    assert result.facets_exact
    assert result.facets == expected.facets and result.total == expected.total


def test_a_rare_word_stays_exact_when_the_index_is_large_for_the_threshold(
    samples_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = search(samples_db, "stalingrad")
    _small_thresholds(monkeypatch)
    monkeypatch.setattr(facets, "EXACT_LIMIT", 20)  # fewer than the documents, more than hits
    assert expected.total <= 20
    result = search(samples_db, "stalingrad")
    assert result.facets_exact and result.facets == expected.facets


def test_sample_slots_spread_the_store_evenly() -> None:
    slots = [sample_slot(pk) for pk in range(1, 20 * SAMPLE_SLOTS + 1)]
    assert all(0 <= s < SAMPLE_SLOTS for s in slots)
    lower_half = sum(s < SAMPLE_SLOTS // 2 for s in slots) / len(slots)
    assert lower_half == 0.5


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from("abcdefghij"), st.integers(1, 5), max_size=10),
        min_size=1,
        max_size=3,
    )
)
def test_shards_counts_add_up_most_first_then_by_value(shards: list[dict[str, int]]) -> None:
    parts = [facets.Counts({"kind": list(c.items()), "year": list(c.items())}) for c in shards]
    summed: dict[str, int] = {}
    for counts in shards:
        for value, n in counts.items():
            summed[value] = summed.get(value, 0) + n
    merged = facets.merge(parts).facets
    expected = sorted(summed.items(), key=lambda pair: (-pair[1], pair[0]))
    assert merged["kind"] == expected[: facets.FACET_SIZE]
    assert merged["year"] == sorted(summed.items())


def test_bucket_keys_read_as_text_and_exact_counts_stay_whole() -> None:
    raw = {
        "kind": {"buckets": [{"key": "letter", "doc_count": 3}]},
        "year": {"buckets": [{"key": 1943.0, "doc_count": 2}, {"key": 0.0, "doc_count": 1}]},
    }
    assert facets._facets(raw, 1.0)["kind"] == [("letter", 3)]
    assert facets._facets(raw, 1.0)["year"] == [("1943", 2)]  # no year (0) left out
    assert facets._facets(raw, 2.5)["kind"] == [("letter", 8)]  # round(7.5)
