"""Documents read from TEI elements.

A document is a `div type="document"` (or a TEI text without such divs).  What its
`correspDesc` (matched through @corresp, as missive writes it) states is taken as
is: correspondents, place, dates, number, kind, channel, classification, links.
Without a correspDesc (FRUS-style TEI) the `head` ("President Roosevelt to Marshal
Stalin") names the correspondents and the `dateline` gives place and date.  Every
value carries the evidence rule "tei", the confidence the TEI states in @cert (when
missive exported it) and the rule missive first read it with, if any.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from missive import authority
from missive.model import (
    CERTAIN,
    DATE_ROLES,
    POSSIBLE,
    PROBABLE,
    Document,
    Evidence,
    Inferred,
    Link,
    Note,
    NoteRef,
    Paragraph,
    Party,
    Source,
    Span,
    Witness,
)
from missive.pipeline import classify
from missive.pipeline.dates import find_dates
from missive.pipeline.describe import assign_ids
from missive.sources.tei_text import TextBuilder, flat_text
from missive.sources.teixml import NS, XML_ID, as_float, as_int, local, t, text_of

RULE = "tei"
DOCUMENT_DIVS = ("document", "enclosure")
FIELD_NOTES = ("kind", "channel", "classification")


@dataclass(slots=True)
class Member:
    """What one TEI element's header and standOff say about its documents."""

    descs: dict[str, etree._Element]  # "#xml-id" -> correspDesc
    loose_desc: etree._Element | None  # a correspDesc that names no div
    interps: dict[str, etree._Element]  # xml:id -> evidence interp
    entities: dict[str, etree._Element]  # "#xml-id" -> list of entities
    witnesses: dict[str, str]  # witness xml:id -> label


