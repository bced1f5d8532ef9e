"""Mentions in the store: written with the source, replaced on re-ingest, read back as
an index, in context, by document, as co-occurrences and as unresolved candidates."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from missive import pipeline
from missive.sources import read_source
from missive.store import Store

RUN = "from missive.cli import run; run()"


def _missive(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, timeout=60
    )


def test_every_mention_of_every_document_is_stored(sample_store: Store):
    docs = list(sample_store.documents())
    stored = sum(len(sample_store.document_mentions(d["id"])) for d in docs)
    assert stored > 500
    doc = sample_store.document("mia-stalin-roosevelt-1943-no-91")
    assert {"key": "molotov", "type": "person", "name": "Vyacheslav Molotov", "count": 1} in doc[
        "entities"
    ]


def test_entity_index_counts_mentions_and_documents(sample_store: Store):
    index = {e["key"]: e for e in sample_store.entities("person")}
    assert index["churchill"]["documents"] >= 20
    assert index["churchill"]["mentions"] >= index["churchill"]["documents"]
    assert all(e["type"] == "person" for e in index.values())


def test_one_entitys_mentions_come_with_their_context_and_documents(sample_store: Store):
    mentions = sample_store.entity_mentions("molotov")
    brown = next(m for m in mentions if m["text"] == "Mr Brown")
    assert brown["doc_id"] == "mia-stalin-roosevelt-1943-no-91"
    assert "warm personal regards to" in brown["before"]
    assert brown["rule"].startswith("explained by note 26")
    documents = [d["doc_id"] for d in sample_store.entity_documents("castellano")]
    assert "mia-stalin-roosevelt-1943-no-102" in documents
    assert "mia-stalin-roosevelt-1943-no-108" in documents


def test_cooccurrences_count_shared_documents(sample_store: Store):
    pairs = sample_store.cooccurrences("molotov")
    assert pairs and all("molotov" in (p["a"], p["b"]) for p in pairs)
    hull = next(p for p in pairs if "hull" in (p["a"], p["b"]))
    assert hull["documents"] >= 2


def test_unresolved_names_are_candidates_with_an_example(sample_store: Store):
    candidates = {c["text"]: c for c in sample_store.unresolved_mentions()}
    quisling = candidates["Quisling"]
    assert quisling["mentions"] == 2 and quisling["documents"] == 2
    assert "Quisling" in quisling["example"]["context"]


def test_reingesting_a_changed_file_replaces_its_mentions(tmp_path: Path, sample_db: Path):
    db = tmp_path / "copy.db"
    shutil.copy(sample_db, db)
    text_file = tmp_path / "mia-stalin-roosevelt-1943.txt"
    original = Path(__file__).resolve().parents[2] / "samples" / text_file.name
    shutil.copy(original, text_file)
    with Store(db) as store:
        before = store.entities()
        text_file.write_text(original.read_text("utf-8") + "\n", encoding="utf-8")
        assert store.ingest(pipeline.run(read_source(text_file))).status == "replaced"
        assert store.entities() == before


def test_show_lists_a_documents_entities_and_check_offers_candidates(sample_db: Path):
    shown = _missive("show", "mia-stalin-roosevelt-1943-no-108", "--db", str(sample_db))
    assert shown.returncode == 0, shown.stderr
    entities = shown.stdout.split("entities", 1)[1]
    assert "castellano" in entities and "General Charlie" in entities
    checked = _missive("check", "--db", str(sample_db))
    assert checked.returncode == 0, checked.stderr
    assert 'unresolved name "Quisling"' in checked.stdout
    assert "candidates for the authority file" in checked.stdout
