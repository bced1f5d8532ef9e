"""What archive records and printed dispatches write around a message: the kind before
the parties ("Ciphered Telegram, X to Y"), a cover name with the editor's identification
("Feng Xi [Stalin]"), cities in the "From:"/"To:" lines (no person), a body of people in
a field, a record's description run on after a name; dates in figures on "Sent"/
"Received" lines; a salutation run in under the heading; the cut-short "I am, &c.,"."""

import pytest

from missive import pipeline
from missive.authority import load
from missive.model import Document, Source
from missive.pipeline.classify import sent_or_received
from missive.pipeline.dates import find_new_style_dates, numeric_dates, parse_date_line
from missive.pipeline.parties import PartyResolver

BODY = "The repairs on the northern line will be finished within ten days, as promised."


def _parse(text: str) -> list[Document]:
    source = Source(name="t.txt", path="t.txt", sha256="0", format="txt", text=text)
    return pipeline.run(source).documents


@pytest.fixture(scope="module")
def resolver() -> PartyResolver:
    source = Source(name="t.txt", path="t.txt", sha256="0", format="txt", text=BODY)
    return PartyResolver(source, load())


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ciphered Telegram", None),  # the kind, no sender
        ("Strictly Secret Letter", None),
        ("Feng Xi [Stalin]", "stalin"),  # a cover name, and the editor's identification
        ("Filippov (Stalin)", "stalin"),
        ("Sir N. Henderson (Berlin)", "henderson"),  # a post in brackets stays a post
        ("NEW YORK", None),  # a city names no person
        ("Moscow", None),
        ("Isaiah Berlin", "berlin"),  # a surname that is also a city's name
        ("Stalin describing Kim Il Sung's reaction to the letter of August 29", "stalin"),
        ("Associated Places", None),  # a web page's label
        ("Original Uploaded Date", None),
        ("Lord Lyons", "lyons"),
    ],
)
def test_names_in_record_headings_and_fields(resolver, name, key):
    assert resolver.resolve_name(name, "1950-10-14") == key


def test_cities_in_from_and_to_lines_name_no_one():
    (doc,) = _parse(f"From: NEW YORK\nTo: MOSCOW\n\n{BODY}\n")
    assert (doc.senders, doc.recipients) == ([], [])


def test_a_body_of_people_in_a_from_line_is_no_sender():
    text = f"From: Kyiv, NKVD of the Ukrainian SSR\nTo: Moscow, Comrade Molotov\n\n{BODY}\n"
    (doc,) = _parse(text)
    assert [p.key for p in doc.senders] == []
    assert [p.key for p in doc.recipients] == ["molotov"]


def test_the_kind_before_the_parties_is_no_sender():
    (doc,) = _parse(f"Ciphered Telegram, Razuvaev to Feng Xi (Stalin)\n\n{BODY}\n\nRAZUVAEV\n")
    assert [p.key for p in doc.senders] == ["razuvaev"]
    assert [p.key for p in doc.recipients] == ["stalin"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("10/14/50 at 03:15 a.m.", "1950-10-14"),  # month first: an American typist's
        ("14/10/1950", "1950-10-14"),  # a day over 12 comes first
        ("31.8.50 11:32", "1950-08-31"),  # day first, with stops
        ("24.III.50 Shtykov", "1950-03-24"),  # the month in Roman figures
        ("8.II.1950", "1950-02-08"),
        ("version 1.2.3", None),
        ("31.13.50", None),
    ],
)
def test_dates_in_figures(text, iso):
    found = numeric_dates(text)
    assert (found[0].iso if found else None) == iso


def test_figures_are_read_only_where_no_date_is_written_out():
    (found,), _ = find_new_style_dates("on 3 May 1944, ref. 10/14/50")
    assert found.iso == "1944-05-03"


@pytest.mark.parametrize(
    ("line", "role", "iso"),
    [
        ("Sent by wire on 10/14/50 at 03:15 a.m.", "sent", "1950-10-14"),
        ("Received in Moscow on 10/14/50 at 6:36 a.m.", "received", "1950-10-14"),
        ("Sent 31.8.50 11:32", "sent", "1950-08-31"),
    ],
)
def test_sent_and_received_lines_in_figures(line, role, iso):
    info = sent_or_received(line)
    assert (info["role"], info["date"]) == (role, iso)


@pytest.mark.parametrize(
    ("salutation_line", "salutation"),
    [
        ("Sir: I have the honor to acknowledge the receipt of your note.", "Sir:"),
        ("My Lord: 1 have received your despatch of the 12th ultimo.", "My Lord:"),
    ],
)
def test_a_salutation_run_in_right_under_the_heading(salutation_line, salutation):
    (doc,) = _parse(f"Mr. Seward to Lord Lyons.\n{salutation_line}\n\n{BODY}\n")
    assert doc.salutation.value == salutation
    assert not doc.text.startswith(salutation)


@pytest.mark.parametrize("closing", ["I am, &c.,", "I have, &c.", "Believe me, &c., &c."])
def test_a_cut_short_closing_over_the_signature(closing):
    (doc,) = _parse(f"Earl Grey to Lord Elgin.\n\nMy Lord,\n\n{BODY}\n\n{closing}\n\nGREY.\n")
    assert (doc.closing.value, doc.signature.value) == (closing, "GREY.")


def test_a_record_heading_with_the_addressees_post_and_place():
    text = f"Telegram to Budyonny, Commander of the Cavalry Army, Rostov\n\n{BODY}\n"
    (doc,) = _parse(text)
    assert [p.key for p in doc.recipients] == ["budyonny"]


def test_the_person_after_a_city_and_a_body_in_a_to_line():
    text = f"From: Kyiv\nTo: Moscow, NKVD of the USSR, Comrade Lavrov\n\n{BODY}\n"
    (doc,) = _parse(text)
    assert [p.key for p in doc.recipients] == ["lavrov"]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("July 4, 18621 p.m.", "1862-07-04"),  # the year runs into the hour
        ("NEW ORLEANS, March 9, 186310 a.m.", "1863-03-09"),
        ("Washington, May 25, 186210.30 a.m.", "1862-05-25"),
        ("July 4, 18621", None),  # no hour after it: no year either
        ("5 March 19441", None),
    ],
)
def test_a_year_run_into_the_hour(line, iso):
    found = parse_date_line(line)
    assert (found.date.iso if found else None) == iso