@dataclass(slots=True)
class TeiReader:
    source: Source
    line_starts: list[int] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    notes: dict[int, Note] = field(default_factory=dict)
    note_ids: dict[str, int] = field(default_factory=dict)  # note xml:id -> number
    ordinal: int = 0

    def __post_init__(self) -> None:
        text = self.source.text
        self.line_starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]

    # --- reading ------------------------------------------------------------

    def read_member(self, member: etree._Element) -> None:
        info = _member_info(member)
        body = member.find(f"{t('text')}/{t('body')}")
        if body is None:
            return
        divs = body.xpath(
            ".//t:div[@type='document'][not(ancestor::t:div[@type='document'])]", namespaces=NS
        )
        for element in divs or [body]:
            self.documents.append(self._document(element, info, parent=None))

    def finish(self) -> None:
        unnamed = [d for d in self.documents if not d.id]
        if unnamed:
            assign_ids(unnamed, self.source)
        self.source.documents = self.documents
        self.source.notes = sorted(self.notes.values(), key=lambda n: n.number)

    def _document(self, element: etree._Element, info: Member, parent: Document | None) -> Document:
        xid = element.get(XML_ID) or ""
        desc = info.descs.get(f"#{xid}")
        if desc is None and parent is None:
            desc = info.loose_desc
        span, first, last = self.lines_of(element)
        stated_id = desc.get("n", "") if desc is not None else ""
        doc = Document(stated_id, self.ordinal, span, first, last)
        if parent is None:
            self.ordinal += 1
        else:
            doc.parent_id = parent.id
            doc.ordinal = len(parent.enclosures)
        self._text(doc, element, info)
        if desc is not None:
            self._stated(doc, desc, info)
        else:
            self._frus(doc, element)
        doc.entities = _entities(info.entities.get(f"#{xid}"))
        for child in _own(element, "div"):
            if child.get("type") in DOCUMENT_DIVS:
                enclosure = self._document(child, info, parent=doc)
                if not enclosure.id:
                    enclosure.id = f"{doc.id}-enc{len(doc.enclosures) + 1}" if doc.id else ""
                doc.enclosures.append(enclosure)
            elif child.get("type") == "witnesses":
                doc.witnesses = self._witnesses(child, info)
        return doc

    def _text(self, doc: Document, element: etree._Element, info: Member) -> None:
        builder = TextBuilder()
        for child in element:
            name = local(child)
            if name == "p":
                self._paragraph(doc, child, builder)
            elif name == "head" and not doc.heading:
                doc.heading = self._inferred(_without_notes(child), child, info)
                self._source_notes(doc, child)
            elif name == "opener":
                self._salute(doc, child, "salutation", info)
            elif name == "closer":
                self._salute(doc, child, "closing", info)
            elif name == "note":
                self._note_ref(doc, child, offset=None)
            elif name in ("ptr", "anchor"):
                self._pointer(doc, child, offset=None)

    def _paragraph(self, doc: Document, p: etree._Element, builder: TextBuilder) -> None:
        start = builder.begin_paragraph()
        for kind, offset, element in builder.read(p):
            if kind == "note":
                self._note_ref(doc, element, offset)
            else:
                self._pointer(doc, element, offset)
        span = self.lines_of(p)[0]
        doc.body.append(Paragraph(span, builder.text[start:]))

    def _pointer(self, doc: Document, element: etree._Element, offset: int | None) -> None:
        """A `ptr` to a note written earlier, or an `anchor` for a marker without a note."""
        span = self.lines_of(element)[0]
        if local(element) == "ptr":
            number = self.note_ids.get((element.get("target") or "").lstrip("#"))
            if number is not None:
                doc.note_refs.append(NoteRef(number, span, "tei", number, offset=offset))
        elif element.get("type") == "noteref" and as_int(element.get("n")) is not None:
            doc.note_refs.append(NoteRef(as_int(element.get("n")), span, "tei", offset=offset))

    def _note_ref(self, doc: Document, element: etree._Element, offset: int | None) -> None:
        number = self._note(element)
        span = self.lines_of(element)[0]
        doc.note_refs.append(NoteRef(number, span, "tei", number, offset=offset))

    def _source_notes(self, doc: Document, head: etree._Element) -> None:
        for note in head.iter(t("note")):
            self._note_ref(doc, note, offset=None)

    def _note(self, element: etree._Element) -> int:
        """The number of the note `element` (a new one when its @n is taken by another)."""
        text = flat_text(element)
        number = as_int(element.get("n"))
        if number is None or (number in self.notes and self.notes[number].text != text):
            number = max(self.notes, default=0) + 1
        if number not in self.notes:
            span, first, last = self.lines_of(element)
            self.notes[number] = Note(number, text, span, first, last)
        if element.get(XML_ID):
            self.note_ids[element.get(XML_ID)] = number
        return number

    def _salute(self, doc: Document, element: etree._Element, name: str, info: Member) -> None:
        salute = element.find(t("salute"))
        if salute is not None:
            setattr(doc, name, self._inferred(text_of(salute), salute, info))
        signed = element.find(t("signed"))
        if name == "closing" and signed is not None:
            doc.signature = self._inferred(text_of(signed), signed, info)

    # --- what a correspDesc states -------------------------------------------

    def _stated(self, doc: Document, desc: etree._Element, info: Member) -> None:
        for action in desc.findall(t("correspAction")):
            sent = action.get("type") != "received"
            for person in action.findall(t("persName")):
                party = self._party(person, info)
                (doc.senders if sent else doc.recipients).append(party)
            place = action.find(t("placeName"))
            if sent and place is not None and doc.place is None:
                doc.place = self._inferred(text_of(place), place, info)
            for date in action.findall(t("date")):
                role = date.get("type") if date.get("type") in DATE_ROLES else None
                role = role or ("dated" if sent else "received")
                value = _date_value(date)
                if value and role not in doc.dates:
                    doc.dates[role] = self._inferred(value, date, info)
        for note in desc.findall(t("note")):
            kind = note.get("type")
            if kind == "number" and as_int(text_of(note)) is not None:
                doc.number = self._inferred(as_int(text_of(note)), note, info)
                doc.number_printed = note.get("subtype") == "printed"
            elif kind in FIELD_NOTES:
                setattr(doc, kind, self._inferred(text_of(note), note, info))
        for ref in desc.findall(f"{t('correspContext')}/{t('ref')}"):
            doc.links.append(self._link(ref, info))

    def _party(self, person: etree._Element, info: Member) -> Party:
        name = text_of(person)
        key = person.get("key") or authority.load().key_for(name)
        return Party(key, name or authority.load().display_name(key), self._evidence(person, info))

    def _link(self, ref: etree._Element, info: Member) -> Link:
        target = ref.get("n") or _fragment(ref.get("target"))
        description = text_of(ref)
        return Link(
            ref.get("type") or "cites",
            target or None,
            self._evidence(ref, info),
            description if description != target else "",
        )

    # --- FRUS-style: head and dateline ----------------------------------------

    def _frus(self, doc: Document, element: etree._Element) -> None:
        number = as_int(element.get("n"))
        if number is not None:
            doc.number = Inferred(number, self._rule(element, CERTAIN, "div/@n"))
            doc.number_printed = True
        head = element.find(t("head"))
        if head is not None:
            self._heading_parties(doc, head)
        dateline = element.find(f".//{t('dateline')}")
        if dateline is not None:
            self._dateline(doc, dateline)

    def _heading_parties(self, doc: Document, head: etree._Element) -> None:
        read = classify.heading(_without_notes(head))
        if not read:
            return
        if read.get("kind"):
            doc.kind = Inferred(read["kind"], self._rule(head, PROBABLE, "kind named in the head"))
        auth = authority.load()
        for role in ("senders", "recipients"):
            for name in read.get(role) or []:
                known = auth.resolve(name)
                key = known or auth.key_for(name)
                confidence = PROBABLE if known else POSSIBLE
                evidence = self._rule(head, confidence, f"{role[:-1]} named in the head")
                getattr(doc, role).append(
                    Party(key, auth.display_name(key) if known else name, evidence)
                )

    def _dateline(self, doc: Document, dateline: etree._Element) -> None:
        date = dateline.find(f".//{t('date')}")
        value = _date_value(date) if date is not None else None
        confidence = CERTAIN
        if not value:
            found = [d for d in find_dates(text_of(dateline)) if d.has_year]
            value, confidence = (found[0].iso, PROBABLE) if found else (None, 0.0)
        if value:
            doc.dates["dated"] = Inferred(
                value, self._rule(dateline, confidence, "date in the dateline")
            )
        place = dateline.find(f".//{t('placeName')}")
        name = text_of(place) if place is not None else ""
        if not name and value and "," in text_of(dateline):
            name = text_of(dateline).split(",")[0].strip()  # "Moscow, May 26, 1943."
        if name and len(name.split()) <= 4 and not any(ch.isdigit() for ch in name):
            doc.place = Inferred(name, self._rule(dateline, PROBABLE, "place in the dateline"))

    # --- witnesses -------------------------------------------------------------

    def _witnesses(self, div: etree._Element, info: Member) -> list[Witness]:
        collation = div.find(t("ab"))
        if collation is None or not info.witnesses:
            return []
        span, first, last = self.lines_of(collation)
        out = []
        for ident, label in info.witnesses.items():
            text = _reading(collation, f"#{ident}")
            out.append(Witness(label, span, first, last, text))
        return out

    # --- evidence and lines -----------------------------------------------------

    def _inferred(self, value: object, element: etree._Element, info: Member) -> Inferred:
        return Inferred(value, self._evidence(element, info))

    def _evidence(self, element: etree._Element, info: Member) -> Evidence:
        exported = info.interps.get((element.get("resp") or "").lstrip("#"))
        note = f"stated in <{local(element)}>"
        if exported is not None and exported.get("n"):
            note += f"; first read by missive with the rule {exported.get('n')!r}"
        confidence = as_float(element.get("cert"), CERTAIN)
        return Evidence(RULE, confidence, self.lines_of(element)[0], text_of(element)[:300], note)

    def _rule(self, element: etree._Element, confidence: float, what: str) -> Evidence:
        return Evidence(RULE, confidence, self.lines_of(element)[0], text_of(element)[:300], what)

    def lines_of(self, element: etree._Element) -> tuple[Span, int, int]:
        """The span of the whole lines `element` stands on, and those line numbers."""
        first = element.sourceline or 1
        last = max((e.sourceline or first) for e in element.iter())
        first = min(first, len(self.line_starts))
        last = min(max(last, first), len(self.line_starts))
        start = self.line_starts[first - 1]
        end = self.line_starts[last] - 1 if last < len(self.line_starts) else len(self.source.text)
        return Span(start, max(start, end)), first, last


