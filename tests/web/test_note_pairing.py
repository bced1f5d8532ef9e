"""A note's permalink on a document page leads to that document's own footnote, even
where every document of the source numbers its footnotes from 1."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from missive.ingest import ingest_paths
from missive.web import create_app

FRUS = Path(__file__).parents[1] / "fixtures" / "layouts" / "frus_page.txt"


def test_permalink_of_a_footnote_numbered_afresh_names_its_own_document(tmp_path: Path) -> None:
    db = tmp_path / "frus.db"
    assert not ingest_paths([FRUS], str(db)).failures
    with TestClient(create_app(db)) as client:
        docs = client.get("/api/documents?per_page=100").json()["documents"]
        with_note_1 = []
        for summary in docs:
            doc = client.get(f"/api/documents/{summary['id']}").json()
            own = {n["number"]: n["text"] for n in doc.get("notes") or []}
            if 1 in own:
                with_note_1.append((doc["id"], own[1]))
        assert len({text for _, text in with_note_1}) > 1
        for doc_id, text in with_note_1:
            page = client.get(f"/documents/{doc_id}").text
            link = re.search(r'href="(/notes/[^"]+/1\?document=[^"]+)"', page)
            assert link is not None, doc_id
            note = client.get("/api" + link.group(1).replace("&amp;", "&")).json()
            assert note["note"]["text"] == text
            assert doc_id in [d["id"] for d in note["documents"]]
