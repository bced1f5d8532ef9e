"""The curated authority file shipped with missive (``data/authority.csv``).

One row per entity (person, place, organization, operation, conference, ship): key,
type, preferred name, aliases and forms of address, country, seats (places that stand
for a person: "White House", "Kremlin"), offices with the dates they were held
("President of the USA@1933-03-04..1945-04-12", which decide who "the President" is on
a given day), and authority identifiers (``wikidata``) only where ``id_source`` names
where they were verified.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from missive.textutil import ascii_key

ENTITY_TYPES = ("person", "place", "organization", "operation", "conference", "ship")
# Qualifiers that name the holder's own country: "President of the USA" is "the President".
_OWN_COUNTRY = re.compile(r"\s+of the (?:USA|UK|USSR)$")


@dataclass(frozen=True, slots=True)
class Office:
    title: str
    start: str  # ISO date (or year), "" when open
    end: str  # ISO date (or year), "" when open

    def held_on(self, iso_date: str | None) -> bool:
        if not iso_date:
            return True
        return (not self.start or self.start <= iso_date) and (not self.end or iso_date < self.end)

    @property
    def short_title(self) -> str:
        """The title as used bare ("the President" for "President of the USA")."""
        return _OWN_COUNTRY.sub("", self.title)


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    type: str
    name: str
    aliases: tuple[str, ...]
    country: str
    seats: tuple[str, ...]
    offices: tuple[Office, ...]
    wikidata: str = ""
    id_source: str = ""

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    def forms(self) -> tuple[str, ...]:
        """Every written form of the entity: preferred name and aliases."""
        return (self.name, *self.aliases)


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def _parse_office(cell: str) -> Office:
    title, _, dates = cell.partition("@")
    start, _, end = dates.partition("..")
    return Office(title.strip(), start.strip(), end.strip())


# Titles before a name, as regular expressions; each begins with a capital letter.
TITLES = (
    r"Mr\.?", r"Mrs\.?", r"Messrs\.?", "Monsieur", "Signor", "Herr", "Marshal", "Field Marshal",
    "Premier", "President", "General", r"Gen\.", "Generalissimo", "Ambassador", "Secretary",
    "Prime Minister", "Sir", "Lord", r"Dr\.?", "Admiral", "Colonel", "Major", "Captain",
    "Commissar",
)  # fmt: skip
TITLE_WORDS = "(?:" + "|".join(TITLES) + ")"
_TITLE_RE = re.compile(rf"^(?:{TITLE_WORDS}\s+)+")
# Name-bearing types that sender/recipient resolution may return.
_PARTY_TYPES = ("person", "organization")


class Authority:
    """Lookup of names, forms of address and offices."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = {e.key: e for e in entries}
        self._by_name: dict[str, str] = {}
        self._any_by_name: dict[str, list[str]] = {}
        for entry in entries:
            for form in entry.forms():
                folded = _fold(form)
                if entry.type in _PARTY_TYPES:
                    self._by_name.setdefault(folded, entry.key)
                keys = self._any_by_name.setdefault(folded, [])
                if entry.key not in keys:
                    keys.append(entry.key)

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def of_type(self, type_: str) -> Iterator[Entry]:
        return (e for e in self.entries.values() if e.type == type_)

    def resolve(self, name: str) -> str | None:
        """The key of a person named `name` ("Marshal Stalin", "F. D. Roosevelt"), if known."""
        folded = _fold(name)
        if folded in self._by_name:
            return self._by_name[folded]
        bare = _fold(_TITLE_RE.sub("", name.strip()))
        if bare in self._by_name:
            return self._by_name[bare]
        last = bare.split(" ")[-1] if bare else ""
        return self._by_name.get(last)

    def lookup(self, form: str) -> list[str]:
        """Keys of every entity (any type) written exactly `form` (case and dots folded)."""
        return list(self._any_by_name.get(_fold(form), ()))

    def key_for(self, name: str) -> str:
        """The authority key, or a slug of the surname for an unknown person."""
        known = self.resolve(name)
        if known:
            return known
        bare = _TITLE_RE.sub("", name.strip()) or name
        return ascii_key(bare.split()[-1]) if bare.split() else ascii_key(name)

    def display_name(self, key: str) -> str:
        entry = self.entries.get(key)
        return entry.name if entry else key.replace("_", " ").title()

    def party_name(self, key: str) -> str:
        """The name of a sender or recipient: a place's name never names a person
        ("George Washington" is no "Washington, D.C.")."""
        entry = self.entries.get(key)
        if entry is None or entry.type not in _PARTY_TYPES:
            return key.replace("_", " ").title()
        return entry.name

    def is_place(self, key: str) -> bool:
        entry = self.entries.get(key)
        return entry is not None and entry.type == "place"

    def names_a_place(self, text: str) -> bool:
        """Whether some entry that `text` names is a place ("Moscow", "NEW YORK")."""
        return any(self.is_place(k) for k in self.lookup(text.strip()))

    def names_someone_else(self, key: str, written: str) -> bool:
        """Whether `written` names another than the file's entry `key`: the entry is no
        person's at all, or the forename disagrees with every form of the entry that
        gives one ("Alexander Hamilton" is not "Maxwell M. Hamilton")."""
        entry = self.entries.get(key)
        if entry is None:
            return False
        if entry.type not in _PARTY_TYPES:
            return True
        given = forename_initial(written)
        known = {forename_initial(form) for form in entry.forms()} - {None}
        return entry.type == "person" and given is not None and bool(known) and given not in known

    def office_holders(self, office: str, iso_date: str | None) -> list[str]:
        """Keys of those holding `office` ("President of the USA") on `iso_date`."""
        return [
            e.key
            for e in self.entries.values()
            for o in e.offices
            if o.title.lower() == office.lower() and o.held_on(iso_date)
        ]

    def short_title_holders(self, title: str, iso_date: str | None) -> list[str]:
        """Keys of those holding an office called `title` when used bare ("President")."""
        title = title.lower()
        return sorted(
            {
                e.key
                for e in self.entries.values()
                for o in e.offices
                if o.short_title.lower() == title and o.held_on(iso_date)
            }
        )

    def short_titles(self) -> set[str]:
        return {o.short_title for e in self.entries.values() for o in e.offices}

    def offices_of(self, key: str) -> tuple[Office, ...]:
        entry = self.entries.get(key)
        return entry.offices if entry else ()


