"""The teiHeader of one exported document: title, responsibility, the source cited,
and per document (enclosures included) a correspDesc with who wrote to whom, where
and when.  Every inferred value carries @cert (its confidence) and @resp pointing at
its evidence, kept in a standOff `interpGrp` (see :class:`FileContext`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from missive import __version__
from missive.export.authority_refs import authority_uri
from missive.export.xmlbuild import cert, is_iso_date, root, sub, xml_id
from missive.model import DATE_ROLES

SENT_ROLES = ("dated", "sent")
NOTE_FIELDS = ("kind", "channel", "classification")
LINK_CONTEXT = "correspContext"


@dataclass(slots=True)
class FileContext:
    """What writing one TEI file needs beyond its document."""

    doc_xid: str
    sources: dict[str, dict[str, Any]]  # stored sources by name
    targets: dict[str, str]  # document id -> "file.xml#xml-id", for links
    evidence: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def evidence_ref(self, evidence: dict[str, Any] | None) -> str | None:
        """Record `evidence` for the standOff; return the pointer for @resp."""
        if not evidence:
            return None
        ident = f"{self.doc_xid}.ev{len(self.evidence) + 1}"
        self.evidence.append((ident, evidence))
        return f"#{ident}"

    def target(self, doc_id: str | None) -> str | None:
        if not doc_id:
            return None
        return self.targets.get(doc_id, f"#{xml_id(doc_id)}")


def tei_header(doc: dict[str, Any], ctx: FileContext) -> etree._Element:
    header = root("teiHeader")
    source = ctx.sources.get(doc.get("source") or "", {})
    _file_desc(header, doc, source)
    _encoding_desc(header, doc)
    profile = sub(header, "profileDesc")
    for item in walk(doc):
        corresp_desc(profile, item, ctx)
    return header


def walk(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The document and its enclosures, depth first."""
    out = [doc]
    for child in doc.get("enclosures") or []:
        out.extend(walk(child))
    return out


def title_of(doc: dict[str, Any]) -> str:
    kind = (doc.get("kind") or "document").capitalize()
    number = f" No. {doc['number']}" if doc.get("number") is not None else ""
    senders = ", ".join(p["name"] for p in doc.get("senders") or []) or "unknown"
    recipients = ", ".join(p["name"] for p in doc.get("recipients") or []) or "unknown"
    date = f", {doc['date']}" if doc.get("date") else ""
    return f"{kind}{number}: {senders} to {recipients}{date}"


def _file_desc(header: etree._Element, doc: dict[str, Any], source: dict[str, Any]) -> None:
    metadata = source.get("metadata") or {}
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", title_of(doc))
    if metadata.get("transcription"):
        resp = sub(title_stmt, "respStmt")
        sub(resp, "resp", "Transcription of the source")
        sub(resp, "name", metadata["transcription"])
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", "Documents, correspondents, dates and notes identified automatically by")
    sub(resp, "name", f"missive {__version__}", ref="https://pypi.org/project/missive/")
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "authority", f"missive {__version__}")
    sub(publication, "idno", doc["id"], type_="missive")
    availability = sub(publication, "availability")
    if metadata.get("rights"):
        sub(availability, "licence", metadata["rights"])
    else:
        availability.set("status", "unknown")
        sub(availability, "p", "No rights statement is given in the source.")
    _source_desc(file_desc, doc, source)


