"""The rules added for calendars, blue books, exchanges of notes, letterbooks and typed
despatches, one rule per test (the pages themselves: tests/fixtures/layouts/)."""

import pytest
from run_text import parse_text

from missive.pipeline.classify import classify_text
from missive.pipeline.year_sections import margin_date

BODY = "I have received your message and I thank you for it most sincerely today."


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Inclosure in No. 14.", "enclosure"),
        ("Enclosure 2 to despatch No. 45", "enclosure"),
        ("[Enclosure]", "enclosure"),
        ("Enclosures in this letter are many.", "body"),
        ("Enclosures:", "body"),
        ("Enclosure:", "body"),
        ("(Extract.)", "file_reference"),
        ("(Confidential.)", "file_reference"),
        ("(No. 48.)", "file_reference"),
        ("I am, &c.", "closing"),
        ("I have, &c.", "closing"),
        ("Accept, Excellency, the renewed assurances of my highest consideration.", "closing"),
        (
            "I avail myself of this opportunity to renew to you the assurance of my highest "
            "consideration.",
            "closing",
        ),  # fmt: skip
        ("I accept the proposal with the greatest consideration of its terms and", "body"),
        ("Despatch No. 52", "number"),
        ("(R 1013/2)                                   BRITISH EMBASSY,", "file_reference"),
    ],
)
def test_line_kinds(line: str, kind: str) -> None:
    assert classify_text(line)[0] == kind


def test_heading_with_the_receipt_after_a_dash() -> None:
    kind, info = classify_text("Lord Cowley to the Earl of Clarendon.—(Received March 6.)")
    assert kind == "heading"
    assert info["senders"] == ["Lord Cowley"]
    assert info["recipients"] == ["the Earl of Clarendon"]
    assert info["received"] == "--03-06"


def test_dateline_at_the_right_of_a_salutation_or_a_label() -> None:
    kind, info = classify_text("My Lord,                          Paris, March 5, 1854.")
    assert (kind, info["salutation"], info["date"], info["place"]) == (
        "salutation", "My Lord,", "1854-03-05", "Paris",
    )  # fmt: skip
    kind, info = classify_text("(Extract.)          St. Petersburgh, February 28, 1854.")
    assert (kind, info["form"], info["date"]) == ("dateline", "extract", "1854-02-28")


def test_margin_dates_take_the_section_year() -> None:
    assert margin_date("Jan. 3.", 1756)["date"] == "1756-01-03"
    assert margin_date("3 January", 1756)["date"] == "1756-01-03"
    assert margin_date("Jan. 3. Whitehall.", 1756)["place"] == "Whitehall"
    assert margin_date("Feb. 30.", 1756) is None
    assert margin_date("Whitehall.", 1756) is None


def test_a_year_line_over_margin_dates_is_no_document_number() -> None:
    text = (
        "1756.\n\nJan. 3.\nWhitehall.\n12. HOLDERNESS to MITCHELL.\n" + BODY + "\n\n"
        "Jan. 10.\nBerlin.\n13. MITCHELL to HOLDERNESS.\n" + BODY + "\n"
    )
    docs = parse_text(text).documents
    assert [d.number.value for d in docs] == [12, 13]
    assert [d.dates["dated"].value for d in docs] == ["1756-01-03", "1756-01-10"]
    assert [d.place.value for d in docs] == ["Whitehall", "Berlin"]


def test_a_bare_number_line_with_a_year_value_stays_a_number_without_margin_dates() -> None:
    docs = parse_text(f"1756.\n\nHOLDERNESS to MITCHELL.\n\n{BODY}\n").documents
    assert docs[0].number.value == 1756