def _member_info(member: etree._Element) -> Member:
    header = member.find(t("teiHeader"))
    descs: dict[str, etree._Element] = {}
    loose = None
    witnesses: dict[str, str] = {}
    if header is not None:
        for desc in header.iter(t("correspDesc")):
            if desc.get("corresp"):
                descs[desc.get("corresp")] = desc
            elif loose is None:
                loose = desc
        for witness in header.iter(t("witness")):
            if witness.get(XML_ID):
                witnesses[witness.get(XML_ID)] = text_of(witness)
    interps = {i.get(XML_ID): i for i in member.iter(t("interp")) if i.get(XML_ID)}
    entities = {
        listing.get("corresp"): listing
        for listing in member.xpath("t:standOff/t:list[@type='entities']", namespaces=NS)
        if listing.get("corresp")
    }
    return Member(descs, loose, interps, entities, witnesses)


def _own(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local(child) == name]


def _entities(listing: etree._Element | None) -> list[dict]:
    if listing is None:
        return []
    out = []
    for item in listing.findall(t("item")):
        name = item.find(t("name"))
        if name is None or not name.get("key"):
            continue
        out.append(
            {
                "key": name.get("key"),
                "type": name.get("type"),
                "name": text_of(name),
                "count": as_int(item.get("n")) or 1,
            }
        )
    return out


def _date_value(date: etree._Element) -> str | None:
    for attribute in ("when", "notBefore", "from"):
        if date.get(attribute):
            return date.get(attribute)
    return text_of(date) or None


def _fragment(target: str | None) -> str:
    if not target or "#" not in target:
        return ""
    fragment = target.rsplit("#", 1)[1]
    return fragment


def _without_notes(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if local(child) != "note":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _reading(collation: etree._Element, witness: str) -> str:
    """One witness's text from a parallel-segmentation apparatus."""
    parts = [collation.text or ""]
    for child in collation:
        if local(child) == "app":
            for reading in child.findall(t("rdg")):
                if witness in (reading.get("wit") or "").split():
                    parts.append("".join(reading.itertext()))
                    break
        elif local(child) != "note":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)
