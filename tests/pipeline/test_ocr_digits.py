"""OCR's misread digits, broken months and specks: read for what they are, quoted as
printed, and less sure than a clean reading (tests/fixtures/layouts/ocr_noise_page.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from missive.model import CERTAIN
from missive.pipeline import run
from missive.pipeline.normalize import cleaned_lines, join_paragraph
from missive.pipeline.ocr_digits import digits_from_letters, ocr_reading
from missive.sources import read_source

PAGE = Path(__file__).parents[1] / "fixtures" / "layouts" / "ocr_noise_page.txt"


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("Washington, Jan. l5, l943.", "Washington, Jan. 15, 1943."),
        ("Moscow, I943", "Moscow, 1943"),
        ("1O43", "1043"),
        ("No. l2", "No. 12"),
        ("February ll, 1943", "February 11, 1943"),
        (". , Moscow, January 2O, 1943.", "    Moscow, January 20, 1943."),
    ],
)
def test_reading_undoes_ocr_misreadings_in_place(printed: str, read: str) -> None:
    assert ocr_reading(printed) == read
    assert len(ocr_reading(printed)) == len(printed)


@pytest.mark.parametrize(
    "printed",
    [
        "I went to lOndon in 1943 and saw Ol and Il.",  # words are never rewritten
        "Washington, Jnne 3, 1943.",  # a mangled month is not guessed
        "He called on me at ll o'clock in 1943.",  # no month before the letters
    ],
)
def test_reading_leaves_words_alone(printed: str) -> None:
    assert ocr_reading(printed) == printed


def test_digits_from_letters_only_when_a_letter_became_a_digit() -> None:
    assert digits_from_letters("l943", "1943")
    assert not digits_from_letters(". , Moscow", "    Moscow")


@pytest.fixture(scope="module")
def documents():
    return run(read_source(PAGE)).documents


def test_dates_read_from_letters_quote_the_print_and_are_less_sure(documents) -> None:
    dated = documents[0].dates["dated"]
    assert dated.value == "1943-01-15"
    assert "Jan. l5, l943" in dated.evidence.text
    assert "OCR" in dated.evidence.rule
    joined = documents[2].dates["dated"]  # "Febru- ary ll, 1943": month joined, day read
    assert joined.value == "1943-02-11"
    assert "February ll, 1943" in joined.evidence.text
    assert dated.evidence.confidence < CERTAIN


def test_number_read_from_letters_is_printed_but_less_sure(documents) -> None:
    first, second = documents[0].number, documents[1].number
    assert (first.value, second.value) == (12, 13)
    assert first.evidence.text == "No. l2"
    assert first.evidence.confidence < second.evidence.confidence


def test_a_mangled_month_leaves_the_date_unknown(documents) -> None:
    assert "dated" not in documents[3].dates


@pytest.mark.parametrize(
    "text", ["Washington, Sept- ember 3, 1943.", "Washington, Sept-\nember 3, 1943."]
)
def test_a_month_broken_by_a_hyphen_is_joined(text: str) -> None:
    assert join_paragraph(cleaned_lines(text)) == "Washington, September 3, 1943."


def test_a_dateline_broken_by_a_line_end_hyphen_is_read_whole(tmp_path: Path) -> None:
    page = tmp_path / "letter.txt"
    page.write_text(
        "No. 5\n\nPresident Roosevelt to Marshal Stalin\n\nWashington, Sept-\n"
        "ember 3, 1943.\n\nMy dear Marshal Stalin:\n\nI have your message and thank you "
        "for it.\n\nFRANKLIN D. ROOSEVELT\n",
        encoding="utf-8",
    )
    (document,) = run(read_source(page)).documents
    dated = document.dates["dated"]
    assert dated.value == "1943-09-03"
    assert dated.evidence.text == "Washington, September 3, 1943."
