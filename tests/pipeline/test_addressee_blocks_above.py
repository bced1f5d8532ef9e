"""The addressee's block above the salutation of American and British official letters
("The Honorable / Cordell Hull, / Secretary of State, / Washington." over "Sir:")."""

from run_text import parse_text

from missive.model import CERTAIN

BODY = "I have the honor to report that the Commissar received me this afternoon at length."


def _letter(date: str, block: str, signature: str = "W. A. Harriman") -> str:
    return f"AMERICAN EMBASSY,\nMoscow, {date}.\n\n{block}\n\nSir:\n\n{BODY}\n\nRespectfully yours,\n{signature}\n"


def test_a_person_named_in_the_block_is_the_recipient() -> None:
    block = "The Honorable\n     Cordell Hull,\n          Secretary of State,\n               Washington."
    doc = parse_text(_letter("January 14, 1944", block)).documents[0]
    assert [p.key for p in doc.recipients] == ["hull"]
    assert (
        doc.recipients[0].evidence.rule == "address block above the salutation names the addressee"
    )
    assert doc.recipients[0].evidence.confidence == CERTAIN
    assert [p.key for p in doc.senders] == ["harriman"]


def test_an_office_in_the_block_is_its_holder_on_the_date() -> None:
    block = "The Honorable\n     The Secretary of State,\n          Washington."
    early, late = (
        parse_text(_letter(date, block)).documents[0]
        for date in ("February 2, 1944", "December 4, 1944")
    )
    assert [p.key for p in early.recipients] == ["hull"]
    assert [p.key for p in late.recipients] == ["stettinius"]
    assert "office" in late.recipients[0].evidence.rule
    assert late.recipients[0].evidence.confidence < CERTAIN


def test_a_block_that_opens_the_letter_starts_it() -> None:
    first = _letter("January 14, 1944", "The Honorable\n     Cordell Hull,\n          Washington.")
    second = (
        f"The Honorable\n     W. Averell Harriman,\n          American Ambassador,\n"
        f"               Moscow.\n\nSir:\n\n{BODY}\n\nVery truly yours,\nCordell Hull\n"
    )
    docs = parse_text(first + "\n" + second).documents
    assert [(d.start_line, [p.key for p in d.recipients]) for d in docs] == [
        (1, ["hull"]),
        (15, ["harriman"]),
    ]


def test_an_institution_over_the_dateline_heads_the_letter() -> None:
    text = _letter("January 14, 1944", "The Honorable\n     Cordell Hull,\n          Washington.")
    text += f"\nDEPARTMENT OF STATE,\nWashington, February 21, 1944.\n\nSir:\n\n{BODY}\n\nCordell Hull\n"
    docs = parse_text(text).documents
    assert [d.start_line for d in docs] == [1, 15]
    assert docs[1].place.value == "Washington"
    assert docs[1].dates["dated"].value == "1944-02-21"


def test_an_honorific_paragraph_without_a_salutation_after_it_is_body_text() -> None:
    text = (
        f"Moscow, January 14, 1944.\n\nSir:\n\n{BODY}\n\nThe Honorable gentleman spoke "
        f"for an hour.\n\n{BODY}\n\nRespectfully yours,\nW. A. Harriman\n"
    )
    doc = parse_text(text).documents[0]
    assert not any(p.evidence.rule.startswith("address block") for p in doc.recipients)
    assert len(doc.body) == 3


def test_a_british_block_with_post_nominals_names_the_recipient() -> None:
    text = (
        "British Embassy,\nMoscow, 14th March, 1944.\n\nThe Right Honourable\n"
        "     Anthony Eden, M.C., M.P.,\n          &c., &c., &c.\n\nSir,\n\n"
        f"{BODY}\n\nI have the honour to be, with the highest respect,\nSir,\n"
        "Your most obedient, humble Servant,\nArchibald Clark Kerr\n"
    )
    doc = parse_text(text).documents[0]
    assert [p.key for p in doc.recipients] == ["eden"]
    assert doc.dates["dated"].value == "1944-03-14"
