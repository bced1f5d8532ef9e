"""The rules State Department cables of the 1970s need, as archival databases print
them (the page: tests/fixtures/layouts/state_cables_page.txt): labelled header fields
("MRN:", "TAGS:", "E.O. 11652:"), posts by telegraphic address as the parties, the date
in capitals ("12 MAR 1975"), the classification at the head and foot of each cable, a
text set all in capitals, and "REF:" lines naming earlier cables."""

import pytest
from run_text import parse_text

from missive.pipeline.classify import classify_text
from missive.pipeline.dates import find_dates
from missive.pipeline.posts import posts_addressed

BODY = (
    "1. (C) KORNIYENKO SAID THE SOVIET SIDE IS PREPARED TO GO TO HELSINKI\n"
    "ON SHORT NOTICE. END SUMMARY.\n\n"
    "2. (U) EMBASSY WILL REPORT FURTHER AS TO THE SOVIET POSITION."
)


def _cable(mrn: str, date: str, sender: str, recipient: str, signer: str, ref: str = "",
           marking: str = "CONFIDENTIAL") -> str:  # fmt: skip
    ref_line = f"REF: {ref}\n" if ref else ""
    return (
        f"{marking}\n\nMRN: {mrn}\nDATE: {date}\nFROM: {sender}\nTO: {recipient}\n"
        f"TAGS: PFOR, UR, US\nSUBJECT: STAGE III\n{ref_line}\n{BODY}\n\n{signer}\n\n{marking}\n\n"
    )


@pytest.mark.parametrize(
    ("value", "keys"),
    [
        ("AMEMBASSY MOSCOW", ["amembassy_moscow"]),
        ("SECSTATE WASHDC PRIORITY 4187", ["state_department"]),
        ("AMEMBASSY MOSCOW NIACT IMMEDIATE 0012", ["amembassy_moscow"]),
        ("USMISSION NATO", ["usmission_nato"]),
        ("AMCONSUL LENINGRAD, AMEMBASSY MOSCOW", ["amconsul_leningrad", "amembassy_moscow"]),
        ("AMEMBASSY NEW DELHI 1234", ["amembassy_new_delhi"]),
    ],
)
def test_telegraphic_addresses_name_posts(value: str, keys: list[str]) -> None:
    assert [post.key for post in posts_addressed(value)] == keys


@pytest.mark.parametrize("value", ["Moscow", "American Embassy, Moscow", "The Secretary of State"])
def test_written_out_addresses_are_no_telegraphic_ones(value: str) -> None:
    assert posts_addressed(value) is None


@pytest.mark.parametrize(
    "line",
    [
        "GROMYKO TOLD AMBASSADOR THAT SOVIETS WANT TO CONCLUDE STAGE III BY JUNE.",
        "SOVIET SIDE IS PREPARED TO GO TO HELSINKI",
        "1. CONSUL GENERAL AND VICE CONSUL PLAN TO TRAVEL TO PETROZAVODSK",
    ],
)
def test_a_sentence_in_capitals_is_no_heading(line: str) -> None:
    assert classify_text(line)[0] == "body"


def test_headings_in_capitals_stay_headings() -> None:
    kind, info = classify_text(
        "PERSONAL AND SECRET FROM PREMIER J. V. STALIN TO THE PRIME MINISTER, MR. W. CHURCHILL, "
        "AND TO THE PRESIDENT, MR. F. D. ROOSEVELT"
    )
    assert kind == "heading" and info["senders"] == ["PREMIER J. V. STALIN"]
    assert classify_text("W. CHURCHILL TO J. V. STALIN")[0] == "heading"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("END SUMMARY.", "body"),
        ("STOESSEL", "name"),
        ("LIMITED OFFICIAL USE", "file_reference"),
        ("UNCLASSIFIED", "file_reference"),
        ("MRN: 1975MOSCOW03212", "file_reference"),
        ("TAGS: PFOR, CSCE, UR, US", "field"),
        ("E.O. 11652: GDS", "field"),
        ("INFO: AMEMBASSY LONDON", "field"),
    ],
)
def test_cable_line_kinds(line: str, kind: str) -> None:
    assert classify_text(line)[0] == kind


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12 MAR 1975", "1975-03-12"),
        ("MARCH 12, 1975", "1975-03-12"),
        ("3 Jun 1975", "1975-06-03"),
        ("1975 March 12, 00:00 (Wednesday)", "1975-03-12"),
    ],
)
def test_dates_in_capitals_and_without_stops(text: str, iso: str) -> None:
    assert [d.iso for d in find_dates(text)] == [iso]


def test_each_cable_is_one_document_between_its_classification_lines() -> None:
    text = _cable("1975MOSCOW03212", "10 MAR 1975", "AMEMBASSY MOSCOW", "SECSTATE WASHDC 4187",
                  "STOESSEL") + _cable("1975STATE056789", "12 MAR 1975", "SECSTATE WASHDC",
                                       "AMEMBASSY MOSCOW IMMEDIATE", "KISSINGER")  # fmt: skip
    docs = parse_text(text).documents
    assert [d.start_line for d in docs] == [1, 19]
    assert [d.classification.value for d in docs] == ["CONFIDENTIAL", "CONFIDENTIAL"]
    assert [d.signature.value for d in docs] == ["STOESSEL", "KISSINGER"]
    assert [d.kind.value for d in docs] == ["telegram", "telegram"]
    assert [(p.key, p.name) for p in docs[0].senders] == [
        ("amembassy_moscow", "American Embassy Moscow")
    ]
    assert [p.key for p in docs[0].recipients] == ["state_department"]
    assert docs[1].dates["dated"].value == "1975-03-12"


def test_a_ref_to_the_other_posts_cable_is_a_reply_and_to_its_own_a_citation() -> None:
    text = (
        _cable("1975MOSCOW03212", "10 MAR 1975", "AMEMBASSY MOSCOW", "SECSTATE WASHDC", "STOESSEL")
        + _cable("1975STATE056789", "12 MAR 1975", "SECSTATE WASHDC", "AMEMBASSY MOSCOW",
                 "KISSINGER", ref="MOSCOW 3212")
        + _cable("1975MOSCOW03390", "14 MAR 1975", "AMEMBASSY MOSCOW", "SECSTATE WASHDC",
                 "STOESSEL", ref="(A) STATE 56789 (B) MOSCOW 3212 (C) MOSCOW 2999")
    )  # fmt: skip
    source = parse_text(text)
    first, second, third = source.documents
    assert _references(second) == [("replies_to", first.id)]
    # MOSCOW 2999 is not in the file: a missing cable of the writer's own post
    assert _references(third) == [("replies_to", second.id), ("cites", first.id), ("cites", None)]
    evidence = next(link for link in third.links if link.type == "replies_to").evidence
    assert source.text[evidence.span.start : evidence.span.end] == "(A) STATE 56789"


def test_a_ref_of_the_year_before_is_found() -> None:
    text = _cable(
        "1974MOSCOW18877", "30 DEC 1974", "AMEMBASSY MOSCOW", "SECSTATE WASHDC", "STOESSEL"
    ) + _cable(
        "1975STATE000104", "2 JAN 1975", "SECSTATE WASHDC", "AMEMBASSY MOSCOW", "KISSINGER",
        ref="MOSCOW 18877",
    )  # fmt: skip
    first, second = parse_text(text).documents
    assert _references(second) == [("replies_to", first.id)]


def _references(doc) -> list[tuple[str, str]]:
    """The links a REF line makes (the texts alike here are also linked as text reuse)."""
    return [(link.type, link.target) for link in doc.links if link.type in ("replies_to", "cites")]
