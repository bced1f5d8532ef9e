"""CMIF export: the Correspondence Metadata Interchange Format of the TEI
Correspondence SIG, the format correspSearch harvests.

One TEI file; one `bibl` per source (its xml:id a UUID derived from the source's
sha256, so re-exports keep it), one `correspDesc` per document (enclosed letters
included) with a "sent" and a "received" `correspAction`.  Persons carry @ref to an
authority URI where missive knows one.  CMIF allows `cert` on a date only as "low":
dates below missive's confidence threshold get it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from missive import __version__
from missive.errors import UsageError
from missive.export.authority_refs import authority_uri
from missive.export.selection import EVERYTHING, Selection
from missive.export.tei_header import walk
from missive.export.xmlbuild import is_iso_date, path_of, root, sub, write_xml
from missive.model import LOW_CONFIDENCE
from missive.store import Store

LICENCE_URI = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_TEXT = "This file is licensed under the terms of the Creative Commons License CC-BY 4.0"
UNKNOWN_PARTY = "unknown"
_UUID_NAMESPACE = uuid.UUID("6f1d2c53-4d8e-4d55-9a43-0a9b0c3e6a11")


def write_cmif(
    store: Store, out: str | Path, source: str | None = None, selection: Selection | None = None
) -> int:
    """Write one CMIF file; return the number of correspDesc written."""
    selection = selection or (Selection(source=source) if source else EVERYTHING)
    path = path_of(out, "one file (CMIF)")
    if path.is_dir():
        raise UsageError(f"--out {out}: the CMIF export writes one file, give a file path")
    documents = list(selection.documents(store))
    sources = {s["name"]: s for s in store.sources()}
    element, count = cmif_tei(documents, sources, url=path.name)
    write_xml(element, path)
    return count


def bibl_id(sha256: str) -> str:
    """A UUID derived from `sha256` that starts with a letter (xml:id must be an XML name)."""
    salt = 0
    while True:
        ident = str(uuid.uuid5(_UUID_NAMESPACE, f"{sha256}:{salt}" if salt else sha256))
        if ident[0].isalpha():
            return ident
        salt += 1


def cmif_tei(
    documents: list[dict[str, Any]], sources: dict[str, dict[str, Any]], url: str
) -> tuple[etree._Element, int]:
    element = root("TEI")
    header = sub(element, "teiHeader")
    file_desc = sub(header, "fileDesc")
    used = [sources[n] for n in dict.fromkeys(d["source"] for d in documents) if n in sources]
    title = "; ".join((s.get("metadata") or {}).get("title") or s["name"] for s in used)
    title_stmt = sub(file_desc, "titleStmt")
    sub(
        title_stmt,
        "title",
        f"Correspondence metadata: {title}" if title else "Correspondence metadata",
    )
    sub(title_stmt, "editor", f"missive {__version__}")
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher", f"missive {__version__}")
    sub(publication, "idno", url, type_="url")
    sub(publication, "date", when=datetime.now(UTC).replace(microsecond=0).isoformat())
    sub(sub(publication, "availability"), "licence", LICENCE_TEXT, target=LICENCE_URI)
    source_desc = sub(file_desc, "sourceDesc")
    for stored in used or [None]:
        _bibl(source_desc, stored)
    profile = sub(header, "profileDesc")
    count = 0
    for doc in documents:
        stored = sources.get(doc["source"])
        for item in walk(doc):
            _corresp_desc(profile, item, bibl_id(stored["sha256"]) if stored else None)
            count += 1
    sub(sub(sub(element, "text"), "body"), "p")
    return element, count


def _bibl(source_desc: etree._Element, stored: dict[str, Any] | None) -> None:
    if stored is None:
        sub(
            source_desc,
            "bibl",
            "No documents were selected.",
            type_="print",
            xml_id=bibl_id("none"),
        )
        return
    metadata = stored.get("metadata") or {}
    parts = [metadata.get(k) for k in ("author", "title", "subtitle", "volume", "publisher")]
    text = metadata.get("citation") or ", ".join(p for p in parts if p) or stored["name"]
    kind = "online" if metadata.get("url") else "print"
    bibl = sub(source_desc, "bibl", text, type_=kind, xml_id=bibl_id(stored["sha256"]))
    if metadata.get("url"):
        sub(bibl, "ref", metadata["url"], target=metadata["url"])


def _corresp_desc(profile: etree._Element, doc: dict[str, Any], bibl: str | None) -> None:
    desc = sub(profile, "correspDesc", source=f"#{bibl}" if bibl else None)
    dates = doc.get("dates") or {}
    sent = sub(desc, "correspAction", type_="sent")
    _persons(sent, doc.get("senders") or [])
    if doc.get("place"):
        sub(sent, "placeName", doc["place"])
    _date(sent, dates.get("sent") or dates.get("dated"))
    received = sub(desc, "correspAction", type_="received")
    _persons(received, doc.get("recipients") or [])
    _date(received, dates.get("received"))


def _persons(action: etree._Element, parties: list[dict[str, Any]]) -> None:
    if not parties:
        sub(action, "persName", UNKNOWN_PARTY)
    for party in parties:
        sub(
            action,
            "persName",
            party.get("name") or party.get("key"),
            ref=authority_uri(party.get("key"), party),
        )


def _date(action: etree._Element, date: dict[str, Any] | None) -> None:
    if not date or not is_iso_date(date.get("value")):
        return
    confidence = date.get("confidence")
    low = isinstance(confidence, int | float) and confidence < LOW_CONFIDENCE
    sub(action, "date", when=date["value"], cert="low" if low else None)
