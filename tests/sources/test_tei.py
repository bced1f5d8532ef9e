"""The TEI reader: FRUS-style TEI, teiCorpus files, and hostile XML refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from missive.errors import InputError
from missive.sources import read_source
from missive.sources.xmlsafe import ENTITIES_REFUSED, EXTERNAL_DTD_REFUSED

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tei"
TEI_OPEN = '<TEI xmlns="http://www.tei-c.org/ns/1.0">'


def test_frus_style_documents_keep_what_the_tei_states() -> None:
    source = read_source(FIXTURES / "frus-style.xml")
    assert source.format == "tei" and source.structured
    first, second = source.documents
    assert (first.number.value, first.number_printed) == (12, True)
    assert [p.key for p in first.senders] == ["roosevelt"]
    assert [p.key for p in first.recipients] == ["stalin"]
    assert first.dates["dated"].value == "1943-05-05"
    assert first.dates["dated"].evidence.rule == "tei"
    assert first.dates["dated"].confidence >= 0.9  # stated in @when
    assert first.place.value == "Washington"
    assert first.heading.value == "President Roosevelt to Marshal Stalin"
    assert first.text.startswith("I am sending this personal note to you by the hands of a friend")
    assert "Davies" not in first.text  # the footnote's text is not body text
    assert [p.key for p in second.senders] == ["stalin"]
    assert second.dates["dated"].value == "1943-05-26"
    assert second.place.value == "Moscow"


def test_frus_notes_are_placed_and_numbered_apart() -> None:
    source = read_source(FIXTURES / "frus-style.xml")
    first = source.documents[0]
    footnote = next(r for r in first.note_refs if r.offset is not None)
    assert first.text[: footnote.offset].endswith("friend of mine")
    texts = {n.number: n.text for n in source.notes}
    assert len(texts) == 3  # both documents' source notes ("n=1") kept apart
    assert "Roosevelt Papers: translation." in texts.values()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE TEI [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&lol9;</p></body></text></TEI>
"""
XXE_FILE = """<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&secret;</p></body></text></TEI>
"""
XXE_HTTP = """<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY remote SYSTEM "http://127.0.0.1:9/evil">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&remote;</p></body></text></TEI>
"""
PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>
"""
EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>
"""
EXTERNAL_DTD_FILE = """<?xml version="1.0"?>
<!DOCTYPE TEI PUBLIC "-//TEI//DTD TEI P5//EN" "file:///etc/tei.dtd">
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>
"""


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (BILLION_LAUGHS, ENTITIES_REFUSED),
        (XXE_FILE, ENTITIES_REFUSED),
        (XXE_HTTP, ENTITIES_REFUSED),
        (PARAMETER_ENTITY, ENTITIES_REFUSED),
        (EXTERNAL_DTD, EXTERNAL_DTD_REFUSED),
        (EXTERNAL_DTD_FILE, EXTERNAL_DTD_REFUSED),
    ],
    ids=["billion-laughs", "xxe-file", "xxe-http", "parameter-entity", "dtd-http", "dtd-file"],
)
def test_hostile_xml_is_refused_with_a_one_line_error(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = _write(tmp_path, "hostile.xml", text)
    with pytest.raises(InputError) as caught:
        read_source(path)
    message = str(caught.value)
    assert message == f"{path}: {reason}"
    assert "\n" not in message


def test_the_cli_reports_a_hostile_file_and_ingests_the_others(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from missive.cli import main

    (tmp_path / "in").mkdir()
    _write(tmp_path / "in", "evil.xml", XXE_FILE)
    (tmp_path / "in" / "frus.xml").write_bytes((FIXTURES / "frus-style.xml").read_bytes())
    db = tmp_path / "m.db"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", str(db), "-q"])
    assert result.exit_code == 1
    assert f"evil.xml: {ENTITIES_REFUSED}" in " ".join(result.output.split())
    from missive.store import Store

    with Store(db) as store:
        assert len(list(store.documents())) == 2


def test_a_doctype_without_declarations_is_read(tmp_path: Path) -> None:
    body = '<text><body><div type="document" n="3"><p>Text.</p></div></body></text></TEI>'
    path = _write(tmp_path, "plain.xml", f"<?xml version='1.0'?>\n<!DOCTYPE TEI>\n{TEI_OPEN}{body}")
    assert read_source(path).documents[0].text == "Text."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<html><body><p>x</p></body></html>", "not a TEI document (root element <html>)"),
        ("<TEI><text/></TEI>", "not a TEI document (root element <TEI>)"),
        (f"{TEI_OPEN}<text><body><p>x</body></TEI>", "not well-formed XML"),
    ],
)
def test_other_xml_is_an_input_error(tmp_path: Path, text: str, reason: str) -> None:
    path = _write(tmp_path, "other.xml", text)
    with pytest.raises(InputError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_source(path)


def test_a_tei_corpus_with_full_members_gives_their_documents(tmp_path: Path) -> None:
    member = (
        "<TEI><teiHeader/><text><body>"
        '<div type="document" n="{n}"><head>President Roosevelt to Marshal Stalin</head>'
        "<p>Letter {n}.</p></div></body></text></TEI>"
    )
    text = (
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>'
        + member.format(n=1)
        + member.format(n=2)
        + "</teiCorpus>"
    )
    source = read_source(_write(tmp_path, "corpus.xml", text))
    assert [d.text for d in source.documents] == ["Letter 1.", "Letter 2."]
    assert [d.number.value for d in source.documents] == [1, 2]
