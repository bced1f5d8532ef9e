"""The facet counts of a result set: exact, or over a fixed sample, flagged.

Counting facets costs time in proportion to the documents counted (measured at a
million letters: ~0.9 us a document for the six facets, most of it the multi-valued
entity and sender columns), so a word found in half of a million letters would take
hundreds of milliseconds.  The counts are exact while the result set holds up to
EXACT_LIMIT documents; a larger one is counted over a fixed random sample of about
SAMPLE_TARGET of its documents — those whose sample slot (a hash of the id,
``fields.sample_slot``) is below k — and every count is scaled by SAMPLE_SLOTS / k.
The result says so (``facets_exact`` false).  The hits, their order and the total never
depend on the sample; ``exact=True`` counts everything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import tantivy
from tantivy import FieldType, Occur, Query

from missive.search.fields import NO_YEAR, SAMPLE_SLOTS

# About how many documents a sample holds.  Counting costs ~0.8 us a document at a
# million letters (the entity and sender columns most), so this is ~1.2 ms; a facet
# value with a tenth of the result set is then off by about 8% (one standard error).
# (Measured at a million letters, CPU p50 of the whole search of a mid-frequency
# word: 5.4 ms with 3,000, 4.6 with 1,500, 4.4 with 1,000.)
SAMPLE_TARGET = 1_500
EXACT_LIMIT = SAMPLE_TARGET * 3 // 2
FACET_SIZE = 20
# Facet name -> index field.
FACET_FIELDS = {
    "sender": "senders",
    "recipient": "recipients",
    "year": "year_facet",
    "kind": "kind",
    "source": "source",
    "entity": "entities",
}
_AGGREGATIONS: dict[str, Any] = {
    name: {"terms": {"field": f, "size": FACET_SIZE if name != "year" else 200}}
    for name, f in FACET_FIELDS.items()
}
# A sample's counts are estimates anyway: each segment then reports only its top
# values, which spares most of the lookups of values' names in the index's
# dictionaries (the `source` facet has one value per 500 letters); measured ~0.4 ms.
_SAMPLED_AGGREGATIONS: dict[str, Any] = {
    name: {"terms": {**agg["terms"], "segment_size": agg["terms"]["size"]}}
    for name, agg in _AGGREGATIONS.items()
}


@dataclass(slots=True)
class Counts:
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    exact: bool = True


def count(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: Query,
    total: int,
    exact: bool = False,
) -> Counts:
    """The facets of the `total` documents matching `query`; `exact` counts every
    document however many there are."""
    if exact or total <= EXACT_LIMIT:
        return _exact(searcher, query)
    slots = max(1, math.ceil(SAMPLE_SLOTS * SAMPLE_TARGET / total))
    sampled = searcher.aggregate(
        _in_sample(schema, query, slots, searcher.num_docs, total), _SAMPLED_AGGREGATIONS
    )
    return Counts(_facets(sampled, SAMPLE_SLOTS / slots), exact=False)


def _in_sample(
    schema: tantivy.Schema, query: Query, slots: int, num_docs: int, total: int
) -> Query:
    """`query` narrowed to the sample.  The smaller side drives the intersection: a
    sample smaller than the result set as a bitset from the inverted index, else a
    check of each match's sample slot in its column."""
    sample_size = num_docs * slots / SAMPLE_SLOTS
    sample = Query.range_query(
        schema, "sample", FieldType.Integer, 0, slots - 1, use_inverted_index=sample_size < total
    )
    return Query.boolean_query([(Occur.Must, query), (Occur.Must, sample)])


def _exact(searcher: tantivy.Searcher, query: Query) -> Counts:
    return Counts(_facets(searcher.aggregate(query, _AGGREGATIONS), 1.0))


def _facets(counts: dict[str, Any], scale: float) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    for name in FACET_FIELDS:
        buckets = counts.get(name, {}).get("buckets", [])
        pairs = [(_key(b["key"]), round(int(b["doc_count"]) * scale)) for b in buckets]
        if name == "year":
            pairs = sorted(p for p in pairs if p[0] != str(NO_YEAR))
        out[name] = pairs
    return out


def _key(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
