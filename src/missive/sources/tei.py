"""TEI P5 files: what missive exports (one document per file, or a `teiCorpus`) and
FRUS-style TEI (`div type="document"` with `head`, `dateline`, `note type="source"`).

The reader states the documents itself (``Source.structured``): values the TEI gives
-- correspondents, dates, numbers, notes, links, witnesses -- are kept with the
evidence rule "tei", never inferred again.  Parsing loads no DTD, declares or resolves
no entity and uses no network (see `xmlsafe`).
"""

from __future__ import annotations

from lxml import etree

from missive.errors import InputError
from missive.model import Source
from missive.sources.tei_documents import TeiReader
from missive.sources.teixml import TEI_NS, first_text, local
from missive.sources.xmlsafe import parse_xml

METADATA_PATHS = {
    "title": "t:fileDesc/t:sourceDesc/t:bibl/t:title[not(@type)]",
    "subtitle": "t:fileDesc/t:sourceDesc/t:bibl/t:title[@type='sub']",
    "author": "t:fileDesc/t:sourceDesc/t:bibl/t:author",
    "publisher": "t:fileDesc/t:sourceDesc/t:bibl/t:publisher",
    "volume": "t:fileDesc/t:sourceDesc/t:bibl/t:biblScope[@unit='volume']",
    "date": "t:fileDesc/t:sourceDesc/t:bibl/t:date",
    "citation": "t:fileDesc/t:sourceDesc/t:bibl/t:note[@type='citation']",
    "archive": "t:fileDesc/t:sourceDesc/t:bibl/t:note[@type='archive']",
    "summary": "t:fileDesc/t:sourceDesc/t:bibl/t:note[@type='summary']",
    "url": "t:fileDesc/t:sourceDesc/t:bibl/t:ref",
    "repository": "t:fileDesc/t:sourceDesc/t:msDesc/t:msIdentifier/t:repository",
    "collection": "t:fileDesc/t:sourceDesc/t:msDesc/t:msIdentifier/t:collection",
    "container": "t:fileDesc/t:sourceDesc/t:msDesc/t:msIdentifier/t:idno[@type='container']",
    "rights": "t:fileDesc/t:publicationStmt/t:availability/t:licence",
    "edition_title": "t:fileDesc/t:titleStmt/t:title",
}


def read_tei(source: Source) -> None:
    """Fill `source` with the TEI's documents, notes and the metadata of its header."""
    tree = parse_xml(source.text, source.path)
    root = tree.getroot()
    name = local(root)
    if etree.QName(root).namespace != TEI_NS or name not in ("TEI", "teiCorpus"):
        raise InputError(source.path, f"not a TEI document (root element <{name}>)")
    source.format = "tei"
    source.structured = True
    members = [root] if name == "TEI" else _members(root)
    header = _first_header(members)
    if header is None:
        header = root.find(f"{{{TEI_NS}}}teiHeader")
    if header is not None:
        _metadata(header, source.metadata)
    reader = TeiReader(source)
    for member in members:
        reader.read_member(member)
    reader.finish()


def _members(corpus: etree._Element) -> list[etree._Element]:
    """The corpus's TEI documents that hold a text (missive's corpus file holds only
    headers: their texts are in the files beside it)."""
    return [
        member
        for member in corpus.iter(f"{{{TEI_NS}}}TEI")
        if member.find(f"{{{TEI_NS}}}text") is not None
    ]


def _first_header(members: list[etree._Element]) -> etree._Element | None:
    for member in members:
        header = member.find(f"{{{TEI_NS}}}teiHeader")
        if header is not None:
            return header
    return None


def _metadata(header: etree._Element, metadata: dict[str, str]) -> None:
    for key, path in METADATA_PATHS.items():
        value = first_text(header, path)
        if value:
            metadata.setdefault(key, value)
