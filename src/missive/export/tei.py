"""TEI P5 export: a folder with one TEI file per top-level document and a `teiCorpus`
file for the edition.

The corpus file repeats every document's teiHeader (and its evidence) without the
text, which stays in the document's own file: the folder can be ingested again
without reading any document twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from missive import __version__
from missive.errors import UsageError
from missive.export.selection import EVERYTHING, Selection
from missive.export.tei_body import document_div
from missive.export.tei_header import (
    FileContext,
    entities_stand_off,
    evidence_stand_off,
    tei_header,
    walk,
)
from missive.export.xmlbuild import path_of, root, sub, write_xml, xml_id
from missive.store import Store

CORPUS_FILE = "teiCorpus.xml"


def write_tei(
    store: Store, out: str | Path, source: str | None = None, selection: Selection | None = None
) -> int:
    """Write the folder `out`; return the number of documents written."""
    selection = selection or (Selection(source=source) if source else EVERYTHING)
    folder = path_of(out, "a folder (the TEI export)")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out {out}: the TEI export writes a folder, give a folder path")
    folder.mkdir(parents=True, exist_ok=True)
    documents = list(selection.documents(store))
    sources = {s["name"]: s for s in store.sources()}
    names = file_names(documents)
    targets = link_targets(documents, names)
    members = []
    for doc in documents:
        tree, ctx = document_tei(doc, sources, targets)
        write_xml(tree, folder / names[doc["id"]])
        members.append(_corpus_member(tree))
    write_xml(corpus_tei(members, sources, documents), folder / CORPUS_FILE)
    return len(documents)


def file_names(documents: list[dict[str, Any]]) -> dict[str, str]:
    """Document id -> file name: its position, then its id ("0001-....xml"), so that a
    folder listing (and ingesting the folder again) follows the edition's order."""
    width = max(4, len(str(len(documents))))
    return {
        doc["id"]: f"{n:0{width}d}-{xml_id(doc['id'])}.xml" for n, doc in enumerate(documents, 1)
    }


def link_targets(documents: list[dict[str, Any]], names: dict[str, str]) -> dict[str, str]:
    """Every exported document (enclosures too) -> "file.xml#xml-id"."""
    targets = {}
    for doc in documents:
        for item in walk(doc):
            targets[item["id"]] = f"{names[doc['id']]}#{xml_id(item['id'])}"
    return targets


def document_tei(
    doc: dict[str, Any], sources: dict[str, dict[str, Any]], targets: dict[str, str]
) -> tuple[etree._Element, FileContext]:
    """The TEI element of one document."""
    ctx = FileContext(xml_id(doc["id"]), sources, targets)
    element = root("TEI", version="4.3.0")
    element.append(tei_header(doc, ctx))
    body = sub(sub(element, "text"), "body")
    document_div(body, doc, ctx, written=set())
    for stand_off in (entities_stand_off(doc), evidence_stand_off(ctx)):
        if stand_off is not None:
            element.insert(1, stand_off)
    return element, ctx


def _corpus_member(tree: etree._Element) -> etree._Element:
    """The document's header and evidence, without its text."""
    member = root("TEI")
    for child in tree:
        if etree.QName(child).localname != "text":
            member.append(_copy(child))
    return member


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def corpus_tei(
    members: list[etree._Element],
    sources: dict[str, dict[str, Any]],
    documents: list[dict[str, Any]],
) -> etree._Element:
    corpus = root("teiCorpus", version="4.3.0")
    header = sub(corpus, "teiHeader")
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    used = [
        sources[name] for name in dict.fromkeys(d["source"] for d in documents) if name in sources
    ]
    titles = "; ".join((s.get("metadata") or {}).get("title") or s["name"] for s in used)
    sub(title_stmt, "title", f"Correspondence: {titles}" if titles else "Correspondence")
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", "Documents, correspondents, dates and notes identified automatically by")
    sub(resp, "name", f"missive {__version__}")
    sub(file_desc, "extent", f"{len(documents)} documents")
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "authority", f"missive {__version__}")
    sub(
        sub(file_desc, "notesStmt"), "note",
        "The members below hold each document's header; its text is in its own file beside "
        "this one, named after its position and id (publicationStmt/idno[@type='missive']).",
    )  # fmt: skip
    source_desc = sub(file_desc, "sourceDesc")
    if not used:
        sub(source_desc, "p", "No documents were selected.")
    for stored in used:
        metadata = stored.get("metadata") or {}
        bibl = sub(source_desc, "bibl")
        sub(bibl, "title", metadata.get("title") or stored["name"])
        sub(bibl, "idno", stored["name"], type_="filename")
        sub(bibl, "idno", stored.get("sha256"), type_="sha256")
        if metadata.get("citation"):
            sub(bibl, "note", metadata["citation"], type_="citation")
    if not members:
        members = [_empty_member()]
    corpus.extend(members)
    return corpus


def _empty_member() -> etree._Element:
    member = root("TEI")
    header = sub(member, "teiHeader")
    file_desc = sub(header, "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", "No documents")
    sub(sub(file_desc, "publicationStmt"), "p", "No documents were selected.")
    sub(sub(file_desc, "sourceDesc"), "p", "None.")
    sub(sub(sub(member, "standOff"), "list"), "item", "No documents were selected.")
    return member
