"""`missive check`: list what the parser is unsure of, with the text it read it from.

Works on serialized documents (the JSONL contract dicts), so it reads the store,
an export or a fresh parse alike.  Corrected fields are not listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from missive.model import DATE_ROLES, LOW_CONFIDENCE

LOW = "low confidence"
MISSING = "missing"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to check by hand in one document."""

    doc_id: str
    field: str  # "senders", "dates.sent", "kind", "warnings", ...
    value: Any
    confidence: float | None
    evidence: str  # the text the value was read from ("" when there is none)
    problem: str  # LOW | MISSING | WARNING
    rule: str = ""
    start_line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_uncertain(
    doc_dicts: Iterable[Mapping[str, Any]], threshold: float = LOW_CONFIDENCE
) -> list[Finding]:
    """Fields with confidence below `threshold`, and what could not be resolved at all,
    for each document and its enclosures, in document order."""
    return [f for doc in doc_dicts for f in _document_findings(doc, threshold)]


def _document_findings(doc: Mapping[str, Any], threshold: float) -> Iterator[Finding]:
    corrected = doc.get("corrected") or {}
    for field, value, evidence in _inferred_fields(doc):
        if field in corrected or evidence is None:
            continue
        if evidence["confidence"] < threshold:
            yield _finding(doc, field, value, LOW, evidence)
    yield from _unresolved(doc, corrected)
    for child in doc.get("enclosures") or []:
        yield from _document_findings(child, threshold)


def _inferred_fields(doc: Mapping[str, Any]) -> Iterator[tuple[str, Any, Mapping | None]]:
    """(field, value, evidence) for every inferred value of a document."""
    for role in ("senders", "recipients"):
        for party in doc.get(role) or []:
            yield role, party["key"], party.get("evidence") or _bare(party)
    dates = doc.get("dates") or {}
    for role in DATE_ROLES:
        entry = dates.get(role)
        if entry:
            yield f"dates.{role}", entry["value"], entry.get("evidence") or _bare(entry)
    for field, evidence in (doc.get("evidence") or {}).items():
        yield field, doc.get(field), evidence
    yield from _link_fields(doc)


def _link_fields(doc: Mapping[str, Any]) -> Iterator[tuple[str, Any, Mapping | None]]:
    """Links (ambiguous ones carry a low confidence) and a date a reply gave the document."""
    for link in doc.get("links") or []:
        yield (
            f"links.{link['type']}",
            link["target"] or link["target_description"],
            link["evidence"],
        )
    inferred = doc.get("date_inferred")
    if inferred:
        yield "date_inferred", inferred["value"], inferred.get("evidence") or _bare(inferred)


def unreferenced_notes(notes: Iterable[Mapping[str, Any]]) -> list[Finding]:
    """Notes that no marker in any document points at."""
    return [
        Finding(
            doc_id=note.get("source", ""),
            field=f"note {note['number']}",
            value="no marker points at this note",
            confidence=None,
            evidence=note["text"][:80],
            problem=WARNING,
            start_line=note.get("start_line"),
        )
        for note in notes
        if not note.get("referenced_by")
    ]


def _bare(entry: Mapping[str, Any]) -> dict[str, Any]:
    """Evidence for a value that carries a confidence but no evidence of its own."""
    return {"confidence": entry.get("confidence", 1.0), "rule": "", "text": ""}


def _unresolved(doc: Mapping[str, Any], corrected: Mapping[str, Any]) -> Iterator[Finding]:
    for role in ("senders", "recipients"):
        if not doc.get(role) and role not in corrected:
            yield _finding(doc, role, None, MISSING)
    # An undated document is not an uncertainty: many letters carry no date.
    for warning in doc.get("warnings") or []:
        yield _finding(doc, "warnings", warning, WARNING)


def _finding(
    doc: Mapping[str, Any],
    field: str,
    value: Any,
    problem: str,
    evidence: Mapping[str, Any] | None = None,
) -> Finding:
    evidence = evidence or {}
    return Finding(
        doc_id=doc["id"],
        field=field,
        value=value,
        confidence=evidence.get("confidence"),
        evidence=evidence.get("text") or "",
        problem=problem,
        rule=evidence.get("rule") or "",
        start_line=evidence.get("start_line") or (doc.get("span") or {}).get("start_line"),
    )


def format_findings(findings: Iterable[Finding]) -> str:
    """One line per finding, then a count: ``id  field = value  (0.55, rule) line N: «text»``."""
    findings = list(findings)
    lines = [_format_one(f) for f in findings]
    documents = len({f.doc_id for f in findings})
    if not lines:
        return "nothing to check"
    noun = "finding" if len(lines) == 1 else "findings"
    lines.append(f"{len(lines)} {noun} in {documents} document{'s' * (documents != 1)}")
    return "\n".join(lines)


def _format_one(finding: Finding) -> str:
    head = f"{finding.doc_id}  {finding.field}"
    if finding.problem == MISSING:
        head += ": not found"
    elif finding.problem == WARNING:
        head += f": {finding.value}"
    else:
        head += f" = {finding.value!r}"
    details = []
    if finding.confidence is not None:
        details.append(f"{finding.confidence:.2f}")
    if finding.rule:
        details.append(finding.rule)
    if details:
        head += f"  ({', '.join(details)})"
    if finding.start_line is not None:
        head += f"  line {finding.start_line}"
    if finding.evidence:
        head += f": «{_one_line(finding.evidence)}»"
    return head


def _one_line(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
