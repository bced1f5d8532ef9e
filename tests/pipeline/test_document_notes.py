"""Notes printed under each document (an online edition of papers: each document's
own "Notes" with its source note and numbered notes, then the next heading); the page:
tests/fixtures/layouts/founders_notes_page.txt."""

import pytest
from run_text import parse_text

from missive.pipeline.classify import is_closing
from missive.serialize import document_to_dict


def _letter(heading: str, marker_text: str, notes: str) -> str:
    return (
        f"{heading}\n\nPhiladelphia Mar. 3. 1792.\n\nSir\n\n"
        f"I have the honor to inclose you the draught of a letter to Mr. Hammond,{marker_text} "
        "and shall be glad to receive your corrections of it before it goes.\n\n"
        "I have the honor to be Sir your most obedient & most humble servt\n\nTh: Jefferson\n\n"
        f"{notes}\n"
    )


FIRST = _letter(
    "To George Washington from Thomas Jefferson, 3 March 1792",
    "1",
    "Notes\n\nRC (DLC: Washington Papers); endorsed by Washington.\n\n"
    "1. The enclosed draft has not been found.\n\n2. Not printed.",
)
SECOND = _letter(
    "To James Madison from Thomas Jefferson, 4 March 1792",
    "1",
    "Notes\n\nPrC (DLC).\n\n1. Madison's reply has not been found.",
)


def test_notes_under_each_document_are_no_part_of_it() -> None:
    source = parse_text(FIRST + "\n" + SECOND)
    first, second = source.documents
    assert first.text.endswith("before it goes.")
    assert "RC (DLC" not in first.text and "Notes" not in first.text
    assert [p.key for p in second.recipients] == ["madison"]
    assert [(n.number, n.text) for n in source.notes] == [
        (0, "RC (DLC: Washington Papers); endorsed by Washington."),
        (1, "The enclosed draft has not been found."),
        (2, "Not printed."),
        (0, "PrC (DLC)."),
        (1, "Madison's reply has not been found."),
    ]


def test_each_document_exports_its_own_notes() -> None:
    source = parse_text(FIRST + "\n" + SECOND)
    exported = [document_to_dict(doc, source)["notes"] for doc in source.documents]
    assert exported == [
        [
            {"number": 1, "text": "The enclosed draft has not been found."},
            {"number": 0, "text": "RC (DLC: Washington Papers); endorsed by Washington."},
        ],
        [
            {"number": 1, "text": "Madison's reply has not been found."},
            {"number": 0, "text": "PrC (DLC)."},
        ],
    ]


@pytest.mark.parametrize("siglum", ["RC (DLC: Washington Papers).", "FC (DLC: TJ Papers)",
                                    "Tr (MHi: Adams Papers)."])  # fmt: skip
def test_the_source_note_heading_the_notes_is_a_note_of_the_letter(siglum: str) -> None:
    text = FIRST.replace("RC (DLC: Washington Papers); endorsed by Washington.", siglum)
    source = parse_text(text + "\n" + SECOND)
    first = source.documents[0]
    (ref,) = [r for r in first.note_refs if r.form == "source"]
    assert (ref.number, ref.note, ref.evidence.text) == (0, 0, siglum)
    assert "source note" in ref.evidence.rule
    assert not any("note 0" in w for w in source.warnings)
    assert siglum not in first.text


def test_a_notes_section_that_no_document_follows_is_the_volumes() -> None:
    source = parse_text(FIRST)
    (doc,) = source.documents
    assert "Notes" not in doc.text
    assert [n.number for n in source.notes] == [1, 2]


@pytest.mark.parametrize("line", ["Yrs. affecly.", "Yr. obt. Servt.", "Yrs affectly"])
def test_a_clerks_abbreviated_subscription_is_a_closing(line: str) -> None:
    assert is_closing(line)
