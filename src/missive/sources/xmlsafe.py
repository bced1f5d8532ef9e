"""Parsing untrusted XML: no DTD is loaded, no entity is declared or resolved, no
network is used.  A file that tries (billion laughs, XXE through file:// or http,
an external DTD) is refused with an InputError naming it."""

from __future__ import annotations

import re

from lxml import etree

from missive.errors import InputError

ENTITIES_REFUSED = "refused: the XML declares entities (<!ENTITY>); missive never expands them"
EXTERNAL_DTD_REFUSED = "refused: the XML refers to an external DTD; missive never loads one"

_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")
_DOCTYPE = re.compile(r"<!DOCTYPE\b", re.I)
_ENTITY = re.compile(r"<!ENTITY\b", re.I)
_EXTERNAL_ID = re.compile(r"<!DOCTYPE\s+[^\s>\[]+\s+(?:SYSTEM|PUBLIC)\b", re.I)


def parse_xml(text: str, path: str) -> etree._ElementTree:
    """The element tree of `text`, read with every external or expanding feature off."""
    _refuse_hostile(text, path)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_blank_text=False,
    )  # fmt: skip
    data = _DECLARATION.sub("", text, count=1).encode("utf-8")
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"not well-formed XML ({exc})") from None
    _check_doctype(tree, path)
    return tree


def _refuse_hostile(text: str, path: str) -> None:
    """Look at the prolog (where a DTD must stand) before any parser sees it."""
    first_element = re.search(r"<[A-Za-z_]", text)
    prolog = text[: first_element.start() if first_element else len(text)]
    if not _DOCTYPE.search(prolog):
        return
    if _ENTITY.search(prolog):
        raise InputError(path, ENTITIES_REFUSED)
    if _EXTERNAL_ID.search(prolog):
        raise InputError(path, EXTERNAL_DTD_REFUSED)


def _check_doctype(tree: etree._ElementTree, path: str) -> None:
    info = tree.docinfo
    if info.system_url or info.public_id:
        raise InputError(path, EXTERNAL_DTD_REFUSED)
    dtd = info.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(path, ENTITIES_REFUSED)
