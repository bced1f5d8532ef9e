"""The curated authority file shipped with missive (``data/persons.csv``).

One row per entity: key, type, preferred name, aliases and forms of address,
country, seats (places that stand for the person: "White House", "Kremlin"), and
offices with the dates they were held ("President of the USA@1933-03-04..1945-04-12"),
which decide who "the President" is on a given day.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from missive.textutil import ascii_key


@dataclass(frozen=True, slots=True)
class Office:
    title: str
    start: str  # ISO date, "" when open
    end: str  # ISO date, "" when open

    def held_on(self, iso_date: str | None) -> bool:
        if not iso_date:
            return True
        return (not self.start or self.start <= iso_date) and (not self.end or iso_date < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    type: str
    name: str
    aliases: tuple[str, ...]
    country: str
    seats: tuple[str, ...]
    offices: tuple[Office, ...]

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _parse_office(cell: str) -> Office:
    title, _, dates = cell.partition("@")
    start, _, end = dates.partition("..")
    return Office(title.strip(), start.strip(), end.strip())


_TITLE_WORDS = r"(?:Mr\.?|Mrs\.?|Marshal|Premier|President|General|Gen\.|Generalissimo|Ambassador|Secretary|Prime Minister|Sir|Dr\.?|Admiral|Field Marshal)"
_TITLE_RE = re.compile(rf"^(?:{_TITLE_WORDS}\s+)+")


class Authority:
    """Lookup of names, forms of address and offices."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = {e.key: e for e in entries}
        self._by_name: dict[str, str] = {}
        for entry in entries:
            for form in (entry.name, *entry.aliases):
                self._by_name.setdefault(_fold(form), entry.key)

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

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

    def office_holders(self, office: str, iso_date: str | None) -> list[str]:
        """Keys of those holding `office` ("President of the USA") on `iso_date`."""
        return [
            e.key
            for e in self.entries.values()
            for o in e.offices
            if o.title.lower() == office.lower() and o.held_on(iso_date)
        ]

    def offices_of(self, key: str) -> tuple[Office, ...]:
        entry = self.entries.get(key)
        return entry.offices if entry else ()


def _fold(text: str) -> str:
    return re.sub(r"[\s.]+", " ", text.lower()).strip()


@cache
def load() -> Authority:
    """The authority file shipped with the package."""
    text = resources.files("missive.data").joinpath("persons.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    entries = [
        Entry(
            key=row["key"],
            type=row["type"],
            name=row["name"],
            aliases=_split(row["aliases"]),
            country=row["country"],
            seats=_split(row["seats"]),
            offices=tuple(_parse_office(c) for c in _split(row["offices"])),
        )
        for row in rows
    ]
    return Authority(entries)
