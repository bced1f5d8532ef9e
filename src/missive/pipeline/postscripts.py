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
