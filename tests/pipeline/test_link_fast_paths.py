"""The fast paths of the link stage give what the plain versions they replace give.

Each plain version below is the straightforward code the stage used before (one
dict of shingle holders, one pattern search over the whole text, one regular
expression compiled per phrase); random inputs built from the pieces that matter
(repeated words, apostrophes, underscores, letters that fold oddly, whitespace of
every kind) must give the same answer both ways.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from missive import authority
from missive.pipeline import crossrefs, replies
from missive.pipeline.dates import find_dates
from missive.pipeline.literals import first_of, matches_at, occurrences
from missive.pipeline.quotes import JOIN_GAP, MIN_WORDS, SHINGLE, Passage, Shingled, shared_passages
from missive.pipeline.shingle_window import ShingleWindow
from missive.pipeline.threads import _is_subsequence, find_words
from missive.pipeline.words import WORD, word_bounds, words

MIA = Path(__file__).resolve().parents[2] / "samples" / "mia-stalin-roosevelt-1943.txt"

# --- which earlier documents a document is compared with -----------------------------


def _plain_candidates(documents: list[set[int]], window: int, common: int, least: int,
                      candidates: int) -> list[list[tuple[int, int]]]:  # fmt: skip
    """One dict from each shingle to the documents of the window that hold it."""
    holders: dict[int, list[int]] = {}
    out = []
    for k, keys in enumerate(documents):
        if k >= window:
            for key in documents[k - window]:
                held = holders.get(key)
                if held and held[0] == k - window:
                    held.pop(0)
                    if not held:
                        del holders[key]
        sharing: list[int] = []
        for key in keys:
            held = holders.get(key)
            if held is None:
                holders[key] = [k]
                continue
            if len(held) <= common:
                sharing += held
            held.append(k)
        counts = Counter(sharing)
        best = sorted(counts.items(), key=lambda dc: (-dc[1], -dc[0]))[:candidates]
        out.append([(d, c) for d, c in best if c >= least])
    return out


def _window_candidates(documents: list[set[int]], window: int, common: int, least: int,
                       candidates: int, block: int) -> list[list[tuple[int, int]]]:  # fmt: skip
    chosen = ShingleWindow(window, common, least, candidates)
    out: list[list[tuple[int, int]]] = []
    for start in range(0, len(documents), block):
        for keys in documents[start : start + block]:
            chosen.add(keys, len(keys))
        out += chosen.select()
    return out


def test_the_shingle_window_chooses_what_the_dict_of_holders_chooses() -> None:
    rng = random.Random(3)
    for _ in range(60):
        vocabulary = rng.randrange(5, 400)
        documents = [
            {rng.randrange(vocabulary) - vocabulary // 2 for _ in range(rng.randrange(0, 40))}
            for _ in range(rng.randrange(1, 120))
        ]
        window, common = rng.randrange(1, 30), rng.randrange(1, 10)
        least, candidates = rng.randrange(1, 6), rng.randrange(1, 6)
        expected = _plain_candidates(documents, window, common, least, candidates)
        for block in (1, rng.randrange(2, 50), 500):
            got = _window_candidates(documents, window, common, least, candidates, block)
            assert got == expected, (window, common, least, candidates, block)


def test_the_shingle_window_takes_full_size_hash_keys() -> None:
    keys = [{hash(("a", i)), hash(("b", i)), -(2**63), 2**63 - 1} for i in range(5)]
    expected = _plain_candidates(keys, 3, 8, 1, 5)
    assert _window_candidates(keys, 3, 8, 1, 5, 2) == expected


# --- words and where they stand -------------------------------------------------------

WORD_PIECES = ["a", "B", "é", "\x85", "\u2028", "\u3000", "ab’cd", "e\u0301", "_", "'", "’", " ", "\n", "\t", "1", "²", "Σ", "İ",
               "ı", "ſ", "K", "-", ".", "don't", "\ud800", "ß", "٣", "\u00a0", "x"]  # fmt: skip


def test_words_and_their_bounds_are_the_word_pattern() -> None:
    rng = random.Random(5)
    for _ in range(8000):
        text = "".join(rng.choice(WORD_PIECES) for _ in range(rng.randrange(0, 14)))
        found = list(WORD.finditer(text))
        assert words(text) == [m.group(0).lower() for m in found], text
        assert word_bounds(text) == [x for m in found for x in m.span()], text


def test_a_document_keeps_its_words_text() -> None:
    doc = Shingled("He said: don't  wait_for\nthe ship’s crew — 12 men.")
    assert doc.norms == ["he", "said", "don't", "wait", "for", "the", "ship’s", "crew", "12", "men"]
    assert doc.words_text(2, 4) == "don't  wait_for"
    assert [t.norm for t in doc.tokens] == doc.norms


# --- passages shared by two documents -------------------------------------------------


def _plain_shared_passages(a: list[str], b: list[str]) -> list[Passage]:
    """Every shingle of `a` found in `b`, grown to its longest run, as the stage did."""
    at: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(b) - SHINGLE + 1):
        at.setdefault(tuple(b[j : j + SHINGLE]), []).append(j)
    passages: list[Passage] = []
    resume = 0
    for i in range(len(a) - SHINGLE + 1):
        if i < resume or tuple(a[i : i + SHINGLE]) not in at:
            continue
        j, n = -1, -1
        for hit in at[tuple(a[i : i + SHINGLE])]:
            length = 0
            while (
                i + length < len(a) and hit + length < len(b) and a[i + length] == b[hit + length]
            ):
                length += 1
            if length > n:
                j, n = hit, length
        last = passages[-1] if passages else None
        if last and 0 <= i - last.a_last - 1 <= JOIN_GAP and 0 <= j - last.b_last - 1 <= JOIN_GAP:
            last.a_last, last.b_last = i + n - 1, j + n - 1
        else:
            passages.append(Passage(i, i + n - 1, j, j + n - 1))
        resume = i + n
    return [p for p in passages if p.words >= MIN_WORDS]


def test_shared_passages_are_the_plain_shingle_scan() -> None:
    rng = random.Random(9)
    for _ in range(1500):
        vocabulary = [f"w{k}" for k in range(rng.randrange(1, 12))]
        base = [rng.choice(vocabulary) for _ in range(rng.randrange(0, 80))]
        other = list(base)
        for _ in range(rng.randrange(0, 6)):  # edits: a word changed, added or dropped
            at = rng.randrange(len(other) + 1)
            op = rng.choice("cad")
            if op == "a" or not other or at == len(other):
                other.insert(at, rng.choice([*vocabulary, "new"]))
            elif op == "c":
                other[at] = "changed"
            else:
                del other[at]
        if rng.random() < 0.5:
            other = [rng.choice(vocabulary) for _ in range(rng.randrange(0, 30))] + other
        a, b = Shingled(" ".join(other)), Shingled(" ".join(base))
        assert shared_passages(a, b) == _plain_shared_passages(a.norms, b.norms)


# --- finding phrases in the text ------------------------------------------------------


def test_a_subsequence_is_what_consuming_an_iterator_finds() -> None:
    rng = random.Random(1)
    for _ in range(8000):
        big = "".join(rng.choice("abc") for _ in range(rng.randrange(0, 40)))
        if rng.random() < 0.5:
            small = "".join(ch for ch in big if rng.random() < 0.9)
        else:
            small = "".join(rng.choice("abc") for _ in range(rng.randrange(0, 40)))
        chars = iter(big)
        assert _is_subsequence(small, big) == all(ch in chars for ch in small), (small, big)


def test_matches_tried_where_the_first_word_stands_are_finditer() -> None:
    rng = random.Random(2)
    pattern = re.compile(r"(?=[ya])\b(?:your|a)\s+(?:b\s+)?of\b", re.I)
    pieces = ["your", "YOUR", "a", "b", " ", "of", "x", "ofx"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        low = text.lower()
        got = [m.span() for m in matches_at(pattern, text, occurrences(low, ("your", "a")))]
        assert got == [m.span() for m in pattern.finditer(text)], text


REFERENCE_PIECES = [
    "your", "Your", "YOUR", "yours", "my", "mine", "our", "message", "messages", "two", "joint",
    "friendly", "of", "dated", "reached me", "was received", "arrived", "on", "On", "today,",
    "I received", "I was handed", "delivered", "to me", "February 16", "May 3rd", "16 March",
    "1943", ",", ".", " ", "  ", "\n", "—", "see", "See", "Document", "No.", "Nos.", "NO.", "no",
    "88", "70 and 71", "pp. 60-61", "from", "President", "Roosevelt", "Stalin",
    "message received from", "İ", "ı", "ſ", "K", "Noſ.", "ſee", "x",
]  # fmt: skip


def _plain_cross_references(text: str, names: authority.Authority) -> list:
    """find_cross_references as it was: both patterns run over the whole text."""
    refs = []
    for m in crossrefs._DOCUMENT_NUMBER.finditer(text):
        if re.match(r"(?i)see\b|Document\s", m.group(0)):
            numbers = tuple(int(n) for n in re.findall(r"\d+", m.group("numbers")))
            refs.append(crossrefs.CrossReference("number", m.group(0), numbers))
    for m in crossrefs._MESSAGE_FROM.finditer(text):
        dates, sender = find_dates(m.group("date")), names.resolve(m.group("name"))
        if dates and sender:
            refs.append(crossrefs.CrossReference("message_from", m.group(0), sender=sender,
                                                 iso=dates[0].iso,
                                                 received=bool(m.group("received"))))  # fmt: skip
    return refs


def _found(matches) -> list:
    return [(m.span(), m.groupdict()) for m in matches]


def _assert_finders_agree(text: str, names: authority.Authority) -> None:
    phrases = [(role, _found(matches)) for role, matches in replies._owner_phrases(text)]
    assert phrases == [
        ("received", _found(replies._REACHED_ON.finditer(text))),
        ("any", _found(replies._OF_DATE.finditer(text))),
    ], text
    if first_of(text, replies._I_RECEIVED_WORDS) < 0:
        assert not _found(replies._I_RECEIVED.finditer(text)), text
    assert crossrefs.find_cross_references(text, names) == _plain_cross_references(text, names)


def test_reference_finders_give_what_whole_text_scans_give() -> None:
    names = authority.load()
    rng = random.Random(4)
    for _ in range(3000):
        text = " ".join(rng.choice(REFERENCE_PIECES) for _ in range(rng.randrange(0, 16)))
        _assert_finders_agree(text, names)


def test_reference_finders_read_the_sample_as_before() -> None:
    text = MIA.read_text(encoding="utf-8")
    _assert_finders_agree(text, authority.load())
    for paragraph in text.split("\n\n"):
        _assert_finders_agree(paragraph, authority.load())


def test_a_phrase_is_located_as_its_words_joined_by_whitespace_patterns() -> None:
    rng = random.Random(8)
    pieces = ["a", "ab", "b", " ", "  ", "\n", "\u00a0", ".", "the", "x"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 20)))
        phrase = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 6)))
        start, end = rng.randrange(0, len(text) + 2), rng.randrange(0, len(text) + 2)
        pattern = r"\s+".join(re.escape(w) for w in phrase.split())
        m = re.compile(pattern).search(text, start, end)
        found = find_words(text, phrase.split(), start, end) if phrase.split() else None
        if phrase.split():
            assert found == (m.span() if m else None), (text, phrase)
