"""Markdown records: title and date block, labelled blocks, the header's end."""

from __future__ import annotations

from missive.model import Source
from missive.sources.markdown import read_md


def _read(text: str) -> Source:
    source = Source(name="x.md", path="x.md", sha256="", format="md", text=text)
    read_md(source)
    return source


def test_inline_labels_heading_labels_and_lists() -> None:
    text = (
        "# Telegram from Molotov to Hull\n\n"
        "**12 March 1944**\n\n"
        "**Rights:** Public domain  \n\n"
        "## Keywords\n\n"
        "- Lend-Lease\n- Poland\n\n"
        "**Original Language:**\n\n"
        "Russian\n\n"
        "The telegram itself.\n"
    )
    source = _read(text)
    assert source.metadata == {
        "title": "Telegram from Molotov to Hull",
        "date": "12 March 1944",
        "rights": "Public domain",
        "keywords": "Lend-Lease; Poland",
        "language": "Russian",
    }
    assert text[source.header_end :] == "\nThe telegram itself.\n"


def test_value_running_over_paragraphs_up_to_the_next_label() -> None:
    text = (
        "**Summary:**\n\nFirst part.\n\nSecond part.\n\n"
        "**Citation:**\n\n[Record](https://example.org/r/1), Box 4, Folder 2, "
        "Hopkins Papers, Roosevelt Library\n\n"
        "Body.\n"
    )
    source = _read(text)
    assert source.metadata["summary"] == "First part. Second part."
    assert source.metadata["container"] == "Box 4; Folder 2"
    assert source.metadata["collection"] == "Hopkins Papers"
    assert source.metadata["repository"] == "Roosevelt Library"
    assert source.metadata["citation"].startswith("Record, Box 4")
    assert text[source.header_end :] == "\nBody.\n"


def test_unknown_labels_keep_a_slug_key() -> None:
    source = _read("**Record ID:**\n\n4711\n\nBody.")
    assert source.metadata == {"record_id": "4711"}


def test_front_matter() -> None:
    text = "---\ntitle: Letters of Stalin to Churchill\ncreator: J. V. Stalin\n---\n\nBody."
    source = _read(text)
    assert source.metadata == {"title": "Letters of Stalin to Churchill", "author": "J. V. Stalin"}
    assert source.declaration is None  # the front matter is no title line


def test_without_labels_the_title_is_read_but_the_text_starts_at_zero() -> None:
    source = _read("# Correspondence between Stalin and Churchill\n\nNo. 1\n\nText.")
    assert source.metadata == {"title": "Correspondence between Stalin and Churchill"}
    assert source.header_end == 0
    assert source.declaration is not None
    assert source.declaration.correspondents == ("stalin", "churchill")


def test_plain_markdown_has_no_header() -> None:
    source = _read("Dear Sir,\n\n**Secret.** The landing is set.\n")
    assert (source.metadata, source.header_end, source.declaration) == ({}, 0, None)


def test_front_matter_ends_the_header_and_an_open_rule_is_no_front_matter() -> None:
    text = "---\ntitle: A record\n---\nBody."
    assert _read(text).header_end == text.index("Body.")
    source = _read("---\n\nNote: not metadata\n\nBody.")
    assert (source.metadata, source.header_end) == ({}, 0)
