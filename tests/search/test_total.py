"""The total is exact for every page size and offset, with and without deleted
documents, and two-word phrases (pair terms) count what the positional query counts."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from missive.search import search, sync_index
from missive.search.compile import compile_query
from missive.search.index import open_index
from missive.search.query import parse
from missive.store import Store
from store.samples import build_source, changed_source


def _counted(db: Path, query: str) -> int:
    """The total as Tantivy counts it while scoring every match, shard by shard."""
    index = open_index(db)
    counts = []
    for searcher in index.searchers():
        compiled = compile_query(parse(query).root, searcher, index.schema)
        counts.append(int(searcher.search(compiled, 1, count=True).count or 0))
    return sum(counts)


def _words_of(db: Path, count: int, seed: int = 11) -> list[str]:
    """Words and two-word phrases of the documents' bodies and notes."""
    rng = random.Random(seed)
    with Store(db) as store:
        texts = []
        for (doc_id,) in store.conn.execute("SELECT id FROM documents"):
            doc = store.document(doc_id)
            texts.append(doc.get("text") or "")
            texts.extend(n.get("text") or "" for n in doc.get("notes") or [])
    out: list[str] = []
    while len(out) < count:
        words = re.findall(r"[^\W_]+", rng.choice(texts))
        if len(words) < 4:
            continue
        at = rng.randrange(len(words) - 3)
        n = rng.choice((1, 1, 1, 2, 2))
        out.append(words[at] if n == 1 else '"' + " ".join(words[at : at + n]) + '"')
    return out


QUERIES = [
    "the",
    "of",
    "stalin",
    '"second front"',
    '"of the"',
    '"the second front"',
    "front*",
    "the -front",
    "stalin OR churchill",
    "the from:stalin",
    "from:stalin",
    "date:1943-02..1943-06",
    "the sort:date",
    "has:notes",
    "zzzzunknown",
    '"zzzz yyyy"',
]


@pytest.mark.parametrize(("limit", "offset"), [(10, 0), (0, 0), (1, 0), (3, 5), (10, 500)])
def test_totals_equal_the_scoring_count(samples_db: Path, limit: int, offset: int) -> None:
    for query in [*QUERIES, *_words_of(samples_db, 60)]:
        result = search(samples_db, query, limit=limit, offset=offset)
        assert result.total == _counted(samples_db, query), (query, limit, offset)


def test_deleted_documents_are_not_counted(own_db: Path) -> None:
    with Store(own_db) as store:
        store.ingest(build_source())
    sync_index(own_db)
    before = {q: search(own_db, q).total for q in ("greetings", "the", '"second front"')}
    with Store(own_db) as store:
        store.ingest(changed_source())  # its documents deleted from the index and re-added
    sync_index(own_db)
    assert _deleted_documents(own_db)
    for query, total in before.items():
        result = search(own_db, query, limit=1)
        assert result.total == total == _counted(own_db, query), query


def _deleted_documents(db: Path) -> int:
    """Documents still in the index's segments but deleted (not yet merged away)."""
    deleted = 0
    for searcher in open_index(db).searchers():
        held = sum(df for _, df in searcher.terms_with_prefix("kind", "", limit=1000))
        deleted += held - searcher.num_docs
    return deleted
