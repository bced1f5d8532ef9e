"""The parsing pipeline: normalize -> segment -> describe.

Each stage is a plain function over a Source; `run` applies them in order.
"""

from __future__ import annotations

from missive.model import Source


def run(source: Source) -> Source:
    """Parse `source` in place: find its documents and notes, describe each document."""
    from missive.pipeline.describe import describe
    from missive.pipeline.normalize import normalize
    from missive.pipeline.segment import segment

    layout = normalize(source)
    segment(source, layout)
    describe(source, layout)
    return source
