"""Who a source says it is about, read off its title lines.

"Correspondence with Franklin D. Roosevelt and Harry S. Truman" names the
correspondents; an author line ("J. V. Stalin") names the principal.  Names are only
taken when they are shaped like a person's name, so "Correspondence between the
Chairman of the Council of Ministers and the Presidents of the USA" declares nobody.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from missive import authority
from missive.model import CERTAIN, PROBABLE, Declaration, Evidence, Span


class TitleLine(NamedTuple):
    """A candidate line (or wrapped paragraph, joined) and where it stands."""

    span: Span
    text: str


_NAME_TOKEN = re.compile(
    r"[A-Z][A-Za-zÀ-ÖØ-öø-ÿ'’-]+\.?|[A-Z]\.(?:[A-Z]\.)*|(?:de|von|van|der|du|da|la|le|di)"
)
_INITIAL = re.compile(r"^[A-Z]\.(?:[A-Z]\.)*$")
# Capitalised words that name states and bodies, not people.
_STATE_WORDS = (
    "States Britain Union Kingdom Republic Government Governments Ministry Office "
    "Department Council Committee Commission Presidents Ministers Allies Powers War"
)
_NOT_PERSON = frozenset(_STATE_WORDS.split())
# Words no name is made of, in any case ("THE CHAIRMAN OF THE COUNCIL").
_GLUE_WORDS = "the of and for to in on at by with between from"
_FUNCTION_WORDS = frozenset(_GLUE_WORDS.split())
_SPLIT_NAMES = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", re.I)
# What follows the names in a title: "(August 1941-December 1945)", ", 1941-1945",
# "during the war of 1941", "in 1943".
_TAIL = re.compile(r"\s*[(\[:;].*$|\s*,?\s+(?:during|in|from|of|for)\s+.*\d.*$|\s*,?\s*\d{4}.*$")

# (rule, pattern): groups `principal` and `others` (or `pair`, both sides).
_FORMS = (
    (
        "correspondence-with",
        re.compile(
            r"\bcorrespondence\s+(?:of\s+(?P<principal>.+?)\s+)?with\s+(?P<others>.+)", re.I
        ),
    ),
    ("correspondence-between", re.compile(r"\bcorrespondence\s+between\s+(?P<pair>.+)", re.I)),
    (
        "letters-of-to",
        re.compile(
            r"\b(?:letters|messages|telegrams|correspondence)\s+(?:of|from)\s+"
            r"(?P<principal>.+?)\s+to\s+(?P<others>.+)",
            re.I,
        ),
    ),
    (
        "x-y-correspondence",
        re.compile(
            r"^(?:the\s+)?(?P<pair>[^–—/-]+?\s*[–—/-]\s*[^–—/-]+?)\s+"
            r"(?:correspondence|letters|messages)\b",
            re.I,
        ),
    ),
)


def person_shaped(name: str) -> bool:
    """True for "Harry S. Truman", "J. V. STALIN", "Marshal Stalin"; false for
    "the Presidents of the USA" or "Great Britain"."""
    tokens = name.split()
    if not 1 <= len(tokens) <= 6 or not all(_NAME_TOKEN.fullmatch(t) for t in tokens):
        return False
    if _INITIAL.match(tokens[-1]) or tokens[-1][0].islower():
        return False
    return not any(
        t.lower() in _FUNCTION_WORDS or t.strip(".").capitalize() in _NOT_PERSON for t in tokens
    )


def person_key(name: str) -> tuple[str, bool] | None:
    """(key, known to the authority file) for a person-shaped name, else None."""
    name = " ".join(name.split()).strip(" .,;:")
    if not person_shaped(name):
        return None
    known = authority.load().resolve(name)
    return (known, True) if known else (authority.load().key_for(name), False)


def author_key(line: str) -> tuple[str, bool] | None:
    """The key of an author line: a person's name the authority file knows, or an
    unknown one written with initials ("A. B. Jones")."""
    found = person_key(line)
    if found is None:
        return None
    key, known = found
    if known or any(_INITIAL.match(t) for t in line.split()):
        return found
    return None


def _names(text: str) -> list[tuple[str, bool]] | None:
    """Keys of every name in "A, B and C"; None unless all are person-shaped."""
    text = _TAIL.sub("", text).strip()
    parts = [p for p in _SPLIT_NAMES.split(text) if p.strip()]
    keys = [person_key(part) for part in parts]
    if not keys or any(k is None for k in keys):
        return None
    return [k for k in keys if k is not None]


def _read_form(text: str) -> tuple[str, tuple[str, bool] | None, list[tuple[str, bool]]] | None:
    """(rule, principal, others) of the first form that reads `text`."""
    for rule, pattern in _FORMS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("pair"):
            pair = _names(re.sub(r"\s*[–—/-]\s*", " and ", groups["pair"], count=1))
            if pair and len(pair) >= 2:
                return rule, None, pair
            continue
        principal = person_key(groups["principal"]) if groups.get("principal") else None
        others = _names(groups["others"])
        if others and (principal or not groups.get("principal")):
            return rule, principal, others
    return None


def find_declaration(
    candidates: list[TitleLine], author: TitleLine | None = None
) -> Declaration | None:
    """The declaration made by the first candidate line that names correspondents,
    with the principal from that line or else from the `author` line."""
    author_found = author_key(author.text) if author else None
    for line in candidates:
        read = _read_form(" ".join(line.text.split()))
        if read is None:
            continue
        rule, principal, others = read
        lines = [line]
        if principal is None and author_found and author:
            principal = author_found
            lines.insert(0, author)
        return _declaration(rule, principal, others, lines)
    if author_found and author:
        return _declaration("author-line", author_found, [], [author])
    return None


def _declaration(
    rule: str,
    principal: tuple[str, bool] | None,
    others: list[tuple[str, bool]],
    lines: list[TitleLine],
) -> Declaration:
    lines = sorted(lines, key=lambda line: line.span.start)
    principal_key = principal[0] if principal else None
    correspondents = tuple(dict.fromkeys(k for k, _ in others if k != principal_key))
    everyone = [*others, *([principal] if principal else [])]
    confidence = CERTAIN if all(known for _, known in everyone) else PROBABLE
    evidence = Evidence(
        rule=f"header:{rule}",
        confidence=confidence,
        span=Span(min(line.span.start for line in lines), max(line.span.end for line in lines)),
        text="\n".join(line.text for line in lines),
        note="principal from the author line" if len(lines) > 1 else "",
    )
    return Declaration(principal_key, correspondents, evidence)
