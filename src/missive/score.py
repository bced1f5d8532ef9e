"""Scoring a parse against a hand-made reference (the format of tests/golden/reference_*.jsonl).

Reference documents are matched to parsed ones by source (sha256 or name) and start
line; a reference may list `start_line_alternatives`.  Fields compared: start line,
end line, number, number_printed, senders and recipients (as sets), dated, sent,
received.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

FIELDS = ("start_line", "number", "number_printed", "senders", "recipients",
          "dated", "sent", "received")  # fmt: skip


@dataclass(slots=True)
class Score:
    reference: int = 0
    parsed: int = 0
    matched: int = 0
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    mismatches: list[tuple[Any, str, Any, Any]] = field(default_factory=list)
    extra: list[tuple[str, int]] = field(default_factory=list)
    missing: list[tuple[str, int]] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.reference if self.reference else 0.0

    def table(self) -> str:
        lines = [f"reference {self.reference}, parsed {self.parsed}, matched {self.matched}"]
        lines += [f"  {name:15} {self.correct[name]:3}/{self.reference} "
                  f"({100 * self.accuracy(name):.1f}%)" for name in FIELDS]  # fmt: skip
        return "\n".join(lines)


def _parsed_values(doc: dict[str, Any]) -> dict[str, Any]:
    dates = doc.get("dates") or {}
    return {
        "start_line": doc["span"]["start_line"],
        "number": doc.get("number"),
        "number_printed": doc.get("number_printed"),
        "senders": {p["key"] for p in doc.get("senders", [])},
        "recipients": {p["key"] for p in doc.get("recipients", [])},
        **{role: (dates.get(role) or {}).get("value") for role in ("dated", "sent", "received")},
    }


def _reference_values(ref: dict[str, Any]) -> dict[str, Any]:
    return {
        "start_line": ref["start_line"],
        "number": ref.get("number"),
        "number_printed": ref.get("number_printed"),
        "senders": set(ref.get("senders", [])),
        "recipients": set(ref.get("recipients", [])),
        "dated": ref.get("date_dated"),
        "sent": ref.get("date_sent"),
        "received": ref.get("date_received"),
    }


def score(parsed: Iterable[dict[str, Any]], reference: Iterable[dict[str, Any]],
          source_names: dict[str, str]) -> Score:  # fmt: skip
    """`source_names` maps a reference's source name to the parsed source name."""
    result = Score()
    by_start: dict[tuple[str, int], dict[str, Any]] = {}
    for doc in parsed:
        result.parsed += 1
        by_start[(doc["source"], doc["span"]["start_line"])] = doc
    used: set[tuple[str, int]] = set()
    for ref in reference:
        result.reference += 1
        name = source_names.get(ref["source"], ref["source"])
        starts = [ref["start_line"], *ref.get("start_line_alternatives", [])]
        key = next(((name, s) for s in starts if (name, s) in by_start), None)
        if key is None:
            result.missing.append((name, ref["start_line"]))
            continue
        used.add(key)
        result.matched += 1
        got, want = _parsed_values(by_start[key]), _reference_values(ref)
        got["start_line"] = want["start_line"] if key[1] in starts else got["start_line"]
        for name_ in FIELDS:
            if got[name_] == want[name_]:
                result.correct[name_] += 1
            else:
                result.mismatches.append((ref.get("number"), name_, got[name_], want[name_]))
    result.extra = [k for k in by_start if k not in used]
    return result
