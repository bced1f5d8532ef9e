"""Authority identifiers (URIs) of persons and other entities, where missive knows them."""

from __future__ import annotations

import re
from typing import Any

from missive import authority

WIKIDATA = "http://www.wikidata.org/entity/"
_QID = re.compile(r"^Q\d+$")
# Keys under which the authority file or an entity record may carry an identifier.
_ID_FIELDS = ("wikidata", "qid", "authority_id", "authority", "uri", "ref")


def authority_uri(key: str | None, record: dict[str, Any] | None = None) -> str | None:
    """The URI identifying `key` (a Wikidata entity URI for a QID); None when unknown."""
    for value in _candidates(key, record or {}):
        uri = _as_uri(value)
        if uri:
            return uri
    return None


def _candidates(key: str | None, record: dict[str, Any]) -> list[Any]:
    values = [record.get(name) for name in _ID_FIELDS]
    ids = record.get("authority_ids") or record.get("ids")
    if isinstance(ids, dict):
        values.extend(ids.values())
    elif isinstance(ids, list | tuple):
        values.extend(ids)
    entry = authority.load().get(key) if key else None
    if entry is not None:
        values.extend(getattr(entry, name, None) for name in _ID_FIELDS)
    return [v for v in values if v]


def _as_uri(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    if _QID.match(value):
        return WIKIDATA + value
    if value.startswith(("http://", "https://")):
        return value
    return None
