"""Editors' corrections: which fields may be corrected, and applying them to a
serialized document on read (so they survive every re-ingest)."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from typing import Any

from missive import authority
from missive.errors import UsageError
from missive.model import DATE_ROLES

SCALAR_FIELDS = (
    "kind",
    "place",
    "channel",
    "classification",
    "salutation",
    "closing",
    "signature",
    "address",
    "heading",
)
PARTY_FIELDS = ("senders", "recipients")
DATE_FIELDS = tuple(f"dates.{role}" for role in DATE_ROLES)
CORRECTABLE_FIELDS = ("number", "number_printed", *SCALAR_FIELDS, *PARTY_FIELDS, *DATE_FIELDS)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EDITOR_NAME = re.compile(r"^[\w .'-]{1,60}$")


def check_correction(field: str, value: Any) -> None:
    """Raise UsageError unless `value` is a valid correction of `field`."""
    if field not in CORRECTABLE_FIELDS:
        raise UsageError(
            f"cannot correct {field!r}; correctable fields: {', '.join(CORRECTABLE_FIELDS)}"
        )
    problem = _value_problem(field, value)
    if problem:
        raise UsageError(f"bad value for {field}: {problem}")


def valid_editor_name(name: str) -> bool:
    """Who a correction is recorded as: a plain name of up to 60 characters."""
    return bool(_EDITOR_NAME.match(name.strip()))


def value_from_text(field: str, text: str) -> Any:
    """A correction typed as text (the reader's form, the command line), as the store
    wants it: digits for a number, "yes"/"no" for number_printed, comma-separated
    person keys for senders and recipients, empty text for none."""
    text = text.strip()
    if field == "number":
        if not text:
            return None
        if not text.isdigit():
            raise UsageError("give the number as digits (or leave it empty for none)")
        return int(text)
    if field == "number_printed":
        return text.lower() in {"true", "yes", "1", "printed"}
    if field in PARTY_FIELDS:
        return [key.strip().lower() for key in text.split(",") if key.strip()]
    return text or None


def _value_problem(field: str, value: Any) -> str | None:
    if field == "number":
        ok = value is None or (isinstance(value, int) and not isinstance(value, bool))
        return None if ok else "give a whole number or null"
    if field == "number_printed":
        return None if isinstance(value, bool) else "give true or false"
    if field in PARTY_FIELDS:
        ok = isinstance(value, list) and all(
            isinstance(p, str) or (isinstance(p, dict) and isinstance(p.get("key"), str))
            for p in value
        )
        return None if ok else 'give a list of person keys, e.g. ["stalin"]'
    if field in DATE_FIELDS:
        ok = value is None or (isinstance(value, str) and _ISO_DATE.match(value))
        return None if ok else "give a date as YYYY-MM-DD or null"
    return None if value is None or isinstance(value, str) else "give text or null"


def correction_evidence(correction: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "rule": "correction",
        "confidence": 1.0,
        "text": correction["reason"],
        "start_line": None,
        "end_line": None,
        "note": f"corrected by {correction['editor']} at {correction['created_at']}",
    }


def group_by_document(corrections: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping]]:
    grouped: dict[str, list[Mapping]] = {}
    for correction in corrections:
        grouped.setdefault(correction["doc_id"], []).append(correction)
    return grouped


def apply_corrections(
    data: dict[str, Any], by_document: Mapping[str, list[Mapping[str, Any]]]
) -> dict[str, Any]:
    """`data` with its (and its enclosures') corrections applied, later ones winning.

    Each corrected field gets ``corrected[field] = {value, editor, reason, created_at,
    original}``, where `original` is the parsed value.
    """
    own = by_document.get(data["id"], [])
    enclosures = data.get("enclosures") or []
    corrected_enclosures = [apply_corrections(e, by_document) for e in enclosures]
    nested = any(new is not old for new, old in zip(corrected_enclosures, enclosures, strict=True))
    if not own and not nested:
        return data
    data = copy.deepcopy(data) if own else dict(data)
    for correction in own:
        _apply_one(data, correction)
    if own:
        _refresh_derived(data)
    if enclosures:
        data["enclosures"] = corrected_enclosures
    return data


def _apply_one(data: dict[str, Any], correction: Mapping[str, Any]) -> None:
    field, value = correction["field"], correction["value"]
    corrected = data.setdefault("corrected", {})
    original = corrected[field]["original"] if field in corrected else _get(data, field)
    evidence = correction_evidence(correction)
    _set(data, field, _normalized(field, value, evidence))
    if field == "number" or field in SCALAR_FIELDS:
        data.setdefault("evidence", {})[field] = evidence
    corrected[field] = {
        "value": value,
        "editor": correction["editor"],
        "reason": correction["reason"],
        "created_at": correction["created_at"],
        "original": original,
    }


def _get(data: dict[str, Any], field: str) -> Any:
    if field.startswith("dates."):
        return data["dates"].get(field.split(".", 1)[1])
    return data.get(field)


def _set(data: dict[str, Any], field: str, value: Any) -> None:
    if field.startswith("dates."):
        data["dates"][field.split(".", 1)[1]] = value
    else:
        data[field] = value


def _normalized(field: str, value: Any, evidence: dict[str, Any]) -> Any:
    if field in PARTY_FIELDS:
        return [_party(p, evidence) for p in value]
    if field in DATE_FIELDS and value is not None:
        return {"value": value, "confidence": 1.0, "evidence": evidence}
    return value


def _party(entry: str | Mapping[str, Any], evidence: dict[str, Any]) -> dict[str, Any]:
    key = entry if isinstance(entry, str) else entry["key"]
    name = entry.get("name") if isinstance(entry, Mapping) else None
    return {
        "key": key,
        "name": name or authority.load().display_name(key),
        "confidence": 1.0,
        "evidence": evidence,
    }


def _refresh_derived(data: dict[str, Any]) -> None:
    """Recompute the best date and the document confidence after a correction."""
    dates = data["dates"]
    best = next((dates[r] for r in DATE_ROLES if dates.get(r)), None)
    data["date"] = None if best is None else best["value"]
    values = [p["confidence"] for p in (*data["senders"], *data["recipients"])]
    values.extend(d["confidence"] for d in dates.values() if d)
    number_evidence = data.get("evidence", {}).get("number")
    if data.get("number") is not None and number_evidence:
        values.append(number_evidence["confidence"])
    data["confidence"] = min(values) if values else None
