"""The text of one exported document: a `div` with its heading, salutation, paragraphs
(notes placed at their markers, quotations and references marked where their evidence
stands), closing, enclosures as nested `div`s, and several witnesses collated into an
apparatus (parallel segmentation: `app`/`rdg` with @wit)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from missive.export.tei_header import FileContext, witness_id
from missive.export.xmlbuild import cert, clean, sub, tei, xml_id

PARAGRAPH_SEPARATOR = "\n\n"
# Links marked inline where their evidence text is found in a paragraph.
INLINE_LINKS = {"quotes": "quote", "replies_to": "ref", "cites": "ref"}
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(slots=True)
class Mark:
    """Something placed in a paragraph: a point (start == end) or a range."""

    start: int
    end: int
    tag: str
    attributes: dict[str, Any]
    text: str | None = None


def document_div(
    parent: etree._Element,
    doc: dict[str, Any],
    ctx: FileContext,
    written: set[int],
    div_type: str = "document",
) -> None:
    """Write `doc` as a div of `parent`; `written` holds the note numbers already written."""
    div = sub(parent, "div", type_=div_type, xml_id=xml_id(doc["id"]), n=doc.get("number"))
    evidence = doc.get("evidence") or {}
    if doc.get("heading"):
        sub(div, "head", doc["heading"], **_certified(evidence.get("heading"), ctx))
    if doc.get("salutation"):
        opener = sub(div, "opener")
        sub(opener, "salute", doc["salutation"], **_certified(evidence.get("salutation"), ctx))
    paragraphs = split_paragraphs(doc.get("text") or "")
    marks = _note_marks(doc, ctx, written) + _link_marks(doc, ctx)
    for start, text in paragraphs:
        _paragraph(div, text, start, [m for m in marks if start <= m.start <= start + len(text)])
    for mark in marks:
        if mark.start < 0:  # a marker outside the body (in a heading, say)
            sub(div, mark.tag, mark.text, **mark.attributes)
    for child in doc.get("enclosures") or []:
        document_div(div, child, ctx, written, div_type="enclosure")
    _apparatus(div, doc)
    _closer(div, doc, ctx)


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph; a document without text gets one empty paragraph."""
    out, offset = [], 0
    for part in text.split(PARAGRAPH_SEPARATOR):
        out.append((offset, part))
        offset += len(part) + len(PARAGRAPH_SEPARATOR)
    return out


def _certified(evidence: dict[str, Any] | None, ctx: FileContext) -> dict[str, Any]:
    if not evidence:
        return {}
    return {"cert": cert(evidence.get("confidence")), "resp": ctx.evidence_ref(evidence)}


def _note_marks(doc: dict[str, Any], ctx: FileContext, written: set[int]) -> list[Mark]:
    notes = {note["number"]: note for note in doc.get("notes") or []}
    marks = []
    for ref in doc.get("note_refs") or []:
        number = ref.get("note") if ref.get("note") is not None else ref.get("number")
        note = notes.get(number)
        offset = ref.get("offset")
        offset = -1 if offset is None else offset  # outside the body: after the paragraphs
        if note is None:  # a marker whose note the edition does not have
            marks.append(Mark(offset, offset, "anchor", {"type_": "noteref", "n": number}))
            continue
        ident = f"{ctx.doc_xid}.note{number}"
        if number in written:
            marks.append(Mark(offset, offset, "ptr", {"target": f"#{ident}", "type_": "noteref"}))
            continue
        written.add(number)
        attributes = {"xml_id": ident, "n": number, "place": "end", "type_": "edition"}
        marks.append(Mark(offset, offset, "note", attributes, note.get("text") or ""))
    return marks


def _link_marks(doc: dict[str, Any], ctx: FileContext) -> list[Mark]:
    text = doc.get("text") or ""
    marks: list[Mark] = []
    for link in doc.get("links") or []:
        tag = INLINE_LINKS.get(link.get("type"))
        quoted = ((link.get("evidence") or {}).get("text") or "").strip()
        if not tag or len(quoted) < 4:
            continue
        start = text.find(quoted)
        if start < 0 or PARAGRAPH_SEPARATOR in quoted:
            continue
        end = start + len(quoted)
        if any(m.start < end and start < m.end for m in marks):
            continue
        attributes = {
            "type_": link["type"],
            "corresp" if tag == "quote" else "target": ctx.target(link.get("target")),
        }
        marks.append(Mark(start, end, tag, attributes))
    return marks


def _paragraph(div: etree._Element, text: str, base: int, marks: list[Mark]) -> None:
    """A `p` holding `text` with `marks` (offsets relative to the document text)."""
    p = sub(div, "p")
    length = len(text)
    events: list[tuple[int, int, Mark]] = []
    for mark in marks:
        start = length if mark.start < 0 else min(max(mark.start - base, 0), length)
        if mark.end > mark.start:
            end = min(mark.end - base, length)
            events.append((start, 1, mark))
            events.append((end, 0, Mark(end, end, "/", {})))
        else:
            events.append((start, 2, mark))
    events.sort(key=lambda e: (e[0], e[1]))
    container, position = p, 0
    for offset, _, mark in events:
        _append_text(container, text[position:offset])
        position = offset
        if mark.tag == "/":
            container = p
        elif mark.end > mark.start:
            container = sub(p, mark.tag, **mark.attributes)
        else:
            sub(container, mark.tag, mark.text, **mark.attributes)
    _append_text(container, text[position:])


def _append_text(element: etree._Element, text: str) -> None:
    if not text:
        return
    text = clean(text)
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def _closer(div: etree._Element, doc: dict[str, Any], ctx: FileContext) -> None:
    if not (doc.get("closing") or doc.get("signature")):
        return
    evidence = doc.get("evidence") or {}
    closer = sub(div, "closer")
    if doc.get("closing"):
        sub(closer, "salute", doc["closing"], **_certified(evidence.get("closing"), ctx))
    if doc.get("signature"):
        sub(closer, "signed", doc["signature"], **_certified(evidence.get("signature"), ctx))


def _apparatus(div: etree._Element, doc: dict[str, Any]) -> None:
    """The witnesses collated word by word: common text once, variants as `app`/`rdg`."""
    witnesses = doc.get("witnesses") or []
    if len(witnesses) < 2:
        return
    container = sub(sub(div, "div", type_="witnesses"), "ab", type_="collation")
    tokens = [_TOKENS.findall(w.get("text") or "") for w in witnesses]
    base = tokens[0]
    # Align every other witness with the first; variants are grouped per base range.
    variants: dict[tuple[int, int], dict[int, list[str]]] = {}
    for number, other in enumerate(tokens[1:], 2):
        matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                variants.setdefault((i1, i2), {})[number] = other[j1:j2]
    position = 0
    for (i1, i2), readings in sorted(variants.items()):
        if i1 < position:
            continue  # overlapping variant ranges of several witnesses: kept in the first
        _append_text(container, "".join(base[position:i1]))
        app = sub(container, "app")
        groups: dict[str, list[int]] = {"".join(base[i1:i2]): [1]}
        for number in range(2, len(witnesses) + 1):
            reading = "".join(readings.get(number, base[i1:i2]))
            groups.setdefault(reading, []).append(number)
        for reading, numbers in groups.items():
            wit = " ".join(f"#{witness_id(doc, n)}" for n in numbers)
            sub(app, "rdg", reading or None, wit=wit)
        position = i2
    _append_text(container, "".join(base[position:]))


__all__ = ["document_div", "split_paragraphs", "tei"]
