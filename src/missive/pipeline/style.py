"""The writers' own words: documents no rule attributed, in a two-sided volume, go to
the side whose attributed documents their wording most resembles.

A naive Bayes model over each document's set of words and word pairs, trained on the
source's own confidently attributed documents; it earns its confidence by predicting
those documents with each left out.  Called by parties.py while it settles the
writers; it knows the documents (``facts.doc``) and the volume's two sides.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Sequence
from itertools import chain, compress, pairwise, repeat
from typing import Protocol

from missive.authority import Authority
from missive.model import POSSIBLE, PROBABLE, Document, Evidence
from missive.pipeline.attribution import HasDocument
from missive.pipeline.attribution import document_date as _iso
from missive.pipeline.attribution import nearest_date as _nearest_date
from missive.pipeline.attribution import set_parties as _set
from missive.textutil import lower_words

STYLE_RULE = "wording like this writer's other documents in the source"
_STYLE_MARGIN = 1.5  # nats of log-odds below which the wording decides nothing
_STYLE_MIN_TESTED = 10  # documents the model must be tested on before it is trusted
_STYLE_MAX_TESTED = 300  # enough for the interval to be narrow; the test costs per document


class Sides(Protocol):
    """What the model needs of the volume's two sides (parties.PartyResolver)."""

    principal: str | None
    authority: Authority

    def direction(self, outgoing: bool, iso: str | None) -> tuple[list[str], list[str]] | None: ...


def _features(text: str) -> set[str]:
    words = lower_words(text)  # re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower()), found faster
    features = set(words)
    features.update(map(" ".join, pairwise(words)))
    return features


def attribute_by_style(all_facts: Sequence[HasDocument], resolver: Sides) -> bool:
    """Documents still without a writer, in a two-sided volume, are attributed to the
    side whose attributed documents their wording most resembles (a naive Bayes
    model trained on this source's own attributed documents). Probable at best, and
    its evidence names the words that decided."""
    if not resolver.principal or all(f.doc.senders or not f.doc.text for f in all_facts):
        return False  # no two sides, or no document left to attribute
    # Feature sets are counted as they are made, never kept for the whole volume (a
    # large source would otherwise hold every document's words and pairs at once);
    # only the evenly spread sample the self-test predicts again is kept.
    counts, sample = _labelled_counts(all_facts, resolver)
    if min(counts.totals.values()) < 5:
        return False
    confidence = _self_tested_confidence(sample, counts)
    changed = False
    # Two rounds: what the first attributes with a clear margin trains the second.
    for _round in range(2):
        attributed = _attribute_round(all_facts, resolver, counts, confidence)
        if not attributed:
            break
        for side, features in attributed:
            counts.add(side, features)
        changed = True
    return changed


class _Counts:
    """For each side ("out": the volume's principal writes; "in": the counterpart
    does), how many of its attributed documents hold each feature, and how many
    documents it has.  The model's weights are worked out from them when first asked
    for, and kept until the counts change."""

    def __init__(self) -> None:
        self.holding: dict[str, Counter[str]] = {"out": Counter(), "in": Counter()}
        self.totals = {"out": 0, "in": 0}
        self._weights: dict[str, float | None] = {}  # None: a feature the model ignores

    def add(self, side: str, features: set[str]) -> None:
        self.holding[side].update(features)
        self.totals[side] += 1
        self._weights.clear()

    def prior(self) -> float:
        return math.log(self.totals["out"] / self.totals["in"])

    def weights(self, features: list[str]) -> tuple[list[str], list[float]]:
        """The features the model knows, in the order of `features`, and their weights."""
        found = list(map(self._weights.get, features, repeat(_UNSEEN)))
        if _UNSEEN in found:
            found = [self._weight(f) if w is _UNSEEN else w
                     for f, w in zip(features, found, strict=True)]  # fmt: skip
        kept = list(map(operator.is_not, found, repeat(None)))
        return list(compress(features, kept)), list(compress(found, kept))

    def _weight(self, feature: str) -> float | None:
        """log(P(feature | out) / P(feature | in)), each smoothed (Laplace), for a
        feature held by two or more documents; None for a rarer one."""
        out_n = self.holding["out"].get(feature, 0)
        in_n = self.holding["in"].get(feature, 0)
        weight = None
        if out_n + in_n >= 2:
            p_out = (out_n + 1) / (self.totals["out"] + 2)
            p_in = (in_n + 1) / (self.totals["in"] + 2)
            weight = math.log(p_out / p_in)
        self._weights[feature] = weight
        return weight


_UNSEEN = object()  # a feature not yet weighed


def _side(doc: Document, resolver: Sides) -> str | None:
    """ "out" or "in" for a document confidently attributed to a side; else None."""
    senders = doc.senders
    if not senders or senders[0].confidence < PROBABLE or not doc.text:
        return None
    return "out" if senders[0].key == resolver.principal else "in"


