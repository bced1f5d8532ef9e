"""What both ways of attributing a document (parties.py, style.py) share: the date it
stands at, the nearest dated document before it, and setting its parties."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from missive.authority import Authority
from missive.model import Document, Evidence, Party

NEIGHBOURS = 50  # how far back an undated document looks for a dated one


class HasDocument(Protocol):
    doc: Document


class HasAuthority(Protocol):
    authority: Authority


def document_date(doc: Document) -> str | None:
    best = doc.best_date
    return best.value if best else None


def nearest_date(all_facts: Sequence[HasDocument], position: int) -> str | None:
    """The date of the nearest document before `position` with a full date: where an
    undated document stands in a chronological volume."""
    for facts in reversed(all_facts[max(0, position - NEIGHBOURS) : position]):
        iso = document_date(facts.doc)
        if iso and not iso.startswith("--"):
            return iso
    return None


def set_parties(
    doc: Document, senders: list[str], recipients: list[str], ev: Evidence, resolver: HasAuthority,
    names: Mapping[str, str] | None = None,
) -> None:  # fmt: skip
    """`names`: how the text names keys the authority file lacks ("American Embassy
    Moscow"); a key the file has takes the file's name."""
    authority = resolver.authority

    def name(k: str) -> str:
        if names and k in names and authority.get(k) is None:
            return names[k]
        return authority.display_name(k)

    doc.senders = [Party(k, name(k), ev) for k in senders]
    doc.recipients = [Party(k, name(k), ev) for k in recipients]
