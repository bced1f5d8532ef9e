"""A reply by telegram number ("Your telegram No. 482.") finds its telegram when a
windowed parse has already stored it: the stand-ins keep the telegrams' numbers."""

from __future__ import annotations

from missive.model import Source
from missive.pipeline.windows import WindowedParse

BODY = (
    "The Minister for Foreign Affairs told me this morning that his Government would make "
    "no reply to the press campaign, and that he saw no reason to change their attitude."
)


def _volume(fillers: int) -> str:
    parts = [
        "No. 1\n\nSir N. Henderson (Berlin) to Viscount Halifax\n\n"
        "No. 482 Telegraphic [C 11863/15/18]\n\nBERLIN, August 23, 1939, 6 p.m.\n\n"
        f"{BODY}\n"
    ]
    for n in range(2, fillers + 2):
        parts.append(
            f"No. {n}\n\nMr. Kennard (Warsaw) to Viscount Halifax\n\n"
            f"No. {1000 + n} Telegraphic\n\nWARSAW, August 24, 1939\n\n{BODY}\n"
        )
    parts.append(
        f"No. {fillers + 2}\n\nViscount Halifax to Sir N. Henderson (Berlin)\n\n"
        "FOREIGN OFFICE, August 25, 1939, 10 p.m.\n\nYour telegram No. 482.\n\n"
        f"{BODY}\n"
    )
    return "\n".join(parts)


def test_a_reply_by_number_links_across_windows() -> None:
    text = _volume(300)
    source = Source(name="v.txt", path="v.txt", sha256="0", format="txt", text=text)
    parse = WindowedParse(source, window=20_000, overlap=4_000)
    documents = [doc for batch in parse for doc in batch]
    assert parse.windows > 2  # the telegram lies windows behind its reply
    first, reply = documents[0], documents[-1]
    assert first.serials == [482]
    replies = [link for link in reply.links if link.type == "replies_to"]
    assert [link.target for link in replies] == [first.id]
    assert replies[0].evidence.text == "Your telegram No. 482"
