"""Phrases through the index of word pairs: exactly the positional phrase query's answers."""

from __future__ import annotations

import random
import re
from itertools import pairwise
from pathlib import Path

import pytest
from tantivy import Occur, Query

from missive.search import compile as compiler
from missive.search import search
from missive.search.compile import compile_query
from missive.search.fields import FIELD_BOOSTS
from missive.search.index import open_index
from missive.search.pairs import pair_text, phrase_pairs
from missive.search.query import Phrase, parse
from missive.search.text import analyze
from missive.store import Store


def _pairs_indexed(text: str) -> set[str]:
    return set(pair_text(text).split())


@pytest.mark.parametrize(
    "text",
    [
        "Second front, second FRONT!",
        "one",
        "",
        "Café au lait — naïve déjà-vu ½",
        "a " + "x" * 39 + " b c",
        "under_score and  many   spaces",
    ],
)
def test_every_adjacent_pair_of_the_analyzer_is_indexed(text: str) -> None:
    terms = analyze(text)
    assert {f"{a}_{b}" for a, b in pairwise(terms)} <= _pairs_indexed(text)


def test_phrase_pairs_are_distinct_and_in_order() -> None:
    assert phrase_pairs(("the", "the", "the", "end")) == ["the_the", "the_end"]


def _positional(words: tuple[str, ...], schema) -> Query:
    """The phrase as a positional query alone, as before the pair index."""
    return Query.boolean_query(
        [
            (Occur.Should, Query.boost_query(Query.phrase_query(schema, f, list(words)), b))
            for f, b in FIELD_BOOSTS.items()
        ]
    )


def _phrases_of_the_samples(db: Path, count: int) -> list[str]:
    """Two to five consecutive words taken at random from the samples' documents and
    notes, frequent words among them, and some that stand nowhere."""
    rng = random.Random(7)
    with Store(db) as store:
        texts = [
            (d.get("text") or "") + "\n" + " ".join(n.get("text") or "" for n in d["notes"])
            for d in map(
                store.document, (r[0] for r in store.conn.execute("SELECT id FROM documents"))
            )
        ]
    phrases = []
    while len(phrases) < count:
        words = re.findall(r"[^\W_]+", rng.choice(texts))
        if len(words) < 6:
            continue
        n = rng.choice((2, 2, 3, 4, 5))
        at = rng.randrange(len(words) - n)
        phrase = words[at : at + n]
        if rng.random() < 0.15:  # the same words in another order: mostly nowhere
            rng.shuffle(phrase)
        phrases.append(" ".join(phrase))
    return [*phrases, "of the", "to the", "the second front", "in the the", "we are"]


@pytest.mark.parametrize("ratio", [0, compiler.NARROWING_RATIO])  # 0: every pair narrows
def test_phrases_match_exactly_what_the_positional_query_matches(
    samples_db: Path, ratio: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiler, "NARROWING_RATIO", ratio)
    index = open_index(samples_db)
    searcher = index.searcher()
    checked = 0
    for text in _phrases_of_the_samples(samples_db, 300):
        node = parse(f'"{text}"').root
        if not isinstance(node, Phrase):
            continue
        fast = searcher.search(compile_query(node, searcher, index.schema), 10_000, count=True)
        plain = searcher.search(_positional(node.words, index.schema), 10_000, count=True)
        assert fast.count == plain.count, text
        assert fast.hits == plain.hits, text  # same documents, same scores, same order
        checked += bool(plain.count)
    assert checked > 200  # most phrases stand somewhere


def test_phrase_search_results_through_the_engine(samples_db: Path) -> None:
    result = search(samples_db, '"second front"', limit=100)
    assert result.total == len(result.hits) > 0
    assert all("<mark>second</mark>" in h.snippet.lower() for h in result.hits)
