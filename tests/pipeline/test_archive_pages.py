"""The rules the pages of online archives and ebooks need (FRUS online, the Avalon
Project, Project Gutenberg), one at a time; the pages themselves are in
tests/fixtures/layouts/ (frus_html_page.html, avalon_page.html,
gutenberg_letters_page.txt)."""

import pytest
from run_text import parse_text

from missive.pipeline.classify import classify_text, is_closing, roman_or_arabic
from missive.pipeline.posts import post_named

BODY = "I have received your letter and thank you for it. We shall speak of it soon."


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("the Embassy in the Soviet Union", "amembassy_soviet_union"),
        ("The Legation in Sweden", "amlegation_sweden"),
        ("the Consulate General at Shanghai", "amcongen_shanghai"),
        ("the Department of State", "state_department"),
        ("the British Embassy", None),
        ("the Secretary of State", None),
    ],
)
def test_posts_written_out(name: str, key: str | None) -> None:
    post = post_named(name)
    assert (post.key if post else None) == key


@pytest.mark.parametrize(
    ("text", "senders", "recipients"),
    [
        ("Telegram From the Embassy in France to the Department of State",
         ["the Embassy in France"], ["the Department of State"]),
        ("Letter of the President to Prime Minister Churchill",
         ["the President"], ["Prime Minister Churchill"]),
        ("Message from Premier Stalin to the President", ["Premier Stalin"], ["the President"]),
    ],
)  # fmt: skip
def test_record_headings_name_their_parties(text: str, senders: list, recipients: list) -> None:
    kind, info = classify_text(text)
    assert kind == "record_heading"
    assert (info["senders"], info["recipients"]) == (senders, recipients)


def test_a_letter_of_a_date_names_no_party() -> None:
    assert "senders" not in classify_text("Letter of March 3 to the President")[1]


def test_a_collection_to_someone_is_a_title_not_a_heading() -> None:
    assert classify_text("LETTERS TO STATESMEN.")[0] != "heading"
    assert classify_text("The Correspondence to Lord Grenville")[0] != "heading"


@pytest.mark.parametrize(
    ("text", "n"), [("LETTER XII.", 12), ("Letter 7", 7), ("EPISTLE XIX.", 19)]
)
def test_letters_numbered_by_ordinal(text: str, n: int) -> None:
    assert classify_text(text) == ("number", {"number": n, "kind": "letter"})


def test_roman_numerals() -> None:
    assert [roman_or_arabic(r) for r in ("IV", "IX", "XL", "XCIV", "12")] == [4, 9, 40, 94, 12]


@pytest.mark.parametrize(
    "text", ["With sincere respect,", "With kind regards,", "With best wishes,"]
)
def test_closings_with_respect_or_regards(text: str) -> None:
    assert is_closing(text)


def test_with_respect_inside_a_sentence_is_no_closing() -> None:
    assert not is_closing("With respect to the frontier, we agree.")


def test_a_surname_alone_before_the_next_heading_signs_the_document() -> None:
    text = f"1. The President to Marshal Stalin\n\n{BODY}\n\nRoosevelt\n\n2. Marshal Stalin to the President\n\n{BODY}\n"
    first, second = parse_text(text).documents
    assert first.signature.value == "Roosevelt"
    assert "Roosevelt" not in first.text


def test_a_one_word_paragraph_inside_a_letter_is_no_signature() -> None:
    text = f"1. The President to Marshal Stalin\n\n{BODY}\n\nAgreed.\n\n{BODY}\n"
    (doc,) = parse_text(text).documents
    assert doc.signature is None


def test_numbered_notes_under_each_document_without_a_heading() -> None:
    text = (
        "14. The President to Marshal Stalin1\n\nWashington, March 3, 1944.\n\n"
        f"{BODY}2\n\nRoosevelt\n\n1. Source: Roosevelt Papers.\n\n2. Not printed.\n\n"
        "15. Marshal Stalin to the President1\n\nMoscow, March 5, 1944.\n\n"
        f"{BODY}\n\n1. Source: Stalin's Correspondence.\n"
    )
    source = parse_text(text)
    first, second = source.documents
    assert [(n.number, n.text) for n in source.notes] == [
        (1, "Source: Roosevelt Papers."), (2, "Not printed."), (1, "Source: Stalin's Correspondence.")
    ]  # fmt: skip
    assert "Source" not in first.text and "Not printed" not in first.text


def test_numbered_paragraphs_nothing_points_at_stay_text() -> None:
    text = (
        "14. The President to Marshal Stalin\n\nWashington, March 3, 1944.\n\n"
        "1. The convoys will sail in May.\n\n2. The bombing goes on.\n\n"
        "15. Marshal Stalin to the President\n\nMoscow, March 5, 1944.\n\n" + BODY + "\n"
    )
    source = parse_text(text)
    assert not source.notes
    assert "convoys" in source.documents[0].text


GUTENBERG = (
    "The Project Gutenberg eBook of Letters, by A. Writer\n\nTitle: Letters\n\n"
    "*** START OF THE PROJECT GUTENBERG EBOOK LETTERS ***\n\nProduced by Volunteers.\n\n"
    "LETTER I.\n\nTO MR. JOHN JAY.\n\nSIR,\n\n" + BODY + "[1]\n\n"
    "[Footnote 1: Jay was then\nin Madrid.]\n\n"
    + BODY
    + "\n\nB. FRANKLIN.\n\nPassy, May 1, 1780.\n\n"
    "*** END OF THE PROJECT GUTENBERG EBOOK LETTERS ***\n\n"
    "Section 1. General Terms of Use and Redistributing Project Gutenberg works.\n\n"
    "1.A. By reading or using any part of this Project Gutenberg work, you agree.\n"
)


