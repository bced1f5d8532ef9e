"""The quick name finders find what the plain versions they replace find.

Each plain version below is the straightforward code or pattern the finder once was; the
finders must agree with it on every text, here on random texts made of the pieces that
matter: the authority's forms in any case, titles, initials, hyphens, dashes, full stops,
quotes, spaces of every kind, digits and letters outside ASCII.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest

from missive import authority
from missive.authority import TITLE_WORDS
from missive.pipeline import entities, names
from missive.pipeline.names import _AFTER, _INITIALS, _NAME_WORD, Candidate, Form, Gazetteer

ROUNDS = 1500

# --- the plain versions ------------------------------------------------------------

_BEFORE = r"(?<![\w\-])"
PLAIN_TITLED = re.compile(
    rf"{_BEFORE}(?P<title>{TITLE_WORDS})\s+(?P<name>(?:{_INITIALS})?{_NAME_WORD}"
    rf"(?:[ \t]+(?P<second>{_NAME_WORD}))?){_AFTER}"
)
PLAIN_INITIALLED = re.compile(
    rf"(?<![\w\-.])(?P<name>(?:(?P<forename>{_NAME_WORD})\s+)?{_INITIALS}{_NAME_WORD}){_AFTER}"
)
PLAIN_CAPITALISED = re.compile(rf"{_BEFORE}{_NAME_WORD}(?:\s+(?:of\s+)?{_NAME_WORD})*{_AFTER}")
PLAIN_HYPHENATED = re.compile(r"(?<![\w-])([A-Z][a-z]+)-([A-Z][a-z]+)(?![\w-])")
PLAIN_LOWER_WORD = re.compile(r"(?<![\w'-])[a-z][a-z'’-]+")
PLAIN_DEFINED = re.compile(
    r'\b(?:designated as|called|known as|code[- ]named)\s+["“](?P<term>[A-Z][\w-]*'
    r'(?:\s[A-Z][\w-]*)?)[.,]?["”]'
)


def plain_office_pattern(titles: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(
        r"\s+".join(re.escape(w) for w in t.split()) for t in sorted(titles, key=len, reverse=True)
    )
    return re.compile(
        rf"(?:(?<=\bthe\s)|(?<=\bThe\s)|(?<=\bMr\s)|(?<=\bMr\.\s))(?P<title>{alternatives})"
        r"(?![\w'’])(?:\s+(?:of|to|at|in)\s+(?P<qualifier>(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*))?"
    )


def plain_alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_BEFORE + "(?:" + "|".join(map(re.escape, words)) + ")" + _AFTER)


def plain_find(gazetteer: Gazetteer, text: str, offset: int = 0) -> Iterator[Candidate]:
    """`Gazetteer.find` as it was: every word start tried, every form length read."""
    initials = {names._body(f.text)[0] for forms in gazetteer.forms.values() for f in forms}
    starts = re.compile(
        r"(?:^|(?<=[\s—–])|(?<=[a-z]\.))[^\w\s—–]*(?P<first>["
        + re.escape("".join(sorted(initials)))
        + "])",
        re.M,
    )
    first_words = {key.split()[0] for key in gazetteer.forms}
    longest = max((len(key.split()) for key in gazetteer.forms), default=1)
    taken = 0
    for m in starts.finditer(text):
        start = m.start("first")
        if start < taken:
            continue
        first = names._WORD.match(text, start)
        if first is None:
            continue
        ends = names._ends(text, start, first.end())
        if not any(text[start:e].lower() in first_words for e in ends):
            continue
        words = [(start, first.end())]
        for w in names._WORD.finditer(text, first.end()):
            if len(words) == longest:
                break
            words.append((w.start(), w.end()))
        found = None
        for last_start, last_end in reversed(words):
            for end in names._ends(text, max(start, last_start), last_end):
                forms = gazetteer.forms.get(names._match_key(text[start:end]))
                if forms and gazetteer._fits(forms, text, start):
                    found = end, forms
                    break
            if found:
                break
        if found is not None:
            end, forms = found
            yield names._candidate_of(forms, start + offset, end + offset, text[start:end])
            taken = end


def plain_settle(candidates: list[Candidate]) -> list[Candidate]:
    ranked = sorted(
        candidates,
        key=lambda c: (
            names._RULE_RANK.get(c.rule, 0),
            -(c.end - c.start),
            c.key is None,
            -c.confidence,
            c.start,
        ),
    )
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in ranked:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append(c)
        taken.append((c.start, c.end))
    return sorted(kept, key=lambda c: c.start)


def plain_capitalised_words(text: str, lowercase_words: set[str]) -> Iterator[Candidate]:
    for m in PLAIN_CAPITALISED.finditer(text):
        words = m.group(0).split()
        while words and names._common(words[0], lowercase_words):
            words.pop(0)
        while words and (names._common(words[-1], lowercase_words) or words[-1] == "of"):
            words.pop()
        if not words:
            continue
        name = " ".join(words)
        start = m.start() + m.group(0).index(words[0])
        adjectival = any(part in names._COMMON for part in name.split("-"))
        if (
            adjectival
            or names._sentence_initial(text, start)
            or name.endswith(("ian", "ese", "ish"))
        ):
            continue
        yield Candidate(start, start + len(name), name, None, "unknown", "capitalised word",
                        names.UNRESOLVED)  # fmt: skip


# --- random texts ------------------------------------------------------------------

SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "—", "–", "-", " — ", "\u2009"]
PUNCTUATION = [".", ",", ";", ":", '"', "“", "”", "'", "’", "(", ")", "[", "!", "?", "_", "-"]
WORDS = [
    "the", "The", "THE", "of", "and", "a", "army", "said", "x", "Mr", "Mr.", "Dr.", "Gen.",
    "A.", "V.", "M.", "J.", "E.", "U.S.", "U.S.S.R.", "u.s.", "U.S.A.", "F.D.R.", "Staff24",
    "Stalin's", "Stalin’s", "Churchill,", "Italy.", "Italy.Staff", "army.Staff", "1943", "24",
    "Joseph", "John", "Smith", "O'Brien", "Jean-Pierre", "McArthur", "Venice-Leghorn",
    "Soviet-German", "Anglo-American", "Washington,", "D.C.", "Fairbanks,", "Alaska",
    "Ziegler", "Brown", "Husky", "Bolero", "called", "known", "as", "designated", "code-named",
    "ΟΔΟΣ", "Σ", "\u212aremlin", "İstanbul", "Éire", "café", "naïve", "Grüße", "Mr Brown",
    "President", "president", "Prime Minister", "Secretary of State", "Marshal", "Field",
    "General", "Staff", "of", "Of", "Government", "Soviet Union", "soviet union",
    "United States", "UNITED STATES", "White House", "Hague", "S", "s", "SOVIET", "Ms",
    "the President", "The Prime Minister", "Mr President", "Mr. President", "the Marshal",
    "the Secretary of State", "the President of Brazil", "the President of the USA",
    "the\nPresident", 'called "Husky"', "known as “Torch.”", 'designated as "Big Ben",',
    'code-named "Anvil"', "recalled", "Mr. Molotov", "Marshal Pietro Badoglio",
    "café.Stalin", "army.(Moscow", "naïve.U.S.", "x.-Stalin", "Soviet .Union", "Soviet\u00a0Union",
    "U.J.Stalin", "U.S.A.", "Stalingrad", "Stalins", "Stalin2x", "Stalin_", "Moscow²", "MOSCOWS",
]  # fmt: skip


def _forms(gazetteer: Gazetteer) -> list[str]:
    return sorted({f.text for forms in gazetteer.forms.values() for f in forms})


def _variant(form: str, rng: random.Random) -> str:
    choice = rng.randrange(6)
    if choice == 0:
        return form.upper()
    if choice == 1:
        return form.lower()
    if choice == 2:
        return form.replace(" ", rng.choice(["\n", "  ", "\u00a0", "—"]))
    if choice == 3 and form:
        return form + rng.choice(["'s", "24", ".", ",", "’s", "s", "-"])
    return form


def random_text(rng: random.Random, forms: list[str], size: int = 30) -> str:
    pieces = []
    for _ in range(rng.randrange(1, size)):
        kind = rng.randrange(10)
        if kind < 3:
            pieces.append(_variant(rng.choice(forms), rng))
        elif kind < 6:
            pieces.append(rng.choice(WORDS))
        elif kind < 8:
            pieces.append(rng.choice(PUNCTUATION))
        pieces.append(rng.choice(SEPARATORS) if rng.random() < 0.8 else "")
    return "".join(pieces)


@pytest.fixture(scope="module")
def gazetteers() -> list[Gazetteer]:
    auth = authority.load()
    extra = [
        Form("Mr Brown", "molotov", "person", "note", names.EDITION),
        Form("Élan", "elan", "operation", "note", names.EDITION),
        Form("the Big Three", "big_three", "conference", "note", names.EDITION),
        Form("O’Neil Plan", "oneil", "operation", "note", names.EDITION),
        Form("İzmir Accord", "izmir", "conference", "note", names.EDITION),
        Form("the The", "the_the", "operation", "note", names.EDITION),
    ]
    return [Gazetteer(auth), Gazetteer(auth, extra)]


def _texts(seed: int, gazetteer: Gazetteer, rounds: int = ROUNDS) -> Iterator[str]:
    rng = random.Random(seed)
    forms = _forms(gazetteer)
    for _ in range(rounds):
        yield random_text(rng, forms)


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in matches]


# --- the comparisons ---------------------------------------------------------------


def test_gazetteer_find_is_the_plain_find(gazetteers):
    for i, gazetteer in enumerate(gazetteers):
        for text in _texts(i, gazetteer):
            assert list(gazetteer.find(text, 7)) == list(plain_find(gazetteer, text, 7)), text


def test_the_patterns_match_as_the_plain_ones(gazetteers):
    gazetteer = gazetteers[1]
    office = gazetteer.office_pattern()
    plain_office = plain_office_pattern(frozenset(gazetteer.authority.short_titles()))
    introduced = ("Ziegler", "Brown", "O'Brien", "Smith", "Éire", "Stalin")
    surnames = names._alternation(introduced)
    from missive.pipeline.edition_aliases import _definitions_in_text

    pairs = [
        (names._TITLED, PLAIN_TITLED),
        (names._CAPITALISED, PLAIN_CAPITALISED),
        (office, plain_office),
        (surnames, plain_alternation(introduced)),
    ]
    for text in _texts(3, gazetteer):
        for quick, plain in pairs:
            assert _spans(quick.finditer(text)) == _spans(plain.finditer(text)), (plain, text)
        got = [(m.span(), m.group("name"), text[m.start() : m.end("forename_rest")]
                if m.group("forename_rest") else None)
               for m in names._initialled_matches(text)]  # fmt: skip
        want = [(m.span(), m.group("name"), m.group("forename"))
                for m in PLAIN_INITIALLED.finditer(text)]  # fmt: skip
        assert got == want, text
        assert _spans(names._hyphenated_matches(text)) == _spans(PLAIN_HYPHENATED.finditer(text))
        assert _spans(_definitions_in_text(text)) == _spans(PLAIN_DEFINED.finditer(text))


def test_lowercase_words_are_what_the_pattern_finds(gazetteers, monkeypatch):
    for text in _texts(4, gazetteers[0]):
        assert entities.lowercase_words(text) == set(PLAIN_LOWER_WORD.findall(text)), text
    monkeypatch.setattr(entities, "_CHUNK", 7)  # a long text is split a piece at a time
    text = " ".join(_texts(4, gazetteers[0], 200))
    assert entities.lowercase_words(text) == set(PLAIN_LOWER_WORD.findall(text))


def test_capitalised_words_and_settling_are_the_plain_ones(gazetteers):
    gazetteer = gazetteers[1]
    seen: dict = {}
    for text in _texts(5, gazetteer):
        lowercase = entities.lowercase_words(text)
        assert list(names.capitalised_words(text, lowercase, 0, {})) == list(
            plain_capitalised_words(text, lowercase)
        )
        assert list(names.capitalised_words(text, set(), 0, seen)) == list(
            plain_capitalised_words(text, set())
        )
        candidates = [
            *gazetteer.find(text),
            *names.titled_names(text, gazetteer),
            *names.initialled_names(text, gazetteer, 0, lowercase),
            *names.offices(text, gazetteer, "1943-05-01"),
            *names.hyphenated_places(text, gazetteer),
            *names.quoted_code_names(text),
            *names.capitalised_words(text, lowercase),
        ]
        assert names.settle(candidates) == plain_settle(candidates)


def test_settling_zero_length_and_nested_spans():
    rng = random.Random(6)
    for _ in range(3000):
        candidates = []
        for _ in range(rng.randrange(12)):
            start = rng.randrange(10)
            end = start + rng.randrange(4)
            rule = rng.choice(["authority file", "capitalised word", "quoted code name"])
            key = rng.choice([None, "k"])
            candidates.append(Candidate(start, end, "x", key, "person", rule, rng.random()))
        assert names.settle(candidates) == plain_settle(candidates)
