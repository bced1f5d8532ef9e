"""Stored notes are paired with their markers as the JSONL export pairs them: a
document's own footnote of a number first, else the source's first note of it."""

from __future__ import annotations

from pathlib import Path

from missive.pipeline import parse
from missive.serialize import document_to_dict
from missive.sources import read_source
from missive.store import Store

LAYOUTS = Path(__file__).parents[1] / "fixtures" / "layouts"


def test_footnotes_numbered_afresh_in_each_document_point_back_at_their_own(
    tmp_path: Path,
) -> None:
    source = read_source(LAYOUTS / "frus_page.txt")
    with Store(tmp_path / "missive.db") as store:
        store.ingest(source, parse(source))
        exported = {d.id: document_to_dict(d, source)["notes"] for d in source.documents}
        stored = store.notes(source.name)
    ones = [n for n in stored if n["number"] == 1]
    assert len(ones) > 1  # the page numbers its footnotes afresh in each document
    for note in stored:
        for doc_id in note["referenced_by"]:
            assert {"number": note["number"], "text": note["text"]} in exported[doc_id]
    for doc_id, notes in exported.items():
        for pair in notes:
            holders = [
                n for n in stored if (n["number"], n["text"]) == (pair["number"], pair["text"])
            ]
            assert any(doc_id in n["referenced_by"] for n in holders), (doc_id, pair)
