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

Each shard of the index (shards.py) holds its share of every slot: it counts its own
documents, over the same slots when it samples, and ``merge`` adds the shards' counts
up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import tantivy
from tantivy import FieldType, Occur, Query

from missive.search.fields import NO_YEAR, SAMPLE_SLOTS
from missive.search.shards import SHARDS

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
YEARS = 200  # the year facet lists every year
# A shard reports more values than a facet shows, so that the merged counts of the
# values shown are whole (a value among the first in one shard and not in the other).
SHARD_FACET_SIZE = FACET_SIZE * 5
_AGGREGATIONS: dict[str, Any] = {
    name: {
        "terms": {
            "field": f,
            "size": SHARD_FACET_SIZE if name != "year" else YEARS,
            "segment_size": FACET_SIZE * 10 if name != "year" else YEARS,
        }
    }
    for name, f in FACET_FIELDS.items()
}
# A sample's counts are estimates anyway: each segment then reports only its top
# values, which spares most of the lookups of values' names in the index's
# dictionaries (the `source` facet has one value per 500 letters); measured ~0.4 ms.
_SAMPLED_AGGREGATIONS: dict[str, Any] = {
    name: {"terms": {"field": f, "size": size, "segment_size": size}}
    for name, f in FACET_FIELDS.items()
    for size in [FACET_SIZE if name != "year" else YEARS]
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
    shards: int = SHARDS,
) -> Counts:
    """The facets of the `total` documents matching `query` in one of `shards` shards:
    exact when the whole result set, as this shard's share suggests, is small, or when
    `exact`; else over the shard's share of a sample of about SAMPLE_TARGET."""
    if exact or total * shards <= EXACT_LIMIT:
        return _exact(searcher, query)
    slots = max(1, math.ceil(SAMPLE_SLOTS * SAMPLE_TARGET / shards / total))
    sample_size = searcher.num_docs * slots / SAMPLE_SLOTS
    sampled = searcher.aggregate(
        _in_sample(schema, query, slots - 1, sample_size < total), _SAMPLED_AGGREGATIONS
    )
    return Counts(_facets(sampled, SAMPLE_SLOTS / slots), exact=False)


def merge(parts: list[Counts]) -> Counts:
    """The shards' counts added up, each facet's values most first (years in order)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for name in FACET_FIELDS:
        summed: dict[str, int] = {}
        for part in parts:
            pairs = part.facets.get(name, ())
            if summed:
                for value, n in pairs:
                    summed[value] = summed.get(value, 0) + n
            else:  # a shard's values are distinct
                summed.update(pairs)
        if name == "year":
            out[name] = sorted(summed.items())
        else:
            out[name] = _most_first(summed, FACET_SIZE)
    return Counts(out, exact=all(part.exact for part in parts))


def _most_first(summed: dict[str, int], size: int) -> list[tuple[str, int]]:
    """The `size` values counted most, ties in value order: the values sorted, then
    (stably) by count."""
    values = sorted(sorted(summed), key=summed.__getitem__, reverse=True)[:size]
    return [(value, summed[value]) for value in values]


def _in_sample(schema: tantivy.Schema, query: Query, last_slot: int, sample_first: bool) -> Query:
    """`query` narrowed to the sample slots up to `last_slot`.  The smaller side drives
    the intersection: a sample smaller than the result set as a bitset from the
    inverted index (`sample_first`), else a check of each match's sample slot in its
    column."""
    sample = Query.range_query(
        schema, "sample", FieldType.Integer, 0, last_slot, use_inverted_index=sample_first
    )
    return Query.boolean_query([(Occur.Must, query), (Occur.Must, sample)])


def _exact(searcher: tantivy.Searcher, query: Query) -> Counts:
    return Counts(_facets(searcher.aggregate(query, _AGGREGATIONS), 1.0))


def _facets(counts: dict[str, Any], scale: float) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    for name in FACET_FIELDS:
        buckets = counts.get(name, {}).get("buckets", [])
        if name == "year":
            pairs = [(_key(b["key"]), round(int(b["doc_count"]) * scale)) for b in buckets]
            out[name] = sorted(p for p in pairs if p[0] != _NO_YEAR_KEY)
        elif scale == 1.0:  # exact: the counts as they are (round(n * 1.0) == n)
            out[name] = [(_key(b["key"]), int(b["doc_count"])) for b in buckets]
        else:
            out[name] = [(_key(b["key"]), round(int(b["doc_count"]) * scale)) for b in buckets]
    return out


_NO_YEAR_KEY = str(NO_YEAR)


def _key(value: Any) -> str:
    if type(value) is str:  # a text field's value (the facets but the year)
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
