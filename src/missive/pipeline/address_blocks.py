"""The addressee's block under a note's signature, or above its salutation: "His Excellency / The Right
Honorable / The Viscount Halifax, K.G., / British Ambassador." or "The Honorable
Cordell Hull, / Secretary of State of the United States, / Washington, D.C." — the
form of diplomatic notes and of many official letters, where the heading may name
the addressee only by office ("the British Ambassador").

Reads: the classified lines of a source.
Changes: the block's first line to kind "addressee" (``info["addressee"]``: the
person's name as written, ``info["text"]``: the whole block, ``info["above"]``: set
above a salutation), its other lines to "continuation".
"""

from __future__ import annotations

import re

from missive.pipeline.normalize import Line

# How such a block opens: an honorific of address ("The Honble Robert Smith,"), or a
# name with the "Esquire" of a letter's foot ("Levett Harris Esqr.").
_OPENS_BLOCK = re.compile(
    r"^(?:The\s+)?(?:Right\s+|Most\s+)?(?:Hon(?:ou?rable|ble|\.)|His\s+Excellency|"
    r"Her\s+Excellency|Son\s+Excellence|Monsieur|Señor|Senhor|Herr)(?:\s|$|(?=The\s))"
    # (a web page's line break lost: "His ExcellencyThe Commander in Chief")
    r"|^[A-Z][\w.,:'’ -]{2,50}\sEsq(?:r|re|uire)?\.?,?(?:\s*&c\.,?)*$"  # "…, Esq., &c., &c."
    r"|^Sir\s+[A-Z][\w.]*\s"  # "Sir J. Bowker, K.C.M.G., O.B.E.,"
    r"|^The\s+(?:[A-Z][\w.-]*\s+){0,3}(?:Secretary|Minister|Ambassador|Envoy|President|"
    r"Commissar|Chancellor|Consul|Governor)\b"  # "The Secretary of State," over the name
)
# An office, not a person: in a block that names both ("The Honorable / The Secretary
# of State, / Cordell Hull,"), the person is the addressee.
_OFFICE_WORD = re.compile(
    r"\b(?:Secretary|Minister|Ambassador|Envoy|President|Premier|Commissar|Chancellor|"
    r"Consul|Governor|Chargé|Charge|Under-?Secretary|Department|Embassy|Legation|Ministry|"
    r"Office|Government|Majesty|State)\b"
)
# A person's name: two to five capitalised words or initials ("W. Averell Harriman").
_PERSON_NAME = re.compile(r"^(?:[A-Z]\.\s*|[A-Z][\w'’-]+\s+){1,4}[A-Z][\w'’-]+$")
_ESQUIRE = re.compile(r"\s+Esq(?:r|re|uire)?\.?$")
# Words of address and rank that stand before a name and are no part of it.
_HONORIFIC = re.compile(
    r"^(?:(?:the|his|her|right|most|very|honou?rable|honble|hon\.|excellency|son|excellence|"
    r"monsieur|señor|senhor|herr|mr\.?|sir)\s+|(?:the|his|her|right|most|very|honou?rable|"
    r"hon\.|excellency)$)+",
    re.IGNORECASE,
)
_MAX_LINES = 6
_SIGNING_KINDS = {"name", "closing"}
_BLOCK_KINDS = {"body", "name", "place_line", "salutation", "closing"}
_ABOVE_KINDS = {"body", "name", "place_line"}


def mark_address_blocks(lines: list[Line]) -> None:
    """A short paragraph opening with an honorific right after a signature (or a
    closing) is the addressee's block."""
    signed = False  # the paragraph before ends with a signature or a closing
    first = None  # the current paragraph's first line
    for i, line in enumerate(lines):
        if not line.clean or line.kind in ("noise", "footnote"):
            continue
        under_name = (
            i > 0 and lines[i - 1].kind == "name"
        )  # "Go: Washington / Alexr: Hamilton Esqr."
        if (i == 0 or first is None or not lines[i - 1].clean or lines[i - 1].kind == "noise") or (
            under_name and _OPENS_BLOCK.match(line.clean)
        ):
            first = i  # a paragraph opens
            if (signed or under_name) and _OPENS_BLOCK.match(line.clean):
                end = _paragraph_end(lines, i)
                block = lines[i : end + 1]
                if _is_address_block(block) and not _salutation_after(lines, end):
                    _mark(block)  # (followed by a salutation, it heads the next letter)
        ends = i + 1 == len(lines) or not lines[i + 1].clean or lines[i + 1].kind == "noise"
        if ends:
            signed = line.kind in _SIGNING_KINDS or (
                lines[first].kind == "closing" and i - first < 3
            )


def mark_blocks_above_salutations(lines: list[Line]) -> None:
    """The block of an official letter set between its dateline and its salutation
    ("The Honorable / Cordell Hull, / Secretary of State, / Washington." over "Sir:"):
    a short paragraph opening with an honorific, the next paragraph a salutation."""
    for i, line in enumerate(lines):
        if line.kind != "salutation":
            continue
        _mark_street_address(lines, i)
        end = _text_before(lines, i)
        if end is None:
            continue
        first = _paragraph_start(lines, end)
        if first > 0 and lines[first - 1].clean:
            continue  # a paragraph longer than any block
        block = lines[first : end + 1]
        if _OPENS_BLOCK.match(block[0].clean) and _is_address_block(block, _ABOVE_KINDS):
            _mark(block, above=True)


