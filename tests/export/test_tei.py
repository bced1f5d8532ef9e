from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from export.validate import TEI_ALL, jing_errors
from missive.export import Selection
from missive.export.tei import CORPUS_FILE, write_tei
from missive.store import Store

TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def tei_folder(samples_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tei")
    write_tei(samples_store, folder)
    return folder


def test_one_file_per_document_and_a_corpus(samples_store: Store, tei_folder: Path) -> None:
    ids = [d["id"] for d in samples_store.documents()]
    files = sorted(p.name for p in tei_folder.glob("*.xml"))
    assert files == [f"{n:04d}-{i}.xml" for n, i in enumerate(ids, 1)] + [CORPUS_FILE]
    corpus = etree.parse(str(tei_folder / CORPUS_FILE)).getroot()
    assert corpus.tag == f"{TEI}teiCorpus"
    assert len(corpus.findall(f"{TEI}TEI")) == len(ids)


def test_every_file_is_valid_tei_all(tei_folder: Path) -> None:
    assert jing_errors(TEI_ALL, sorted(tei_folder.glob("*.xml"))) == []


def _tei(folder: Path, doc_id: str) -> etree._Element:
    (path,) = folder.glob(f"*-{doc_id}.xml")
    return etree.parse(str(path)).getroot()


def test_corresp_desc_carries_parties_dates_and_confidence(
    samples_store: Store, tei_folder: Path
) -> None:
    doc = next(d for d in samples_store.documents() if d["senders"] and d["dates"]["sent"])
    root = _tei(tei_folder, doc["id"])
    sent = root.find(f".//{TEI}correspDesc/{TEI}correspAction[@type='sent']")
    person = sent.find(f"{TEI}persName")
    assert person.get("key") == doc["senders"][0]["key"]
    assert float(person.get("cert")) == pytest.approx(doc["senders"][0]["confidence"])
    evidence = root.find(
        f".//{TEI}interp[@{{http://www.w3.org/XML/1998/namespace}}id='{person.get('resp')[1:]}']"
    )
    assert evidence.get("n") == doc["senders"][0]["evidence"]["rule"]
    assert sent.find(f"{TEI}date[@type='sent']").get("when") == doc["dates"]["sent"]["value"]


def test_notes_stand_at_their_markers(samples_store: Store, tei_folder: Path) -> None:
    doc = next(d for d in samples_store.documents() if d["notes"] and d["id"].endswith("-74"))
    note = _tei(tei_folder, doc["id"]).find(f".//{TEI}p/{TEI}note")
    assert note is not None and note.get("n") == str(doc["notes"][0]["number"])
    before = "".join(note.getparent().text or "")
    assert before.endswith("Combined Chiefs of Staff")


def test_enclosures_are_nested_divs(samples_store: Store, tei_folder: Path) -> None:
    doc = next(d for d in samples_store.documents() if d["enclosures"])
    root = _tei(tei_folder, doc["id"])
    nested = root.findall(f".//{TEI}div[@type='document']/{TEI}div[@type='enclosure']")
    assert len(nested) == len(doc["enclosures"])
    assert len(root.findall(f".//{TEI}correspDesc")) == 1 + len(doc["enclosures"])


def test_witnesses_become_an_apparatus(samples_store: Store, tei_folder: Path) -> None:
    doc = next(d for d in samples_store.documents() if len(d["witnesses"]) > 1)
    root = _tei(tei_folder, doc["id"])
    assert len(root.findall(f".//{TEI}listWit/{TEI}witness")) == len(doc["witnesses"])
    readings = root.findall(f".//{TEI}app/{TEI}rdg")
    assert readings and all(r.get("wit", "").startswith("#") for r in readings)


def test_links_and_entities_are_written(tmp_path: Path, store: Store) -> None:
    doc = next(iter(store.documents()))
    doc_with_extras = {
        **doc,
        "links": [{"type": "replies_to", "target": "x-2", "target_description": "your message",
                   "evidence": {"rule": "reply phrase", "confidence": 0.8, "text": doc["text"][:12]}}],
    }  # fmt: skip
    from missive.export.tei import document_tei

    element, _ = document_tei(doc_with_extras, {}, {"x-2": "x-2.xml#x-2"})
    ref = element.find(f".//{TEI}correspContext/{TEI}ref")
    assert ref.get("type") == "replies_to" and ref.get("target") == "x-2.xml#x-2"
    assert element.find(f".//{TEI}p/{TEI}ref[@target='x-2.xml#x-2']") is not None


def test_selection_filters_the_folder(samples_store: Store, tmp_path: Path) -> None:
    count = write_tei(samples_store, tmp_path, selection=Selection(sender="harriman"))
    assert count == 1
    assert len(list(tmp_path.glob("*.xml"))) == 2
    assert jing_errors(TEI_ALL, sorted(tmp_path.glob("*.xml"))) == []


def test_an_empty_selection_still_writes_a_valid_corpus(
    samples_store: Store, tmp_path: Path
) -> None:
    assert write_tei(samples_store, tmp_path, selection=Selection(sender="nobody")) == 0
    assert jing_errors(TEI_ALL, [tmp_path / CORPUS_FILE]) == []


def test_json_roundtrip_of_fixture_store(store: Store, tmp_path: Path) -> None:
    write_tei(store, tmp_path)
    assert jing_errors(TEI_ALL, sorted(tmp_path.glob("*.xml"))) == []
    assert json.dumps(list(store.documents()))  # the fixture store exports without error
