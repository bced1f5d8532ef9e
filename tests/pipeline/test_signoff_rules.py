"""How a letter opens and signs off: a salutation run into the body's first line, a
closing set over several lines, a signature with the editor's brackets, a surname
alone as signature (the page: tests/fixtures/layouts/consular_despatches_page.txt)."""

import pytest
from run_text import parse_text

from missive.model import CERTAIN, PROBABLE
from missive.pipeline.signatures import expand_editorial, signed_name

DATELINE = "                                   Liverpool, November 2, 1861."
BODY = (
    "I have the honor to inform you that the steamer Bermuda has again cleared from this "
    "port with a cargo of arms."
)


def _letter(body: str, foot: str, head: str = "Mr. Dudley to Mr. Seward.") -> str:
    return f"{head}\n\n{DATELINE}\n\n{body}\n\n{foot}\n"


def test_a_salutation_run_into_the_first_line_is_the_salutation() -> None:
    source = parse_text(_letter(f"SIR: {BODY}", "I am, sir, your obedient servant,"))
    (doc,) = source.documents
    assert doc.salutation.value == "SIR:"
    span = doc.salutation.evidence.span
    assert source.text[span.start : span.end] == "SIR:"
    assert doc.text.startswith("I have the honor to inform you")


def test_a_dear_salutation_run_in_with_a_comma() -> None:
    text = _letter(
        "My dear General, Your letter of the 3d reached me this morning.", "Yours truly,"
    )
    (doc,) = parse_text(text).documents
    assert doc.salutation.value == "My dear General,"
    assert doc.text.startswith("Your letter of the 3d")


def test_an_address_inside_the_body_is_no_salutation() -> None:
    body = f"{BODY}\nSir, I must add that the collector has refused to act upon the report."
    (doc,) = parse_text(_letter(body, "I am, sir, your obedient servant,")).documents
    assert doc.salutation is None
    assert "Sir, I must add" in doc.text


@pytest.mark.parametrize(
    ("foot", "closing", "signature"),
    [
        ("I have the honor to be, Sir,\nYour obedient servant,\n\n   T. H. DUDLEY.",
         "I have the honor to be, Sir, Your obedient servant,", "T. H. DUDLEY."),
        ("I am, Sir,\nYour obedient servant,\n                T. H. Dudley",
         "I am, Sir, Your obedient servant,", "T. H. Dudley"),
        ("Very respectfully,\nYour obedient servant,\nT. H. Dudley",
         "Very respectfully, Your obedient servant,", "T. H. Dudley"),
    ],
)  # fmt: skip
def test_a_closing_over_several_lines_is_recorded_whole(
    foot: str, closing: str, signature: str
) -> None:
    (doc,) = parse_text(_letter(f"SIR: {BODY}", foot)).documents
    assert doc.closing.value == closing
    assert doc.signature.value == signature
    assert not doc.text.endswith(",")


def test_the_editors_brackets_stay_in_the_signature_and_leave_the_name() -> None:
    foot = "I remain Dear Sir\nyour most obedt. humble Servt.\nW[illiam] Hope"
    (doc,) = parse_text(_letter(f"Dear Sir\n\n{BODY}", foot, head="")).documents
    assert doc.signature.value == "W[illiam] Hope"
    assert [(p.key, p.name) for p in doc.senders] == [("hope", "William Hope")]
    assert doc.closing.value == "I remain Dear Sir your most obedt. humble Servt."


def test_an_editors_completion_of_the_surname_names_the_writer() -> None:
    foot = "I am, Sir, your obedient servant,\n                    T. H. Dud[ley]"
    (doc,) = parse_text(_letter(f"SIR: {BODY}", foot, head="")).documents
    assert [(p.key, p.name) for p in doc.senders] == [("dudley", "T. H. Dudley")]


def test_a_bare_surname_under_the_closing_signs_with_less_confidence() -> None:
    foot = "I am, Sir,\nYour most obedient humble servant,\n\n                    LAYARD."
    (doc,) = parse_text(_letter(f"Sir: {BODY}", foot, head="")).documents
    assert doc.signature.value == "LAYARD."
    (sender,) = doc.senders
    assert (sender.key, sender.name) == ("layard", "Layard")
    assert sender.confidence == PROBABLE < CERTAIN


def test_a_bare_surname_set_to_the_right_under_the_body_signs() -> None:
    text = _letter(BODY, "                                        RUSSELL.", head="")
    (doc,) = parse_text(text).documents
    assert [p.key for p in doc.senders] == ["russell"]


def test_a_section_line_after_the_addressee_is_no_signature() -> None:
    foot = (
        "I am, sir, your obedient servant,\n              WILLIAM H. SEWARD.\n\n"
        "CHARLES FRANCIS ADAMS, Esq., &c., &c., &c.\n\nFRANCE.\n"
    )
    docs = parse_text(_letter(f"SIR: {BODY}", foot, head="Mr. Seward to Mr. Adams.")).documents
    assert docs[0].signature.value == "WILLIAM H. SEWARD."
    assert [p.key for p in docs[0].senders] == ["seward"]


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("W[illiam] Hope", "William Hope"),
        ("Th[omas] Jeff[erson]", "Thomas Jefferson"),
        ("[Thomas Jefferson]", "Thomas Jefferson"),
        ("THOS. H. DUDLEY.", "Thos. H. Dudley"),
        ("(Signed) CLARENDON.", "Clarendon"),
        ("E. R. STETTINIUS, JR.", "E. R. Stettinius, Jr."),
    ],
)
def test_the_name_a_signature_gives(printed: str, name: str) -> None:
    assert signed_name(printed) == name


def test_brackets_that_are_no_editors_completion_stay() -> None:
    assert expand_editorial("Hope [illegible] Brothers") == "Hope [illegible] Brothers"
