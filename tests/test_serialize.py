from __future__ import annotations

import json
from typing import Any

import pytest

from missive.model import Document, Evidence, Inferred, Paragraph, Source, Span
from missive.serialize import document_to_dict, note_to_dict, source_context, source_to_dict
from store.samples import build_source

# DESIGN.md, "Contracts": the keys every JSONL object has, and their types.
CONTRACT_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "source": str,
    "source_sha256": str,
    "span": dict,
    "number": (int, type(None)),
    "number_printed": bool,
    "kind": (str, type(None)),
    "senders": list,
    "recipients": list,
    "dates": dict,
    "date": (str, type(None)),
    "place": (str, type(None)),
    "channel": (str, type(None)),
    "classification": (str, type(None)),
    "salutation": (str, type(None)),
    "closing": (str, type(None)),
    "text": str,
    "incipit": str,
    "notes": list,
    "links": list,
    "entities": list,
    "enclosures": list,
    "witnesses": list,
}
EVIDENCE_KEYS = {"rule", "confidence", "text", "start_line", "end_line"}


@pytest.fixture
def source() -> Source:
    return build_source()


@pytest.fixture
def docs(source: Source) -> list[dict[str, Any]]:
    return [document_to_dict(d, source) for d in source.documents]


def all_documents(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for doc in docs:
        out.append(doc)
        out.extend(all_documents(doc["enclosures"]))
    return out


def test_contract_keys_have_the_right_types(docs: list[dict[str, Any]]) -> None:
    for doc in all_documents(docs):
        for key, expected in CONTRACT_TYPES.items():
            assert isinstance(doc[key], expected), (doc["id"], key, doc[key])
        assert set(doc["span"]) == {"start_line", "end_line"}


def test_dates_always_have_all_three_roles(docs: list[dict[str, Any]]) -> None:
    first, second = docs
    assert first["dates"]["sent"]["value"] == "1943-01-01"
    assert first["dates"]["dated"] is None and first["dates"]["received"] is None
    assert second["dates"]["dated"]["value"] == "1943-01-05"
    enclosure = second["enclosures"][0]
    assert enclosure["dates"] == {"dated": None, "sent": None, "received": None}
    assert enclosure["date"] is None


def test_best_date_prefers_dated_then_sent(docs: list[dict[str, Any]]) -> None:
    assert [d["date"] for d in docs] == ["1943-01-01", "1943-01-05"]


def test_parties_carry_evidence_with_original_lines(docs: list[dict[str, Any]]) -> None:
    [sender] = docs[0]["senders"]
    assert (sender["key"], sender["name"], sender["confidence"]) == (
        "stalin",
        "Joseph Stalin",
        0.55,
    )
    assert set(sender["evidence"]) == EVIDENCE_KEYS
    assert sender["evidence"]["text"] == "Sent on January 1, 1943"
    assert sender["evidence"]["start_line"] == sender["evidence"]["end_line"] == 4


def test_scalar_fields_are_plain_values_with_evidence_apart(docs: list[dict[str, Any]]) -> None:
    first = docs[0]
    assert first["kind"] == "message"
    assert first["closing"] == "Warm regards."
    assert first["number"] == 1 and first["number_printed"] is True
    assert set(first["evidence"]) == {"number", "kind", "closing"}
    assert first["evidence"]["number"]["text"] == "No. 1"
    assert first["evidence"]["kind"]["start_line"] is None  # evidence without a span


def test_text_incipit_and_paragraphs(docs: list[dict[str, Any]]) -> None:
    first = docs[0]
    assert first["text"] == (
        "I send you greetings and my hopes for the second front.\n\nWarm regards."
    )
    assert first["incipit"] == "I send you greetings and my hopes for"
    assert [(p["start_line"], p["end_line"]) for p in first["paragraphs"]] == [(6, 6), (8, 8)]
    assert first["span"] == {"start_line": 3, "end_line": 8}


def test_notes_in_marker_order_each_once(source: Source) -> None:
    doc = source.documents[0]
    doc.note_refs = [doc.note_refs[0], *doc.note_refs, *source.documents[1].note_refs]
    data = document_to_dict(doc, source)
    assert [n["number"] for n in data["notes"]] == [24, 25]
    assert data["notes"][0]["text"] == "The second front in Europe, long awaited."
    assert [r["number"] for r in data["note_refs"]] == [24, 24, 25]
    assert data["note_refs"][0]["start_line"] == 6


def test_marker_of_a_missing_note_is_kept_but_has_no_note(source: Source) -> None:
    doc = source.documents[0]
    doc.note_refs[0].number = 15
    data = document_to_dict(doc, source)
    assert data["notes"] == []
    assert data["note_refs"][0]["number"] == 15


def test_links_entities_and_enclosures(docs: list[dict[str, Any]]) -> None:
    second = docs[1]
    [link] = second["links"]
    assert (link["type"], link["target"]) == ("replies_to", "sample-1")
    assert set(link["evidence"]) == EVIDENCE_KEYS
    [enclosure] = second["enclosures"]
    assert enclosure["id"] == "sample-2-e1"
    assert enclosure["parent_id"] == "sample-2"
    assert enclosure["entities"] == [{"key": "husky", "type": "operation", "count": 1}]


def test_confidence_is_the_lowest_of_the_core_fields(docs: list[dict[str, Any]]) -> None:
    assert docs[0]["confidence"] == 0.55
    assert docs[1]["confidence"] == 0.9


def test_warnings_are_carried(docs: list[dict[str, Any]]) -> None:
    assert docs[1]["warnings"] == ["no printed number"]


def test_output_is_json(docs: list[dict[str, Any]]) -> None:
    for doc in docs:
        assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc


def test_markup_source_spans_map_to_original_lines() -> None:
    text = "<html>\n<body>\n<p>Hello</p>\n\n<p>World</p>\n</body>\n</html>"
    plain = "Hello\nWorld"
    plain_map = [text.index("Hello") + i for i in range(5)] + [text.index("</p>\n\n")]
    plain_map += [text.index("World") + i for i in range(5)]
    world = Span(6, 11)
    doc = Document(
        id="html-1",
        ordinal=0,
        span=Span(0, 11),
        start_line=3,
        end_line=5,
        place=Inferred("World", Evidence("test", 0.9, world, "World")),
        body=[Paragraph(Span(0, 5), "Hello"), Paragraph(world, "World")],
    )
    source = Source("page.html", "/page.html", "0" * 64, "html", text, plain=plain)
    source.plain_map = plain_map
    source.documents = [doc]
    data = document_to_dict(doc, source)
    assert [(p["start_line"], p["end_line"]) for p in data["paragraphs"]] == [(3, 3), (5, 5)]
    assert data["evidence"]["place"]["start_line"] == 5


def test_line_index_is_built_once_per_source(source: Source) -> None:
    assert source_context(source) is source_context(source)
    other = build_source(name="other.txt")
    assert source_context(other) is not source_context(source)


def test_source_and_note_dicts(source: Source) -> None:
    data = source_to_dict(source)
    assert data["name"] == "sample.txt"
    assert data["sha256"] == source.sha256
    assert data["metadata"] == {"title": "The Correspondence of 1943"}
    assert data["declaration"]["correspondents"] == ["roosevelt"]
    assert data["counts"]["documents"] == 2
    assert data["counts"]["all_documents"] == 3
    assert data["counts"]["notes"] == 2
    note = note_to_dict(source.notes[1], source)
    assert (note["number"], note["start_line"], note["end_line"]) == (25, 19, 19)
    assert note["referenced_by"] == ["sample-2"]
