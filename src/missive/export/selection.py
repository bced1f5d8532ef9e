"""Which documents an export takes: one source, a date range, one sender."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from missive.errors import UsageError
from missive.store import Store

_ISO_PREFIX = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Selection:
    """Filters shared by every export format; None means "no filter"."""

    source: str | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    sender: str | None = None  # person key

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not _ISO_PREFIX.match(value):
                option = "--from" if name == "date_from" else "--to"
                raise UsageError(f"{option} {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")

    def documents(self, store: Store) -> Iterator[dict[str, Any]]:
        """The store's top-level documents that pass every filter, in source order."""
        for document in store.documents(self.source):
            if self.accepts(document):
                yield document

    def accepts(self, document: dict[str, Any]) -> bool:
        if self.sender is not None and self.sender not in sender_keys(document):
            return False
        if self.date_from is None and self.date_to is None:
            return True
        date = document.get("date")
        if not date:
            return False  # an undated document cannot be shown to be in range
        if self.date_from is not None and date[: len(self.date_from)] < self.date_from:
            return False
        return self.date_to is None or date[: len(self.date_to)] <= self.date_to


def sender_keys(document: dict[str, Any]) -> list[str]:
    return [party["key"] for party in document.get("senders") or []]


EVERYTHING = Selection()
