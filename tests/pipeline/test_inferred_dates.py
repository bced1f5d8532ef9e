"""Dates the text does not give whole: the year of a calendar's margin date, the New
Style day of a dual date. The evidence says what was supplied, with a lower confidence
than a date written whole; dual dates across two months."""

import pytest
from run_text import parse_text

from missive.model import CERTAIN
from missive.pipeline.date_evidence import (
    NEW_STYLE_DAY,
    YEAR_FROM_NEIGHBOUR,
    YEAR_FROM_OWN_DATE,
    YEAR_FROM_SECTION,
)
from missive.pipeline.dates import new_style, parse_date_line

BODY = "I have received your message and I thank you for it most sincerely today."


def test_a_margin_date_says_its_year_came_from_the_year_line() -> None:
    text = (
        f"1756.\n\nJan. 3.\nWhitehall.\n12. HOLDERNESS to MITCHELL.\n{BODY}\n\n"
        f"Jan. 10.\nBerlin.\n13. MITCHELL to HOLDERNESS.\n{BODY}\n"
    )
    dated = parse_text(text).documents[0].dates["dated"]
    assert dated.value == "1756-01-03"
    assert YEAR_FROM_SECTION in dated.evidence.rule
    assert "1756" in dated.evidence.note
    assert dated.evidence.confidence < CERTAIN


def test_a_run_in_entry_that_prints_its_year_is_certain_and_the_next_is_not() -> None:
    text = (
        "1766. Jan. 3. Whitehall.—Conway to Lord Hertford. Has laid his letter before "
        "the King. Draft. 2 pp.\n\nJan. 9. Paris.—Lord Hertford to Conway. The Duc has "
        "promised an answer. 3 pp.\n"
    )
    first, second = (d.dates["dated"] for d in parse_text(text).documents)
    assert (first.value, first.evidence.confidence) == ("1766-01-03", CERTAIN)
    assert YEAR_FROM_SECTION not in first.evidence.rule
    assert second.value == "1766-01-09"
    assert YEAR_FROM_NEIGHBOUR in second.evidence.rule
    assert second.evidence.confidence < CERTAIN


def test_a_dual_date_says_the_new_style_day_was_taken() -> None:
    text = (
        "Sir G. H. Seymour to the Earl of Clarendon.\n\n"
        f"St. Petersburgh, February 16 (28), 1854.\n\nMy Lord,\n\n{BODY}\n\nI have, &c.\n"
    )
    dated = parse_text(text).documents[0].dates["dated"]
    assert dated.value == "1854-02-28"
    assert NEW_STYLE_DAY in dated.evidence.rule
    assert "'16'" in dated.evidence.note
    assert dated.evidence.confidence < CERTAIN


def test_a_date_written_whole_keeps_its_rule_and_confidence() -> None:
    text = f"Lord Cowley to the Earl of Clarendon.\n\nParis, March 5, 1854.\n\nMy Lord,\n\n{BODY}\n"
    dated = parse_text(text).documents[0].dates["dated"]
    assert dated.evidence.rule == "dateline before the body"
    assert (dated.evidence.confidence, dated.evidence.note) == (CERTAIN, "")


@pytest.mark.parametrize(
    ("line", "iso", "old"),
    [
        ("St. Petersburgh, January 28 (February 9), 1854.", "1854-02-09", "January 28"),
        ("St. Petersburg, 28 January (9 February) 1854", "1854-02-09", "28 January"),
        ("January 28/February 9, 1854", "1854-02-09", "January 28"),
        ("Feb. 17 (Mar. 1), 1854", "1854-03-01", "Feb. 17"),
        ("Moscow, 19 October (1 November) 1917", "1917-11-01", "19 October"),
    ],
)
def test_a_dual_date_across_two_months_gives_the_new_style_date(
    line: str, iso: str, old: str
) -> None:
    parsed = parse_date_line(line)
    assert (parsed.date.iso, parsed.old_style) == (iso, old)


@pytest.mark.parametrize(
    "line",
    [
        "January 2 (February 9), 1854",  # 38 days apart: two dates, not one in two calendars
        "March 28 (March 31), 1854",  # the same month: no calendar gap
        "January 28 (February 9, 1854",  # an unclosed bracket
    ],
)
def test_two_dates_that_are_no_dual_date_are_left_alone(line: str) -> None:
    assert new_style(line) == line


def test_a_receipt_completed_from_the_dateline_says_its_year_was_inferred() -> None:
    text = (
        "No. 13.\n\nLord Cowley to the Earl of Clarendon.—(Received March 6.)\n\n"
        f"My Lord,                                        Paris, March 5, 1854.\n\n{BODY}\n\n"
        "I have, &c.\n(Signed)        COWLEY.\n"
    )
    doc = parse_text(text).documents[0]
    received, dated = doc.dates["received"], doc.dates["dated"]
    assert received.value == "1854-03-06"
    assert YEAR_FROM_OWN_DATE in received.evidence.rule
    assert "other date" in received.evidence.note
    assert received.evidence.confidence < dated.evidence.confidence == CERTAIN


@pytest.mark.parametrize(
    ("line", "role", "iso", "old"),
    [
        ("Received February 16 (28), 1854.", "received", "1854-02-28", "16"),
        ("Sent on January 28 (February 9), 1854", "sent", "1854-02-09", "January 28"),
        ("[Received January 28 (February 9, 1854).]", "received", "1854-02-09", "January 28"),
    ],
)
def test_a_dual_date_in_a_sent_or_received_line_gives_the_new_style_date(
    line: str, role: str, iso: str, old: str
) -> None:
    text = f"Sir G. H. Seymour to the Earl of Clarendon.\n\n{BODY}\n\n{line}\n"
    found = parse_text(text).documents[0].dates[role]
    assert found.value == iso
    assert NEW_STYLE_DAY in found.evidence.rule
    assert f"'{old}'" in found.evidence.note


def test_a_dual_date_in_a_heading_gives_the_new_style_date() -> None:
    text = (
        "From Sir G. H. Seymour to the Earl of Clarendon, February 16 (28), 1854\n\n"
        f"My Lord,\n\n{BODY}\n\nI have, &c.\n\n"
        "Sir G. H. Seymour to the Earl of Clarendon.—(Received February 16 (28).)\n\n"
        f"St. Petersburgh, February 4 (16), 1854.\n\nMy Lord,\n\n{BODY}\n\nI have, &c.\n"
    )
    first, second = parse_text(text).documents
    dated = first.dates["dated"]
    assert (dated.value, NEW_STYLE_DAY in dated.evidence.rule) == ("1854-02-28", True)
    received = second.dates["received"]
    assert received.value == "1854-02-28"
    assert NEW_STYLE_DAY in received.evidence.rule and YEAR_FROM_OWN_DATE in received.evidence.rule


def test_a_dual_date_with_the_year_inside_the_brackets() -> None:
    parsed = parse_date_line("St. Petersburgh, January 28 (February 9, 1854).")
    assert (parsed.date.iso, parsed.old_style, parsed.place) == (
        "1854-02-09",
        "January 28",
        "St. Petersburgh",
    )
