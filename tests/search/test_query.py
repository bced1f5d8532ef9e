from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missive.errors import QueryError
from missive.search.query import (
    And,
    Has,
    Keyword,
    Not,
    Or,
    Party,
    Phrase,
    Range,
    Word,
    parse,
)


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("front", Word("front")),
        ("Café", Word("cafe")),
        ("second front", And((Word("second"), Word("front")))),
        ('"second front"', Phrase(("second", "front"))),
        ("C-47", Phrase(("c", "47"))),
        ("stalin OR churchill", Or((Word("stalin"), Word("churchill")))),
        ("a b OR c", Or((And((Word("a"), Word("b"))), Word("c")))),
        ("a AND b", And((Word("a"), Word("b")))),
        ("convoy NOT arctic", And((Word("convoy"), Not(Word("arctic"))))),
        ("convoy -arctic", And((Word("convoy"), Not(Word("arctic"))))),
        ("NOT NOT x", Word("x")),
        ('-"second front"', Not(Phrase(("second", "front")))),
        ("front*", Word("front", prefix=True)),
        ("(a OR b) c", And((Or((Word("a"), Word("b"))), Word("c")))),
        ("-(a OR b)", Not(Or((Word("a"), Word("b"))))),
        ("from:stalin", Party("from", "stalin", "stalin")),
        ('to:"Uncle Joe"', Party("to", "stalin", "Uncle Joe")),
        ("party:Molotov", Party("party", "molotov", "Molotov")),
        ("mentions:Hull", Keyword("mentions", "hull")),
        ('mentions:"Uncle Joe"', Keyword("mentions", "stalin")),
        ("mentions:second-front", Keyword("mentions", "second-front")),
        ("kind:Telegram", Keyword("kind", "telegram")),
        ("source:Vol.txt", Keyword("source", "Vol.txt")),
        ("source:mia*", Keyword("source", "mia", prefix=True)),
        ("date:1943-02..1943-06", Range("date", 19430200, 19430699)),
        ("date:1943-02-16", Range("date", 19430216, 19430216)),
        ("date:1943", Range("date", 19430000, 19439999)),
        ("date:..1943-06", Range("date", None, 19430699)),
        ("date:1944..", Range("date", 19440000, None)),
        ("date:1944-02-29", Range("date", 19440229, 19440229)),
        ("year:1944", Range("year", 1944, 1944)),
        ("year:1943..1944", Range("year", 1943, 1944)),
        ("number:75", Range("number", 75, 75)),
        ("has:notes", Has("notes")),
        ("front &", Word("front")),
    ],
)
def test_parses(text: str, root: object) -> None:
    assert parse(text).root == root


def test_sort_is_taken_out_of_the_tree() -> None:
    query = parse("sort:date from:stalin")
    assert query.sort == "date"
    assert query.root == Party("from", "stalin", "stalin")
    assert parse("front").sort == "relevance"
    assert parse("sort:relevance").root is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ("& --", "nothing to search for"),
        ('"second front', "unbalanced quote"),
        ('from:"Uncle Joe', "unbalanced quote"),
        ("stalin OR", "OR needs a term on both sides"),
        ("OR stalin", "OR needs a term on both sides"),
        ("stalin AND", "AND needs a term on both sides"),
        ("AND stalin", "AND needs a term on both sides"),
        ("a AND OR b", "needs a term on both sides"),
        ("stalin NOT", "needs a term after it"),
        ("(stalin", "missing ')'"),
        ("stalin)", "unmatched ')'"),
        ("()", "empty parentheses"),
        ("foo:bar", "unknown field foo:"),
        ("from:", "from: needs a value"),
        ("date:1943-02-30", "impossible date"),
        ("date:1943-13", "impossible date"),
        ("date:1943-06..1943-02", "ends before it begins"),
        ("date:June", "not a date"),
        ("year:nineteen", "whole number"),
        ("number:80..70", "ends before it begins"),
        ("has:pictures", "has:notes"),
        ("sort:alphabet", "sort:date or sort:relevance"),
        ("sort:date sort:relevance", "more than once"),
        ("f*", "too short"),
        ("*", "letters before it"),
        ("(" * 40 + "a" + ")" * 40, "nested"),
        ("a " * 1500, "too long"),
    ],
)
def test_malformed_queries_say_what_would_work(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(text)


_QUERY_PIECES = st.sampled_from(
    ['"', "(", ")", "-", "*", ":", "AND", "OR", "NOT", " ", "from:", "date:", "..", "sort:",
     "year:", "has:", "x", "front", "1943-02", "é", "_", "\\", "\x00", "mentions:", "number:"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(_QUERY_PIECES, max_size=20).map("".join)))
def test_no_input_raises_anything_but_query_error(text: str) -> None:
    try:
        parse(text)
    except QueryError as exc:
        assert str(exc)
