"""The wording model's weights and self-test scores are the plain naive Bayes formulas,
to the last bit, however they are worked out."""

from __future__ import annotations

import math
import random
from collections import Counter

import numpy as np

from missive.pipeline import style
from missive.pipeline.word_features import WordFeatures

WORDS = ["we", "i", "you", "the", "front", "second", "message", "of", "convoy", "our", "my"]


def _random_texts(rng: random.Random, n: int) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 30))) for _ in range(n)]


def _plain_weight(out: Counter[str], in_: Counter[str], totals: dict[str, int], f: str):
    if out[f] + in_[f] < 2:
        return None
    p_out = (out[f] + 1) / (totals["out"] + 2)
    p_in = (in_[f] + 1) / (totals["in"] + 2)
    return math.log(p_out / p_in)


def _plain_left_out_terms(features, side, out, in_, totals) -> list[float]:
    out_total = totals["out"] - (side == "out")
    in_total = totals["in"] - (side == "in")
    terms = [math.log(out_total / in_total)]
    for f in features:
        if out[f] + in_[f] >= 2:
            out_n = out[f] - (side == "out")
            in_n = in_[f] - (side == "in")
            terms.append(math.log((out_n + 1) / (out_total + 2) * (in_total + 2) / (in_n + 1)))
    return terms


def test_weights_and_left_out_scores_are_the_plain_formulas() -> None:
    rng = random.Random(31)
    for _ in range(30):
        labelled_texts = _random_texts(rng, rng.randrange(12, 40))
        other_texts = _random_texts(rng, 10)
        features = WordFeatures(labelled_texts + other_texts)
        names = [{features.name(int(i)): int(i) for i in features.of(k)}
                 for k in range(features.starts.size - 1)]  # fmt: skip
        counts = style._Counts(features.size)
        plain = {"out": Counter(), "in": Counter()}
        totals = {"out": 0, "in": 0}
        sides = [rng.choice(["out", "in"]) for _ in labelled_texts]
        for k, side in enumerate(sides):
            counts.add(side, features.of(k))
            plain[side].update(names[k].keys())
            totals[side] += 1
        if min(totals.values()) < 2:
            continue
        weights = counts.weights()
        for k in range(len(labelled_texts), len(names)):
            for name, i in names[k].items():
                expected = _plain_weight(plain["out"], plain["in"], totals, name)
                assert (expected is None and np.isnan(weights[i])) or weights[i] == expected
        terms = {side: counts.left_out_terms(side) for side in ("out", "in")}
        for k, side in enumerate(sides):
            plain_terms = _plain_left_out_terms(names[k], side, plain["out"], plain["in"], totals)
            score = style._left_out_score(features.of(k), side, counts, terms[side])
            assert score == math.fsum(plain_terms)  # the exact sum of the same terms
            assert math.isclose(score, sum(plain_terms), rel_tol=1e-12, abs_tol=1e-12)


def test_weights_follow_the_counts_as_they_grow() -> None:
    features = WordFeatures(["convoy front", "convoy"])
    convoy, front = (
        next(i for i in features.of(0) if features.name(int(i)) == word)
        for word in ("convoy", "front")
    )
    counts = style._Counts(features.size)
    for side in ("out", "in", "out"):
        counts.add(side, np.array([convoy, front]))
    assert counts.weights()[convoy] == math.log((3 / 4) / (2 / 3))
    counts.add("in", np.array([convoy]))
    assert counts.weights()[convoy] == math.log((3 / 4) / (3 / 4))
    assert counts.weights()[front] == math.log((3 / 4) / (2 / 4))


def test_the_decisive_words_are_the_strongest_then_the_first_by_name() -> None:
    features = WordFeatures(["a b c d e f g h"])
    ids = features.of(0)
    by_name = {features.name(int(i)): i for i in ids}
    order = ["a", "b", "c", "d", "e", "f", "g", "h"]
    known = np.array([by_name[w] for w in order])
    weights = np.array([2.0, 1.0, 1.0, 3.0, 1.0, 1.0, 0.5, 1.0])
    side, decided, words = style._predict(0.0, known, weights, features)
    assert (side, decided) == ("out", True)
    assert words == ["d", "a", "b", "c", "e"]  # ties of the fifth weight go by name
    side, _, words = style._predict(-20.0, known, weights, features)
    assert side == "in" and words == ["g", "b", "c", "e", "f"]
