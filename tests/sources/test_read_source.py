"""read_source on the samples: provenance, exact text, header metadata and declaration."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from missive.errors import InputError, UnsupportedFormat
from missive.model import CERTAIN
from missive.sources import EXTENSIONS, READERS, detect_format, read_source

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
MIA = SAMPLES / "mia-stalin-roosevelt-1943.txt"
WILSON = SAMPLES / "wilson-harriman-to-roosevelt-1944-06-28.md"


def test_every_extension_names_a_registered_reader() -> None:
    assert set(EXTENSIONS.values()) <= set(READERS)


def test_provenance_and_exact_text() -> None:
    source = read_source(MIA)
    raw = MIA.read_bytes()
    assert source.name == MIA.name
    assert source.path == str(MIA)
    assert source.sha256 == hashlib.sha256(raw).hexdigest()
    assert source.text == raw.decode("utf-8")
    assert (source.format, source.encoding, source.warnings) == ("txt", "utf-8", [])
    assert source.plain is None and source.plain_map is None


def test_mia_volume_header() -> None:
    source = read_source(MIA)
    meta = source.metadata
    assert meta["author"] == "J. V. Stalin"
    assert meta["title"].startswith("Correspondence between the Chairman of the Council")
    assert meta["title"].endswith("Great Patriotic War of 1941 - 1945")
    assert meta["volume"] == "Volume - 2"
    assert meta["subtitle"].startswith("Correspondence with Franklin D. Roosevelt")
    assert meta["publisher"] == "Progress Publishers, Moscow, USSR"
    assert meta["transcription"] == "Salil Sen for MIA, 2010"
    assert meta["rights"].startswith("Public Domain: Marxists Internet Archive (2010).")
    assert meta["source"] == meta["title"]
    # The header ends after the last label line; the first document follows.
    assert source.text[source.header_end :].startswith("\nNo. 65\n")
    assert source.text[: source.header_end].rstrip().endswith("as your source.")


def test_mia_declaration() -> None:
    declaration = read_source(MIA).declaration
    assert declaration is not None
    assert declaration.principal == "stalin"
    assert declaration.correspondents == ("roosevelt", "truman")
    evidence = declaration.evidence
    assert evidence is not None and evidence.confidence == CERTAIN
    assert evidence.rule == "header:correspondence-with"
    assert evidence.span is not None
    text = read_source(MIA).text
    spanned = text[evidence.span.start : evidence.span.end]
    assert spanned.startswith("J. V. Stalin")
    assert spanned.endswith("Harry S. Truman (August 1941-December 1945)")


def test_wilson_record_header() -> None:
    source = read_source(WILSON)
    meta = source.metadata
    assert source.format == "md"
    assert meta["title"] == "PARAPHRASE of telegram sent from Harriman to Roosevelt"
    assert meta["date"] == "June 28, 1944"
    assert meta["citation"].startswith('"PARAPHRASE of telegram sent from Harriman to Roosevelt"')
    assert meta["citation"].endswith("Library of Congress, Washington, D.C.")
    assert meta["url"] == "https://wilson-center.drivingcreative.com/document/219966"
    assert meta["container"] == "Container 173"
    assert meta["collection"] == "W. Averell Harriman Papers"
    assert meta["repository"] == "Library of Congress"
    assert meta["archive"] == (
        "W. Averell Harriman Papers, Manuscript Division, Library of Congress"
    )
    assert meta["publisher"] == "Wilson Center Digital Archive"
    assert meta["summary"].startswith("Stalin and Harriman discuss the Normandy Invasion")
    assert meta["language"] == "English"
    assert meta["contents"] == "Original Scan; Transcript - English"
    assert source.text[source.header_end :].startswith("\nContainer 173\n")
    assert source.declaration is None
    assert source.plain is None
    assert source.text == WILSON.read_text("utf-8")  # markup kept


def test_markdown_saved_as_txt_is_read_as_markdown(tmp_path: Path) -> None:
    copy = tmp_path / "003_record.txt"
    copy.write_bytes(WILSON.read_bytes())
    source = read_source(copy)
    assert source.format == "md"
    assert source.metadata["container"] == "Container 173"


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html>\n<html><body><p>Hello</p></body></html>")
    source = read_source(path)
    assert (source.format, source.plain) == ("html", "Hello")


def test_unknown_extension_with_text_reads_as_txt(tmp_path: Path) -> None:
    path = tmp_path / "letters.asc"
    path.write_text("Dear Sir,\nThank you.\n")
    source = read_source(path)
    assert source.format == "txt"
    assert source.header_end == 0


def test_unknown_extension_with_binary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.dat"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="PNG image"):
        read_source(path)


def test_format_can_be_forced() -> None:
    assert read_source(WILSON, format="txt").format == "txt"


def test_unknown_format_lists_the_valid_ones() -> None:
    with pytest.raises(UnsupportedFormat) as caught:
        read_source(MIA, format="pdf")
    assert caught.value.reason == "unknown format 'pdf' (valid formats: html, md, tei, txt)"


def test_detect_format_by_extension_and_content() -> None:
    assert detect_format(Path("x.HTM"), "plain words") == "html"
    assert detect_format(Path("x.md"), "plain words") == "md"
    assert detect_format(Path("x.txt"), "  <!doctype html><p>x") == "html"
    assert detect_format(Path("x.txt"), "**Citation:**\n\nA, B") == "md"
    assert detect_format(Path("x.txt"), "No. 1\n\nText") == "txt"
