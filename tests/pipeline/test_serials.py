"""Replies by telegram number, read on the layout pages that number their telegrams."""

from pathlib import Path

import missive.sources
from missive import pipeline
from missive.model import Declaration, Source

LAYOUTS = Path(__file__).resolve().parent.parent / "fixtures" / "layouts"


def _replies(name: str) -> dict[int, list[tuple[int, str]]]:
    source = pipeline.run(missive.sources.read_source(LAYOUTS / name))
    by_id = {doc.id: doc for doc in source.documents}
    return {
        doc.number.value: [
            (by_id[link.target].number.value, link.evidence.text)
            for link in doc.links
            if link.type == "replies_to" and link.evidence.rule.endswith("by its number")
        ]
        for doc in source.documents
    }


def test_your_telegram_number_names_the_telegram_not_the_edition_number():
    # No. 48 answers "Your telegram No. 482", printed under the heading of No. 47
    assert _replies("dbfp_page.txt") == {47: [], 48: [(47, "Your telegram No. 482")], 49: []}


def test_a_number_below_a_cypher_heading_is_the_telegrams_own():
    assert _replies("fo_telegrams_page.txt")[301] == [(345, "Your telegram No. 345")]


def test_the_number_after_a_heading_and_its_classification():
    assert _replies("kimball_page.txt") == {
        140: [],
        180: [(140, "Your 140")],
        141: [(180, "your 180")],
    }


def test_numbers_of_things_are_no_telegram_numbers():
    text = (
        "No. 1\n\nF. D. ROOSEVELT TO J. V. STALIN\n\nNo. 300 Telegraphic\n\n"
        "We shall send the tanks soon.\n\n"
        "No. 2\n\nJ. V. STALIN TO F. D. ROOSEVELT\n\n"
        "Your 300 divisions are welcome. I thank you for your 300 aircraft.\n"
    )
    source = Source(name="t.txt", path="t.txt", sha256="0", format="txt", text=text,
                    declaration=Declaration("stalin", ("roosevelt",)))  # fmt: skip
    second = pipeline.run(source).documents[1]
    assert [link for link in second.links if link.type == "replies_to"] == []
