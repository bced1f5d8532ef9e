"""Whatever the bytes, read_source returns a Source or raises InputError, and what it
returns points inside its own text."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missive.errors import InputError
from missive.model import Source
from missive.sources import read_source

_HEADERISH = st.sampled_from(
    [
        "J. V. Stalin",
        "Correspondence with Harry S. Truman",
        "Source : x",
        "Publisher: y",
        "**Citation:**",
        "**June 1, 1944**",
        "# Title",
        "---",
        "No. 1",
        "Dear Sir,",
        "Letters of Stalin to Churchill",
        "Stalin–Churchill correspondence",
        "",
        "",
        "  ",
    ]  # fmt: skip
)
_CHARS = st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"])
_TEXTS = st.one_of(
    st.lists(st.one_of(_HEADERISH, st.text(_CHARS, max_size=30)), max_size=25).map("\n".join),
    st.text(_CHARS),
)


def _check(source: Source) -> None:
    assert 0 <= source.header_end <= len(source.text)
    declaration = source.declaration
    if declaration and declaration.evidence and declaration.evidence.span:
        assert declaration.evidence.span.end <= len(source.text)
    assert all(isinstance(v, str) and v for v in source.metadata.values())


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".xyz"])
@settings(max_examples=100, deadline=None)
@given(text=_TEXTS)
def test_any_text_reads(suffix: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"in{suffix}"
        path.write_text(text, "utf-8")
        try:
            source = read_source(path)
        except InputError as error:
            assert error.reason.startswith("empty file")
            return
        assert source.text == text.removeprefix("\ufeff")  # a BOM is no part of the text
        _check(source)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_read_or_fail_with_a_reason(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.txt"
        path.write_bytes(data)
        try:
            _check(read_source(path))
        except InputError as error:
            assert error.reason
