from __future__ import annotations

from typing import Any

import pytest

from missive.check import MISSING, WARNING, Finding, find_uncertain, format_findings
from missive.serialize import document_to_dict
from store.samples import build_source


@pytest.fixture
def docs() -> list[dict[str, Any]]:
    source = build_source()
    return [document_to_dict(d, source) for d in source.documents]


def test_low_confidence_sender_is_listed_with_its_evidence(docs: list[dict[str, Any]]) -> None:
    findings = find_uncertain(docs)
    [sender] = [f for f in findings if f.field == "senders"]
    assert sender.doc_id == "sample-1"
    assert sender.value == "stalin"
    assert sender.confidence == 0.55
    assert sender.evidence == "Sent on January 1, 1943"
    assert sender.rule == "sent-on-outgoing"
    assert sender.start_line == 4


def test_confident_fields_are_not_listed(docs: list[dict[str, Any]]) -> None:
    findings = find_uncertain(docs)
    assert {(f.doc_id, f.field) for f in findings} == {
        ("sample-1", "senders"),
        ("sample-2", "warnings"),
    }


def test_threshold_is_adjustable(docs: list[dict[str, Any]]) -> None:
    fields = {(f.doc_id, f.field) for f in find_uncertain(docs, threshold=0.85)}
    assert ("sample-1", "kind") in fields  # 0.8 < 0.85
    assert ("sample-2-e1", "senders") in fields
    assert ("sample-2", "senders") not in fields  # 0.9


def test_unresolved_things_are_listed(docs: list[dict[str, Any]]) -> None:
    first = docs[0]
    first["recipients"] = []
    first["dates"] = {"dated": None, "sent": None, "received": None}
    problems = {(f.field, f.problem) for f in find_uncertain([first])}
    assert ("recipients", MISSING) in problems
    assert ("date", MISSING) not in problems  # undated is not uncertain
    [warning] = [f for f in find_uncertain(docs) if f.problem == WARNING]
    assert (warning.doc_id, warning.value) == ("sample-2", "no printed number")


def test_corrected_fields_are_not_listed(docs: list[dict[str, Any]]) -> None:
    docs[0]["corrected"] = {"senders": {"value": ["stalin"]}}
    assert not [f for f in find_uncertain(docs) if f.field == "senders"]


def test_format_findings() -> None:
    finding = Finding("sample-1", "senders", "stalin", 0.55, "Sent on  January 1", "low", "rule", 4)
    text = format_findings([finding])
    first, summary = text.splitlines()
    assert first == "sample-1  senders = 'stalin'  (0.55, rule)  line 4: «Sent on January 1»"
    assert summary == "1 finding in 1 document"
    assert format_findings([]) == "nothing to check"
    assert finding.to_dict()["evidence"] == "Sent on  January 1"
