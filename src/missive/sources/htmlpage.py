"""HTML pages: the plain text with its map, and metadata from the page's head."""

from __future__ import annotations

from missive.model import Source, Span
from missive.sources.declaration import TitleLine, find_declaration
from missive.sources.header import add_metadata, label_key
from missive.sources.htmlplain import PlainText, html_to_plain

# Prefixes of metadata vocabularies (Dublin Core, Highwire citation tags, Open Graph);
# what follows them is looked up in header.LABEL_KEYS.
META_PREFIXES = ("dcterms.", "dc.", "citation_", "og:", "article:")
# Meta names outside that table.
META_KEYS = {"subject": "keywords", "date": "date", "publication_date": "date"}
# Keys that take every value given (several authors); for the others the first wins.
MULTIPLE_KEYS = frozenset({"author", "keywords"})


def read_html(source: Source) -> None:
    """Fill `source` with the page's plain text, its map, metadata and declaration."""
    page = html_to_plain(source.text)
    source.plain = page.plain
    source.plain_map = page.plain_map
    _metadata(page, source.metadata)
    source.declaration = find_declaration(_title_lines(page), _author_line(page, source.text))


def meta_key(name: str) -> str | None:
    """The metadata key of a <meta> name ("author", "DC.creator", "citation_title")."""
    name = name.lower()
    for prefix in META_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return META_KEYS.get(name) or label_key(name)


def _metadata(page: PlainText, metadata: dict[str, str]) -> None:
    for name, content, _ in page.meta:
        key, value = meta_key(name), " ".join(content.split())
        if key in MULTIPLE_KEYS:
            add_metadata(metadata, key, value)
        elif key and value:
            metadata.setdefault(key, value)
    for key, value, _ in page.fields:  # a wiki's header template: the page's own record
        metadata[key] = value
    first_h1 = _first_h1(page)
    if page.title:
        metadata.setdefault("title", page.title)
    if first_h1:
        metadata["heading"] = first_h1.text
        metadata.setdefault("title", first_h1.text)
    if page.language:
        metadata.setdefault("language", page.language)


def _first_h1(page: PlainText) -> TitleLine | None:
    for heading in page.headings:
        if heading.level == 1:
            return TitleLine(Span(heading.start, heading.end), heading.text)
    return None


def _title_lines(page: PlainText) -> list[TitleLine]:
    lines = [TitleLine(Span(*page.title_span), page.title)] if page.title else []
    first_h1 = _first_h1(page)
    return [*lines, first_h1] if first_h1 else lines


def _author_line(page: PlainText, text: str) -> TitleLine | None:
    """The first <meta> author, spanning its tag."""
    for name, content, offset in page.meta:
        if meta_key(name) == "author":
            end = text.find(">", offset)
            return TitleLine(Span(offset, len(text) if end == -1 else end + 1), content)
    return None
