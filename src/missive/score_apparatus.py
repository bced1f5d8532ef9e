"""Scoring the apparatus and the links against hand-made references.

- Note markers: the reference documents' ``note_refs`` (numbers, in order, per
  document) against the parsed ones, and whether each parsed marker is linked to
  the note of that number.
- Notes: the reference notes (number, first and last line) against the parsed notes.
- Reply links: tests/golden/reference_links.jsonl lists each dated reference phrase
  with the documents it means (by number; ``"97/1"`` is No. 97's first enclosure),
  or that the message is missing from the source; each parsed link is matched by
  its phrase.

Works on serialized dicts (the JSONL contract), like score.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class PR:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[Any] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self, name: str) -> str:
        return (f"{name:28} precision {self.precision:.3f}  recall {self.recall:.3f}  "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn})")  # fmt: skip


def score_markers(parsed: Iterable[dict[str, Any]], reference: Iterable[dict[str, Any]],
                  notes: Iterable[dict[str, Any]]) -> tuple[PR, PR]:  # fmt: skip
    """(markers found, markers linked to the right note); documents matched by start line."""
    by_start = {(d["source"], d["span"]["start_line"]): d for d in parsed}
    note_numbers = {n["number"] for n in notes}
    found, linked = PR(), PR()
    for ref in reference:
        doc = by_start.get((ref["source"], ref["start_line"]))
        got = Counter(r["number"] for r in (doc or {}).get("note_refs", []))
        want = Counter(ref.get("note_refs", []))
        found.tp += sum((got & want).values())
        found.fp += sum((got - want).values())
        found.fn += sum((want - got).values())
        if got != want:
            found.errors.append(
                (ref.get("number"), sorted(got.elements()), sorted(want.elements()))
            )
        for r in (doc or {}).get("note_refs", []):
            right = r["number"] if r["number"] in note_numbers else None
            if r.get("note") == right and r["number"] in want:
                linked.tp += 1
            else:
                linked.fp += 1
                linked.errors.append((ref.get("number"), r))
        linked.fn += sum((want - got).values())
    return found, linked


def score_notes(parsed: Iterable[dict[str, Any]], reference: Iterable[dict[str, Any]]) -> PR:
    got = {(n["number"], n["start_line"], n["end_line"]) for n in parsed}
    want = {(n["note"], n["start_line"], n["end_line"]) for n in reference}
    return PR(len(got & want), len(got - want), len(want - got), sorted(got ^ want))


@dataclass(slots=True)
class LinkScore:
    targets: PR = field(default_factory=PR)
    missing: PR = field(default_factory=PR)
    dropped: list[str] = field(default_factory=list)  # phrases with no link at all
    counts: Counter[str] = field(default_factory=Counter)  # resolved | ambiguous | missing


def _walk(docs: Iterable[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for doc in docs:
        key = str(doc.get("number"))
        yield key, doc
        for k, child in enumerate(doc.get("enclosures") or [], 1):
            yield f"{key}/{k}", child


def score_reply_links(parsed: Iterable[dict[str, Any]], reference: Iterable[dict[str, Any]]
                      ) -> LinkScore:  # fmt: skip
    """Each reference phrase: the parsed links whose evidence is that phrase."""
    docs = dict(_walk(parsed))
    number_of = {d["id"]: key for key, d in docs.items()}
    score = LinkScore()
    for ref in reference:
        doc = docs.get(ref["doc"])
        links = [
            link for link in (doc or {}).get("links", [])
            if link["type"] in ("replies_to", "cites")
            and " ".join(link["evidence"]["text"].split()) == " ".join(ref["phrase"].split())
        ]  # fmt: skip
        if not links:
            score.dropped.append(f"{ref['doc']}: {ref['phrase']}")
        got = {number_of.get(link["target"]) for link in links if link["target"]}
        want = {str(n) for n in ref["targets"]}
        score.targets.tp += len(got & want)
        score.targets.fp += len(got - want)
        score.targets.fn += len(want - got)
        if got != want:
            score.targets.errors.append((ref["doc"], ref["phrase"], sorted(got), sorted(want)))
        said_missing = any(link["target"] is None for link in links)
        if said_missing and ref.get("missing"):
            score.missing.tp += 1
        elif said_missing:
            score.missing.fp += 1
        elif ref.get("missing"):
            score.missing.fn += 1
        if said_missing:
            score.counts["missing"] += 1
        if any((link.get("data") or {}).get("ambiguous") for link in links):
            score.counts["ambiguous"] += 1
        elif got:
            score.counts["resolved"] += 1
    return score
