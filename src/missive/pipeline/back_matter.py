"""A page's foot after its last document: the source line, the site's links, the
copyright ("Source: Department of State Bulletin, Vol. IX.", "Avalon Home",
"© 2008 Lillian Goldman Law Library") is no document.

Reads: the drafts segment.py grouped (with no header and no trailer: nothing that
opens or closes a letter) and their lines.
Gives: the drafts without such a last one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from missive.pipeline.normalize import Layout

if TYPE_CHECKING:
    from missive.pipeline.segment import Draft

_FOOT_LINE = re.compile(
    r"^(?:sources?|citation|cite as|credits?)\s*:|©|\bcopyright\b|\ball rights reserved\b",
    re.IGNORECASE,
)
_MAX_WORDS = 25  # a paragraph of a page's foot is a line, not a letter's paragraph


def drop_back_matter(drafts: list[Draft], layout: Layout) -> list[Draft]:
    """The drafts, less a last one that is the page's foot."""
    if len(drafts) < 2 or not _is_page_foot(drafts[-1], layout):
        return drafts
    return drafts[:-1]


def _is_page_foot(d: Draft, layout: Layout) -> bool:
    if d.header or d.trailer or d.children or not d.body:
        return False
    paragraphs = [" ".join(layout.lines[i].clean for i in p) for p in d.body]
    if any(len(p.split()) > _MAX_WORDS for p in paragraphs):
        return False
    return any(_FOOT_LINE.search(p) for p in paragraphs)
