"""An enclosure's own heading and signature.

An enclosure headed by an enclosure line ("Inclosure in No. 14.") has them read like
any document's. One found by the older rules — quoted in full after "The note reads as
follows:", or announced by a short covering note — is body text only: its heading is
its first paragraph when that paragraph reads as a heading ("Count Nesselrode to Baron
Brunnow."), its signature its last when that reads as a name ("V. Molotov.",
"(Signed) STRATFORD DE REDCLIFFE.").
"""

from __future__ import annotations

from typing import NamedTuple

from missive.model import Document, Span
from missive.pipeline.classify import classify_text

_QUOTES = "\"“”'‘’ "


class OwnLine(NamedTuple):
    text: str
    span: Span | None
    info: dict


def own_heading(doc: Document) -> OwnLine | None:
    """The enclosure's heading naming its parties, read or found in its first paragraph."""
    if doc.heading is not None:
        text, span = doc.heading.value, doc.heading.evidence.span
    elif len(doc.body) > 1:
        text, span = doc.body[0].text.strip(_QUOTES), doc.body[0].span
    else:
        return None
    kind, info = classify_text(text)
    if kind in ("heading", "number") and (info.get("senders") or info.get("recipients")):
        return OwnLine(text, span, info)
    return None


def own_signature(doc: Document) -> OwnLine | None:
    """The enclosure's signature, read or found as its last paragraph."""
    if doc.signature is not None:
        return OwnLine(doc.signature.value, doc.signature.evidence.span, {})
    if len(doc.body) < 2:
        return None
    last = doc.body[-1]
    text = last.text.strip(_QUOTES)
    if "\n" in text or len(text) > 60:
        return None
    kind, info = classify_text(text)
    if kind == "name":
        return OwnLine(text.rstrip("."), last.span, info)
    if kind == "closing" and info.get("signature"):  # "Yours sincerely, W. Churchill"
        return OwnLine(info["signature"], last.span, info)
    return None
