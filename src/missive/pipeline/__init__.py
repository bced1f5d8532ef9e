"""The parsing pipeline: normalize -> segment -> describe.

Each stage is a plain function over a Source; `run` applies them in order.
"""

from __future__ import annotations

from missive.model import Source


def run(source: Source) -> Source:
    """Parse `source` in place: find its documents and notes, describe each document."""
    if source.structured:  # the reader (TEI) stated the documents: keep its values
        return source
    from missive.pipeline.describe import describe
    from missive.pipeline.normalize import normalize
    from missive.pipeline.segment import segment

    layout = normalize(source)
    segment(source, layout)
    describe(source, layout)
    from missive.pipeline.apparatus import apparatus

    apparatus(source, layout)
    from missive.pipeline.link import link

    link(source)
    from missive.pipeline.entities import entities

    entities(source)
    return source
