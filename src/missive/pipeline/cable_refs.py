"""Cables that name earlier cables on their "REF:" line.

A State Department cable carries its message reference number ("MRN: 1975MOSCOW03212":
the year, the post, the post's running number) and names the cables it answers or
follows up by post and number: "REF: MOSCOW 3212", "REF: (A) STATE 56789 (B) MOSCOW
3212". A reference to a cable of another post is a ``replies_to`` link; to one of the
writer's own post, a ``cites`` link. The year is the citing cable's (or, failing a
match, the year before). A cable the file lacks is a missing message: the reference
(post, number, year) names one cable exactly, so the historian can go and find it.

Reads: the text of each top-level document (its header lines), its senders.
Adds: links, each with the reference as its evidence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from missive.model import CERTAIN, PROBABLE, Document, Evidence, Link, Source, Span
from missive.pipeline.posts import DEPARTMENT_KEY
from missive.pipeline.threads import add_link, describe_target

_MRN = re.compile(
    r"^[ \t]*MRN:[ \t]*(?P<year>\d{4})(?P<post>[A-Z]{2,12})(?P<n>\d{1,6})[ \t]*$", re.M
)
_REF_LINE = re.compile(r"^[ \t]*REFS?:[ \t]*(?P<refs>\S.*(?:\n[ \t]+\S.*)*)", re.M)
# One reference: an optional letter "(A)" / "A." / "A)", the post, the number.
_REFERENCE = re.compile(
    r"(?:\(?[A-Z][).]\s*)?(?P<post>[A-Z][A-Z]+(?:\s[A-Z][A-Z]+){0,2})\s+(?P<n>\d{1,6})\b"
)
_LETTER = re.compile(r"^\(?[A-Z][).]\s*")  # "(A) " before a reference in a list
_MIN_POST_PREFIX = 4  # an MRN may cut a post's name short: "LENING" for LENINGRAD


class CableId(NamedTuple):
    year: int
    post: str  # letters only, no spaces
    number: int


def link_cable_references(source: Source) -> None:
    """Link each cable's "REF:" references to the cables of the file they name."""
    text = source.readable
    if "REF" not in text:  # no "REF:" line (most sources hold no cable): nothing to link
        return
    ids = [(doc, _cable_id(text, doc)) for doc in source.documents]
    cables: list[tuple[Document, CableId]] = []
    senders_of_post: dict[str, list[str]] = {}  # post in the MRN -> its cables' senders
    for doc, own in ids:
        if own is not None:
            senders_of_post.setdefault(own.post, [p.key for p in doc.senders])
    for doc, own in ids:
        year = own.year if own else _year_dated(doc)
        for post, number, span in _references(text, doc):
            target = _find(cables, post, number, year)
            if target is not None:
                _add(doc, target, span, text)
            elif year is not None and _is_cable(doc, own):
                writers = _post_senders(senders_of_post, post)
                add_link(doc, _missing(doc, post, number, year, writers, span, text))
        if own is not None:
            cables.append((doc, own))


def _cable_id(text: str, doc: Document) -> CableId | None:
    m = _MRN.search(text, doc.span.start, doc.span.end)
    if not m:
        return None
    return CableId(int(m.group("year")), m.group("post"), int(m.group("n")))


def _references(text: str, doc: Document) -> list[tuple[str, int, Span]]:
    found = []
    for line in _REF_LINE.finditer(text, doc.span.start, doc.span.end):
        start = line.start("refs")
        for ref in _REFERENCE.finditer(line.group("refs")):
            span = Span(start + ref.start(), start + ref.end())
            found.append((ref.group("post").replace(" ", ""), int(ref.group("n")), span))
    return found


def _find(cables: list[tuple[Document, CableId]], post: str, number: int,
          year: int | None) -> Document | None:  # fmt: skip
    """The latest earlier cable of that post and number, of the citing cable's year
    first, else of the year before."""
    years = [year, year - 1] if year else [None]
    for wanted in years:
        for doc, cable in reversed(cables):
            same_year = wanted is None or cable.year == wanted
            if same_year and cable.number == number and _same_post(cable.post, post):
                return doc
    return None


def _same_post(in_mrn: str, in_ref: str) -> bool:
    shorter, longer = sorted((in_mrn, in_ref), key=len)
    return longer.startswith(shorter) and (len(shorter) >= _MIN_POST_PREFIX or shorter == longer)


def _year_dated(doc: Document) -> int | None:
    dated = doc.dates.get("dated")
    return int(dated.value[:4]) if dated is not None else None


def _is_cable(doc: Document, own: CableId | None) -> bool:
    """A cable by its MRN or, lacking one, by its header block (kind "telegram"): the
    REF line of anything else may name something else."""
    return own is not None or (doc.kind is not None and doc.kind.value == "telegram")


def _post_senders(senders_of_post: dict[str, list[str]], post: str) -> list[str]:
    """The party a post named in a REF line stands for: the Department for "STATE",
    else the senders of the file's cables from that post (none when it has none)."""
    if post == "STATE":
        return [DEPARTMENT_KEY]
    for in_mrn, senders in senders_of_post.items():
        if _same_post(in_mrn, post):
            return senders
    return []


def _missing(doc: Document, post: str, number: int, year: int, writers: list[str],
             span: Span, text: str) -> Link:  # fmt: skip
    own_post = bool(set(writers) & {p.key for p in doc.senders})
    kind = "cites" if own_post else "replies_to"
    reference = _LETTER.sub("", text[span.start : span.end])
    rule = "REF line names a cable that is not in the source"
    ev = Evidence(rule, PROBABLE, span, text[span.start : span.end])
    description = f"missing: cable {reference} of {year} or {year - 1}"
    data = {"missing": True, "reference": reference, "post": post, "number": number,
            "year": year, "from": writers, "to": [], "cited_in": doc.id}  # fmt: skip
    return Link(kind, None, ev, description, data)


def _add(doc: Document, target: Document, span: Span, text: str) -> None:
    own_post = {p.key for p in doc.senders} & {p.key for p in target.senders}
    kind = "cites" if own_post else "replies_to"
    rule = "REF line names " + (
        "an earlier cable of the same post" if own_post else "the cable answered"
    )
    ev = Evidence(rule, CERTAIN, span, text[span.start : span.end])
    add_link(doc, Link(kind, target.id, ev, describe_target(target)))
