"""A block that puts the office before the person ("The Secretary of State, / Cordell
Hull," or "The Honorable / The Secretary of State, / Cordell Hull,"): the person it
names is the addressee, not the office's holder."""

import pytest
from run_text import parse_text

from missive.model import CERTAIN

BODY = "I have the honor to report that the Commissar received me this afternoon at length."
PERSON_RULE = "names the addressee"


def _letter(date: str, block: str) -> str:
    return (
        f"AMERICAN EMBASSY,\nMoscow, {date}.\n\n{block}\n\nSir:\n\n{BODY}\n\n"
        "Respectfully yours,\nW. A. Harriman\n"
    )


@pytest.mark.parametrize(
    "block",
    [
        "The Secretary of State,\n     Cordell Hull,\n          Washington.",
        "The Honorable\n     The Secretary of State,\n          Cordell Hull,\n"
        "               Washington.",
    ],
)
def test_the_person_after_the_office_is_the_addressee(block: str) -> None:
    doc = parse_text(_letter("January 14, 1944", block)).documents[0]
    assert [p.key for p in doc.recipients] == ["hull"]
    evidence = doc.recipients[0].evidence
    assert evidence.rule.endswith(PERSON_RULE) and "office" not in evidence.rule
    assert evidence.confidence == CERTAIN


def test_the_person_wins_when_the_office_has_another_holder() -> None:
    """An acting holder, whom the authority file does not give for the office."""
    block = "The Acting Secretary of State,\n     Joseph C. Grew,\n          Washington."
    doc = parse_text(_letter("January 10, 1945", block)).documents[0]
    assert [p.key for p in doc.recipients] == ["grew"]


def test_a_block_under_the_signature_names_the_person_too() -> None:
    text = (
        "The Secretary of State to the British Ambassador\n\nWashington, March 5, 1944.\n\n"
        f"Excellency:\n\n{BODY}\n\nAccept, Excellency, the renewed assurances of my highest "
        "consideration.\n\nCordell Hull\n\nThe Honorable\n     The British Ambassador,\n"
        "          The Viscount Halifax, K.G.,\n               Washington.\n"
    )
    doc = parse_text(text).documents[0]
    assert [p.key for p in doc.recipients] == ["halifax"]
    assert doc.recipients[0].evidence.rule.endswith(PERSON_RULE)


def test_a_block_naming_only_the_office_keeps_its_holder() -> None:
    block = "The Honorable\n     The Secretary of State,\n          Washington."
    doc = parse_text(_letter("December 4, 1944", block)).documents[0]
    assert [p.key for p in doc.recipients] == ["stettinius"]
    assert "office" in doc.recipients[0].evidence.rule