def test_an_enclosure_line_heads_a_child_document() -> None:
    text = (
        f"No. 1.\n\nLord Cowley to Lord Clarendon.\n\n{BODY}\n\nInclosure in No. 1.\n\n"
        f"Count Nesselrode to Baron Brunnow.\n\n{BODY}\n\n"
        f"No. 2.\n\nLord Clarendon to Lord Cowley.\n\n{BODY}\n"
    )
    docs = parse_text(text).documents
    assert [d.number.value for d in docs] == [1, 2]
    (child,) = docs[0].enclosures
    assert child.start_line == 7
    assert ([p.key for p in child.senders], [p.key for p in child.recipients]) == (
        ["nesselrode"], ["brunnow"],
    )  # fmt: skip
    assert child.senders[0].evidence.rule == "the enclosure's own heading"


def test_the_block_under_the_signature_names_the_addressee() -> None:
    text = (
        "The Secretary of State to the British Ambassador\n\nWashington, May 9, 1942.\n\n"
        f"Excellency:\n\n{BODY}\n\nCORDELL HULL\n\nHis Excellency\nThe Right Honorable\n"
        "The Viscount Halifax, K.G.,\nBritish Ambassador.\n"
    )
    (doc,) = parse_text(text).documents
    assert [p.key for p in doc.senders] == ["hull"]
    assert [p.key for p in doc.recipients] == ["halifax"]
    assert doc.recipients[0].evidence.rule.startswith("address block")


def test_a_sentence_broken_by_a_page_mark_runs_on() -> None:
    text = (
        "No. 1\n\nSir,\n\nI have the honour to report that the record, made by the\n\n"
        "- 2 -\n\nCounsellor of this Embassy, is enclosed.\n\nJ. BOWKER\n"
    )
    (doc,) = parse_text(text).documents
    assert len(doc.body) == 1
    assert doc.body[0].text.endswith("made by the Counsellor of this Embassy, is enclosed.")


def test_title_lines_before_the_first_numbered_document_are_no_document() -> None:
    text = (
        "CORRESPONDENCE RESPECTING THE AFFAIRS OF THE EAST.\n\n"
        "Presented to both Houses of Parliament by Command of Her Majesty. 1854.\n\n"
        f"No. 1.\n\nA to B.\n\n{BODY}\n"
    )
    docs = parse_text(text).documents
    assert [d.start_line for d in docs] == [5]


def test_a_run_in_calendar_entry_is_heading_date_and_abstract() -> None:
    text = (
        "1766.\n\n1766. Jan. 3. Whitehall.—Conway to Lord Hertford. Has laid his letter "
        "before the King. Draft. 2 pp.\n\n"
        "Jan. 9. Paris.—Lord Hertford to Conway. The Duc has promised an answer. 3 pp.\n\n"
        "1767.\n\nJan. 4. Dublin.—Lord Hertford to Conway. Thanks him for the leave. 1 p.\n"
    )
    docs = parse_text(text).documents
    assert [d.start_line for d in docs] == [3, 5, 9]
    assert [d.dates["dated"].value for d in docs] == ["1766-01-03", "1766-01-09", "1767-01-04"]
    assert [[p.key for p in d.senders] for d in docs] == [["conway"], ["hertford"], ["hertford"]]
    assert docs[1].place.value == "Paris"
    assert "The Duc has promised an answer." in docs[1].text


def test_a_day_of_last_or_this_month_is_read_against_the_letters_date() -> None:
    from missive.pipeline.replies import find_date_references

    (ref,) = find_date_references("I have received your despatch of the 28th ultimo.", "1854-03-14")
    assert (ref.owner, ref.iso) == ("your", "1854-02-28")
    (ref,) = find_date_references("your Excellency's despatch of the 3rd inst.", "1854-01-14")
    assert ref.iso == "1854-01-03"
    (ref,) = find_date_references("yours of the 30th ult.", "1854-01-04")
    assert ref.iso == "1853-12-30"
    assert find_date_references("your despatch of the 28th ultimo", None) == []