def test_an_ebook_is_read_inside_its_frame() -> None:
    source = parse_text(GUTENBERG)
    (doc,) = source.documents
    assert (doc.number.value, doc.number_printed) == (1, True)
    assert doc.dates["dated"].value == "1780-05-01"
    assert "General Terms" not in doc.text and "Volunteers" not in doc.text


def test_an_ebooks_bracketed_footnote_is_the_paragraphs_note() -> None:
    source = parse_text(GUTENBERG)
    (doc,) = source.documents
    assert [(n.number, n.text) for n in source.notes] == [(1, "Jay was then in Madrid.")]
    assert [ref.number for ref in doc.note_refs] == [1]
    assert "[1]" not in doc.text and "Footnote" not in doc.text


def test_a_telegrams_opening_number_is_what_the_answer_names() -> None:
    text = (
        "14. Telegram From the Embassy in the Soviet Union to the Department of State\n\n"
        "Moscow, March 3, 1947—7 p.m.\n\n612. Vyshinski received me this afternoon.\n\n"
        "Kennan\n\n"
        "15. Telegram From the Department of State to the Embassy in the Soviet Union\n\n"
        "Washington, March 6, 1947—6 p.m.\n\n403. Your 612, March 3. Department approves.\n\n"
        "Acheson\n\n"
        "16. Telegram From the Embassy in the Soviet Union to the Department of State\n\n"
        "Moscow, March 8, 1947—2 p.m.\n\n655. Department’s 403, March 6. We shall act.\n\n"
        "Kennan\n"
    )
    first, second, third = parse_text(text).documents
    assert [(link.type, link.target) for link in second.links] == [("replies_to", first.id)]
    assert [(link.type, link.target) for link in third.links] == [("replies_to", second.id)]
    assert [p.key for p in first.senders] == ["amembassy_soviet_union"]
    assert [p.name for p in first.senders] == ["American Embassy in the Soviet Union"]


def test_a_page_of_one_document_ends_with_its_source_note() -> None:
    text = (
        "14. The President to Marshal Stalin1\n\nWashington, March 3, 1944.\n\n"
        f"{BODY}\n\nRoosevelt\n\n1. Source: Roosevelt Papers, Map Room File.\n\n"
        "Office of the Historian\n"
    )
    source = parse_text(text)
    (doc,) = source.documents
    assert [(n.number, n.text) for n in source.notes] == [
        (1, "Source: Roosevelt Papers, Map Room File.")
    ]
    assert "Source" not in doc.text and doc.signature.value == "Roosevelt"


@pytest.mark.parametrize(
    "line", ["LETTER XII.—TO THE EARL OF CHATHAM.", "LETTER XII.--TO THE EARL OF CHATHAM.",
             "Letter 12. To the Earl of Chatham."],
)  # fmt: skip
def test_a_letters_ordinal_and_its_addressee_on_one_line(line: str) -> None:
    kind, info = classify_text(line)
    assert (kind, info["number"], info["senders"]) == ("number", 12, [])
    assert [r.upper() for r in info["recipients"]] == ["THE EARL OF CHATHAM"]


def test_an_ebooks_footnotes_gathered_at_the_end() -> None:
    text = GUTENBERG.replace("[Footnote 1: Jay was then\nin Madrid.]\n\n", "").replace(
        "*** END OF", "FOOTNOTES:\n\n[1] Jay was then in Madrid.\n\n*** END OF"
    )
    source = parse_text(text)
    (doc,) = source.documents
    assert [(n.number, n.text) for n in source.notes] == [(1, "Jay was then in Madrid.")]
    assert [ref.number for ref in doc.note_refs] == [1]


def test_an_ebooks_footnote_keyed_by_a_letter_is_the_paragraphs_note() -> None:
    text = GUTENBERG.replace("[1]", "[A]").replace("[Footnote 1:", "[Footnote A:")
    source = parse_text(text)
    (doc,) = source.documents
    assert [(n.number, n.text) for n in source.notes] == [(1, "Jay was then in Madrid.")]
    assert [(ref.number, ref.note) for ref in doc.note_refs] == [(1, 1)]
    assert "[A]" not in doc.text and "Footnote" not in doc.text


def test_a_bracketed_capital_standing_alone_is_no_marker() -> None:
    text = GUTENBERG.replace(BODY + "[1]", "Article [A] of the treaty stands.[1]")
    source = parse_text(text)
    (doc,) = source.documents
    assert [ref.number for ref in doc.note_refs] == [1]
    assert "Article [A] of the treaty stands." in doc.text


def test_an_ebooks_lettered_footnotes_gathered_at_the_end() -> None:
    text = (
        GUTENBERG.replace("[Footnote 1: Jay was then\nin Madrid.]\n\n", "")
        .replace("[1]", "[A]")
        .replace("*** END OF", "FOOTNOTES:\n\n[A] Jay was then in Madrid.\n\n*** END OF")
    )
    source = parse_text(text)
    (doc,) = source.documents
    assert [(n.number, n.text) for n in source.notes] == [(1, "Jay was then in Madrid.")]
    assert [(ref.number, ref.note) for ref in doc.note_refs] == [(1, 1)]
    assert "[A]" not in doc.text
