"""Boundaries and line kinds as real web pages of editions print them: wrapped
datelines, numbered points inside a telegram, editors' titles, signatures right under
the body, a blog's post date, an ebook site's blurb, closings run into one line."""

from __future__ import annotations

import pytest
from run_text import parse_text

from missive.pipeline.classify import classify_text, spaced_closing
from missive.pipeline.list_items import mark_list_items
from missive.pipeline.normalize import noise_reason
from missive.pipeline.wrapped_lines import join_hyphen_broken_datelines


def _lines(*kinds_and_texts):
    from missive.pipeline.normalize import Line

    lines, start = [], 0
    for no, (kind, text) in enumerate(kinds_and_texts, start=1):
        line = Line(no, start, start + len(text), text, text)
        line.kind, line.info = kind, classify_text(text)[1] if kind != "blank" else {}
        lines.append(line)
        start += len(text) + 1
    return lines


@pytest.mark.parametrize(
    ("first", "second", "iso"),
    [
        ("Moscow, February 24,", "1945—1 p.m.", "1945-02-24"),  # wrapped after its comma
        ("Paris, March 9, 1940—11", "p.m.", "1940-03-09"),  # wrapped inside its hour
    ],
)
def test_a_wrapped_dateline_is_one_dateline(first: str, second: str, iso: str) -> None:
    place, rest = _lines(("body", first), ("body", second))
    join_hyphen_broken_datelines([place, rest])
    assert place.kind == "dateline" and place.info["date"] == iso
    assert rest.kind == "continuation"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("We sent, as you asked,", "1945 rifles by rail."),  # a comma over a number
        ("We left at 1940—11", "p.m."),  # a figure over a meridiem inside a sentence
    ],
)
def test_two_body_lines_that_read_as_no_date_stay_body(first: str, second: str) -> None:
    lines = _lines(("body", first), ("body", second))
    join_hyphen_broken_datelines(lines)
    assert [line.kind for line in lines] == ["body", "body"]


def test_numbered_points_after_a_colon_are_the_letters_text() -> None:
    lines = _lines(
        ("body", "I make the following suggestions:"),
        ("number", "1."),
        ("body", "Omit the last sentence."),
        ("number", "2."),
        ("body", "Change the third paragraph."),
    )
    mark_list_items(lines)
    assert [line.kind for line in lines] == ["body"] * 5
    assert lines[3].info == {"list_item": 2}


def test_a_number_line_after_a_sentence_still_opens_a_document() -> None:
    lines = _lines(("body", "We shall act."), ("number", "1."), ("body", "Your telegram."))
    mark_list_items(lines)
    assert lines[1].kind == "number"


def test_a_telegram_with_numbered_points_is_one_document() -> None:
    text = (
        "760C.61/2206: Telegram\n\nThe Ambassador in the Soviet Union (Steinhardt) to the"
        " Secretary of State\n\n423. I make the following suggestions:\n\n1.\nOmit the last"
        " sentence.\n2.\nChange the words of the third paragraph.\n\nI await your reply.\n\n"
        "Steinhardt\n"
    )
    (doc,) = parse_text(text).documents
    assert "Change the words" in doc.text and "Steinhardt" not in doc.text


def test_excerpts_under_a_heading_stay_in_its_header() -> None:
    text = (
        "The President to the Ambassador in the Soviet Union (Harriman)\n\n[Excerpts]\n\n"
        "Regarding our plans for the Pacific, Deane has all the information.\n\nRoosevelt\n"
    )
    (doc,) = parse_text(text).documents
    assert [p.key for p in doc.recipients] == ["harriman"]


def test_a_long_office_in_a_heading_is_still_a_heading() -> None:
    kind, info = classify_text(
        "The Secretary of State to the Vice President of the Council of People’s Commissars"
        " and People’s Commissar for Foreign Affairs of the Soviet Union (Molotov)"
    )
    assert kind == "heading" and info["recipients"][-1].endswith("(Molotov)")


def test_a_signature_right_under_the_body_closes_the_letter() -> None:
    text = (
        "TELEGRAM TO GENERAL G. G. MEADE.\nWashington, May 10, 1864.\nMajor-general MEADE:\n"
        "Say to the men that the country thanks them.\nA. LINCOLN.\n"
        "TELEGRAM TO GENERAL U. S. GRANT.\nWashington, May 11, 1864.\nLieutenant-general"
        " GRANT:\nWe are much pleased with the news.\nA. Lincoln, President\n"
    )
    first, second = parse_text(text).documents
    assert "LINCOLN" not in first.text and "Lincoln" not in second.text
    assert [p.key for p in first.senders] == [p.key for p in second.senders] == ["lincoln"]


