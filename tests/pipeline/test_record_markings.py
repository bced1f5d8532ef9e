"""Lines of archive records that head no document of their own: a note's serial and
kind ("No. 203, Asia I" / "Note Verbale"), a cable's markings inside its text
("HIGHEST PRIORITY"), an archive's "Cipher telegram from … with …" title; and a page's
notes set as an indented list under the signature. The pages:
tests/fixtures/layouts/note_verbale_page.txt, ciphered_record_page.txt,
listed_footnotes_page.txt."""

import pytest
from run_text import parse_text

from missive.pipeline.classify import classify_text


@pytest.mark.parametrize(
    ("text", "kind", "info"),
    [
        ("Note Verbale", "file_reference", {"kind": "note"}),
        ("No. 203, Asia I", "file_reference", {"serial": 203}),
        ("HIGHEST PRIORITY", "file_reference", {"precedence": "HIGHEST PRIORITY"}),
        ("TOP SECRET CIPHERED TELEGRAM", "file_reference",
         {"kind": "telegram", "classification": "TOP SECRET"}),
        ("With warm regard,", "closing", {}),
        ("I avail myself [etc.]", "closing", {}),
        ("With high regard, I am [etc.]", "closing", {}),
        ("The Ambassador said he would cable [etc.]", "body", {}),
        ("No. 5, and the", "body", {}),
    ],
)  # fmt: skip
def test_record_lines(text: str, kind: str, info: dict) -> None:
    assert classify_text(text) == (kind, info)


def test_an_archive_title_names_the_parties_not_the_subject() -> None:
    kind, info = classify_text(
        "Cipher telegram from Vyacheslav Molotov to the Soviet ambassador in Washington "
        "with congratulations from Joseph Stalin to Franklin D. Roosevelt on his re-election"
    )
    assert kind == "record_heading"
    assert (info["senders"], info["recipients"]) == (
        ["Vyacheslav Molotov"],
        ["the Soviet ambassador in Washington"],
    )


