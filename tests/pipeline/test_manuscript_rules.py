"""The rules a transcribed manuscript letter needs: the receipt an endorsement notes,
a year the editor supplied in brackets, a closing set over short lines with no stop,
a postscript after the signature, the address on the cover, an editor's expansion
inside the signature ("W[illiam] Hope"); the editor's "[torn]", "[illegible]", "[sic]"
and interlined "^now^" / "<duly>" stay in the text as transcribed."""

import pytest
from run_text import parse_text

from missive.model import CERTAIN
from missive.pipeline.classify import classify_text, endorsement, is_closing
from missive.pipeline.date_evidence import YEAR_FROM_EDITOR, YEAR_FROM_OWN_DATE
from missive.pipeline.dates import parse_date_line

BODY = (
    "Your favour of the 2d Ulto. came to hand [torn] and the cargo is ^now^ sold, the "
    "market being glutted with coffee from the [illegible] Islands; the ballance [sic] <duly> paid."
)


def _letter(dateline: str, foot: str) -> str:
    return (
        f"Henry Hope to John Williams\n\n                              {dateline}\n\n"
        f"Dear Sir\n\n{BODY}\n\nI remain Dear Sir\nyour most obedt. humble Servt.\nHenry Hope\n\n"
        f"{foot}\n"
    )


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Endorsed: Recd. 3 Mar. 1801. Ansd. 10 Mar.", "1801-03-03"),
        ("Docketed by Jefferson: Received 5 May 1790.", "1790-05-05"),
        ("Endorsed: Recd. 3 Mar.", "--03-03"),
    ],
)
def test_an_endorsement_notes_the_receipt(line: str, iso: str) -> None:
    info = endorsement(line)
    assert (info["role"], info["date"]) == ("received", iso)
    assert info["date_text"] in line


def test_an_endorsement_without_a_receipt_is_none() -> None:
    assert endorsement("Endorsed: Mr. Williams's letter about the Minerva") is None


def test_a_letter_with_postscript_and_endorsement_is_one_document() -> None:
    foot = "P.S. The Minerva sails for Hull on the 20th.\n\nEndorsed: Recd. 3 Mar. Ansd. 10 Mar."
    (doc,) = parse_text(_letter("Amsterdam 14 Feby. 1801", foot)).documents
    assert doc.text.endswith("P.S. The Minerva sails for Hull on the 20th.")
    assert "[torn]" in doc.text and "^now^" in doc.text and "<duly>" in doc.text
    received = doc.dates["received"]
    assert received.value == "1801-03-03"
    assert YEAR_FROM_OWN_DATE in received.evidence.rule
    assert doc.signature.value == "Henry Hope"


def test_a_year_in_the_editors_brackets_says_so() -> None:
    parsed = parse_date_line("Hull 28 March [1801]")
    assert (parsed.date.iso, parsed.place, parsed.editor_year) == ("1801-03-28", "Hull", True)
    (doc,) = parse_text(_letter("Hull 28 March [1801]", "")).documents
    dated = doc.dates["dated"]
    assert YEAR_FROM_EDITOR in dated.evidence.rule and dated.evidence.confidence < CERTAIN


@pytest.mark.parametrize(
    "line",
    ["I remain Dear Sir", "your most obedt. humble Servt.", "Yours very sincerely",
     "Your affectionate Brother", "I am, dear Madam,"],
)  # fmt: skip
def test_a_manuscript_closing_line(line: str) -> None:
    assert is_closing(line)


@pytest.mark.parametrize("line", ["Yours of the 5th came today.", "Your Excellency", "I am sure"])
def test_lines_that_are_no_closing(line: str) -> None:
    assert not is_closing(line)


def test_the_signature_with_an_editors_expansion() -> None:
    assert classify_text("W[illiam] Hope") == ("name", {"text": "William Hope"})


def test_the_address_on_the_cover_names_the_addressee() -> None:
    text = (
        "                              London March 10th. 1801\n\nDear Sir\n\n"
        f"{BODY}\n\nI am Dear Sir\nYours very sincerely\nJno. Williams\n\n"
        "Addressed: Henry Hope Esqr. / Amsterdam\n"
    )
    (doc,) = parse_text(text).documents
    assert [p.key for p in doc.recipients] == ["hope"]
    assert [p.key for p in doc.senders] == ["williams"]
