"""The posts a State Department cable is sent from and to, by their telegraphic
addresses: "AMEMBASSY MOSCOW", "AMCONSUL LENINGRAD", "USMISSION NATO", "SECSTATE
WASHDC" (the Department), with the precedence and the post's running number after
them ("SECSTATE WASHDC PRIORITY 4187"). Such a cable is the post's message, whoever
signs it (the ambassador or the Secretary signs every one): the post is the party.

A post's key is its address in lower case with underscores ("amembassy_moscow"); the
Department is the authority file's ``state_department``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

DEPARTMENT_KEY = "state_department"

_KINDS = {
    "AMEMBASSY": "American Embassy",
    "AMCONSUL": "American Consulate",
    "AMCONGEN": "American Consulate General",
    "AMLEGATION": "American Legation",
    "USMISSION": "US Mission",
    "USDEL": "US Delegation",
    "USLO": "US Liaison Office",
    "USINT": "US Interests Section",
}
_ADDRESS = re.compile(
    r"^(?:(?P<department>SECSTATE)(?:\s+WASHDC)?"
    rf"|(?P<kind>{'|'.join(_KINDS)})\s+(?P<place>[A-Z][A-Z.'-]*(?:\s+[A-Z][A-Z.'-]*){{0,3}}?))"
    r"(?:\s+(?:FLASH|NIACT\s+IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE))?(?:\s+\d{1,6})?\s*$"
)
_ACRONYMS = frozenset({"NATO", "USUN", "OECD", "IAEA", "UNESCO", "EC", "EEC", "UN", "SALT"})


class Post(NamedTuple):
    key: str
    name: str


def posts_addressed(value: str) -> list[Post] | None:
    """The posts a "FROM:" or "TO:" field names, or None when it is no telegraphic
    address (a person, an office, a place written out)."""
    posts = []
    for part in re.split(r"\s*[,;/]\s*", value.strip().rstrip(".")):
        m = _ADDRESS.match(part)
        if not m:
            return None
        if m.group("department"):
            posts.append(Post(DEPARTMENT_KEY, ""))
            continue
        kind, place = m.group("kind"), m.group("place")
        key = "_".join([kind, *place.split()]).lower().replace(".", "")
        posts.append(Post(key, f"{_KINDS[kind]} {' '.join(map(_place_word, place.split()))}"))
    return posts or None


# Posts written out, as FRUS headings name them: "the Embassy in the Soviet Union",
# "the Legation in Sweden", "the Consulate General at Shanghai", "the Department of State".
_WRITTEN_POST = re.compile(
    r"^(?:[Tt]he\s+)?(?:American\s+)?(?P<kind>Embassy|Legation|Consulate General|Consulate|Mission)"
    r"\s+(?:in|at|to)\s+(?P<the>the\s+)?(?P<place>[A-Z][\w.'-]*(?:\s+(?:of\s+)?[A-Z][\w.'-]*){0,4})$"
)
_WRITTEN_DEPARTMENT = re.compile(r"^(?:the\s+)?(?:Department of State|State Department)$", re.I)
_WRITTEN_KINDS = {"Embassy": "AMEMBASSY", "Legation": "AMLEGATION",
                  "Consulate General": "AMCONGEN", "Consulate": "AMCONSUL", "Mission": "USMISSION"}  # fmt: skip


def post_named(name: str) -> Post | None:
    """The post a heading writes out ("the Embassy in the Soviet Union": the American
    Embassy there, keyed as its telegraphic address would be), or None."""
    name = " ".join(name.split()).rstrip(".,;:")
    if _WRITTEN_DEPARTMENT.match(name):
        return Post(DEPARTMENT_KEY, "")
    m = _WRITTEN_POST.match(name)
    if not m:
        return None
    kind, place = _WRITTEN_KINDS[m.group("kind")], m.group("place")
    key = "_".join([kind, *place.split()]).lower().replace(".", "")
    return Post(key, f"{_KINDS[kind]} in {'the ' if m.group('the') else ''}{place}")


def _place_word(word: str) -> str:
    return word if word in _ACRONYMS else word.capitalize()
