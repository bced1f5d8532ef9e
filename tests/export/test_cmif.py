from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from export.validate import CMIF_RNG, TEI_ALL, cmif_schematron_errors, jing_errors
from missive.export import Selection
from missive.export.cmif import LICENCE_URI, write_cmif
from missive.store import Store

TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def cmif_file(samples_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cmif") / "letters.xml"
    write_cmif(samples_store, path)
    return path


def test_valid_against_the_cmif_schema_and_tei_all(cmif_file: Path) -> None:
    assert jing_errors(CMIF_RNG, [cmif_file]) == []
    assert jing_errors(TEI_ALL, [cmif_file]) == []


def test_passes_the_cmif_schematron_rules(cmif_file: Path) -> None:
    assert cmif_schematron_errors(cmif_file) == []


def test_schematron_check_catches_a_missing_received_action(
    cmif_file: Path, tmp_path: Path
) -> None:
    tree = etree.parse(str(cmif_file))
    received = tree.find(f".//{TEI}correspAction[@type='received']")
    received.getparent().remove(received)
    broken = tmp_path / "broken.xml"
    tree.write(str(broken))
    assert any("E0002" in error for error in cmif_schematron_errors(broken))


def test_one_corresp_desc_per_document_with_sent_and_received(
    samples_store: Store, cmif_file: Path
) -> None:
    root = etree.parse(str(cmif_file)).getroot()
    descs = root.findall(f".//{TEI}correspDesc")
    expected = sum(1 + len(d["enclosures"]) for d in samples_store.documents())
    assert len(descs) == expected
    for desc in descs:
        types = [a.get("type") for a in desc.findall(f"{TEI}correspAction")]
        assert types == ["sent", "received"]
    assert root.find(f".//{TEI}licence").get("target") == LICENCE_URI


def test_filters_apply(samples_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "harriman.xml"
    assert write_cmif(samples_store, path, selection=Selection(sender="harriman")) == 1
    assert jing_errors(CMIF_RNG, [path]) == []
