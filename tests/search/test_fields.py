"""A stored document as the index receives it: one JSON object per document, every field
of the schema the store gives a value for, and what the rebuilt index then holds."""

from __future__ import annotations

import json
from pathlib import Path

import tantivy

from missive.search.fields import from_data, from_row, sample_slot
from missive.search.index import open_index
from missive.search.pairs import pair_text
from missive.store import Store

ROW = (
    1027,
    "vol-no-75",
    "vol.txt",
    75,
    "Telegram",
    "1943-02-16",
    '["stalin","molotov"]',
    '["roosevelt"]',
    "The second front — “at once”.",
    "J. V. STALIN TO F. D. ROOSEVELT",
    '[{"number":3,"text":"See No. 88."},{"number":4,"text":null}]',
    '[{"key":"husky","type":"operation","name":"Husky","count":1}]',
)


def test_a_row_becomes_one_json_document_of_the_schemas_fields() -> None:
    doc = json.loads(from_row(ROW))
    assert doc == {
        "id": "vol-no-75",
        "source": "vol.txt",
        "kind": "telegram",
        "date": "1943-02-16",
        "senders": ["stalin", "molotov"],
        "recipients": ["roosevelt"],
        "entities": ["husky"],
        "has": "notes",
        "body": ROW[8],
        "body_pairs": "the_second second_front front_at at_once",
        "notes": "See No. 88.\n",
        "notes_pairs": "see_no no_88",
        "heading": ROW[9],
        "heading_pairs": pair_text(ROW[9]),
        "day": 19430216,
        "year": 1943,
        "year_facet": 1943,
        "number": 75,
        "sample": sample_slot(1027),
    }


def test_what_the_text_does_not_say_is_left_out() -> None:
    row = (5, "x", "vol.txt", None, None, None, "[]", "[]", None, None, None, None)
    doc = json.loads(from_row(row))
    assert doc == {
        "id": "x",
        "source": "vol.txt",
        "kind": "unknown",
        "date": "",
        "senders": [],
        "recipients": [],
        "entities": [],
        "body": "",
        "notes": "",
        "heading": "",
        "day": 99_999_999,
        "year_facet": 0,
        "sample": 5,
    }


def test_a_corrected_document_reads_like_its_row() -> None:
    data = {
        "id": "vol-no-75",
        "source": "vol.txt",
        "number": 75,
        "kind": "Telegram",
        "date": "1943-02-16",
        "senders": [{"key": "stalin"}, {"key": "molotov"}],
        "recipients": [{"key": "roosevelt"}],
        "entities": [{"key": "husky", "type": "operation"}],
        "text": ROW[8],
        "notes": [{"number": 3, "text": "See No. 88."}, {"number": 4, "text": None}],
        "heading": ROW[9],
    }
    assert json.loads(from_data(1027, data)) == json.loads(from_row(ROW))


def test_the_rebuilt_index_stores_each_document_as_the_store_gives_it(
    samples_db: Path,
) -> None:
    with Store(samples_db) as store:
        expected = {
            doc_id: store.document(doc_id)
            for (doc_id,) in store.conn.execute("SELECT id FROM documents")
        }
    seen: list[str] = []
    for searcher in open_index(samples_db).searchers():
        for _, address in searcher.search(tantivy.Query.all_query(), len(expected) + 1).hits:
            stored = searcher.doc(address).to_dict()
            data = expected[stored["id"][0]]
            assert stored["body"] == [data.get("text") or ""]
            assert stored["senders"] == [p["key"] for p in data["senders"]]
            assert stored["date"] == [data.get("date") or ""]
            seen.append(stored["id"][0])
    assert sorted(seen) == sorted(expected)  # each document in one shard only