def test_a_reply_to_the_28th_ultimo_links_to_that_despatch() -> None:
    text = (
        "No. 1.\n\nSir G. Seymour to the Earl of Clarendon.\n\nSt. Petersburgh, February 28, "
        f"1854.\n\n{BODY}\n\nNo. 2.\n\nThe Earl of Clarendon to Sir G. Seymour.\n\n"
        "Foreign Office, March 14, 1854.\n\nI have received your despatch of the 28th ultimo, "
        "and approve your language.\n"
    )
    first, second = parse_text(text).documents
    replies = [link for link in second.links if link.type == "replies_to"]
    assert [link.target for link in replies] == [first.id]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Washington, 22d January, 1812", "1812-01-22"),
        ("March 3d, 1854", "1854-03-03"),
        ("1st. January 1790", "1790-01-01"),
        ("March 3rd., 1854", "1854-03-03"),
    ],
)
def test_older_ordinals_in_datelines(line: str, iso: str) -> None:
    from missive.pipeline.dates import parse_date_line

    assert parse_date_line(line).date.iso == iso


@pytest.mark.parametrize(
    ("side", "parties"),
    [
        ("Levett Harris, Esqr.", ["Levett Harris"]),
        ("the Honble Robert Smith, Secretary of State", ["the Honble Robert Smith"]),
        ("Mr. Kennard, His Majesty's Ambassador at Warsaw", ["Mr. Kennard"]),
        ("Stalin, Roosevelt and Churchill", ["Stalin", "Roosevelt", "Churchill"]),
        ("Secretary Hull, Ambassador Harriman", ["Secretary Hull", "Ambassador Harriman"]),
    ],
)
def test_a_post_nominal_or_an_office_after_a_comma_is_no_second_party(
    side: str, parties: list[str]
) -> None:
    from missive.pipeline.classify import split_parties

    assert split_parties(side) == parties


def test_a_title_after_the_name_is_not_the_key() -> None:
    docs = parse_text(
        f"No. 1.\n\nReshid Pasha to Lord Stratford de Redcliffe.\n\n{BODY}\n"
    ).documents
    assert [p.key for p in docs[0].senders] == ["reshid"]


def test_a_marking_at_the_head_of_a_page_does_not_split_the_document() -> None:
    text = (
        "No. 1\n\nSir,\n\nI have the honour to report that the record of the conver-\n\n"
        "- 2 -\n\nSECRET\n\nsation, made by the Counsellor of this Embassy, is enclosed.\n\n"
        "J. BOWKER\n\nNo. 2\n\nSir,\n\nNothing new has happened since my last despatch.\n"
    )
    docs = parse_text(text).documents
    assert [d.number.value for d in docs] == [1, 2]
    assert docs[0].body[0].text.endswith("the record of the conversation, made by the "
                                         "Counsellor of this Embassy, is enclosed.")  # fmt: skip


def test_a_bare_year_without_a_stop_heads_its_margin_dates() -> None:
    text = (
        f"1756\n\nJan. 3.\n12. HOLDERNESS to MITCHELL.\n{BODY}\n\n"
        f"Jan. 10.\n13. MITCHELL to HOLDERNESS.\n{BODY}\n"
    )
    docs = parse_text(text).documents
    assert [d.dates["dated"].value for d in docs] == ["1756-01-03", "1756-01-10"]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("St. Petersburgh, February 16 (28), 1854.", "1854-02-28"),
        ("St. Petersburg, 16/28 February 1854", "1854-02-28"),
        ("Moscow, 12 (25) October 1917", "1917-10-25"),
    ],
)
def test_a_dual_dated_line_gives_the_new_style_date(line: str, iso: str) -> None:
    from missive.pipeline.dates import parse_date_line

    assert parse_date_line(line).date.iso == iso


def test_a_day_pair_that_is_no_dual_date_is_left_alone() -> None:
    from missive.pipeline.dates import new_style

    assert new_style("Moscow, 1/2 March 1943") == "Moscow, 1/2 March 1943"
