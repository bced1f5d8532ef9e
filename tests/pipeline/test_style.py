"""The wording model's weights and self-test scores are the plain naive Bayes formulas,
to the last bit, however they are worked out."""

from __future__ import annotations

import math
import random
from collections import Counter

from missive.pipeline import style

WORDS = ["we", "i", "you", "the", "front", "second", "message", "of", "convoy", "our", "my"]


def _random_texts(rng: random.Random, n: int) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 30))) for _ in range(n)]


def _plain_weight(out: Counter[str], in_: Counter[str], totals: dict[str, int], f: str):
    if out[f] + in_[f] < 2:
        return None
    p_out = (out[f] + 1) / (totals["out"] + 2)
    p_in = (in_[f] + 1) / (totals["in"] + 2)
    return math.log(p_out / p_in)


def _plain_left_out(features, side, out, in_, totals) -> float:
    out_total = totals["out"] - (side == "out")
    in_total = totals["in"] - (side == "in")
    score = math.log(out_total / in_total)
    for f in features:
        if out[f] + in_[f] >= 2:
            out_n = out[f] - (side == "out")
            in_n = in_[f] - (side == "in")
            score += math.log((out_n + 1) / (out_total + 2) * (in_total + 2) / (in_n + 1))
    return score


def test_weights_and_left_out_scores_are_the_plain_formulas() -> None:
    rng = random.Random(31)
    for _ in range(30):
        counts = style._Counts()
        plain = {"out": Counter(), "in": Counter()}
        totals = {"out": 0, "in": 0}
        labelled = [(rng.choice(["out", "in"]), style._features(t))
                    for t in _random_texts(rng, rng.randrange(12, 40))]  # fmt: skip
        for side, features in labelled:
            counts.add(side, features)
            plain[side].update(features)
            totals[side] += 1
        if min(totals.values()) < 2:
            continue
        for text in _random_texts(rng, 10):
            features = list(style._features(text))
            expected = [(f, _plain_weight(plain["out"], plain["in"], totals, f)) for f in features]
            expected = [(f, w) for f, w in expected if w is not None]
            assert counts.weights(features) == ([f for f, _ in expected], [w for _, w in expected])
        for side, features in labelled:
            assert style._left_out_score(features, side, counts) == _plain_left_out(
                features, side, plain["out"], plain["in"], totals
            )


def test_weights_follow_the_counts_as_they_grow() -> None:
    counts = style._Counts()
    for side in ("out", "in", "out"):
        counts.add(side, {"convoy", "front"})
    assert counts.weights(["convoy"]) == (["convoy"], [math.log((3 / 4) / (2 / 3))])
    counts.add("in", {"convoy"})
    assert counts.weights(["convoy", "front"]) == (
        ["convoy", "front"],
        [math.log((3 / 4) / (3 / 4)), math.log((3 / 4) / (2 / 4))],
    )
