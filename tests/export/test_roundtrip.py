"""Export TEI, ingest the folder into a fresh database, export JSONL: the same documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from missive.export.tei import write_tei
from missive.ingest import ingest_paths
from missive.store import Store


def contract(doc: dict[str, Any]) -> dict[str, Any]:
    """The contract fields of a document (DESIGN.md), evidence aside."""
    return {
        **{k: doc[k] for k in ("id", "number", "number_printed", "kind", "date", "place",
                               "channel", "classification", "salutation", "closing",
                               "text", "incipit", "notes")},
        "senders": [(p["key"], p["name"], p["confidence"]) for p in doc["senders"]],
        "recipients": [(p["key"], p["name"], p["confidence"]) for p in doc["recipients"]],
        "dates": {r: d and (d["value"], d["confidence"]) for r, d in doc["dates"].items()},
        "links": [(link["type"], link["target"]) for link in doc["links"]],
        "entities": [(e["key"], e["type"], e["count"]) for e in doc["entities"]],
        "witnesses": [(w["label"], w["text"]) for w in doc["witnesses"]],
        "enclosures": [contract(child) for child in doc["enclosures"]],
        "note_offsets": [r.get("offset") for r in doc["note_refs"]],
    }  # fmt: skip


@pytest.fixture(scope="module")
def reimported(samples_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tei-roundtrip")
    write_tei(samples_store, folder)
    db = folder.parent / "reimported.db"
    report = ingest_paths([folder], db)
    assert not report.failures, report.failures
    return db


def test_export_import_export_gives_the_same_documents(
    samples_store: Store, reimported: Path
) -> None:
    before = [contract(d) for d in samples_store.documents()]
    with Store(reimported) as store:
        after = [contract(d) for d in store.documents()]
    assert len(after) == len(before) > 80
    assert after == before


def test_imported_values_carry_the_tei_rule(reimported: Path) -> None:
    with Store(reimported) as store:
        doc = next(d for d in store.documents() if d["senders"])
    evidence = doc["senders"][0]["evidence"]
    assert evidence["rule"] == "tei"
    assert "first read by missive with the rule" in evidence["note"]


def test_the_corpus_file_adds_no_documents(reimported: Path) -> None:
    with Store(reimported) as store:
        corpus = next(s for s in store.sources() if s["name"] == "teiCorpus.xml")
        assert corpus["documents"] == 0
