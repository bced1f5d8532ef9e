"""Phrases through the index of word pairs: exactly the positional phrase query's answers."""

from __future__ import annotations

import random
import re
from itertools import pairwise
from pathlib import Path

import pytest
import tantivy
from tantivy import Occur, Query

from missive.search import compile as compiler
from missive.search import search
from missive.search.compile import compile_query
from missive.search.fields import FIELD_BOOSTS, schema
from missive.search.index import open_index
from missive.search.pairs import pair_field, pair_text, phrase_pairs
from missive.search.query import Phrase, parse
from missive.search.text import ANALYZER, MAX_WORD_CHARS, analyze, analyzer
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


def _pairs_of_the_analyzer(text: str) -> str:
    """Adjacent words as the analyzer reads them, over-long ones too (they hold a
    position in the index): what the pair field must hold."""
    return " ".join(f"{a}_{b}" for a, b in pairwise(analyze(text, keep_long=True)))


_PIECES = [
    *"abcXYZ09 _.,;:!?'\"()-\n\t",
    *"\u00a0\u2013\u2014\u2019\u201c\u201d\u2026\u00ab\u200b",  # typographic
    *"\u00e9\u00c4\u00df\u0130\u00bd\u00b2\u24b6\u0301\u25a1",  # letters, digits, marks
    "Second",
    "front",
    "x" * 39,
    "Y" * 40,
    "z" * 41,
]


@pytest.mark.parametrize("seed", range(4))
def test_pair_text_is_what_the_analyzer_pairs(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(500):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 40)))
        assert pair_text(text) == _pairs_of_the_analyzer(text), repr(text)


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


def _addresses(hits: list) -> set[tuple[int, int]]:
    return {(address.segment_ord, address.doc) for _, address in hits}


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
    checked = 0
    for text in _phrases_of_the_samples(samples_db, 300):
        node = parse(f'"{text}"').root
        if not isinstance(node, Phrase):
            continue
        found = 0
        for searcher in index.searchers():
            compiled = compile_query(node, searcher, index.schema)
            fast = searcher.search(compiled, 10_000, count=True)
            plain = searcher.search(_positional(node.words, index.schema), 10_000, count=True)
            assert fast.count == plain.count, text
            if len(node.words) == 2:  # the pair term: the same documents, its own scores
                assert _addresses(fast.hits) == _addresses(plain.hits), text
            else:
                assert fast.hits == plain.hits, text  # same documents, scores and order
            found += plain.count or 0
        checked += bool(found)
    assert checked > 200  # most phrases stand somewhere


def test_phrase_search_results_through_the_engine(samples_db: Path) -> None:
    result = search(samples_db, '"second front"', limit=100)
    assert result.total == len(result.hits) > 0
    assert all("<mark>second</mark>" in h.snippet.lower() for h in result.hits)


def _one_field_index(texts: list[str]) -> tuple[tantivy.Index, tantivy.Searcher]:
    """An index in memory of `texts` as bodies (with their pairs), missive's schema."""
    index = tantivy.Index(schema())
    index.register_tokenizer(ANALYZER, analyzer())
    writer = index.writer(15_000_000, 1)
    for text in texts:
        doc = tantivy.Document()
        doc.add_text("body", text)
        doc.add_text(pair_field("body"), pair_text(text))
        writer.add_document(doc)
    writer.commit()
    index.reload()
    return index, index.searcher()


LONG = "x" * (MAX_WORD_CHARS + 5)  # a word the analyzer drops


@pytest.mark.parametrize(
    "text",
    [
        "plain alpha beta",
        f"plain alpha {LONG} beta",
        "alpha, beta — “alpha beta”",
        f"café alpha {LONG} beta",
        f"alpha — {LONG} beta",
    ],
)
def test_a_two_word_phrase_is_its_pair_term(text: str) -> None:
    index, searcher = _one_field_index([text])
    words = ["alpha", "beta"]
    positional = searcher.search(Query.phrase_query(index.schema, "body", words), 1).count
    pair = searcher.search(Query.term_query(index.schema, pair_field("body"), "alpha_beta"), 1)
    assert pair.count == positional
