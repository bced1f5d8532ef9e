"""Property tests for the readers: whatever the bytes and whatever the extension,
`read_source` gives a Source or an InputError (UnsupportedFormat is one) -- never
another exception -- and what it gives the pipeline parses and serializes.

The inputs are random bytes, and damaged markup: the HTML and TEI fixtures with
tags cut, entities and DTDs inserted, bytes deleted, then encoded in a random
encoding (with or without a byte-order mark).
"""

from __future__ import annotations

import json
import os
import tempfile
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from missive import pipeline
from missive.errors import InputError
from missive.model import Source
from missive.serialize import document_to_dict, note_to_dict, source_to_dict
from missive.sources import read_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MARKUP = [
    path.read_text("utf-8")
    for path in [
        FIXTURES / "tei" / "frus-style.xml",
        FIXTURES / "input" / "letters-page.html",
        FIXTURES / "input" / "broken-markup.html",
        FIXTURES / "layouts" / "html_letters.html",
    ]
]
SUFFIXES = [".txt", ".md", ".html", ".xml"]

# MISSIVE_FUZZ_EXAMPLES=2000 MISSIVE_FUZZ_RANDOM=1 hunts harder (and with new examples each
# run; pytest --hypothesis-seed=N repeats one) than the deterministic default.
_SCALE = int(os.environ.get("MISSIVE_FUZZ_EXAMPLES", "200")) / 200
FUZZ = settings(
    derandomize="MISSIVE_FUZZ_RANDOM" not in os.environ,
    deadline=None,
    max_examples=round(200 * _SCALE),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

INSERTS = [
    "<", ">", "</div>", "<div>", "<p>", "</p>", "<br/>", "&amp;", "&", "&#0;", "&#xD800;",
    "&#1114112;", "&nbsp;", "&unknown;", "<![CDATA[", "]]>", "<!--", "-->", "<?pi x?>",
    '<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>',
    '<!DOCTYPE TEI SYSTEM "file:///etc/passwd">', "&b;",
    '<?xml version="1.0" encoding="latin-1"?>', '<meta charset="utf-16">', "\x00", "\ufeff",
    "\r\n", "<note n=\"x\">", "</note>", '<date when="1943-13-45">', "</date>",
    '<div type="document" n="-1">', "<head>", "</head>", '<placeName>', "</placeName>",
    "<script>", "<style>", "<pre>", "</pre>", "<html>", "</html>", "<body>", "é", "□",
]  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252"]


@st.composite
def damaged_markup(draw) -> bytes:
    text = draw(st.sampled_from(MARKUP))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + text[at + draw(st.integers(1, 80)) :]
        else:
            text = text[:at] + draw(st.sampled_from(INSERTS)) + text[at:]
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if draw(st.booleans()) and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at + 1 :]
    return data


BYTES = st.one_of(st.binary(max_size=400), damaged_markup())


def _read(data: bytes, suffix: str) -> Source | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"in put{suffix}"
        path.write_bytes(data)
        try:
            return read_source(path)
        except InputError as error:  # UnsupportedFormat included
            assert error.reason
            assert str(path) in str(error)
            return None


def _check_source(source: Source) -> None:
    text = source.readable
    if source.plain_map is not None:
        assert len(source.plain_map) == len(text)
        assert all(0 <= offset <= len(source.text) for offset in source.plain_map)
    for doc in source.documents:
        assert 0 <= doc.span.start <= doc.span.end <= len(text), (doc.id, doc.span)
        assert doc.start_line <= doc.end_line
    for before, after in pairwise(source.documents):
        assert before.span.end <= after.span.start, (before.id, after.id)
    out = {
        "source": source_to_dict(source),
        "documents": [document_to_dict(doc, source) for doc in source.documents],
        "notes": [note_to_dict(note, source) for note in source.notes],
    }
    json.dumps(out, allow_nan=False)


@FUZZ
@given(data=BYTES, suffix=st.sampled_from(SUFFIXES))
@example(data=b"\xff\xfe<\x00", suffix=".xml")
@example(data=b'<?xml version="1.0" encoding="bogus"?><a/>', suffix=".xml")
def test_any_bytes_read_as_a_source_or_an_input_error(data: bytes, suffix: str) -> None:
    _read(data, suffix)


@settings(FUZZ, max_examples=max(1, round(120 * _SCALE)))
@given(data=damaged_markup(), suffix=st.sampled_from(SUFFIXES))
def test_what_the_readers_give_parses_and_serializes(data: bytes, suffix: str) -> None:
    source = _read(data, suffix)
    if source is not None:
        _check_source(pipeline.run(source))
