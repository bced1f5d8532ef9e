"""The cheap scans of party_scans.py give what parties.py's plain patterns give."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from missive.pipeline import parties
from missive.pipeline.party_scans import may_announce_next, partner_matches, you_and_matches

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PIECES = [
    "you and", "and you", "your and", "you or", " and I", " and myself", "between you and",
    "Mr", "Mr.", "Churchill", "Stalin", "Prime Minister", "the British ", " ", "  ", "\n",
    ".", ",", "x", "I", "me", "myself", "and", "you", "Ab", "aB", "É", "Mr\u00a0", "to you",
    "I will send you", "I shall give you", " in another message", "follows by separate",
    " telegram", "We are asking", " General Deane", " to deliver them", " this", "asked",
]  # fmt: skip


def _texts() -> list[str]:
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts += ["".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 16)))
              for _ in range(4000)]  # fmt: skip
    return texts


def _found(matches) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def test_partner_matches_are_the_patterns(texts: list[str]) -> None:
    for text in texts:
        expected = _found(parties._PARTNER.finditer(text))
        assert _found(partner_matches(parties._PARTNER, text)) == expected, text


def test_you_and_matches_are_the_patterns(texts: list[str]) -> None:
    for text in texts:
        expected = _found(parties._YOU_AND.finditer(text))
        assert _found(you_and_matches(parties._YOU_AND, text)) == expected, text


def test_a_text_that_may_not_announce_has_no_announcement(texts: list[str]) -> None:
    announcing = 0
    for text in texts:
        if parties._ANNOUNCES_NEXT.search(text):
            announcing += 1
            assert may_announce_next(text), text
    assert announcing > 10  # the fuzz does reach the pattern
