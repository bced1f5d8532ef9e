"""Apparatus and link figures on the bundled samples, against the hand-made references.

    .venv/bin/python benchmarks/apparatus.py

Prints precision and recall of note markers (found; linked to the right note), of the
notes themselves, and of the reply/citation links of every dated reference phrase
(tests/golden/reference_links.jsonl), with the resolved / ambiguous / missing counts.
"""

from __future__ import annotations

import json
from pathlib import Path

from missive import pipeline
from missive.score_apparatus import score_markers, score_notes, score_reply_links
from missive.serialize import document_to_dict, note_to_dict
from missive.sources import read_source

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
SAMPLE = ROOT / "samples" / "mia-stalin-roosevelt-1943.txt"
REFERENCE_NAME = "000_7212bc6d6b99d9fd.txt"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def main() -> None:
    source = read_source(SAMPLE)
    pipeline.run(source)
    docs = [{**document_to_dict(d, source), "source": REFERENCE_NAME} for d in source.documents]
    notes = [note_to_dict(n, source) for n in source.notes]
    reference = [d for d in _jsonl(GOLDEN / "reference_documents.jsonl")
                 if d["source"] == REFERENCE_NAME]  # fmt: skip
    found, linked = score_markers(docs, reference, notes)
    print(score_notes(notes, _jsonl(GOLDEN / "reference_notes.jsonl")).line("notes"))
    print(found.line("note markers found"))
    print(linked.line("markers linked to their note"))
    links = score_reply_links(docs, _jsonl(GOLDEN / "reference_links.jsonl"))
    print(links.targets.line("reply/citation targets"))
    print(links.missing.line("missing messages"))
    counts = links.counts
    print(f"reference phrases {sum(1 for _ in _jsonl(GOLDEN / 'reference_links.jsonl'))}: "
          f"resolved {counts['resolved']}, ambiguous {counts['ambiguous']}, "
          f"missing {counts['missing']}, dropped {len(links.dropped)}")  # fmt: skip
    for error in links.targets.errors:
        print("  wrong target:", error)


if __name__ == "__main__":
    main()
