"""The authority file: well-formed rows, identifiers only with their source, and the
lookups the parser relies on."""

from __future__ import annotations

import re

from missive import authority

DATE = re.compile(r"^(?:\d{4}(?:-\d{2}-\d{2})?)?$")


def test_rows_are_well_formed():
    auth = authority.load()
    assert len(auth.entries) > 100
    for entry in auth.entries.values():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", entry.key), entry.key
        assert entry.type in authority.ENTITY_TYPES, entry
        assert entry.name.strip()
        for office in entry.offices:
            assert DATE.match(office.start) and DATE.match(office.end), office
            assert not office.end or office.start < office.end, office


def test_identifiers_only_where_the_file_says_where_they_were_verified():
    for entry in authority.load().entries.values():
        if entry.wikidata:
            assert re.fullmatch(r"Q\d+", entry.wikidata) and entry.id_source, entry


def test_every_type_of_the_samples_is_covered():
    types = {e.type for e in authority.load().entries.values()}
    assert {"person", "place", "organization", "operation", "conference", "ship"} <= types


def test_offices_decide_who_holds_them_on_a_date():
    auth = authority.load()
    assert auth.short_title_holders("Secretary of State", "1944-11-29") == ["hull"]
    assert auth.short_title_holders("Secretary of State", "1944-12-01") == ["stettinius"]
    assert auth.short_title_holders("President", "1945-04-12") == ["truman"]
    assert auth.office_holders("President of the USA", "1945-04-11") == ["roosevelt"]


def test_sender_lookups_never_return_a_place():
    auth = authority.load()
    assert auth.resolve("The White House, Washington") is None
    assert auth.resolve("Moscow") is None
    assert auth.lookup("Moscow") == ["moscow"]
    assert auth.resolve("Marshal Stalin") == "stalin"
