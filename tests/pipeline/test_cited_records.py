"""Records as a documentary collection online cites them (a National Security Archive
briefing book): citation heading, "Source:" line, the editors' summary, then the
transcript; the page: tests/fixtures/layouts/nsa_briefing_book_page.md."""

import pytest
from run_text import parse_text

from missive.pipeline.classify import classify_text

SUMMARY = "The editors sum the record up: the ambassador found the leader angry."
TRANSCRIPT = "The Chairman opened the conversation by saying that he regretted the statement."


def _record(n: int, heading: str, transcript: str) -> str:
    return (
        f"Document {n}\n\n{heading}\n\nSource: National Archives, RG 59, box 1512\n\n"
        f"{SUMMARY}\n\n{transcript}\n\n"
    )


@pytest.mark.parametrize(
    ("text", "place", "classification", "senders", "recipients"),
    [
        ("Memorandum of Conversation, Moscow, 3 March 1962, Secret", "Moscow", "Secret", None, None),
        ("Telegram from Ambassador Thompson to Secretary of State Rusk, Moscow, 4 March 1962, "
         "Secret", "Moscow", "Secret", ["Ambassador Thompson"], ["Secretary of State Rusk"]),
        ("Letter from Chairman Khrushchev to President Kennedy, 10 March 1962", None, None,
         ["Chairman Khrushchev"], ["President Kennedy"]),
    ],
)  # fmt: skip
def test_a_citation_heading_ends_with_place_date_and_classification(
    text: str, place, classification, senders, recipients
) -> None:
    kind, info = classify_text(text)
    assert kind == "record_heading"
    assert (info.get("place"), info.get("classification")) == (place, classification)
    assert (info.get("senders"), info.get("recipients")) == (senders, recipients)


def test_the_summary_is_no_part_of_the_text_and_the_source_line_is_a_note() -> None:
    transcript = f"MEMORANDUM OF CONVERSATION\n\nSUBJECT: Berlin\n\n{TRANSCRIPT}"
    source = parse_text(
        _record(12, "Memorandum of Conversation, Moscow, 3 March 1962, Secret", transcript)
        + _record(13, "Letter from Chairman Khrushchev to President Kennedy, 10 March 1962",
                  f"Dear Mr. President,\n\n{TRANSCRIPT}\n\nN. KHRUSHCHEV")
    )  # fmt: skip
    first, second = source.documents
    assert [d.number.value for d in source.documents] == [12, 13]
    assert first.text == TRANSCRIPT and second.text == TRANSCRIPT
    assert [r.form for r in first.note_refs] == ["source"]
    assert (source.notes[0].number, source.notes[0].text) == (
        0, "Source: National Archives, RG 59, box 1512")  # fmt: skip


def test_without_a_transcript_line_summary_and_text_stay_text() -> None:
    source = parse_text(
        _record(12, "Memorandum of Conversation, Moscow, 3 March 1962, Secret", TRANSCRIPT)
    )
    (doc,) = source.documents
    assert SUMMARY in doc.text and TRANSCRIPT in doc.text
    assert "Source:" not in doc.text


def test_the_drafter_of_a_memorandum_that_names_no_parties_wrote_it() -> None:
    transcript = f"Participants:\nChairman N. S. Khrushchev\nAmbassador Thompson\n\n" \
                 f"Drafted by: L. E. Thompson\n\n{TRANSCRIPT}"  # fmt: skip
    source = parse_text(
        _record(12, "Memorandum of Conversation, Moscow, 3 March 1962, Secret", transcript)
    )
    (doc,) = source.documents
    assert [p.key for p in doc.senders] == ["thompson"] and doc.recipients == []
    assert doc.senders[0].evidence.text == "Drafted by: L. E. Thompson"
    assert doc.senders[0].confidence < 0.9
    assert doc.text == TRANSCRIPT


def test_a_record_with_no_summary() -> None:
    text = _record(12, "Memorandum of Conversation, Moscow, 3 March 1962, Secret",
                   f"SUBJECT: Berlin\n\n{TRANSCRIPT}").replace(f"{SUMMARY}\n\n", "")  # fmt: skip
    (doc,) = parse_text(text).documents
    assert doc.text == TRANSCRIPT
