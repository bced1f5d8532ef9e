"""The hand-written constructors of Span and Evidence behave as the dataclass ones did."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from missive.model import Evidence, Span


def test_span_and_evidence_take_their_fields_by_position_or_name() -> None:
    span = Span(3, 7)
    assert span == Span(start=3, end=7) and hash(span) == hash(Span(3, 7))
    evidence = Evidence("rule", 0.9, span, "text")
    assert evidence == Evidence(rule="rule", confidence=0.9, span=span, text="text", note="")
    assert Evidence("r", 1.0) == Evidence("r", 1.0, None, "", "")
    assert repr(span) == "Span(start=3, end=7)"
    assert dataclasses.astuple(evidence) == ("rule", 0.9, (3, 7), "text", "")
    assert dataclasses.replace(span, end=9) == Span(3, 9)


def test_span_and_evidence_check_their_values() -> None:
    with pytest.raises(ValueError, match="bad span 5..4"):
        Span(5, 4)
    with pytest.raises(ValueError, match="bad span -1..4"):
        Span(-1, 4)
    with pytest.raises(ValueError, match=r"confidence 1.5 outside \[0, 1\]"):
        Evidence("r", 1.5)
    with pytest.raises(TypeError):
        Evidence("r")  # type: ignore[call-arg]


def test_span_and_evidence_stay_frozen_and_copyable() -> None:
    evidence = Evidence("r", 0.5, Span(0, 1), "t", "n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        evidence.rule = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        evidence.span.start = 2  # type: ignore[misc, union-attr]
    assert pickle.loads(pickle.dumps(evidence)) == evidence
    assert copy.deepcopy(evidence) == evidence
