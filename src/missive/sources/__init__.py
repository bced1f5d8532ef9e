"""Readers: one file in, one `model.Source` out, with the exact original text.

    read_source(path) -> Source
    iter_input_files(paths) -> Path | InputError, folders expanded

A reader fills what its format's own header says (metadata, where the header ends,
the declared correspondents) and, for markup, the plain text with its offset map.
Every way a file can be unusable is an `errors.InputError` with a short reason.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from missive.errors import InputError, UnsupportedFormat
from missive.model import Source
from missive.sources.decode import decode
from missive.sources.files import iter_input_files, printable, read_bytes
from missive.sources.htmlpage import read_html
from missive.sources.markdown import read_md
from missive.sources.plaintext import read_txt
from missive.sources.tei import read_tei

__all__ = [
    "EXTENSIONS",
    "READERS",
    "detect_format",
    "formats",
    "iter_input_files",
    "read_source",
    "reader_for",
]

Reader = Callable[[Source], None]

READERS: dict[str, Reader] = {"txt": read_txt, "md": read_md, "html": read_html, "tei": read_tei}
EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "tei",
    ".tei": "tei",
}

SNIFF_SIZE = 8192
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_MARKDOWN_LABEL = re.compile(r"^\s*(?:\*\*|__)[^*_\n]{1,60}:\s*(?:\*\*|__)\s*$", re.M)


def formats() -> tuple[str, ...]:
    return tuple(sorted(READERS))


def reader_for(name: str, path: str = "") -> Reader:
    """The reader registered for format `name`; UnsupportedFormat lists the valid ones."""
    try:
        return READERS[name]
    except KeyError:
        valid = ", ".join(formats())
        raise UnsupportedFormat(
            path or name, f"unknown format {name!r} (valid formats: {valid})"
        ) from None


def detect_format(path: Path, text: str) -> str:
    """The format by extension; a text file (or an unknown extension) is looked at:
    an HTML page or a markdown record saved as .txt is read as what it is."""
    by_extension = EXTENSIONS.get(path.suffix.lower())
    if by_extension in ("md", "html", "tei"):
        return by_extension
    head = text[:SNIFF_SIZE]
    if _HTML_START.match(head):
        return "html"
    if _MARKDOWN_LABEL.search(head):
        return "md"
    return "txt"


def read_source(path: Path, format: str | None = None) -> Source:
    """Read one file.  `format` overrides detection ("txt", "md", "html")."""
    path = Path(path)
    reader = reader_for(format, printable(path)) if format else None
    data = read_bytes(path)
    if not data:
        raise InputError(printable(path), "empty file")
    decoded = decode(data, printable(path))
    if not decoded.text or decoded.text.isspace():
        raise InputError(printable(path), "empty file (only whitespace)")
    name = format or detect_format(path, decoded.text)
    source = Source(
        name=printable(path.name),
        path=printable(path),
        sha256=hashlib.sha256(data).hexdigest(),
        format=name,
        text=decoded.text,
        encoding=decoded.encoding,
    )
    del data  # the text is all the readers need
    if decoded.warning:
        source.warnings.append(decoded.warning)
    (reader or reader_for(name, printable(path)))(source)
    return source