# The writer's street address under the dateline: "7 Southgate", "No. 9 Grafton Terrace",
# "Modena Villas".
_WORD = r"[A-Z][\w'’.-]*"
_STREET_WORD = (
    r"(?:Street|St\.|Road|Rd\.|Square|Sq\.|Terrace|Place|Lane|Row|Gardens|Crescent|Villas|"
    r"Park|Avenue|Hill|Court|Buildings|Walk|Grove)"
)
_STREET_ADDRESS = re.compile(
    rf"^(?:(?:No\.\s*)?\d{{1,4}}[a-z]?,?\s+{_WORD}(?:\s+(?:{_WORD}|of|the)){{0,4}}"
    rf"|(?:{_WORD}\s+){{1,3}}{_STREET_WORD})(?:,\s*{_WORD}(?:\s+{_WORD}){{0,2}})?\.?$"
)


def _mark_street_address(lines: list[Line], salutation: int) -> None:
    """A street address set between the dateline and the salutation ("Manchester,
    3 August 1859" / "7 Southgate" / "Dear Moor,") continues the dateline: the
    salutation after it still opens the letter."""
    above = _nearest_above(lines, salutation)
    # ("Modena Villas" reads as a name by itself)
    if above is None or lines[above].kind not in ("body", "name") or len(lines[above].clean) > 50:
        return
    if not _STREET_ADDRESS.match(lines[above].clean):
        return
    dateline = _nearest_above(lines, above)
    if dateline is not None and lines[dateline].kind == "dateline":
        lines[above].kind, lines[above].info = "continuation", {"continues": lines[dateline].no}


def _nearest_above(lines: list[Line], i: int) -> int | None:
    """The nearest non-blank line above line `i`, across one blank line at most."""
    for k in (i - 1, i - 2):
        if k >= 0 and lines[k].clean:
            return k
    return None


def _text_before(lines: list[Line], i: int) -> int | None:
    """The last line of the paragraph before line `i`, across a few blank lines."""
    for k in range(i - 1, max(-1, i - 4), -1):
        if lines[k].clean and lines[k].kind != "noise":
            return k if k < i - 1 else None  # a paragraph apart, not the line above
    return None


def _paragraph_start(lines: list[Line], end: int) -> int:
    start = end
    while start > 0 and end - start < _MAX_LINES and lines[start - 1].clean:
        start -= 1
    return start


def _salutation_after(lines: list[Line], end: int) -> bool:
    for line in lines[end + 1 : end + 4]:
        if line.clean and line.kind != "noise":
            return line.kind == "salutation"
    return False


def _paragraph_end(lines: list[Line], i: int) -> int:
    end = i
    while end + 1 < len(lines) and lines[end + 1].clean and lines[end + 1].kind != "noise":
        end += 1
    return end


def _is_address_block(block: list[Line], kinds: set[str] = _BLOCK_KINDS) -> bool:
    if len(block) > _MAX_LINES or not _OPENS_BLOCK.match(block[0].clean):
        return False
    if any(len(line.clean) > 70 or line.kind not in kinds for line in block):
        return False
    return addressee_name(block) is not None


def addressee_name(block: list[Line]) -> str | None:
    """The first line of the block that holds more than honorifics, cut before its
    post-nominals ("The Viscount Halifax, K.G.," -> "Viscount Halifax"); where that
    line names an office and a later one a person, the person."""
    names = [name for line in block if (name := _name_part(line.clean))]
    if not names:
        return None
    if _OFFICE_WORD.search(names[0]):
        person = next((n for n in names[1:] if _is_person_name(n)), None)
        return person or names[0]
    return names[0]


# The address a manuscript letter carries on its cover, as an editor transcribes it:
# "Addressed: Henry Hope Esqr. / Amsterdam", "Superscribed: To Mr. Jay at Paris".
_ADDRESS_PANEL = re.compile(
    r"^(?:Addressed|Address|Superscribed|Directed)\s*:\s*(?:To\s+)?(?P<rest>[A-Z].{2,120})$"
)


def address_panel(text: str) -> dict | None:
    """The addressee a transcribed cover names, as an addressee line's info."""
    m = _ADDRESS_PANEL.match(text)
    if not m:
        return None
    first = re.split(r"\s+/\s+|\s+at\s+|;", m.group("rest"))[0]
    name = _name_part(first)
    return {"addressee": name, "text": text} if name else None


def _name_part(text: str) -> str | None:
    text = _ESQUIRE.sub("", text.split(",")[0].strip()).rstrip(".")
    name = _HONORIFIC.sub("", text + " ").strip()
    return name if name and name[0].isupper() else None


def _is_person_name(name: str) -> bool:
    return bool(_PERSON_NAME.match(name)) and not _OFFICE_WORD.search(name)


def _mark(block: list[Line], above: bool = False) -> None:
    first = block[0]
    info = {
        "addressee": addressee_name(block),
        "text": " ".join(line.clean for line in block),
        "end": block[-1].end,
    }
    first.kind, first.info = "addressee", {**info, "above": True} if above else info
    for line in block[1:]:
        line.kind, line.info = "continuation", {"continues": first.no}