_NAME_PARTICLES = frozenset(["de", "van", "von", "der", "den", "la", "le", "du", "da", "di", "del"])
# Words before a name that are no forename: ranks, offices, honorifics.
_RANKS_AND_HONORIFICS = """mr mrs ms miss dr sir lord lady dame herr frau signor monsieur
    madame mme don the his her excellency hon honourable honorable rev reverend father comrade citizen
    king queen emperor empress prince princess duke earl count countess viscount baron
    marquis marquess president premier chancellor chairman secretary minister commissar
    ambassador consul envoy senator governor judge professor prof under vice deputy
    acting assistant foreign prime chief field air general gen major colonel col
    lieutenant lt brigadier commander commodore admiral rear captain capt marshal
    generalissimo sergeant private former naval person"""
_NOT_FORENAMES = frozenset(_RANKS_AND_HONORIFICS.split())


def forename_initial(name: str) -> str | None:
    """The initial of the forename a written name gives ("A" for "A. Hamilton" and
    "Alexander Hamilton"), None for a surname alone or with titles only."""
    words = [
        w
        for w in re.findall(r"[^\W\d_][\w'’]*", name)
        if w.lower() not in _NAME_PARTICLES and not w.lower().endswith("-general")
    ]
    while words and words[0].lower() in _NOT_FORENAMES:
        words.pop(0)
    if len(words) < 2 or not words[0][0].isupper():
        return None
    return words[0][0].upper()


def _fold(text: str) -> str:
    # a hyphen folds as a space: "Chiang Kai Shek" is "Chiang Kai-shek"
    return re.sub(r"[\s.-]+", " ", text.lower()).strip()


@cache
def load() -> Authority:
    """The authority file shipped with the package (read once)."""
    text = resources.files("missive.data").joinpath("authority.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    entries = [
        Entry(
            key=row["key"],
            type=row["type"],
            name=row["name"],
            aliases=_split(row["aliases"]),
            country=row["country"] or "",
            seats=_split(row["seats"]),
            offices=tuple(_parse_office(c) for c in _split(row["offices"])),
            wikidata=row.get("wikidata") or "",
            id_source=row.get("id_source") or "",
        )
        for row in rows
    ]
    return Authority(entries)
