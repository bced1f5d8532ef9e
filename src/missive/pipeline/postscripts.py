"""A last short paragraph under a signed letter, at the end of the text, is the letter's
postscript ("The address is Mr. Wl. Oulianoff, Seidenweg, 4-a, Berne."), not a letter
of its own: it has no heading, date, salutation or signature, and nothing follows it.
"""

from __future__ import annotations

from missive.pipeline.normalize import Layout

_MAX_WORDS = 60


def attach_closing_postscript(drafts: list, layout: Layout) -> list:
    """Fold the text's last draft into the one before when it is a lone unsigned
    paragraph under a signature."""
    if len(drafts) < 2:
        return drafts
    last, before = drafts[-1], drafts[-2]
    if last.header or last.trailer or last.children or len(last.body) != 1:
        return drafts
    if not any(layout.lines[i].kind == "name" for i in before.trailer):
        return drafts
    words = sum(len(layout.lines[i].clean.split()) for i in last.body[0])
    if words > _MAX_WORDS:
        return drafts
    before.body.append(last.body[0])
    before.footnotes.extend(last.footnotes)
    return drafts[:-1]


_ADDRESS_LINES = 4
_ADDRESS_WORDS = 6


def attach_closing_address(drafts: list, layout: Layout) -> list:
    """Fold the text's last draft into the trailer of the signed one before when it is a
    few short lines with no heading: the writer's address or the addressee's
    ("115 East 53rd Street, / New York.", "Mr. Cleveland H. Dodge, / New York City.")."""
    if len(drafts) < 2:
        return drafts
    last, before = drafts[-1], drafts[-2]
    if last.header or last.children or not any(
        layout.lines[i].kind == "name" for i in before.trailer
    ):
        return drafts
    lines = [layout.lines[i] for i in last.all_lines()]
    if len(lines) > _ADDRESS_LINES or any(_holds_a_sentence(line.clean) for line in lines):
        return drafts
    before.trailer.extend(last.all_lines())
    before.footnotes.extend(last.footnotes)
    return drafts[:-1]


_PARTICLES = frozenset({"of", "the", "and", "de", "du", "von", "van", "la", "le", "&c", "&c."})


def _holds_a_sentence(text: str) -> bool:
    """More words than an address line, or lower-case words an address has not
    ("The address is Seidenweg 4-a, Berne.": a postscript)."""
    words = text.split()
    lowered = [w for w in words if w[:1].islower() and w.lower() not in _PARTICLES]
    return len(words) > _ADDRESS_WORDS or len(lowered) > 1 or text.endswith(("!", "?", ":"))
