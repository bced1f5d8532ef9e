"""What the finders remember says what they would work out afresh.

`titled_names` remembers what each match names; offices' holders come from an index of
the authority's offices.  Each is compared here with the plain computation; the titled
names on random texts whose matches recur in different contexts (so a remembered answer
is reused where the text around it differs).
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from missive import authority
from missive.pipeline import names
from missive.pipeline.names import Form, Gazetteer

from .test_fast_finders import random_text

ROUNDS = 800


def _edition() -> list[Form]:
    return [Form("Mr Brown", "molotov", "person", "note", names.EDITION)]


def _texts(seed: int, gazetteer: Gazetteer) -> Iterator[str]:
    rng = random.Random(seed)
    forms = sorted({f.text for forms in gazetteer.forms.values() for f in forms})
    forms += ["Marshal Pietro Badoglio", "General Eisenhower Monday", "Mr Hull", "Mr. Molo-tov",
              "Sir Archibald Clark Kerr", "General Staff", "Admiral Leahy", "Mr J. Smith"]  # fmt: skip
    for _ in range(ROUNDS):
        yield random_text(rng, forms)


def test_remembered_titled_names_are_the_fresh_ones():
    auth = authority.load()
    for warm in (Gazetteer(auth), Gazetteer(auth, _edition())):
        cold = Gazetteer(auth, _edition() if warm.forms.get("mr brown") else ())
        for text in _texts(20, warm):
            cold._titled.clear()
            assert list(names.titled_names(text, warm, 3)) == list(
                names.titled_names(text, cold, 3)
            ), text
        assert warm._titled  # remembered, and used for the later texts


def test_office_holders_are_the_authoritys():
    auth = authority.load()
    gazetteer = Gazetteer(auth)
    titles = [*sorted(auth.short_titles()), "president", "PRIME MINISTER", "Nobody"]
    dates = [None, "", "1939", "1941-06-22", "1943-05-01", "1945-04-12", "1945-04-13",
             "1945-07-26", "1945-07-27", "1950-01-01"]  # fmt: skip
    for title in titles:
        for date in dates:
            assert gazetteer.office_holders(title, date) == auth.short_title_holders(title, date)