def _labelled_counts(
    all_facts: Sequence[HasDocument], resolver: Sides
) -> tuple[_Counts, list[tuple[str, set[str]]]]:
    """The counts of the confidently attributed documents' features; and the side and
    features of the evenly spread sample of them that the self-test predicts."""
    labelled = [(f.doc, side) for f in all_facts if (side := _side(f.doc, resolver))]
    step = max(1, len(labelled) // _STYLE_MAX_TESTED)
    counts = _Counts()
    sample: list[tuple[str, set[str]]] = []
    for k, (doc, side) in enumerate(labelled):
        features = _features(doc.text)
        counts.add(side, features)
        if k % step == 0:
            sample.append((side, features))
    return counts, sample


def _attribute_round(
    all_facts: Sequence[HasDocument], resolver: Sides, counts: _Counts, confidence: float
) -> list[tuple[str, set[str]]]:
    """Attribute what the model decides with a clear margin, at the confidence the model
    earned on this source; return each newly attributed document's side and features,
    to train the next round."""
    attributed: list[tuple[str, set[str]]] = []
    prior = counts.prior()
    for position, facts in enumerate(all_facts):
        if facts.doc.senders or not (text := facts.doc.text):
            continue
        features = _features(text)
        side, decided, words = _predict(prior, *counts.weights(list(features)))
        if not decided:
            continue
        # An undated document stands between its neighbours in a chronological volume.
        iso = _iso(facts.doc) or _nearest_date(all_facts, position)
        direction = resolver.direction(side == "out", iso)
        if not direction:
            continue
        ev = Evidence(STYLE_RULE, confidence, None, ", ".join(words))
        _set(facts.doc, *direction, ev, resolver)
        attributed.append(("out" if direction[0][0] == resolver.principal else "in", features))
    return attributed


def _self_tested_confidence(sample: list[tuple[str, set[str]]], counts: _Counts) -> float:
    """How often the wording model is right on this source's own attributed documents,
    each predicted with itself left out: the lower end of a 90% interval around that rate
    (Wilson), so a small or poorly separated source earns little trust; never above
    probable.  Possible when too few documents can be tested.  A large source is
    tested on an evenly spread sample of its attributed documents."""
    right = tested = 0
    for side, features in sample:
        score = _left_out_score(features, side, counts)
        if abs(score) < _STYLE_MARGIN:
            continue
        tested += 1
        right += (score > 0) == (side == "out")
    if tested < _STYLE_MIN_TESTED:
        return POSSIBLE
    return min(PROBABLE - 0.05, _wilson_lower(right, tested))


def _left_out_score(features: set[str], side: str, counts: _Counts) -> float:
    """The model's log-odds for a training document as if it had not been trained on."""
    out_total = counts.totals["out"] - (side == "out")
    in_total = counts.totals["in"] - (side == "in")
    out_count, in_count = counts.holding["out"].get, counts.holding["in"].get
    score = math.log(out_total / in_total)
    for f in features:
        out_n, in_n = out_count(f, 0), in_count(f, 0)
        if out_n + in_n >= 2:  # a feature of the model (this document included)
            out_n -= side == "out"
            in_n -= side == "in"
            score += math.log((out_n + 1) / (out_total + 2) * (in_total + 2) / (in_n + 1))
    return score


def _wilson_lower(right: int, tested: int, z: float = 1.645) -> float:
    rate = right / tested
    spread = z * math.sqrt(rate * (1 - rate) / tested + z * z / (4 * tested * tested))
    return (rate + z * z / (2 * tested) - spread) / (1 + z * z / tested)


def _predict(prior: float, known: list[str], present: list[float]) -> tuple[str, bool, list[str]]:
    """The side the wording leans to, whether it leans by the margin that decides, and
    the five features that weigh most for that side; `known` are the document's
    features the model knows, `present` their weights.

    The score is the prior plus the weights added in the order of the features' names.
    Sorting the names costs more than the rest, so the sum is first taken exactly
    (`math.fsum`); only when that lies within the rounding error of the ordered sum
    from 0 or from the margin is the ordered sum worked out to decide."""
    score = math.fsum(chain((prior,), present))
    # The ordered sum differs from the exact one by less than n * 2**-52 of the sum of
    # the magnitudes (recursive summation); 2**-50 leaves room for the two roundings.
    error = (len(present) + 4) * 2.0**-50 * (abs(prior) + math.fsum(map(abs, present)))
    if abs(score) <= error or abs(abs(score) - _STYLE_MARGIN) <= error:
        score = prior + sum(map(operator.itemgetter(1), sorted(zip(known, present, strict=True))))
    side = "out" if score > 0 else "in"
    # The five that weigh most for the side, as sorted((-sign * w, f) ...)[:5] would give:
    # every one of them leans no less than the fifth strongest lean.
    leaning = list(map(operator.neg, present)) if score > 0 else present
    pairs = zip(leaning, known, strict=True)
    if len(leaning) > 5:
        fifth = sorted(leaning)[4]
        pairs = compress(pairs, map(fifth.__ge__, leaning))
    decisive = sorted(pairs)[:5]
    return side, abs(score) >= _STYLE_MARGIN, [f for _, f in decisive]
