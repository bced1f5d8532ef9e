"""Links between documents: replies, cross-references, quotations, witnesses.

Reads: the described documents (senders, recipients, dates, bodies), the notes and
the markers the apparatus stage paired with them.
Adds: ``Document.links`` (``encloses``, ``replies_to``, ``cites``, ``quotes``, ``same_as``, each
with its evidence; a target the source lacks is kept with no target id, as a
missing message) and the variants of every witness after the first (collation).
"""

from __future__ import annotations

from missive.gc_pause import with_gc_paused
from missive.model import PROBABLE, Document, Evidence, Link, Source
from missive.pipeline.cable_refs import link_cable_references
from missive.pipeline.collate import collate_witnesses
from missive.pipeline.crossrefs import link_cross_references
from missive.pipeline.quotes import link_quotations
from missive.pipeline.replies import forget_scanned
from missive.pipeline.serials import link_serial_references
from missive.pipeline.threads import entries_of, resolve_threads


@with_gc_paused
def link(source: Source) -> None:
    entries = entries_of(source)
    link_enclosures(source.documents)
    resolve_threads(source, entries)
    forget_scanned()  # the last stage to read date references
    link_serial_references(source)
    link_cable_references(source)
    link_cross_references(source, entries)
    link_quotations(source, entries)
    collate_witnesses(source, source.documents)


def link_enclosures(documents: list[Document]) -> None:
    """A document that quotes another in full, or sends its text, encloses it."""
    for doc in documents:
        for child in doc.enclosures:
            rule = child.kind.evidence.rule if child.kind else "enclosure"
            doc.links.append(
                Link(
                    "encloses",
                    child.id,
                    Evidence(rule, PROBABLE, child.span, child.text[:80]),
                    f"enclosure {child.id}",
                )  # fmt: skip
            )
        link_enclosures(doc.enclosures)
