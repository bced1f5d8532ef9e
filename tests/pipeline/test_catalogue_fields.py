"""A collection's catalogue record around one letter (catalogue_fields.py): labels on
lines of their own with their values, the repository line, the page's self-citation.
The pages: tests/fixtures/layouts/catalogue_item_page.txt, archive_cipher_telegram_page.txt."""

import pytest
from run_text import parse_text

from missive.pipeline.catalogue_fields import field_label

LETTER = (
    "Dear Sir\n\nThe books you asked for left by the evening train, and I hope they reach "
    "you in good order.\n\nYours truly,\nJohn Hay\n"
)


def _record(*fields: tuple[str, str], after: str = "") -> str:
    labelled = "".join(f"{label}\n\n{value}\n\n" for label, value in fields)
    return f"John Hay to Henry Adams\n\n{labelled}Text\n\n{LETTER}\n{after}"


@pytest.mark.parametrize(
    ("text", "label"),
    [("Title", "title"), ("Original Format", "original format"), ("Date:", "date"),
     ("Text", "text"), ("Dear Sir", None), ("Title page of the volume", None)],
)  # fmt: skip
def test_a_label_is_a_whole_line_of_the_catalogue_s_vocabulary(text: str, label) -> None:
    assert field_label(text) == label


def test_the_record_s_fields_are_no_document_and_no_text() -> None:
    text = _record(
        ("Title", "John Hay to Henry Adams"), ("Creator", "Hay, John, 1838-1905"),
        ("Identifier", "JH0412"), ("Date", "1884 May 2"),
        after="To\n\nAdams, Henry, 1838-1918\n\nFiles\n\nJH0412.pdf\n\nCollection\n\n"
              "Citation\n\nHay, John, 1838-1905, “John Hay to Henry Adams,” 1884 May 2, "
              "JH0412, Hay Letters, Example Library.\n",
    )  # fmt: skip
    (doc,) = parse_text(text).documents
    assert doc.start_line == 1
    assert doc.text.startswith("The books you asked for")
    assert doc.text.endswith("in good order.")
    assert doc.dates["dated"].value == "1884-05-02"
    assert [p.key for p in doc.senders] == ["hay"]


def test_two_labels_are_words_not_a_record() -> None:
    text = "Date\n\nThe date of the meeting is not yet fixed, and I shall write again.\n"
    (doc,) = parse_text(f"Dear Sir\n\n{text}\nSource\n\nYours truly,\nJohn Hay\n").documents
    assert "Date" in doc.text and "Source" in doc.text


def test_a_title_value_that_no_line_above_repeats_heads_the_letter() -> None:
    text = (
        "Title\n\nJohn Hay to Henry Adams\n\nCreator\n\nHay, John\n\nIdentifier\n\nJH0412\n\n"
        f"Text\n\n{LETTER}"
    )
    (doc,) = parse_text(text).documents
    assert doc.start_line == 3
    assert [p.key for p in doc.recipients] == ["adams"]


def test_a_repository_line_under_the_date_is_no_document() -> None:
    text = (
        "Cipher telegram from Maxim Litvinov to Ambassador Ivan Maisky with thanks for the "
        "convoys\n\n12 March 1942\nArchive of Foreign Policy of the Russian Federation\n\n"
        '"I thank you for the news of the convoys and hope to hear more soon.\n\nJ. Stalin"\n'
    )
    (doc,) = parse_text(text).documents
    assert doc.start_line == 1
    assert "Archive" not in doc.text
    assert [p.key for p in doc.recipients] == ["maisky"]


def test_a_labelled_source_line_is_not_taken_for_a_repository() -> None:
    text = (
        "Document 3\n\nTelegram from Ambassador Thompson to Secretary of State Rusk, Moscow, "
        "4 March 1962, Secret\n\nSource: National Archives, RG 59, box 1512\n\n"
        "TELEGRAM\n\nThe Chairman received me this morning and spoke of Berlin at length.\n"
    )
    source = parse_text(text)
    (doc,) = source.documents
    assert "source" in [r.form for r in doc.note_refs]
    assert source.notes[0].text.startswith("Source: National Archives")


def test_the_writer_s_address_under_the_signature_stays_with_the_letter() -> None:
    text = f"John Hay to Henry Adams\n\n{LETTER}1603 H Street,\nWashington.\n"
    (doc,) = parse_text(text).documents
    assert doc.end_line == text.count("\n")