def test_a_note_s_serial_and_kind_stay_in_its_header() -> None:
    text = (
        "The Netherlands Minister for Foreign Affairs (Patijn) to the British Minister "
        "(Montgomery)\n\nNo. 88, Europe II\n\nNote Verbale\n\nThe Ministry presents its "
        "compliments to the Legation and has the honour to reply to its memorandum.\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.text.startswith("The Ministry presents")


def test_a_precedence_line_inside_a_cable_opens_no_document() -> None:
    text = (
        "Telegram from Ambassador Gromyko to Commissar Molotov, 14 June 1944\n\n"
        "The Secretary of State asked me to call today and spoke of the landing.\n\n"
        "HIGHEST PRIORITY\n\nHe added that the President will reply within the week.\n\n"
        "GROMYKO\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.text.endswith("within the week.")


def test_registry_lines_over_the_marking_are_the_cable_s_header() -> None:
    text = (
        "Telegram from Ambassador Gromyko to Commissar Molotov, 14 June 1944\n\n"
        "WASHINGTON 21417\n\nSpecial no. 118\n\nHIGHEST PRIORITY\n\n"
        "The Secretary of State asked me to call today and spoke of the landing.\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.text.startswith("The Secretary of State")


def test_a_marking_over_a_new_heading_still_heads_the_next_document() -> None:
    text = (
        "No. 1\n\nThe Secretary of State asked me to call today and spoke of the landing.\n\n"
        "SECRET\n\nNo. 2\n\nThe President will reply within the week, he told me.\n"
    )
    first, second = parse_text(text).documents
    assert (first.number.value, second.number.value) == (1, 2)
    assert second.start_line == 5


def test_notes_listed_under_the_signature_are_the_letter_s_notes() -> None:
    text = (
        "President Eisenhower to Chancellor Adenauer\n\nDear Mr. Chancellor: Your letter "
        "reached me on the eve of my departure,1 and I have read it twice.2\n\n"
        "With warm regard,\n\nD. E.\n  1. Dated June 3.\n  2. See Document 48.\n"
    )
    source = parse_text(text)
    (doc,) = source.documents
    assert [n.number for n in source.notes] == [1, 2]
    assert doc.text.endswith("read it twice.")


def test_a_numbered_line_without_markers_above_is_text() -> None:
    text = (
        "President Eisenhower to Chancellor Adenauer\n\nDear Mr. Chancellor: Your letter "
        "reached me on the eve of my departure.\n\n  1. The talks go on.\n\nD. E.\n"
    )
    source = parse_text(text)
    assert source.notes == []
    assert "The talks go on." in source.documents[0].text


INTERCEPT = (
    "[Secret]\nFrom: Tokyo\nTo: Berlin\n17 October 1941\n#905\n"
    "Please thank the Foreign Minister for his frankness, as your message #1180* asked.\n"
)


def test_an_intercept_s_registry_lines_and_citation_are_no_text() -> None:
    text = (
        f"{INTERCEPT}31209\nJD-1: 5902 (D) Navy Trans. 10-18-41 (S-TT)\n"
        "*JD-1: 5640 dated 2 October.\n(INTERCEPTED DIPLOMATIC MESSAGES OF THE JAPANESE\n"
        "GOVERNMENT, OCTOBER l TO DECEMBER 8, 1941)\n"
    )
    source = parse_text(text)
    (doc,) = source.documents
    assert doc.text.endswith("as your message #1180 asked.")
    assert [n.text for n in source.notes] == ["JD-1: 5640 dated 2 October."]


def test_a_bare_number_not_over_a_translation_line_stays_text() -> None:
    (doc,) = parse_text(f"{INTERCEPT}31209\n").documents
    assert doc.text.endswith("31209")


def test_a_classification_over_a_new_header_heads_the_next_message() -> None:
    text = f"{INTERCEPT}\n{INTERCEPT}"
    first, second = parse_text(text).documents
    assert second.start_line == 8


@pytest.mark.parametrize(
    "text",
    ["No. 204.—Baron Burian to Baron Macchio.", "No. 204.-Baron Burian to Baron Macchio.",
     'No. 204.-Baron Burian to "Baron Macchio.'],
)  # fmt: skip
def test_a_number_run_into_its_heading_by_a_dash(text: str) -> None:
    kind, info = classify_text(text)
    assert kind == "number"
    assert (info["number"], info["senders"], info["recipients"]) == (
        204,
        ["Baron Burian"],
        ["Baron Macchio"],
    )


def test_a_numbered_sentence_after_a_dash_is_no_heading() -> None:
    assert classify_text("3.—I have the honour to state that the treaty was signed.")[0] == "body"


LETTER_BODY = (
    "The cases for the new hall came this morning and are being set up.\n\n"
    "Very respectfully,\nG P Merrill\n"
)


def test_a_date_under_the_page_s_status_line_heads_the_letter() -> None:
    text = (
        "Viewing page 3 of 12\n\nThis transcription has been completed.\n\n"
        f"June 3 1885\n\n{LETTER_BODY}"
    )
    (doc,) = parse_text(text).documents
    assert doc.start_line == 5


def test_a_date_under_a_short_first_letter_still_closes_it() -> None:
    text = (
        "I have received your message of June 5.\n\nJune 7, 1943\n\nNo. 66\n\n"
        "Your message of June 7 reached me today.\n"
    )
    first, second = parse_text(text).documents
    assert (first.start_line, first.dates["dated"].value) == (1, "1943-06-07")
    assert second.start_line == 5


def test_place_lines_wrapped_over_the_date_are_no_page_head() -> None:
    text = f"Headquarters\nCamp near Sharpsburg,\nOctober 17, 1862.\n\n{LETTER_BODY}"
    assert parse_text(text).documents[0].start_line == 1  # kept, not dropped
