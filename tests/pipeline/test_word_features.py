"""Each text's integer-coded features are exactly its set of lowercase words
(textutil.lower_words) and pairs of neighbouring words, whatever the text holds."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

from missive.pipeline import word_features
from missive.pipeline.word_features import WordFeatures
from missive.textutil import lower_words

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _plain_features(text: str) -> set[str]:
    words = lower_words(text)
    return set(words) | {" ".join(pair) for pair in pairwise(words)}


def _named(features: WordFeatures, k: int) -> list[str]:
    return [features.name(int(i)) for i in features.of(k)]


def _check(texts: list[str]) -> None:
    features = WordFeatures(texts)
    for k, text in enumerate(texts):
        named = _named(features, k)
        assert len(named) == len(set(named)), text
        assert set(named) == _plain_features(text), text
    assert features.size == len(set().union(*map(_plain_features, texts)))


def test_awkward_texts() -> None:
    _check([
        "Your message of the 5th. I don't know, o'clock's 'tis boys' ' '' x'y'z a'b'c'd",
        "", "the the the message", "Привет the İstanbul world ſ K", "' ''", "|", "a | b",
        "don't've don ve", "DON'T Don't", "a\x00b c",  # a text holding the separator
    ])  # fmt: skip


def test_random_texts_in_several_chunks(monkeypatch) -> None:
    monkeypatch.setattr(word_features, "_CHUNK", 7)  # many chunks sharing the vocabulary
    rng = random.Random(11)
    alphabet = "ab' \n.İ\x00Xé|"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
             for _ in range(400)]  # fmt: skip
    _check(texts)
    _check([t.replace("\x00", "") for t in texts])


def test_sample_paragraphs() -> None:
    paragraphs = []
    for path in sorted(SAMPLES.glob("*.txt")):
        paragraphs += path.read_text(encoding="utf-8").split("\n\n")
    _check(paragraphs)


def test_no_texts() -> None:
    assert WordFeatures([]).size == 0
