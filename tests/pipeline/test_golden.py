"""Golden tests: the parse of the bundled samples, scored against the hand-made
reference parse (tests/golden/reference_documents.jsonl, a copy of the gold that
came with the corpus), and compared with the last accepted output snapshot."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from missive import pipeline
from missive.score import score
from missive.serialize import document_to_dict
from missive.sources import read_source

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# The reference names the corpus files by their original names; the samples are
# byte-identical copies under readable names (samples/SOURCES.md).
REFERENCE_NAMES = {
    "000_7212bc6d6b99d9fd.txt": "mia-stalin-roosevelt-1943.txt",
    "003_897447d8b38989d2.txt": "wilson-harriman-to-roosevelt-1944-06-28.md",
}


def _parse_samples() -> tuple[list[dict], dict[str, str]]:
    docs: list[dict] = []
    by_sha: dict[str, str] = {}
    for path in sorted(SAMPLES.iterdir()):
        if path.name not in REFERENCE_NAMES.values():
            continue
        source = read_source(path)
        pipeline.run(source)
        by_sha[hashlib.sha256(path.read_bytes()).hexdigest()[:16]] = source.name
        docs.extend(document_to_dict(d, source) for d in source.documents)
    return docs, by_sha


@pytest.fixture(scope="module")
def parsed() -> tuple[list[dict], dict[str, str]]:
    return _parse_samples()


def _names(by_sha: dict[str, str]) -> dict[str, str]:
    return REFERENCE_NAMES


def _reference() -> list[dict]:
    lines = (GOLDEN / "reference_documents.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def test_every_reference_document_found_with_its_boundaries(parsed):
    docs, by_sha = parsed
    result = score(docs, _reference(), _names(by_sha))
    assert not result.missing, result.missing
    assert result.correct["start_line"] == result.reference


def test_no_extra_documents(parsed):
    docs, by_sha = parsed
    result = score(docs, _reference(), _names(by_sha))
    assert not result.extra, result.extra


@pytest.mark.parametrize("field", ["number", "number_printed", "dated", "sent", "received"])
def test_numbers_and_dates_match_the_reference(parsed, field):
    docs, by_sha = parsed
    result = score(docs, _reference(), _names(by_sha))
    wrong = [m for m in result.mismatches if m[1] == field]
    assert not wrong, f"{field}: {wrong}\n{result.table()}"


@pytest.mark.parametrize("field", ["senders", "recipients"])
def test_senders_and_recipients_match_the_reference(parsed, field):
    docs, by_sha = parsed
    result = score(docs, _reference(), _names(by_sha))
    wrong = [m for m in result.mismatches if m[1] == field]
    assert not wrong, f"{field}: {wrong}\n{result.table()}"


def test_output_snapshot(parsed, update_golden):
    """The whole JSONL output, compared with the accepted snapshot."""
    docs, _ = parsed
    text = "".join(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n" for d in docs)
    snapshot = GOLDEN / "samples_output.jsonl"
    if update_golden or not snapshot.exists():
        snapshot.write_text(text, encoding="utf-8")
        pytest.skip("golden snapshot written; review the diff and commit it")
    expected = snapshot.read_text(encoding="utf-8").splitlines()
    got = text.splitlines()
    changed = [i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b]
    assert len(expected) == len(got) and not changed, (
        f"parser output changed in documents {changed[:10]} (of {len(got)}); "
        "if on purpose, run pytest --update-golden and review the diff"
    )
