"""Small helpers for writing XML with lxml: namespaced elements, safe text, ids."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from missive.errors import UsageError
from missive.export.atomic import replaced_atomically

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"

# Characters XML 1.0 forbids (C0 controls other than tab, newline, carriage return).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
_ISO_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


def clean(text: object) -> str:
    """`text` as a string XML can hold."""
    return _FORBIDDEN.sub("", str(text))


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def sub(
    parent: etree._Element, tag: str, text: object | None = None, **attributes: object | None
) -> etree._Element:
    """A child element in the TEI namespace; attributes that are None are left out.

    Attribute names ending in an underscore lose it (``type_`` for ``type``);
    ``xml_id`` becomes ``xml:id``.
    """
    element = etree.SubElement(parent, tei(tag))
    set_attributes(element, attributes)
    if text is not None:
        element.text = clean(text)
    return element


def set_attributes(element: etree._Element, attributes: dict[str, object | None]) -> None:
    for name, value in attributes.items():
        if value is None or value == "":
            continue
        key = XML_ID if name == "xml_id" else name.rstrip("_")
        element.set(key, clean(value))


def root(tag: str, **attributes: object | None) -> etree._Element:
    element = etree.Element(tei(tag), nsmap={None: TEI_NS})
    set_attributes(element, attributes)
    return element


def xml_id(doc_id: str) -> str:
    """An xml:id for a document id (ids that are not XML names get a "d-" prefix)."""
    if _NCNAME.match(doc_id) and not doc_id.lower().startswith("xml"):
        return doc_id
    return "d-" + re.sub(r"[^\w.\-]", "-", doc_id)


def is_iso_date(value: object) -> bool:
    return isinstance(value, str) and bool(_ISO_DATE.match(value))


def cert(confidence: object) -> str | None:
    """A confidence in [0, 1] as a TEI probability for @cert."""
    if not isinstance(confidence, int | float):
        return None
    return repr(max(0.0, min(1.0, float(confidence))))


def path_of(out: object, writes: str) -> Path:
    """`out` as a path; stdout ("-" or a stream) is a usage error for these formats."""
    if not isinstance(out, str | Path) or str(out) == "-":
        raise UsageError(f"--out: this format writes {writes}, give a path (not stdout)")
    return Path(out)


def write_xml(element: etree._Element, path: Path) -> None:
    """Write `element` as a UTF-8 XML file, atomically (temporary file, then rename)."""
    with replaced_atomically(path) as partial:
        etree.ElementTree(element).write(
            str(partial), xml_declaration=True, encoding="UTF-8", pretty_print=True
        )
