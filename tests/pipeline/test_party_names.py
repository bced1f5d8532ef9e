"""How parties are named: as the text writes them where the authority file's entry
under the same key is someone else or no person; inverted catalogue names; words
that name no one; a surname in brackets after a description of a post."""

import pytest

from missive import pipeline
from missive.authority import forename_initial, load
from missive.model import Source
from missive.pipeline.signatures import uninverted

BODY = "The accounts of the quarter are enclosed, and the collectors report in good time."


def _parse(text: str) -> Source:
    source = Source(name="t.txt", path="t.txt", sha256="0", format="txt", text=text)
    return pipeline.run(source)


def _named(parties) -> list[tuple[str, str]]:
    return [(p.key, p.name) for p in parties]


@pytest.mark.parametrize(
    ("written", "reads"),
    [
        ("Hamilton, Alexander", "Alexander Hamilton"),
        ("Stalin, J. V.", "J. V. Stalin"),
        ("Adams, John Quincy", "John Quincy Adams"),
        ("Stettinius, Jr.", "Stettinius, Jr."),  # a suffix is no forename
        ("Washington, D.C.", "Washington, D.C."),
        ("Alexander Hamilton", "Alexander Hamilton"),
    ],
)
def test_an_inverted_catalogue_name_reads_forename_first(written, reads):
    assert uninverted(written) == reads


@pytest.mark.parametrize(
    ("name", "initial"),
    [
        ("Alexander Hamilton", "A"),
        ("A. LINCOLN.", "A"),
        ("Premier J. V. Stalin", "J"),
        ("Marshal Stalin", None),
        ("Lieutenant General Deane", None),
        ("Major-General McClellan", None),
        ("Mr. Hamilton", None),
    ],
)
def test_the_forename_a_written_name_gives(name, initial):
    assert forename_initial(name) == initial


def test_a_forename_that_disagrees_with_the_entry_names_someone_else():
    authority = load()
    assert authority.names_someone_else("hamilton", "Alexander Hamilton")
    assert not authority.names_someone_else("stalin", "J. V. Stalin")
    assert not authority.names_someone_else("churchill", "Mr. Churchill")
    assert authority.names_someone_else("washington", "George Washington")  # a place's key


def test_a_place_never_names_a_party():
    assert load().party_name("washington") == "Washington"


def test_inverted_from_and_to_fields_name_the_parties_as_written():
    text = (
        "From: Hamilton, Alexander\nTo: Washington, George\n\n\n"
        f"New York Augt 4 1792\nSir\n{BODY}\nA Hamilton\n"
    )
    (doc,) = _parse(text).documents
    assert _named(doc.senders) == [("hamilton", "Alexander Hamilton")]
    assert _named(doc.recipients) == [("washington", "George Washington")]


def test_a_kind_and_its_addressee_name_the_recipient_only():
    text = f"TELEGRAM TO GENERAL H. W. HALLECK.\n\nWashington, July 11, 1862.\n\n{BODY}\n"
    (doc,) = _parse(text).documents
    assert ([p.key for p in doc.senders], [p.key for p in doc.recipients]) == ([], ["halleck"])


def test_a_kind_word_before_to_is_no_sender():
    text = f"INSTRUCTION TO SECRETARY CHASE.\n\nExecutive Mansion, July 14, 1862.\n\n{BODY}\n"
    (doc,) = _parse(text).documents
    assert [p.key for p in doc.senders] == []
    assert [p.key for p in doc.recipients] == ["chase"]


def test_a_closing_word_on_its_own_line_is_no_signer():
    text = f"London, 2 May 1867\n\nDear Sir,\n\n{BODY}\n\nYour\nK. M.\n"
    (doc,) = _parse(text).documents
    assert "your" not in [p.key for p in doc.senders]


def test_a_surname_in_brackets_after_a_post_is_its_holder():
    text = (
        "The Commanding General, United States Military Mission in the Soviet Union "
        f"(Deane), to the Joint Chiefs of Staff\nMoscow, 21 October 1944.\n{BODY}\n"
    )
    (doc,) = _parse(text).documents
    assert [p.key for p in doc.senders] == ["deane"]
    assert doc.recipients == []  # a body of people is no person


def test_a_post_in_brackets_after_a_name_is_no_person():
    text = (
        "Sir N. Henderson (Berlin) to Viscount Halifax\n\n"
        f"BERLIN, August 23, 1939, 7.30 p.m.\n\n{BODY}\n"
    )
    (doc,) = _parse(text).documents
    assert [p.key for p in doc.senders] == ["henderson"]


def test_a_bracket_set_apart_from_the_holders_name_still_names_him():
    text = (
        "711.61/968: Telegram\n\n"
        "The Ambassador in the Soviet Union ( Harriman ) to the Secretary of State\n\n"
        f"69. For the President. {BODY}\n"
    )
    (doc,) = _parse(text).documents
    assert [p.key for p in doc.senders] == ["harriman"]
    assert doc.dates == {}  # the page gives no date: unknown, and so is the Secretary
    assert doc.recipients == []
