from __future__ import annotations

import contextlib
import json
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missive.errors import QueryError, StoreError
from missive.search import engine, search
from missive.store import Store


def _documents(db: Path) -> list[dict]:
    out = []
    with Store(db) as store:
        for doc in store.documents():
            out.append(doc)
            out.extend(doc.get("enclosures") or [])
    return out


def _ids(db: Path, query: str) -> set[str]:
    result = search(db, query, limit=1000)
    assert result.total == len(result.hits)
    return {hit.id for hit in result.hits}


def test_phrase_finds_exactly_the_documents_with_it(samples_db: Path) -> None:
    expected = {
        d["id"]
        for d in _documents(samples_db)
        if "second front" in " ".join((d["text"] + " " + json.dumps(d["notes"])).lower().split())
    }
    assert expected and _ids(samples_db, '"second front"') == expected
    # the words anywhere find at least as many
    assert _ids(samples_db, "second front") >= expected


def test_stalins_messages_february_to_june_1943(samples_db: Path) -> None:
    expected = {
        d["id"]
        for d in _documents(samples_db)
        if any(p["key"] == "stalin" for p in d["senders"])
        and d["date"]
        and "1943-02-01" <= d["date"] <= "1943-06-30"
    }
    assert len(expected) > 5
    assert _ids(samples_db, "from:stalin date:1943-02..1943-06") == expected
    assert _ids(samples_db, 'from:"Uncle Joe" date:1943-02..1943-06') == expected
    hits = search(samples_db, "from:stalin date:1943-02..1943-06", limit=100).hits
    assert [h.date for h in hits] == sorted(h.date for h in hits)  # no text: date order


def test_operators(samples_db: Path) -> None:
    stalingrad = _ids(samples_db, "stalingrad")
    churchill = _ids(samples_db, "churchill")
    assert stalingrad and churchill
    assert _ids(samples_db, "stalingrad OR churchill") == stalingrad | churchill
    assert _ids(samples_db, "stalingrad AND churchill") == stalingrad & churchill
    assert _ids(samples_db, "stalingrad -churchill") == stalingrad - churchill
    assert _ids(samples_db, "stalingrad NOT churchill") == stalingrad - churchill
    assert _ids(samples_db, "(stalingrad OR churchill) -churchill") == stalingrad - churchill
    assert _ids(samples_db, "stalingrad*") >= stalingrad


def test_filters(samples_db: Path) -> None:
    docs = {d["id"]: d for d in _documents(samples_db)}
    to_roosevelt = _ids(samples_db, "to:roosevelt")
    assert to_roosevelt == {
        i for i, d in docs.items() if any(p["key"] == "roosevelt" for p in d["recipients"])
    }
    party = _ids(samples_db, "party:roosevelt")
    assert party >= to_roosevelt | _ids(samples_db, "from:roosevelt")
    assert _ids(samples_db, "number:75") == {i for i, d in docs.items() if d["number"] == 75}
    assert _ids(samples_db, "number:70..72") == {
        i for i, d in docs.items() if d["number"] is not None and 70 <= d["number"] <= 72
    }
    assert _ids(samples_db, "year:1944") == {
        i for i, d in docs.items() if (d["date"] or "").startswith("1944")
    }
    assert _ids(samples_db, "has:notes") == {i for i, d in docs.items() if d["notes"]}
    kinds = {d["kind"] for d in docs.values()}
    for kind in kinds:
        assert _ids(samples_db, f"kind:{kind}") == {i for i, d in docs.items() if d["kind"] == kind}
    source = "wilson-harriman-to-roosevelt-1944-06-28.md"
    assert _ids(samples_db, f"source:{source}") == {
        i for i, d in docs.items() if d["source"] == source
    }
    assert _ids(samples_db, "source:wilson*") == _ids(samples_db, f"source:{source}")


