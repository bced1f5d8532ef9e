"""The name a signature gives, as a name: the editor's brackets expanded ("W[illiam]
Hope" is William Hope, "[Thomas Jefferson]" Thomas Jefferson), "(Signed)" and the stop
dropped, capitals set in the ordinary case ("THOS. H. DUDLEY." is Thos. H. Dudley).
The signature as printed is kept apart (``Document.signature``); this is the form
that names and matches the person.
"""

from __future__ import annotations

import re

# Letters an editor supplies inside a word ("W[illiam]", "Dud[ley]", "Jno[.]"), and a
# name the editor supplies whole ("[Thomas Jefferson]").
_INSIDE_WORD = re.compile(r"(?<=\w)\[(\w+\.?)\]|\[(\w+\.?)\](?=\w)")
_WHOLE = re.compile(r"^\[([^\[\]]+)\]$")
_ANGLE_AS_SQUARE = str.maketrans("⟨⟩", "[]")
_SIGNED = re.compile(r"^\(?Signed\)?\.?:?\s*", re.IGNORECASE)
_POST_NOMINAL = re.compile(r",\s*(?:Jr|Sr)\.?$", re.IGNORECASE)


def expand_editorial(text: str) -> str:
    """`text` with the editor's supplied letters read into it (square brackets, or the
    angle brackets of letters restored where the page is torn: "⟨A.H.⟩")."""
    if "⟨" in text:
        text = text.translate(_ANGLE_AS_SQUARE)
    if "[" not in text:
        return text
    text = text.strip()
    if m := _WHOLE.match(text):
        text = m.group(1)
    return _INSIDE_WORD.sub(lambda m: m.group(1) or m.group(2), text)


def signed_name(text: str) -> str:
    """The person's name a signature line gives."""
    name = expand_editorial(_SIGNED.sub("", text.strip())).strip().rstrip(",;")
    suffix = _POST_NOMINAL.search(name)
    head = name[: suffix.start()] if suffix else name.rstrip(".")
    if head.isupper():
        head = " ".join(_ordinary_case(w) for w in head.split())
    if suffix:
        return head + ", " + suffix.group(0).strip(", ").capitalize().rstrip(".") + "."
    return head


# A catalogue's inverted name: "Hamilton, Alexander", "Stalin, J. V."
_INVERTED = re.compile(
    r"^(?P<surname>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?),\s+"
    r"(?P<given>(?:[A-Z][a-z'’-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z'’-]+|[A-Z]\.))*)$"
)
_NOT_GIVEN = frozenset(["jr", "sr", "esq", "esqr", "junior", "senior"])


def uninverted(name: str) -> str:
    """ "Hamilton, Alexander" as "Alexander Hamilton"; any other name unchanged."""
    m = _INVERTED.match(name.strip())
    if not m or m.group("given").lower().rstrip(".") in _NOT_GIVEN:
        return name
    return f"{m.group('given')} {m.group('surname')}"


def _ordinary_case(word: str) -> str:
    if len(word.rstrip(".")) <= 1 or _RUN_INITIALS.match(word):  # "A.H.": initials stay
        return word
    return word.capitalize()


_RUN_INITIALS = re.compile(r"^(?:[A-Z]\.)+[A-Z]?$")


def is_surname_only(text: str) -> bool:
    """A signature of one word: the surname alone ("RUSSELL.", "STOESSEL")."""
    return len(signed_name(text).split()) == 1


_INITIALS_ONLY = re.compile(r"^(?:[A-Z]\.\s?)+$")


def is_initials_only(text: str) -> bool:
    """A signature of initials alone ("K. M.", "⟨A.H.⟩"): whose they are, only the
    authority file's aliases say."""
    return bool(_INITIALS_ONLY.match(expand_editorial(_SIGNED.sub("", text.strip())).strip()))


_INITIAL = re.compile(r"^[A-Z]\.$")
_WORD = re.compile(r"^[A-Z][a-z'’-]+$")


def is_full_name(name: str) -> bool:
    """A name of given names or initials and a surname ("William Hope", "T. H. Dudley"),
    not a clerk's abbreviations ("Th: Jefferson", "Thos. H. Dudley")."""
    words = name.split()
    return len(words) >= 2 and all(_INITIAL.match(w) or _WORD.match(w) for w in words)
