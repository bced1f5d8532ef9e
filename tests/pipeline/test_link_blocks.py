"""The quotation finder's block-at-a-time parts give what the per-document code gives.

Shingle keys, word offsets and the places two documents share are computed for a
block of documents at once (numpy); each must agree with the plain per-document
version on random texts built from the pieces that matter: repeated words and
repeated passages (a shingle standing twice), words outside ASCII, apostrophes.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator
from itertools import compress

from missive.pipeline.quotes import (
    SHINGLE,
    Shingled,
    _found_places,
    _grow,
    _run,
    collector_paused,
    shared_passages,
    shingle_block,
)
from missive.pipeline.shingle_window import ShingleWindow
from missive.pipeline.shingles import shingle_keys
from missive.pipeline.words import word_bounds

WORDS = ["war", "peace", "the", "front", "Soviet", "army", "don't", "Été", "ſhip", "x", "1943"]


def _text(rng: random.Random, vocabulary: list[str], pool: list[str]) -> str:
    """Words from a small vocabulary, and passages from a pool shared by all texts."""
    parts: list[str] = []
    for _ in range(rng.randrange(0, 8)):
        if rng.random() < 0.5:
            parts.append(rng.choice(pool))
        else:
            parts.append(" ".join(rng.choice(vocabulary) for _ in range(rng.randrange(0, 9))))
    return rng.choice([" ", "\n\n", "  "]).join(parts)


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    vocabulary = rng.sample(WORDS, rng.randrange(2, len(WORDS)))
    pool = [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(6, 20))) for _ in range(6)]
    return [_text(rng, vocabulary, pool) for _ in range(count)]


def test_shingle_keys_are_equal_exactly_for_equal_words() -> None:
    rng = random.Random(1)
    for _ in range(300):
        docs = [[rng.choice("abc") for _ in range(rng.randrange(0, 14))] for _ in range(4)]
        flat = shingle_keys(docs).tolist()
        assert flat == [key for words in docs for key in shingle_keys([words]).tolist()]
        seen: dict[tuple[str, ...], int] = {}
        for words in docs:
            keys = Shingled(" ".join(words)).keys
            assert len(keys) == max(0, len(words) - SHINGLE + 1)
            for i, key in enumerate(keys):
                assert seen.setdefault(tuple(words[i : i + SHINGLE]), key) == key
        assert len(set(seen.values())) == len(seen)


def test_a_block_of_documents_is_each_document_alone() -> None:
    for seed in range(40):
        texts = _texts(seed, 12)
        made, flat, counts = shingle_block(texts)
        assert flat.tolist() == [key for doc in made for key in doc.keys]
        assert counts == [len(doc.keys) for doc in made]
        for text, doc in zip(texts, made, strict=True):
            alone = Shingled(text)
            assert (doc.norms, doc.keys, doc.first, doc.repeats) == (
                alone.norms, alone.keys, alone.first, alone.repeats)  # fmt: skip
            bounds = word_bounds(text)
            assert doc.spans == list(zip(bounds[0::2], bounds[1::2], strict=True))
            if doc.norms:
                assert doc.words_text(0, len(doc.norms) - 1) == alone.words_text(
                    0, len(alone.norms) - 1)  # fmt: skip


def _plain_places(a: Shingled, b: Shingled) -> tuple[list[int], list[int]]:
    starts = list(compress(range(len(a.keys)), map(b.first.__contains__, a.keys)))
    return starts, [b.first[a.keys[i]] for i in starts]


def test_the_window_finds_the_places_two_documents_share() -> None:
    compared = 0
    for seed in range(30):
        rng = random.Random(seed)
        texts = _texts(seed, rng.randrange(2, 60))
        docs = [Shingled(text) for text in texts]
        window = ShingleWindow(rng.randrange(1, 20), rng.randrange(1, 6), 1, rng.randrange(1, 6))
        block = rng.randrange(1, 15)
        for start in range(0, len(docs), block):
            for doc in docs[start : start + block]:
                window.add_block(_array(doc.keys), [len(doc.keys)])
            for k, candidates in enumerate(window.select(), start):
                for d, _ in candidates:
                    a, b = docs[k], docs[d]
                    places = window.shared(k, d)
                    a_repeats, b_repeats = k in window.repeating, d in window.repeating
                    assert (a_repeats, b_repeats) == (bool(a.repeats), bool(b.repeats))
                    if not (a_repeats or b_repeats):
                        starts, js, runs = places
                        assert (starts, js) == _plain_places(a, b)
                        assert runs == [
                            _run(a.norms, b.norms, i, j) for i, j in zip(starts, js, strict=False)
                        ]
                    found = _found_places(a, b, places, a_repeats, b_repeats)
                    assert _grow(*found) == shared_passages(a, b)
                    compared += 1
    assert compared > 500


def _array(keys: list[int]):
    import numpy as np

    return np.array(keys, dtype=np.int64)


def test_the_collector_is_paused_and_restored() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def _source_of(paragraphs: list[str], rng: random.Random):
    """A source holding one document whose paragraphs are `paragraphs`, some of them
    written in the source with other whitespace (so not verbatim)."""
    from missive.model import Document, Paragraph, Source, Span

    pieces, body, at = ["No. 1\n\n"], [], len("No. 1\n\n")
    for text in paragraphs:
        written = text.replace(" ", "\n", 1) if rng.random() < 0.3 else text
        body.append(Paragraph(Span(at, at + len(written)), text))
        pieces.append(written + "\n\n")
        at += len(written) + 2
    text = "".join(pieces)
    doc = Document("d1", 0, Span(0, len(text)), 1, text.count("\n") + 1, body=body)
    return Source("s.txt", "s.txt", "0", "txt", text, documents=[doc]), doc


def test_a_verbatim_paragraph_places_a_passage_where_the_search_finds_it() -> None:
    from missive.pipeline.threads import locate_passage
    from missive.pipeline.verbatim import VerbatimParagraphs

    rng = random.Random(6)
    placed = 0
    for _ in range(300):
        vocabulary = [*WORDS, *(f"w{i}" for i in range(rng.randrange(0, 80)))]
        paragraphs = [
            rng.choice(["  ", " "]).join(
                rng.choice(vocabulary) for _ in range(rng.randrange(1, 30))
            )
            for _ in range(rng.randrange(1, 4))
        ]
        source, doc = _source_of(paragraphs, rng)
        verbatim = VerbatimParagraphs(doc)
        for start, passage in _sampled_passages(doc.text, rng):
            place = verbatim.place(source, passage, start)
            if place is not None:
                assert place == locate_passage(source, doc, passage), passage
                placed += 1
    assert placed > 100


def test_a_passage_whose_first_word_stands_earlier_is_placed_where_the_search_finds_it() -> None:
    """The first word occurs before the passage (alone, inside a longer word, or with
    the passage's next words after other whitespace): placed only where the search of
    its first words finds it."""
    from missive.pipeline.threads import locate_passage
    from missive.pipeline.verbatim import VerbatimParagraphs

    rng = random.Random(8)
    placed_after_an_earlier_first_word = 0
    for _ in range(400):
        vocabulary = ["a", "ab", "b", "ba", "c", *(f"w{i}" for i in range(rng.randrange(0, 6)))]
        paragraphs = [
            " ".join(rng.choice(vocabulary) for _ in range(rng.randrange(1, 30)))
            for _ in range(rng.randrange(1, 5))
        ]
        source, doc = _source_of(paragraphs, rng)
        verbatim = VerbatimParagraphs(doc)
        for start, passage in _sampled_passages(doc.text, rng):
            place = verbatim.place(source, passage, start)
            if place is not None:
                assert place == locate_passage(source, doc, passage), passage
                head = passage.split(" ", 1)[0]
                in_source = place.start
                if source.readable.find(head, doc.span.start, in_source) >= 0:
                    placed_after_an_earlier_first_word += 1
    assert placed_after_an_earlier_first_word > 100


def _sampled_passages(text: str, rng: random.Random) -> Iterator[tuple[int, str]]:
    """Up to ten runs of up to 25 shingled words of `text`: (start, passage)."""
    shingled = Shingled(text)
    for _ in range(10 if shingled.norms else 0):
        first = rng.randrange(len(shingled.norms))
        last = rng.randrange(first, min(len(shingled.norms), first + 25))
        start, end = shingled.text_span(first, last)
        yield start, text[start:end]