def test_a_capital_title_over_an_addressee_and_a_dateline_heads_the_letter() -> None:
    text = (
        "Yours truly,\nA. Lincoln.\nA HORSE FOR THE PRESIDENT'S SON\nTo Colonel John Hay."
        " 12 F Street, Washington.\nExecutive Mansion, Washington, May 4, 1864.\nMy dear"
        " Colonel:—Let me thank you for the pony.\nYours truly,\nA. Lincoln.\n"
    )
    (doc,) = parse_text(text).documents
    assert [p.key for p in doc.recipients] == ["hay"]
    assert doc.dates["dated"].value == "1864-05-04"


def test_a_signature_over_a_date_is_no_title() -> None:
    text = "SIR,\n\nWe shall speak of it soon.\n\nB. FRANKLIN.\n\nPassy, May 1, 1780.\n"
    (doc,) = parse_text(text).documents
    assert doc.dates["dated"].value == "1780-05-01"


def test_a_dateline_in_capitals_is_no_running_head() -> None:
    assert noise_reason("WASHINGTON, JUNE 19, 1862") == ""
    assert noise_reason("986 FOREIGN RELATIONS, 1944, VOLUME IV") == "running head"


def test_a_blogs_post_date_is_not_the_letters_date() -> None:
    text = (
        "Monday, February 24, 2014\n\nMajor General George B. McClellan to Abraham Lincoln,"
        " April 7, 1862\n\nHEADQUARTERS ARMY OF THE POTOMAC,\nApril 7, 1862.\n\nYour telegram"
        " of yesterday is received.\n\nGEO. B. McCLELLAN,\nMajor-General\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.dates["dated"].value == "1862-04-07"
    assert doc.text == "Your telegram of yesterday is received."


def test_place_lines_between_a_heading_and_the_dateline_are_its_place() -> None:
    text = (
        "To George B. McClellan\n\nWar Department\nWashington City, D. C.\nMajor General"
        " McClellan June 15, 1862\n\nMy dear Sir: The night between your two battles I"
        " went to work.\n\nYours truly A. LINCOLN\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.place.value == "War Department, Washington City, D. C."
    assert doc.dates["dated"].value == "1862-06-15"


def test_an_ebook_sites_blurb_is_no_document() -> None:
    text = (
        "Papers of a General eBook\n\nThis eBook from the Gutenberg Project consists of"
        " approximately 812 pages of information about Papers of a General.\n\n"
        "TELEGRAM TO GENERAL W. T. SHERMAN.\n\nCity Point, Virginia, April 5, 1865.\n\n"
        "All goes finely.\n\nU. S. Grant.\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.text == "All goes finely."


def test_a_closing_run_into_one_line_with_wide_spaces_is_a_closing() -> None:
    closing = "With the truest respect & attachment   I have the honor to be Sir   Yr. Obed ser"
    assert spaced_closing(closing) == (
        "With the truest respect & attachment I have the honor to be Sir Yr. Obed ser"
    )
    assert spaced_closing("The army moved   and we followed   at dawn.") is None


def test_an_address_line_naming_the_headings_parties_stays_in_its_header() -> None:
    text = (
        "The Ambassador in France (Bullitt) to the President\n\n"
        "Paris, 4 May 1940.\n\n"
        "Personal and confidential to the President from Bullitt.\n\n"
        "The Premier asked me this evening to put before you once more his request.\n"
    )
    (doc,) = parse_text(text).documents
    assert [p.key for p in doc.senders] == ["bullitt"]
    assert "The Premier asked me" in doc.text


def test_a_heading_naming_other_parties_under_a_heading_opens_its_own_document() -> None:
    text = (
        "The Ambassador in France (Bullitt) to the President\n\n"
        "Paris, 4 May 1940.\n\n"
        "The Secretary of State to the Ambassador in Italy (Phillips)\n\n"
        "Please tell the Foreign Minister that the President's message stands.\n"
    )
    assert len(parse_text(text).documents) == 2


def test_a_receipt_with_its_hour_only_is_on_the_datelines_day() -> None:
    text = (
        "The Ambassador in France (Bullitt) to the Secretary of State\n\n"
        "Paris, May 4, 1940—6 p.m.\n"
        "[Received 9:12 p.m.]\n\n"
        "1542. The Premier asked me this evening to put before you once more his request.\n\n"
        "Bullitt\n"
    )
    (doc,) = parse_text(text).documents
    received = doc.dates["received"]
    assert received.value == "1940-05-04"
    assert received.evidence.text == "[Received 9:12 p.m.]"
    assert received.evidence.confidence < doc.dates["dated"].evidence.confidence
    assert "Received" not in doc.text


def test_a_receipt_with_its_hour_only_and_no_dateline_leaves_the_date_unknown() -> None:
    text = (
        "The Ambassador in France (Bullitt) to the Secretary of State\n\n"
        "[Received 9:12 p.m.]\n\n"
        "1542. The Premier asked me this evening to put before you once more his request.\n\n"
        "Bullitt\n"
    )
    (doc,) = parse_text(text).documents
    assert "received" not in doc.dates