def test_hits_carry_the_contract_fields_and_facets_count_everything(samples_db: Path) -> None:
    result = search(samples_db, "front", limit=3)
    assert result.total > 3 and len(result.hits) == 3
    assert result.query == "front"
    hit = result.hits[0]
    assert hit.id and hit.source and isinstance(hit.senders, list) and hit.score > 0
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)
    assert set(result.facets) == {"sender", "recipient", "year", "kind", "source", "entity"}
    assert sum(count for _, count in result.facets["source"]) == result.total
    assert sum(count for _, count in result.facets["kind"]) == result.total
    page2 = search(samples_db, "front", limit=3, offset=3)
    assert not {h.id for h in page2.hits} & {h.id for h in result.hits}


@pytest.mark.parametrize("query", ["front", "message", "Churchill", "the"])
def test_pages_of_any_size_follow_one_order(samples_db: Path, query: str) -> None:
    """How many hits a page asks for never changes which documents it holds: equal
    scores are ordered by date and id, whatever the engine returns first."""
    whole = [h.id for h in search(samples_db, query, limit=60).hits]
    for size in (1, 2, 3, 7):
        paged = []
        for offset in range(0, len(whole), size):
            paged += [h.id for h in search(samples_db, query, limit=size, offset=offset).hits]
        assert paged[: len(whole)] == whole, size


def test_sort_by_date(samples_db: Path) -> None:
    hits = search(samples_db, "front sort:date", limit=50).hits
    dates = [h.date or "9999" for h in hits]
    assert dates == sorted(dates)


def test_snippets_mark_every_hit_term_and_escape_the_rest(samples_db: Path) -> None:
    for hit in search(samples_db, '"second front"', limit=20).hits:
        assert "<mark>second</mark> <mark>front</mark>" in hit.snippet.lower()
        assert "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")
    for hit in search(samples_db, "stalingrad OR churchill", limit=20).hits:
        assert "<mark>" in hit.snippet


def test_malformed_query_raises_query_error(samples_db: Path) -> None:
    with pytest.raises(QueryError, match="unbalanced quote"):
        search(samples_db, '"second front')


def test_missing_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        search(tmp_path / "none.db", "front")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet='abcfront "()-*:AND OR NOTsfromdate1943.é', max_size=30))
def test_search_never_fails_but_with_query_error(samples_db: Path, text: str) -> None:
    with contextlib.suppress(QueryError):
        search(samples_db, text, limit=3)


def test_sort_date_alone_lists_every_document_in_date_order(samples_db: Path) -> None:
    result = search(samples_db, "sort:date", limit=1000)
    assert result.total == len(_documents(samples_db)) == len(result.hits)
    dates = [h.date or "9999" for h in result.hits]
    assert dates == sorted(dates)


# --- shards at the same time: each reads its own page hits ------------------------


@pytest.fixture
def in_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """The samples are below the size at which the shards run at the same time."""
    monkeypatch.setattr(engine, "PARALLEL_FROM_DOCS", 0)
    monkeypatch.setattr(engine, "_CORES", 2)


@pytest.mark.parametrize(
    ("query", "limit", "offset"),
    [("front", 7, 3), ("message", 5, 11), ("the", 13, 0), ("front sort:date", 4, 9),
     ("from:stalin", 6, 2), ("zzzz", 10, 0), ("the", 0, 0), ("message", 10, 500)],
)  # fmt: skip
def test_shards_at_once_give_the_page_shards_in_turn_give(
    samples_db: Path, query: str, limit: int, offset: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_turn = search(samples_db, query, limit=limit, offset=offset)
    monkeypatch.setattr(engine, "PARALLEL_FROM_DOCS", 0)
    monkeypatch.setattr(engine, "_CORES", 2)
    assert search(samples_db, query, limit=limit, offset=offset) == in_turn


@pytest.mark.usefixtures("in_parallel")
def test_a_failing_shard_leaves_no_other_waiting_for_the_page(
    samples_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = engine.compile_query

    def fails_in_the_pool(root, searcher, schema):  # type: ignore[no-untyped-def]
        if threading.current_thread().name.startswith("missive-shard"):
            raise ValueError("broken shard")  # while the calling thread waits for the page
        return real(root, searcher, schema)

    monkeypatch.setattr(engine, "compile_query", fails_in_the_pool)
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            search(samples_db, "front")
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "a shard still waits for the page"
    assert len(outcome) == 1 and isinstance(outcome[0], QueryError)
    assert "broken shard" in str(outcome[0])
