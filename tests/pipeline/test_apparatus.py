"""The apparatus: every note marker linked to its note and back, scored against the
hand-made reference (tests/golden/reference_*.jsonl), and the hard cases one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from missive import pipeline
from missive.score_apparatus import score_markers, score_notes
from missive.serialize import document_to_dict, note_to_dict
from missive.sources import read_source

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "apparatus"
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "mia-stalin-roosevelt-1943.txt"
REFERENCE_NAME = "000_7212bc6d6b99d9fd.txt"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def sample():
    source = read_source(SAMPLE)
    pipeline.run(source)
    docs = [document_to_dict(d, source) for d in source.documents]
    for doc in docs:
        doc["source"] = REFERENCE_NAME  # the reference names the corpus file
    notes = [note_to_dict(n, source) for n in source.notes]
    return source, docs, notes


def test_every_note_found_with_its_lines(sample):
    _, _, notes = sample
    reference = _jsonl(GOLDEN / "reference_notes.jsonl")
    result = score_notes(notes, reference)
    assert (result.precision, result.recall) == (1.0, 1.0), result.errors


def test_every_marker_found_and_linked_to_its_note(sample):
    _, docs, notes = sample
    reference = [d for d in _jsonl(GOLDEN / "reference_documents.jsonl")
                 if d["source"] == REFERENCE_NAME]  # fmt: skip
    found, linked = score_markers(docs, reference, notes)
    assert (found.precision, found.recall) == (1.0, 1.0), found.errors
    assert (linked.precision, linked.recall) == (1.0, 1.0), linked.errors


def test_note_over_several_paragraphs_is_one_note(sample):
    source, _, _ = sample
    note = next(n for n in source.notes if n.number == 28)
    assert (note.start_line, note.end_line) == (1239, 1241)
    assert "\n\n" in note.text and "Note 15 above" in note.text


def test_both_directions(sample):
    _, docs, notes = sample
    by_number = {d["number"]: d for d in docs}
    assert [n["number"] for n in by_number[91]["notes"]] == [25, 26]
    note_24 = next(n for n in notes if n["number"] == 24)
    assert "mia-stalin-roosevelt-1943-no-89" in note_24["referenced_by"]


def test_markers_on_date_and_received_lines(sample):
    _, docs, _ = sample
    by_number = {d["number"]: d for d in docs}
    assert [r["number"] for r in by_number[132]["note_refs"]] == [48]
    assert [r["number"] for r in by_number[144]["note_refs"]] == [51]


def test_marker_without_note_and_note_without_marker_are_reported(sample):
    source, docs, _ = sample
    no_93 = next(d for d in docs if d["number"] == 93)
    assert any("note marker 15" in w and "no note" in w for w in no_93["warnings"])
    assert any(w.startswith("note 23 ") and "no marker" in w for w in source.warnings)


def test_running_numbers_paired_with_page_notes_by_order():
    source = read_source(FIXTURES / "running_numbers.txt")
    pipeline.run(source)
    refs = [r for d in source.documents for r in d.note_refs]
    assert [(r.number, r.note) for r in refs] == [(24, 1), (25, 2), (26, 3)]
    assert all("paired by order" in r.evidence.rule for r in refs)
    assert "Staff24" not in source.documents[0].text and "Staff and" in source.documents[0].text
    data = document_to_dict(source.documents[1], source)
    assert [n["number"] for n in data["notes"]] == [2, 3]
    assert not source.warnings


def test_code_names_and_pseudonyms_explained_by_notes(sample):
    source, _, _ = sample
    defines = {(d["alias"], d["name"]) for n in source.notes for d in n.defines}
    reference = _jsonl(GOLDEN / "reference_notes.jsonl")
    aliases = {alias for note in reference for alias in note["defines"]}
    assert {alias for alias, _ in defines} == aliases
    assert ("Mr Brown", "V. M. Molotov") in defines
    assert ("life-belt", "Azores") in defines
    assert ("Generalissimo", "Chiang Kai-shek") in defines


@pytest.mark.parametrize(
    ("before", "note", "alias", "name"),
    [
        ('heavy blow called "Avalanche." ', "Code name for the Allied invasion of Italy.",
         "Avalanche", "Allied invasion of Italy"),
        ("regards to Mr Brown. ", 'The writer refers to V. M. Molotov, who was known as "Mr Brown".',
         "Mr Brown", "V. M. Molotov"),
    ],
)  # fmt: skip
def test_alias_forms(before, note, alias, name):
    from missive.pipeline.aliases import explain, marked_term

    definition = explain(marked_term(before), note)
    assert (definition["alias"], definition["name"]) == (alias, name)


def test_a_note_that_explains_nothing_defines_nothing():
    from missive.pipeline.aliases import explain

    assert explain("Staff", "The allusion is to the Combined Anglo-American Staffs.") is None


def test_paired_spaced_marker_leaves_the_other_numbers(tmp_path):
    text = (
        (FIXTURES / "running_numbers.txt")
        .read_text()
        .replace("Mr Brown25 will", "Mr Brown 25 will, with 25 pages,")
    )
    path = tmp_path / "spaced.txt"
    path.write_text(text)
    source = read_source(path)
    pipeline.run(source)
    assert [r.note for d in source.documents for r in d.note_refs] == [1, 2, 3]
    assert "Mr Brown will, with 25 pages," in source.documents[1].text
