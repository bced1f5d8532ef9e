"""The name finders one at a time, on short texts."""

from __future__ import annotations

import pytest

from missive import authority
from missive.pipeline import names
from missive.pipeline.names import Form, Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(authority.load())


def _found(text: str, gazetteer: Gazetteer, iso: str | None = None) -> list[tuple[str, str | None]]:
    candidates = [
        *gazetteer.find(text),
        *names.titled_names(text, gazetteer),
        *names.initialled_names(text, gazetteer),
        *names.offices(text, gazetteer, iso),
        *names.hyphenated_places(text, gazetteer),
        *names.quoted_code_names(text),
        *names.capitalised_words(text, set()),
    ]
    return [(c.text, c.key) for c in names.settle(candidates)]


@pytest.mark.parametrize(
    ("iso", "key"), [("1945-04-11", "roosevelt"), ("1945-04-13", "truman"), (None, None)]
)
def test_the_president_is_whoever_held_the_office_that_day(gazetteer, iso, key):
    found = dict(_found("I have consulted the President on this.", gazetteer, iso))
    assert found.get("President") == key


@pytest.mark.parametrize(("iso", "key"), [("1944-11-29", "hull"), ("1944-12-02", "stettinius")])
def test_the_secretary_of_state_by_date(gazetteer, iso, key):
    assert ("Secretary of State", key) in _found("The Secretary of State will go.", gazetteer, iso)


def test_an_office_of_another_country_is_not_its_holder(gazetteer):
    found = _found("He saw the President of Brazil.", gazetteer, "1943-05-01")
    assert ("President", "roosevelt") not in found


def test_titles_initials_and_bare_surnames(gazetteer):
    found = _found(
        "Marshal Badoglio met General Eisenhower; V. M. Molotov and Mr. Hull agreed. Later "
        "Eisenhower signed.",
        gazetteer,
    )
    assert found[:4] == [
        ("Marshal Badoglio", "badoglio"),
        ("General Eisenhower", "eisenhower"),
        ("V. M. Molotov", "molotov"),
        ("Mr. Hull", "hull"),
    ]
    assert ("Eisenhower", "eisenhower") in found


def test_unknown_titled_names_are_kept_unresolved(gazetteer):
    assert ("Ambassador Ziegler", None) in _found("We met Ambassador Ziegler today.", gazetteer)


def test_quoted_code_names_resolve_or_stay_candidates(gazetteer):
    found = _found('The plan is "Husky." The other is "Bolero."', gazetteer)
    assert ("Husky", "husky") in found and ("Bolero", None) in found


def test_hyphenated_places_and_adjectives(gazetteer):
    found = _found("south of a line Venice-Leghorn on the Soviet-German front", gazetteer)
    assert ("Venice", "venice") in found and ("Leghorn", "leghorn") in found
    assert not any(text.startswith("Soviet") for text, _ in found)


def test_corpus_aliases_join_the_authority_forms():
    gazetteer = Gazetteer(
        authority.load(), [Form("Mr Brown", "molotov", "person", "note 26", names.EDITION)]
    )
    assert ("Mr Brown", "molotov") in _found("My regards to Mr Brown.", gazetteer)
