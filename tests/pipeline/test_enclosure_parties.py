"""Enclosures found by the older rules (quoted in full, announced) take their parties
from their own heading or signature, as "Inclosure in No. N" enclosures do."""

from run_text import parse_text

INTRO = "I have the honor to transmit the text of a note received today. The note reads as follows:"
QUOTED_BODY = (
    '"In reply to your note of January 20, I have the honor to inform you that the Soviet '
    "Government agrees to the proposal for the use of the airfields by the air forces."
)


def _despatch(quoted: str) -> str:
    return (
        "No. 219\n\nMoscow, February 2, 1944.\n\nSir:\n\n"
        f"{INTRO}\n\n{quoted}\n\nRespectfully yours,\nW. A. Harriman\n"
    )


def test_a_quoted_note_is_signed_by_its_own_signature() -> None:
    quoted = f'"Mr. Ambassador:\n\n{QUOTED_BODY}\n\n"V. Molotov."'
    (child,) = parse_text(_despatch(quoted)).documents[0].enclosures
    assert [p.key for p in child.senders] == ["molotov"]
    assert child.senders[0].evidence.rule == "the enclosure's signature"
    assert child.recipients == []  # "Mr. Ambassador" names nobody by itself


def test_a_quoted_document_with_its_own_heading_takes_both_parties_from_it() -> None:
    quoted = f'"Marshal Stalin to President Roosevelt.\n\n{QUOTED_BODY}\n\n"J. Stalin."'
    (child,) = parse_text(_despatch(quoted)).documents[0].enclosures
    assert [p.key for p in child.senders] == ["stalin"]
    assert [p.key for p in child.recipients] == ["roosevelt"]
    assert child.senders[0].evidence.rule == "the enclosure's own heading"


def test_a_quoted_text_without_heading_or_signature_keeps_no_parties() -> None:
    quoted = f'{QUOTED_BODY}\n\n"The Soviet Government will name the officers concerned."'
    doc = parse_text(_despatch(quoted)).documents[0]
    assert [(c.senders, c.recipients) for c in doc.enclosures] == [([], [])]


def test_the_own_signature_wins_over_the_covering_note() -> None:
    text = (
        "W. CHURCHILL TO J. V. STALIN\n\nI send you my reply to a message from Mr Roosevelt:\n\n"
        f'"My dear Mr President,\n\n{QUOTED_BODY}\n\n"Averell Harriman."\n\nJuly 2, 1944\n'
    )
    (child,) = parse_text(text).documents[0].enclosures
    assert [p.key for p in child.senders] == ["harriman"]
    assert "churchill" not in [p.key for p in child.recipients]
