"""Where a passage of a document's text stands, read off its paragraph when that
paragraph is the source's text verbatim, without a search.

`threads.locate_passage` searches the document's stretch of the source for the
passage's first words, then its last words after them. When the passage, at offset
`at` of the document's text, lies in a paragraph that is the source's text
unchanged, is written with single spaces, has more than twice `edge` words, and
its first words (as `threads.find_words` reads them) do not occur in the stretch
before it, that search finds it right there: its first words nowhere earlier, its
last words exactly where the passage puts them, and the text between them is the
passage. Any other case is searched.
"""

from __future__ import annotations

import bisect

from missive.model import Document, Source, Span
from missive.pipeline.threads import find_words


class VerbatimParagraphs:
    """A document's paragraphs: where each starts in its text, and whether each is
    the source's text verbatim (checked on first use)."""

    __slots__ = ("doc", "starts", "verbatim")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.starts: list[int] = []
        offset = 0
        for paragraph in doc.body:
            self.starts.append(offset)
            offset += len(paragraph.text) + 2  # Document.text joins them by a blank line
        self.verbatim: dict[int, bool] = {}

    def place(self, source: Source, passage: str, at: int, edge: int = 4) -> Span | None:
        """Where `threads.locate_passage` finds `passage`, when this can tell; else None."""
        # Single spaces only: no other character str.isspace() takes is printable.
        if "  " in passage or not passage.isprintable() or passage.count(" ") < 2 * edge:
            return None
        if passage[0] == " " or passage[-1] == " ":
            return None
        k = bisect.bisect_right(self.starts, at) - 1
        if k < 0:
            return None
        paragraph = self.doc.body[k]
        inside = at - self.starts[k]
        if inside + len(passage) > len(paragraph.text) or not self._verbatim(source, k):
            return None
        start = paragraph.span.start + inside
        doc_span = self.doc.span
        readable = source.readable
        if start + len(passage) > min(doc_span.end, len(readable)):
            return None
        first = passage[: passage.find(" ")]
        if readable.find(first, doc_span.start, start + len(first)) != start:
            # The first word stands earlier too: where do the first words stand?
            head = find_words(readable, passage.split(" ", edge)[:edge], doc_span.start,
                              doc_span.end)  # fmt: skip
            if head is None or head[0] != start:
                return None  # searched
        return Span(start, start + len(passage))

    def _verbatim(self, source: Source, k: int) -> bool:
        found = self.verbatim.get(k)
        if found is None:
            paragraph = self.doc.body[k]
            span = paragraph.span
            found = self.verbatim[k] = source.readable[span.start : span.end] == paragraph.text
        return found