def _source_desc(file_desc: etree._Element, doc: dict[str, Any], source: dict[str, Any]) -> None:
    metadata = source.get("metadata") or {}
    source_desc = sub(file_desc, "sourceDesc")
    bibl = sub(source_desc, "bibl", xml_id=f"{xml_id(doc['id'])}.source")
    sub(bibl, "title", metadata.get("title") or doc.get("source") or "untitled source")
    if metadata.get("subtitle"):
        sub(bibl, "title", metadata["subtitle"], type_="sub")
    if metadata.get("author"):
        sub(bibl, "author", metadata["author"])
    if metadata.get("publisher"):
        sub(bibl, "publisher", metadata["publisher"])
    if metadata.get("volume"):
        sub(bibl, "biblScope", metadata["volume"], unit="volume")
    if metadata.get("date"):
        sub(bibl, "date", metadata["date"])
    span = doc.get("span") or {}
    if span.get("start_line"):
        sub(bibl, "citedRange", unit="line", from_=span["start_line"], to=span.get("end_line"))
    sub(bibl, "idno", doc.get("source"), type_="filename")
    sub(bibl, "idno", doc.get("source_sha256"), type_="sha256")
    if metadata.get("url"):
        sub(bibl, "ref", metadata["url"], target=metadata["url"])
    for key in ("citation", "archive", "summary"):
        if metadata.get(key):
            sub(bibl, "note", metadata[key], type_=key)
    _ms_desc(source_desc, metadata)
    _witness_list(source_desc, doc)


def _ms_desc(source_desc: etree._Element, metadata: dict[str, str]) -> None:
    """The archive holding the original, when the source names one."""
    if not (metadata.get("repository") or metadata.get("archive")):
        return
    identifier = sub(sub(source_desc, "msDesc"), "msIdentifier")
    sub(identifier, "repository", metadata.get("repository") or metadata["archive"])
    if metadata.get("collection"):
        sub(identifier, "collection", metadata["collection"])
    sub(identifier, "idno", metadata.get("container"), type_="container")


def _witness_list(source_desc: etree._Element, doc: dict[str, Any]) -> None:
    witnesses = doc.get("witnesses") or []
    if len(witnesses) < 2:
        return
    listing = sub(source_desc, "listWit")
    for number, witness in enumerate(witnesses, 1):
        sub(
            listing, "witness", witness.get("label") or f"witness {number}",
            xml_id=witness_id(doc, number),
        )  # fmt: skip


def witness_id(doc: dict[str, Any], number: int) -> str:
    return f"{xml_id(doc['id'])}.w{number}"


def _encoding_desc(header: etree._Element, doc: dict[str, Any]) -> None:
    encoding = sub(header, "encodingDesc")
    app_info = sub(encoding, "appInfo")
    application = sub(app_info, "application", ident="missive", version=__version__)
    sub(application, "label", "missive")
    sub(
        application, "desc",
        "@cert holds the confidence (0 to 1) of an inferred value; @resp points at its "
        "evidence (rule, text read, lines of the source) in the standOff.",
    )  # fmt: skip
    if len(doc.get("witnesses") or []) >= 2:
        sub(encoding, "variantEncoding", method="parallel-segmentation", location="internal")


def corresp_desc(parent: etree._Element, doc: dict[str, Any], ctx: FileContext) -> None:
    """Who wrote to whom, where and when; kind, channel, number; links to other documents."""
    desc = sub(parent, "correspDesc", corresp=f"#{xml_id(doc['id'])}", n=doc["id"])
    evidence = doc.get("evidence") or {}
    dates = doc.get("dates") or {}
    sent = sub(desc, "correspAction", type_="sent")
    _parties(sent, doc.get("senders") or [], ctx)
    if doc.get("place"):
        sub(
            sent, "placeName", doc["place"], cert=_cert_of(evidence.get("place")),
            resp=ctx.evidence_ref(evidence.get("place")),
        )  # fmt: skip
    for role in SENT_ROLES:
        _date(sent, role, dates.get(role), ctx)
    received = sub(desc, "correspAction", type_="received")
    _parties(received, doc.get("recipients") or [], ctx)
    _date(received, "received", dates.get("received"), ctx)
    for action in (sent, received):
        if len(action) == 0:
            sub(action, "note", "Not stated in the source.", type_="unknown")
    _context(desc, doc, ctx)
    _field_notes(desc, doc, ctx)


