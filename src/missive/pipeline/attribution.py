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
    """`names`: how the text names keys (see `party_name`)."""
    authority = resolver.authority
    doc.senders = [Party(k, party_name(k, authority, names), ev) for k in senders]
    doc.recipients = [Party(k, party_name(k, authority, names), ev) for k in recipients]


def party_name(key: str, authority: Authority, names: Mapping[str, str] | None = None) -> str:
    """A party's name: the file's, unless the file lacks the key ("American Embassy
    Moscow") or its entry is someone else or no person ("Alexander Hamilton" beside
    the file's Maxwell M. Hamilton): then as the text names it, if it does."""
    written = names.get(key) if names else None
    if written and (authority.get(key) is None or authority.names_someone_else(key, written)):
        return written
    return authority.party_name(key)
