"""Code names and pseudonyms the edition's notes explain become aliases for the corpus,
in every document, not only where the note marker stands."""

from __future__ import annotations

from pathlib import Path

from missive import pipeline
from missive.sources import read_source

VOLUME = """Correspondence with Franklin D. Roosevelt

No. 1

Sent on March 1, 1944


We shall soon begin "Shingle." 5 Please give my regards to Mr Green. 6

No. 2

Received on March 3, 1944


Thank you. "Shingle" will be of great help, and Mr Green thanks you.


5. Code name for the landing at Anzio.

6. The writer refers to A. Y. Vyshinsky, who was known as "Mr Green" in the telegrams.
"""


def _mentions(tmp_path: Path) -> dict[str, list[tuple[str, str | None, str]]]:
    path = tmp_path / "volume.txt"
    path.write_text(VOLUME, encoding="utf-8")
    source = pipeline.run(read_source(path))
    return {d.id: [(m.text, m.key, m.type) for m in d.mentions] for d in source.documents}


def test_a_code_name_the_notes_explain_becomes_an_entity(tmp_path):
    found = _mentions(tmp_path)
    for mentions in found.values():
        assert ("Shingle", "shingle", "operation") in mentions


def test_a_pseudonym_the_notes_explain_resolves_to_the_person(tmp_path):
    found = _mentions(tmp_path)
    for mentions in found.values():
        assert ("Mr Green", "vyshinsky", "person") in mentions
