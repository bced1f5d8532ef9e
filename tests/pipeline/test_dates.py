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
        ("FOREIGN OFFICE, August 23, 1939, 10 p.m.", "1939-08-23"),
        ("BERLIN, August 23, 1939, 7.30 p.m.", "1939-08-23"),
        ("Sunday, March 5, 1944", "1944-03-05"),
        # the older clerks' forms: abbreviations with raised letters, a stop after the day
        ("Feby. 4. 1790", "1790-02-04"),
        ("Sepr. 20. 1789", "1789-09-20"),
        ("Octr. 4th 1790", "1790-10-04"),
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


@pytest.mark.parametrize(
    ("line", "place", "iso"),
    [
        ("Paris Sep. 19. 1789.", "Paris", "1789-09-19"),
        ("New York Feby. 4. 1790", "New York", "1790-02-04"),
        ("London 24th January 1790", "London", "1790-01-24"),
        ("Moscow, Sunday, March 5, 1944", "Moscow", "1944-03-05"),
    ],
)
def test_a_place_before_its_date_with_or_without_a_comma(line, place, iso):
    parsed = parse_date_line(line)
    assert (parsed.place, parsed.date.iso) == (place, iso)


def test_a_weekday_or_a_verb_before_a_date_is_no_place():
    assert parse_date_line("Sunday 5 March 1944").place is None
    assert parse_date_line("Received 5 March 1944") is None


@pytest.mark.parametrize(
    ("line", "place", "iso"),
    [
        # an editor's place in brackets, with or without its comma
        ("[Boston] April 3 1787", "Boston", "1787-04-03"),
        ("[Paris,] 9 June 1871", "Paris", "1871-06-09"),
        # the clerks' abbreviations with their stop left off
        ("Annapolis 4th Decr 1783", "Annapolis", "1783-12-04"),
        ("Richmond Augt 2d 1781.", "Richmond", "1781-08-02"),
        # a common noun in a place before its comma; a place after a comma-place
        ("Navy department, Washington, May 2, 1861.", "Navy department, Washington", "1861-05-02"),
        ("STATE HOUSE, ALBANY March 1, 1861.", "STATE HOUSE, ALBANY", "1861-03-01"),
        # a clerk's times: "12.10", "3.25pm", "6 pm."
        ("ALBANY, March 1, 1861, 12.10", "ALBANY", "1861-03-01"),
        ("ALBANY, March 1, 1861. 3.25pm", "ALBANY", "1861-03-01"),
        ("Albany, March 1 1861 6 pm.", "Albany", "1861-03-01"),
    ],
)
def test_older_datelines_with_their_places(line, place, iso):
    parsed = parse_date_line(line)
    assert (parsed.place, parsed.date.iso) == (place, iso)


def test_a_closing_before_a_date_is_no_place():
    assert parse_date_line("Yours, Hopkins March 3, 1943") is None


def test_a_place_ending_in_an_initial_keeps_its_stop():
    assert parse_date_line("Culpeper C. H. May 2 1863").place == "Culpeper C. H."
    assert parse_date_line("Boston, May 2, 1863.").place == "Boston"


def test_an_addressee_before_a_date_is_no_place():
    parsed = parse_date_line("Major General Meade June 15, 1863")
    assert (parsed.place, parsed.date.iso) == (None, "1863-06-15")
    assert parse_date_line("Mr Seward June 15, 1863") is None  # a title alone: no dateline


def _date_line_variants():
    """Date lines in many shapes: a place or addressee before, a time, marker, dual
    date or the editor's year after, and near misses."""
    befores = ["", "Moscow, ", "[London,] ", "[New York] ", "EXECUTIVE MANSION, WASHINGTON ",
               "General Hooker ", "Sunday, ", "Sent on ", "The Ambassador (Kennan) to ",
               "Head-Quarters Army of the Potomac "]  # fmt: skip
    dates = ["January 5, 1943", "5 January 1943", "Feby. 4. 1790", "Decr 11 1793",
             "February 30, 1943", "1943-01-05", "1975 March 12", "January 28 (February 9), 1854",
             "16/28 February 1854", "28 March [1801]", "August 19th, 1943", "May 5"]  # fmt: skip
    afters = ["", ".", " 51", "—7 p.m.", ", noon", ".]", " and more", " (Harriman)"]
    for before in befores:
        for date in dates:
            for after in afters:
                yield before + date + after


def test_the_shortcuts_read_every_line_as_the_whole_pattern_does():
    from missive.pipeline.dates import _date_line_in_full

    for line in _date_line_variants():
        assert parse_date_line(line) == _date_line_in_full(line), line
