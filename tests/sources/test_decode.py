"""Encodings are detected, not assumed; binary and empty files are refused by name."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from missive.errors import InputError
from missive.sources import read_source
from missive.sources.decode import decode

WESTERN = "The Marshal’s reply — “Déjà vu,” said the café owner; naïve, très bien. Œuvre… €5"
FRENCH = "Le président à Genève : « Très bien », répondit-il. Ça va, señor niño."
RUSSIAN = "Председатель Совета Министров СССР И. В. Сталин. Переписка с президентом США."


def _read(tmp_path: Path, data: bytes, name: str = "in.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_source(path)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + WESTERN.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + WESTERN.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + WESTERN.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + WESTERN.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + WESTERN.encode("utf-32-be"), "utf-32-be"),
        (WESTERN.encode("utf-16-le"), "utf-16-le"),
        (WESTERN.encode("utf-16-be"), "utf-16-be"),
        (WESTERN.encode("utf-32-le"), "utf-32-le"),
        (WESTERN.encode("utf-8"), "utf-8"),
    ],
)
def test_unicode_encodings_come_out_exact(tmp_path: Path, data: bytes, encoding: str) -> None:
    source = _read(tmp_path, data)
    assert source.text == WESTERN
    assert source.encoding == encoding
    assert source.warnings == []


def test_windows_1252_is_guessed_and_said(tmp_path: Path) -> None:
    source = _read(tmp_path, WESTERN.encode("cp1252"))
    assert source.text == WESTERN
    assert source.encoding == "cp1252"
    assert source.warnings == ["decoded as cp1252 (guessed: not UTF-8, reads as Western text)"]


def test_latin_1_is_guessed_and_said(tmp_path: Path) -> None:
    source = _read(tmp_path, FRENCH.encode("latin-1"))
    assert source.text == FRENCH
    assert source.encoding == "iso-8859-1"
    assert "guessed" in source.warnings[0]


def test_short_windows_1252_text(tmp_path: Path) -> None:
    assert _read(tmp_path, "It’s done.".encode("cp1252")).text == "It’s done."


def test_cyrillic_single_byte_goes_to_charset_normalizer(tmp_path: Path) -> None:
    source = _read(tmp_path, RUSSIAN.encode("cp1251"))
    assert source.text == RUSSIAN
    assert source.warnings == [f"decoded as {source.encoding} (guessed by charset-normalizer)"]


def test_declared_html_charset_is_used_before_guessing(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{FRENCH}</p></body></html>'
    source = _read(tmp_path, page.encode("latin-1"), "page.html")
    assert source.encoding == "cp1252"  # as browsers read a Latin-1 label
    assert source.warnings == []
    assert FRENCH in (source.plain or "")


def test_text_is_never_altered(tmp_path: Path) -> None:
    raw = "line one\r\nline two\r\n\ttabbed  \n\u00a0nbsp\n"
    assert _read(tmp_path, raw.encode("utf-8")).text == raw


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "binary file (ZIP archive)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG image)"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "binary file (gzip archive)"),
        (b"some text\x00\x01\x02\xff\xfe more", "binary file (contains NUL bytes)"),
        (b"", "empty file"),
        (b" \n\t\r\n ", "empty file (only whitespace)"),
        (codecs.BOM_UTF8, "empty file (only whitespace)"),
    ],
)
def test_bad_input_has_a_short_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        _read(tmp_path, data, "letter.txt")
    assert caught.value.reason == reason
    assert str(caught.value) == f"{tmp_path / 'letter.txt'}: {reason}"


def test_binary_with_a_text_extension_is_still_binary(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"binary file \(PDF document\)"):
        _read(tmp_path, b"%PDF-1.4 junk", "volume.html")


def test_bytes_no_encoding_fits(tmp_path: Path) -> None:
    junk = bytes(range(1, 32)) * 20 + bytes(range(0x80, 0x100)) * 4
    with pytest.raises(InputError) as caught:
        decode(junk, "junk.bin")
    assert caught.value.reason.startswith("cannot decode text")


def test_broken_utf16_after_bom(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot decode text"):
        _read(tmp_path, codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")
