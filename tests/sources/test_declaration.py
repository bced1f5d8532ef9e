"""Declared correspondents, from the forms volume titles take."""

from __future__ import annotations

import pytest

from missive.model import CERTAIN, PROBABLE, Span
from missive.sources.declaration import TitleLine, find_declaration, person_shaped


def _line(text: str) -> TitleLine:
    return TitleLine(Span(0, len(text)), text)


@pytest.mark.parametrize(
    ("title", "principal", "correspondents", "rule"),
    [
        (
            "Correspondence with Franklin D. Roosevelt and Harry S. Truman (1941-1945)",
            None,
            ("roosevelt", "truman"),
            "header:correspondence-with",
        ),
        (
            "Correspondence between Joseph Stalin and Winston Churchill",
            None,
            ("stalin", "churchill"),
            "header:correspondence-between",
        ),
        (
            "Correspondence of J. V. Stalin with W. S. Churchill, 1941-1945",
            "stalin",
            ("churchill",),
            "header:correspondence-with",
        ),
        (
            "Letters of Franklin D. Roosevelt to Joseph Stalin",
            "roosevelt",
            ("stalin",),
            "header:letters-of-to",
        ),
        ("The Churchill–Roosevelt Correspondence", None, ("churchill", "roosevelt"), None),
        ("Stalin/Roosevelt letters", None, ("stalin", "roosevelt"), "header:x-y-correspondence"),
    ],
)
def test_title_forms(
    title: str, principal: str | None, correspondents: tuple[str, ...], rule: str | None
) -> None:
    declaration = find_declaration([_line(title)])
    assert declaration is not None
    assert (declaration.principal, declaration.correspondents) == (principal, correspondents)
    assert declaration.evidence is not None
    assert declaration.evidence.confidence == CERTAIN
    if rule:
        assert declaration.evidence.rule == rule


def test_author_line_gives_the_principal_and_is_not_a_correspondent() -> None:
    author = TitleLine(Span(0, 12), "J. V. Stalin")
    title = TitleLine(Span(20, 80), "Correspondence between Stalin and Churchill")
    declaration = find_declaration([title], author)
    assert declaration is not None
    assert declaration.principal == "stalin"
    assert declaration.correspondents == ("churchill",)
    assert declaration.evidence is not None and declaration.evidence.span == Span(0, 80)


def test_unknown_people_get_surname_keys_with_less_confidence() -> None:
    declaration = find_declaration([_line("Correspondence with John Q. Smithers")])
    assert declaration is not None
    assert declaration.correspondents == ("smithers",)
    assert declaration.evidence is not None and declaration.evidence.confidence == PROBABLE


def test_offices_and_states_are_not_correspondents() -> None:
    for title in (
        "Correspondence between the Chairman of the Council of Ministers of the USSR and "
        "the Presidents of the USA and the Prime Ministers of Great Britain",
        "Correspondence between Great Britain and the United States",
        "Notes on the War",
    ):
        assert find_declaration([_line(title)]) is None, title


def test_author_line_alone_declares_the_principal() -> None:
    declaration = find_declaration([_line("Selected Works")], _line("J. V. Stalin"))
    assert declaration is not None
    assert (declaration.principal, declaration.correspondents) == ("stalin", ())


def test_person_shapes() -> None:
    assert person_shaped("Harry S. Truman")
    assert person_shaped("J. V. STALIN")
    assert person_shaped("Charles de Gaulle")
    assert not person_shaped("the Presidents of the USA")
    assert not person_shaped("Great Britain")
    assert not person_shaped("J. V.")


def test_capitals_titles() -> None:
    declaration = find_declaration(
        [_line("CORRESPONDENCE BETWEEN J. V. STALIN AND W. S. CHURCHILL")]
    )
    assert declaration is not None
    assert declaration.correspondents == ("stalin", "churchill")
    assert (
        find_declaration([_line("CORRESPONDENCE BETWEEN THE CHAIRMAN AND THE PRESIDENTS")]) is None
    )
