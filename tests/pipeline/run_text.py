"""Run the whole pipeline over a text written in a test (a file named t.txt)."""

from missive import pipeline
from missive.model import Source


def parse_text(text: str, declaration=None) -> Source:
    source = Source(name="t.txt", path="t.txt", sha256="0", format="txt", text=text,
                    declaration=declaration)  # fmt: skip
    return pipeline.run(source)