def _parties(action: etree._Element, parties: list[dict[str, Any]], ctx: FileContext) -> None:
    for party in parties:
        sub(
            action, "persName", party.get("name") or party.get("key"),
            key=party.get("key"), ref=authority_uri(party.get("key"), party),
            cert=cert(party.get("confidence")), resp=ctx.evidence_ref(party.get("evidence")),
        )  # fmt: skip


def _date(action: etree._Element, role: str, date: dict[str, Any] | None, ctx: FileContext) -> None:
    if not date or not date.get("value"):
        return
    value = date["value"]
    iso = is_iso_date(value)
    sub(
        action, "date", None if iso else value, type_=role, when=value if iso else None,
        cert=cert(date.get("confidence")), resp=ctx.evidence_ref(date.get("evidence")),
    )  # fmt: skip


def _context(desc: etree._Element, doc: dict[str, Any], ctx: FileContext) -> None:
    links = doc.get("links") or []
    if not links:
        return
    context = sub(desc, LINK_CONTEXT)
    for link in links:
        evidence = link.get("evidence")
        sub(
            context, "ref", link.get("target_description") or link.get("target") or "",
            type_=link.get("type"), target=ctx.target(link.get("target")),
            n=link.get("target"), cert=_cert_of(evidence), resp=ctx.evidence_ref(evidence),
        )  # fmt: skip


def _field_notes(desc: etree._Element, doc: dict[str, Any], ctx: FileContext) -> None:
    evidence = doc.get("evidence") or {}
    if doc.get("number") is not None:
        sub(
            desc, "note", doc["number"], type_="number",
            subtype="printed" if doc.get("number_printed") else "inferred",
            cert=_cert_of(evidence.get("number")), resp=ctx.evidence_ref(evidence.get("number")),
        )  # fmt: skip
    for name in NOTE_FIELDS:
        if doc.get(name):
            sub(
                desc, "note", doc[name], type_=name, cert=_cert_of(evidence.get(name)),
                resp=ctx.evidence_ref(evidence.get(name)),
            )  # fmt: skip


def _cert_of(evidence: dict[str, Any] | None) -> str | None:
    return cert(evidence.get("confidence")) if evidence else None


def evidence_stand_off(ctx: FileContext) -> etree._Element | None:
    """The evidence of every value in the file, one `interp` each."""
    if not ctx.evidence:
        return None
    stand_off = root("standOff", type_="evidence")
    group = sub(stand_off, "interpGrp", type_="evidence")
    for ident, evidence in ctx.evidence:
        lines = _lines(evidence)
        sub(
            group, "interp", evidence.get("text") or "", xml_id=ident, type_="evidence",
            n=evidence.get("rule"), cert=cert(evidence.get("confidence")),
            subtype=lines,
        )  # fmt: skip
    return stand_off


def entities_stand_off(doc: dict[str, Any]) -> etree._Element | None:
    """What each document (enclosures included) mentions: one `list` per document,
    an `item` per entity with its mention count in @n."""
    items = [item for item in walk(doc) if item.get("entities")]
    if not items:
        return None
    stand_off = root("standOff", type_="entities")
    for item in items:
        listing = sub(stand_off, "list", type_="entities", corresp=f"#{xml_id(item['id'])}")
        for entity in item["entities"]:
            sub(
                sub(listing, "item", n=entity.get("count")), "name",
                entity.get("name") or entity.get("key"), type_=_token(entity.get("type")),
                key=entity.get("key"), ref=authority_uri(entity.get("key"), entity),
            )  # fmt: skip
    return stand_off


def _token(value: object) -> str | None:
    return "-".join(str(value).split()) if value else None


def _lines(evidence: dict[str, Any]) -> str | None:
    start, end = evidence.get("start_line"), evidence.get("end_line")
    if start is None:
        return None
    return f"lines-{start}-{end if end is not None else start}"


__all__ = [
    "DATE_ROLES",
    "FileContext",
    "entities_stand_off",
    "evidence_stand_off",
    "tei_header",
    "title_of",
    "walk",
]
