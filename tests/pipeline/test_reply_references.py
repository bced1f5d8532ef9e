"""Date references ("your message of February 16") as `replies.find_date_references`
reads them: owner words only as whole words, and the same answer whether a text is
read for the first time or again (its context-free reading is kept), in any context.

The plain version below is the straightforward code the finder replaced: both
patterns searched over the whole text, the dates read anew on every call.
"""

from __future__ import annotations

import random

from missive.pipeline import replies
from missive.pipeline.dates import find_dates


def _plain_references(text: str, context_iso: str | None) -> list[replies.DateReference]:
    refs: list[replies.DateReference] = []
    seen: set[int] = set()
    for role, pattern in (("received", replies._REACHED_ON), ("any", replies._OF_DATE)):
        for m in pattern.finditer(text):
            dates = find_dates(m.group("rest"), yearless=True)
            if (not dates or dates[0].start > 3) and context_iso:
                dates = replies._relative_day(m.group("rest"), context_iso)
            if not dates or dates[0].start > 3 or m.start() in seen:
                continue
            seen.add(m.start())
            owner = "your" if m.group("owner").lower().startswith("your") else "my"
            end = m.start("rest") + dates[0].end
            refs.append(replies.DateReference(owner, "joint" in m.group("adj").lower(), role,
                                              dates[0].iso, m.start(), end,
                                              text[m.start() : end]))  # fmt: skip
    for m in replies._I_RECEIVED.finditer(text):
        rest = m.group("rest1") or m.group("rest2") or m.group("rest3")
        dates = find_dates(rest, yearless=True)
        if dates and m.start() not in seen:
            refs.append(replies.DateReference("received_by_me", False, "received", dates[0].iso,
                                              m.start(), m.end(), m.group(0)))  # fmt: skip
    return sorted(refs, key=lambda r: r.start)


PIECES = [
    "your", "Your", "YOUR", "yours", "my", "mine", "our", "four", "hour", "army", "enemy",
    "detour", "Amy", "message", "messages", "telegram", "despatch", "joint", "friendly",
    "latest", "of", "dated", "reached me", "was received", "on", "today,", "that", "—", ",",
    "February 16", "16 March", "May 3rd", "the 28th ultimo", "the 3rd inst.", "1943",
    "I received", "I was handed", "delivered", "to me", "On", "İ", "ı", "ſ", "K", "_", "\n",
]  # fmt: skip


def test_owner_words_are_whole_words() -> None:
    for text in ("four of February 16", "the army of May 5", "an hour of June 3"):
        assert replies.find_date_references(text) == [], text
    (ref,) = replies.find_date_references("As for yours of 5 May, and your message.")
    assert (ref.owner, ref.iso, ref.text) == ("your", "--05-05", "yours of 5 May")


def test_a_text_read_again_in_another_context() -> None:
    text = "I thank you for your despatch of the 28th ultimo."
    assert replies.find_date_references(text) == []
    (ref,) = replies.find_date_references(text, "1854-03-14")
    assert ref.iso == "1854-02-28"
    (ref,) = replies.find_date_references(text, "1854-01-10")
    assert ref.iso == "1853-12-28"
    assert replies.find_date_references(text) == []
    replies.forget_scanned()  # read afresh: the same
    assert [r.iso for r in replies.find_date_references(text, "1854-03-14")] == ["1854-02-28"]


def test_references_are_what_the_plain_search_finds() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        text = " ".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 14)))
        for context in (None, "1943-03-14", "--03-14"):
            assert replies.find_date_references(text, context) == _plain_references(
                text, context
            ), (text, context)
