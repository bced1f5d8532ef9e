"""Plain-text headers: general rules, tried on layouts the samples do not have."""

from __future__ import annotations

from missive.model import Source
from missive.sources.plaintext import read_txt


def _read(text: str) -> Source:
    source = Source(name="x.txt", path="x.txt", sha256="", format="txt", text=text)
    read_txt(source)
    return source


def test_file_opening_with_a_document_has_no_header() -> None:
    for opening in (
        "No. 1\n\nSent on January 1, 1943\n\nText.",
        "President Roosevelt to Marshal Stalin\n\n[Washington,] January 8, 1943.\n\nText.",
        "W. CHURCHILL TO J. V. STALIN\n\nPersonal and secret.\n\nText.",
        "Dear Mr. President,\n\nI thank you.",
        "PERSONAL AND SECRET FROM PREMIER J. V. STALIN\n\nText.",
        "Moscow, 5 January 1943\n\nText.",
        "I would ask you, Mr President, to convey my gratitude.\n",
    ):
        source = _read(opening)
        assert (source.header_end, source.metadata, source.declaration) == (0, {}, None), opening


def test_short_heading_without_sign_of_a_volume_is_not_a_header() -> None:
    source = _read("MEMORANDUM OF CONVERSATION\n\nThe President said he agreed.")
    assert source.header_end == 0 and source.metadata == {}


def test_label_lines_end_the_header() -> None:
    text = (
        "Selected Letters\n\n"
        "Source: A Book, 1957\n"
        "Publisher: Some Press\n"
        "Copyright: Public domain\n"
        "Citation: Letters (1957), p. 3\n"
        "Archive: National Archives\n\n"
        "No. 1\n"
    )
    source = _read(text)
    assert source.metadata == {
        "title": "Selected Letters",
        "source": "A Book, 1957",
        "publisher": "Some Press",
        "rights": "Public domain",
        "citation": "Letters (1957), p. 3",
        "archive": "National Archives",
    }
    assert text[source.header_end :] == "\nNo. 1\n"


def test_title_block_alone_ends_the_header_when_it_names_a_volume() -> None:
    text = "The Collected Letters\n\nVolume III\n\nDear Sir,\n\nThanks."
    source = _read(text)
    assert source.metadata == {"title": "The Collected Letters", "volume": "Volume III"}
    assert text[source.header_end :] == "\nDear Sir,\n\nThanks."


def test_compound_and_unknown_labels() -> None:
    text = "Transcription/HTML Markup : A. Reader, 2010\nOnline Version : x.org\nSubject: War\n"
    source = _read(text)
    assert source.metadata == {"transcription": "A. Reader, 2010", "url": "x.org"}
    # "Subject:" opens a memorandum, so the header stops before it.
    assert text[source.header_end :] == "Subject: War\n"


def test_indented_line_continues_a_label_value() -> None:
    source = _read("Source : A long title\n   that wraps\nPublisher : P\n\nText here.")
    assert source.metadata["source"] == "A long title that wraps"
    assert source.metadata["publisher"] == "P"


def test_windows_line_endings() -> None:
    text = (
        "J. V. Stalin\r\n\r\nCorrespondence with Winston Churchill\r\n\r\nSource : S\r\n\r\nNo. 1"
    )
    source = _read(text)
    assert source.metadata["author"] == "J. V. Stalin"
    assert source.metadata["source"] == "S"
    assert text[source.header_end :] == "\r\nNo. 1"
    assert source.declaration is not None
    assert source.declaration.correspondents == ("churchill",)


def test_title_label_declares_and_author_label_is_the_principal() -> None:
    source = _read(
        "Title: Letters of Franklin D. Roosevelt to Joseph Stalin\nAuthor: F. D. Roosevelt\n\n"
    )
    assert source.declaration is not None
    assert source.declaration.principal == "roosevelt"
    assert source.declaration.correspondents == ("stalin",)
    assert source.metadata["author"] == "F. D. Roosevelt"
