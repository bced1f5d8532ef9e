"""Links between documents: replies, cross-references, quotations, witnesses.

Reads: the described documents (senders, recipients, dates, bodies), the notes and
the markers the apparatus stage paired with them.
Adds: ``Document.links`` (``replies_to``, ``cites``, ``quotes``, ``same_as``, each
with its evidence; a target the source lacks is kept with no target id, as a
missing message) and the variants of every witness after the first (collation).
"""

from __future__ import annotations

from missive.model import Source
from missive.pipeline.collate import collate_witnesses
from missive.pipeline.crossrefs import link_cross_references
from missive.pipeline.quotes import link_quotations
from missive.pipeline.threads import entries_of, resolve_threads


def link(source: Source) -> None:
    entries = entries_of(source)
    resolve_threads(source, entries)
    link_cross_references(source, entries)
    link_quotations(source, entries)
    collate_witnesses(source, source.documents)
