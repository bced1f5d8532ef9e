import pytest

from missive.pipeline.dates import find_dates, parse_date_line, trailing_date


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("January 5, 1943", "1943-01-05"),
        ("5 January 1943", "1943-01-05"),
        ("August 19th, 1943", "1943-08-19"),
        ("[September 13, 1944.]", "1944-09-13"),
        ("13 November, 1943", "1943-11-13"),
        ("Moscow, June 10, 1944—7 p.m.", "1944-06-10"),
        ("November 29, 1943 51", "1943-11-29"),
    ],
)
def test_date_lines_in_every_common_form(line, iso):
    assert parse_date_line(line).date.iso == iso


def test_a_sentence_with_a_date_is_not_a_date_line():
    assert parse_date_line("Your message of June 19, 1943 received.") is None


def test_dateline_keeps_place_and_marker():
    parsed = parse_date_line("The White House, January 5, 1943 27")
    assert (parsed.place, parsed.marker) == ("The White House", 27)


def test_yearless_dates_only_when_asked():
    assert find_dates("your message of February 16") == []
    assert [d.iso for d in find_dates("your message of February 16", yearless=True)] == ["--02-16"]


def test_impossible_date_is_ignored():
    assert find_dates("February 30, 1943") == []


def test_date_fused_onto_the_end_of_a_sentence():
    assert trailing_date("another blow to Hitler. October 14, 1943").iso == "1943-10-14"
    assert trailing_date("on October 14, 1943 we met") is None
