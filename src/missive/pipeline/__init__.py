"""The parsing pipeline: normalize -> segment -> describe.

Each stage is a plain function over a Source; `run` applies them in order.
`parse` is what ingest calls: a large source is parsed in windows (windows.py) and
its documents come a window at a time; a smaller one is parsed whole by `run`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from missive.model import Document, Source


def parse(source: Source) -> Iterable[list[Document]]:
    """The source's top-level documents in batches: all at once for a source parsed
    whole (``source.documents``), else one window's worth at a time."""
    from missive.pipeline.windows import WindowedParse, needs_windows

    if needs_windows(source):
        return WindowedParse(source)
    run(source)
    return [source.documents]


def run(source: Source, earlier: Sequence[Document] = ()) -> Source:
    """Parse `source` in place: find its documents and notes, describe each document.

    `earlier`: stand-ins of documents before this text (a windowed parse), which the
    link stage may resolve replies and citations to; they are not added to the source."""
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

    documents = source.documents
    source.documents = [*earlier, *documents]
    try:
        link(source)
    finally:
        source.documents = documents
    from missive.pipeline.entities import entities

    entities(source)
    return source
