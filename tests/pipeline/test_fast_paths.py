"""The fast paths of the pipeline give what the plain versions they replace give."""

from __future__ import annotations

import random
import re

from missive.pipeline.markers import _DATE_END, _ends_with_date
from missive.pipeline.names import _ends, _match_key
from missive.pipeline.quotes import CANDIDATES, COMMON, WINDOW
from missive.pipeline.shingle_window import ShingleWindow
from missive.pipeline.threads import find_words

PIECES = ["a", "ab", "b", " ", "  ", "\n", "\u00a0", ".", "a.", "ba", "the", "x"]


def _regex_find(text: str, words: list[str], start: int, end: int) -> tuple[int, int] | None:
    m = re.compile(r"\s+".join(map(re.escape, words))).search(text, start, end)
    return m.span() if m else None


def test_find_words_is_the_regex_search() -> None:
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 16)))
        words = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 6))).split()
        if not words:
            continue
        start, end = rng.randrange(0, len(text) + 2), rng.randrange(0, len(text) + 2)
        assert find_words(text, words, start, end) == _regex_find(text, words, start, end)


def test_date_at_the_end_of_a_long_line() -> None:
    rng = random.Random(11)
    pieces = ["September", "may", " ", "   ", "\t", "12", "1943", ",", "th", "word", "x"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 80))).rstrip()
        assert _ends_with_date(text) == bool(_DATE_END.search(text)), text
    long_gap = "words " * 40 + "September" + " " * 200 + "12, 1943"
    assert _ends_with_date(long_gap)


def test_name_helpers_match_their_definitions() -> None:
    text = "Mr. Roosevelt's U.S.A. Army.Staff24 the  Hague"
    for start, end in ((0, 3), (4, 15), (16, 22), (23, 27), (23, 35)):
        m = re.fullmatch(r"(?P<core>.+?)(?:['’]s?)?\d*[^\w]*", text[start:end], re.S)
        core_end = start + m.end("core")
        expected = [core_end + 1, core_end] if text[core_end : core_end + 1] == "." else [core_end]
        assert _ends(text, start, end) == expected
    assert _match_key("The  Hague") == "hague"


def test_quotation_candidates_do_not_depend_on_hash_order() -> None:
    held = {9: [1, 2], 5: [3, 4], 3: [5, 6], 1: [7, 8], 7: [9]}  # document: its shingles
    documents = [set(held.get(d, ())) for d in range(10)]
    for later in ({*range(1, 10)}, set(reversed(range(1, 10)))):
        window = ShingleWindow(WINDOW, COMMON, 1, CANDIDATES)
        for keys in [*documents, later]:
            window.add(keys, len(keys))
        chosen = window.select()[-1]
        assert chosen == [(9, 2), (5, 2), (3, 2), (1, 2), (7, 1)][:CANDIDATES]
