"""A parsed query turned into a Tantivy query.

Text terms search the body, the notes and the heading, each with its BM25 weight;
a two-word phrase is its pair term (pairs.py), a longer one is checked only where
its word pairs stand; filters match exact keys and ranges and add nothing to the
score.  A prefix
(``front*``) becomes the words of the index that start with it, each scored like a
word, unless there are too many: then one unscored pattern query.
"""

from __future__ import annotations

import tantivy
from tantivy import FieldType, Occur, Query

from missive.search.fields import FIELD_BOOSTS, LAST_DAY
from missive.search.pairs import pair_field, phrase_pairs
from missive.search.query import And, Has, Keyword, Node, Not, Or, Party, Phrase, Range, Word

MAX_PREFIX_TERMS = 64
# A word pair leads a phrase's intersection when it is this many times rarer than the
# phrase's rarest word (in the field).
NARROWING_RATIO = 2
_FILTER_FIELD = {"mentions": "entities", "kind": "kind", "source": "source"}
_BIG = 2**62


def compile_query(node: Node | None, searcher: tantivy.Searcher, schema: tantivy.Schema) -> Query:
    """The Tantivy query for `node`; None matches every document."""
    if node is None:
        return Query.all_query()
    return _Compiler(searcher, schema).compile(node)


class _Compiler:
    def __init__(self, searcher: tantivy.Searcher, schema: tantivy.Schema) -> None:
        self.searcher = searcher
        self.schema = schema

    def compile(self, node: Node) -> Query:
        if isinstance(node, Word | Phrase):
            return self._text(node)
        if isinstance(node, And):
            return self._boolean(node.items, Occur.Must)
        if isinstance(node, Or):
            return self._boolean(node.items, Occur.Should)
        if isinstance(node, Not):
            return Query.boolean_query(
                [(Occur.Must, Query.all_query()), (Occur.MustNot, self.compile(node.item))]
            )
        return Query.const_score_query(self._filter(node), 0.0)

    def _boolean(self, items: tuple[Node, ...], occur: Occur) -> Query:
        clauses = []
        for item in items:
            if occur == Occur.Must and isinstance(item, Not):
                clauses.append((Occur.MustNot, self.compile(item.item)))
            else:
                clauses.append((occur, self.compile(item)))
        if all(o == Occur.MustNot for o, _ in clauses):
            clauses.append((Occur.Must, Query.all_query()))
        return Query.boolean_query(clauses)

    def _text(self, node: Word | Phrase) -> Query:
        per_field = [
            (Occur.Should, Query.boost_query(self._text_in(field, node), boost))
            for field, boost in FIELD_BOOSTS.items()
        ]
        return Query.boolean_query(per_field)

    def _text_in(self, field: str, node: Word | Phrase) -> Query:
        if isinstance(node, Phrase):
            return self._phrase(field, node.words)
        if node.prefix:
            return self._prefix(field, node.text)
        return Query.term_query(self.schema, field, node.text)

    def _phrase(self, field: str, words: tuple[str, ...]) -> Query:
        """A two-word phrase is exactly its pair term: a term query on the pair field,
        scored there, with no positions to check (measured: top-10 and count of
        "united states" 3.2 -> 0.5 ms at 100,000 letters; the benchmark's phrase
        searches 12.2/31.1 -> 3.6/7.3 ms CPU p50/p95 at a million).  A longer one is
        the positional phrase query, checked only where its word pairs stand, the pairs
        adding nothing to the score.  A pair found nowhere rules the field out; a pair nearly as
        frequent as the rarest word narrows too little to pay for its intersection
        (measured: ~10% slower), so it is left out."""
        pairs_field = pair_field(field)
        if len(words) == 2:
            return Query.term_query(self.schema, pairs_field, phrase_pairs(words)[0])
        found = {p: self.searcher.doc_freq(pairs_field, p) for p in phrase_pairs(words)}
        if not all(found.values()):
            return Query.empty_query()
        phrase = Query.phrase_query(self.schema, field, list(words))
        rarest = min(self.searcher.doc_freq(field, w) for w in words)
        narrowing = [p for p, count in found.items() if count * NARROWING_RATIO <= rarest]
        if not narrowing:
            return phrase
        unscored = [
            Query.const_score_query(Query.term_query(self.schema, pairs_field, p), 0.0)
            for p in narrowing
        ]
        return Query.boolean_query([(Occur.Must, q) for q in (phrase, *unscored)])

    def _prefix(self, field: str, prefix: str) -> Query:
        terms = self.searcher.terms_with_prefix(field, prefix, limit=MAX_PREFIX_TERMS + 1)
        if len(terms) > MAX_PREFIX_TERMS:
            return Query.regex_query(self.schema, field, _regex_literal(prefix) + ".*")
        if not terms:
            return Query.empty_query()
        return Query.boolean_query(
            [(Occur.Should, Query.term_query(self.schema, field, term)) for term, _ in terms]
        )

    def _filter(self, node: Node) -> Query:
        schema = self.schema
        if isinstance(node, Party):
            fields = {"from": ["senders"], "to": ["recipients"]}.get(
                node.role, ["senders", "recipients"]
            )
            return _any_of([Query.term_query(schema, f, node.key) for f in fields])
        if isinstance(node, Keyword):
            field = _FILTER_FIELD[node.field]
            if node.prefix:
                return Query.regex_query(schema, field, _regex_literal(node.value) + ".*")
            return Query.term_query(schema, field, node.value)
        if isinstance(node, Has):
            return Query.term_query(schema, "has", node.what)
        assert isinstance(node, Range)
        field = "day" if node.field == "date" else node.field
        high = node.high if node.high is not None else (LAST_DAY if field == "day" else _BIG)
        low = node.low if node.low is not None else -_BIG
        # From the inverted index: a bitset of the range's documents that can lead the
        # intersection with the words (measured 4-6x faster at a million letters than
        # the fast-field range, which checks every candidate of the words).
        return Query.range_query(
            schema, field, FieldType.Integer, low, high, use_inverted_index=True
        )


def _regex_literal(text: str) -> str:
    """`text` matched literally by Tantivy's regex syntax."""
    return "".join(ch if ch.isalnum() else f"\\x{{{ord(ch):x}}}" for ch in text)


def _any_of(queries: list[Query]) -> Query:
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Should, q) for q in queries])
