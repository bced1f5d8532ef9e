"""Small helpers for reading TEI with lxml."""

from __future__ import annotations

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"t": TEI_NS}


def t(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def text_of(element: etree._Element | None) -> str:
    """The element's text with whitespace runs collapsed (for names, headings, labels)."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def first_text(element: etree._Element, path: str) -> str:
    found = element.xpath(path, namespaces=NS)
    return text_of(found[0]) if found else ""


def as_float(value: str | None, default: float) -> float:
    try:
        number = float(value) if value is not None else default
    except ValueError:
        return {"high": 0.95, "medium": 0.8, "low": 0.5}.get(value or "", default)
    return min(max(number, 0.0), 1.0)


def as_int(value: str | None) -> int | None:
    try:
        return int(value.strip()) if value else None
    except ValueError:
        return None
