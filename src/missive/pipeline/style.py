"""The writers' own words: documents no rule attributed, in a two-sided volume, go to
the side whose attributed documents their wording most resembles.

A naive Bayes model over each document's set of words and word pairs, trained on the
source's own confidently attributed documents; it earns its confidence by predicting
those documents with each left out.  Called by parties.py while it settles the
writers; it knows the documents (``facts.doc``) and the volume's two sides.

The features are integer ids (word_features.py) and the counts numpy arrays; a
weight depends only on a feature's two counts, so each distinct pair of counts is
weighed once, with the same float operations as the plain formula.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from itertools import chain
from typing import Protocol

import numpy as np

from missive.authority import Authority
from missive.model import POSSIBLE, PROBABLE, Document, Evidence
from missive.pipeline.attribution import HasDocument
from missive.pipeline.attribution import document_date as _iso
from missive.pipeline.attribution import nearest_date as _nearest_date
from missive.pipeline.attribution import set_parties as _set
from missive.pipeline.word_features import WordFeatures

STYLE_RULE = "wording like this writer's other documents in the source"
_STYLE_MARGIN = 1.5  # nats of log-odds below which the wording decides nothing
_STYLE_MIN_TESTED = 10  # documents the model must be tested on before it is trusted
_STYLE_MAX_TESTED = 300  # enough for the interval to be narrow; the test costs per document


class Sides(Protocol):
    """What the model needs of the volume's two sides (parties.PartyResolver)."""

    principal: str | None
    authority: Authority

    def direction(self, outgoing: bool, iso: str | None) -> tuple[list[str], list[str]] | None: ...


def attribute_by_style(all_facts: Sequence[HasDocument], resolver: Sides) -> bool:
    """Documents still without a writer, in a two-sided volume, are attributed to the
    side whose attributed documents their wording most resembles (a naive Bayes
    model trained on this source's own attributed documents). Probable at best, and
    its evidence names the words that decided."""
    if not resolver.principal:
        return False  # no two sides
    texts = [f.doc.text for f in all_facts]  # the model does not change them
    if all(f.doc.senders or not text for f, text in zip(all_facts, texts, strict=True)):
        return False  # no document left to attribute
    sides = [_side(f.doc, text, resolver) for f, text in zip(all_facts, texts, strict=True)]
    if min(sides.count("out"), sides.count("in")) < 5:
        return False  # too few documents of a side to train on (before any is read)
    wanted = [k for k, f in enumerate(all_facts) if sides[k] or not f.doc.senders]
    features = WordFeatures([texts[k] for k in wanted])
    # Each document's feature ids; those no round will predict (no text) are left out.
    of = {k: features.of(n) for n, k in enumerate(wanted) if texts[k]}
    counts = _Counts(features.size)
    labelled = [k for k in wanted if sides[k]]
    for k in labelled:
        counts.add(sides[k], of[k])
    step = max(1, len(labelled) // _STYLE_MAX_TESTED)  # an evenly spread sample
    sample = [(sides[k], of[k]) for k in labelled[::step]]
    confidence = _self_tested_confidence(sample, counts)
    changed = False
    # Two rounds: what the first attributes with a clear margin trains the second.
    for _round in range(2):
        attributed = _attribute_round(all_facts, of, features, resolver, counts, confidence)
        if not attributed:
            break
        for side, ids in attributed:
            counts.add(side, ids)
        changed = True
    return changed


class _Counts:
    """For each side ("out": the volume's principal writes; "in": the counterpart
    does), how many of its attributed documents hold each feature (an array over the
    feature ids), and how many documents it has.  The model's weights are worked out
    from them when first asked for, and kept until the counts change."""

    def __init__(self, size: int) -> None:
        self.holding = {"out": np.zeros(size, np.int64), "in": np.zeros(size, np.int64)}
        self.totals = {"out": 0, "in": 0}
        self._weights: np.ndarray | None = None

    def add(self, side: str, ids: np.ndarray) -> None:
        self.holding[side][ids] += 1  # a document's ids are distinct
        self.totals[side] += 1
        self._weights = None

    def prior(self) -> float:
        return math.log(self.totals["out"] / self.totals["in"])

    def weights(self) -> np.ndarray:
        """Each feature's log(P(feature | out) / P(feature | in)), each smoothed
        (Laplace), for a feature held by two or more documents; NaN for a rarer one,
        which the model ignores."""
        if self._weights is None:
            out_total, in_total = self.totals["out"], self.totals["in"]

            def weight(out_n: int, in_n: int) -> float:
                p_out = (out_n + 1) / (out_total + 2)
                p_in = (in_n + 1) / (in_total + 2)
                return math.log(p_out / p_in)

            out, in_ = self.holding["out"], self.holding["in"]
            self._weights = _by_count_pair(out, in_, out + in_ >= 2, weight)
        return self._weights

    def left_out_terms(self, side: str) -> np.ndarray:
        """Each feature's term of the log-odds of a training document of `side` with
        that document left out (NaN for a feature the model ignores); valid for the
        features that document holds."""
        out_total = self.totals["out"] - (side == "out")
        in_total = self.totals["in"] - (side == "in")

        def term(out_n: int, in_n: int) -> float:
            return math.log((out_n + 1) / (out_total + 2) * (in_total + 2) / (in_n + 1))

        out, in_ = self.holding["out"], self.holding["in"]
        # A feature of the model (this document included) that a document of the side holds.
        model = (out + in_ >= 2) & (self.holding[side] > 0)
        return _by_count_pair(out - (side == "out"), in_ - (side == "in"), model, term)


def _by_count_pair(out: np.ndarray, in_: np.ndarray, where: np.ndarray, fn) -> np.ndarray:
    """fn(out[i], in_[i]) for every feature i where `where` holds, NaN elsewhere;
    fn is called once per distinct pair of counts, on Python ints."""
    values = np.full(len(out), np.nan)
    if not where.any():
        return values
    out_n, in_n = out[where], in_[where]
    base = int(in_n.max()) + 1
    pairs, index = np.unique(out_n * base + in_n, return_inverse=True)
    each = [fn(*divmod(pair, base)) for pair in pairs.tolist()]
    values[where] = np.array(each)[index]
    return values


def _side(doc: Document, text: str, resolver: Sides) -> str | None:
    """ "out" or "in" for a document (whose text is `text`) confidently attributed to a
    side; else None."""
    senders = doc.senders
    if not senders or senders[0].confidence < PROBABLE or not text:
        return None
    return "out" if senders[0].key == resolver.principal else "in"


def _attribute_round(
    all_facts: Sequence[HasDocument],
    of: dict[int, np.ndarray],
    features: WordFeatures,
    resolver: Sides,
    counts: _Counts,
    confidence: float,
) -> list[tuple[str, np.ndarray]]:
    """Attribute what the model decides with a clear margin, at the confidence the model
    earned on this source; return each newly attributed document's side and features,
    to train the next round."""
    attributed: list[tuple[str, np.ndarray]] = []
    prior = counts.prior()
    weights = counts.weights()
    for position, facts in enumerate(all_facts):
        if facts.doc.senders or position not in of:  # attributed, or without text
            continue
        ids = of[position]
        present = weights[ids]
        known = ~np.isnan(present)
        side, decided, words = _predict(prior, ids[known], present[known], features)
        if not decided:
            continue
        # An undated document stands between its neighbours in a chronological volume.
        iso = _iso(facts.doc) or _nearest_date(all_facts, position)
        direction = resolver.direction(side == "out", iso)
        if not direction:
            continue
        ev = Evidence(STYLE_RULE, confidence, None, ", ".join(words))
        _set(facts.doc, *direction, ev, resolver)
        attributed.append(("out" if direction[0][0] == resolver.principal else "in", ids))
    return attributed


def _self_tested_confidence(sample: list[tuple[str, np.ndarray]], counts: _Counts) -> float:
    """How often the wording model is right on this source's own attributed documents,
    each predicted with itself left out: the lower end of a 90% interval around that rate
    (Wilson), so a small or poorly separated source earns little trust; never above
    probable.  Possible when too few documents can be tested.  A large source is
    tested on an evenly spread sample of its attributed documents."""
    terms = {side: counts.left_out_terms(side) for side in {side for side, _ in sample}}
    right = tested = 0
    for side, ids in sample:
        score = _left_out_score(ids, side, counts, terms[side])
        if abs(score) < _STYLE_MARGIN:
            continue
        tested += 1
        right += (score > 0) == (side == "out")
    if tested < _STYLE_MIN_TESTED:
        return POSSIBLE
    return min(PROBABLE - 0.05, _wilson_lower(right, tested))


def _left_out_score(ids: np.ndarray, side: str, counts: _Counts, terms: np.ndarray) -> float:
    """The model's log-odds for a training document as if it had not been trained on
    (`terms`: counts.left_out_terms(side)), summed exactly."""
    out_total = counts.totals["out"] - (side == "out")
    in_total = counts.totals["in"] - (side == "in")
    own = terms[ids]
    return math.fsum(chain((math.log(out_total / in_total),), own[~np.isnan(own)].tolist()))


def _wilson_lower(right: int, tested: int, z: float = 1.645) -> float:
    rate = right / tested
    spread = z * math.sqrt(rate * (1 - rate) / tested + z * z / (4 * tested * tested))
    return (rate + z * z / (2 * tested) - spread) / (1 + z * z / tested)


def _predict(
    prior: float, known: np.ndarray, weights: np.ndarray, features: WordFeatures
) -> tuple[str, bool, list[str]]:
    """The side the wording leans to, whether it leans by the margin that decides, and
    the five features that weigh most for that side; `known` are the ids of the
    document's features the model knows, `weights` their weights.

    The score is the prior plus the weights added in the order of the features' names.
    Naming and sorting the features costs more than the rest, so the sum is first
    taken exactly (`math.fsum`); only when that lies within the rounding error of the
    ordered sum from 0 or from the margin is the ordered sum worked out to decide."""
    present = weights.tolist()
    score = math.fsum(chain((prior,), present))
    # The ordered sum differs from the exact one by less than n * 2**-52 of the sum of
    # the magnitudes (recursive summation); 2**-50 leaves room for the two roundings.
    error = (len(present) + 4) * 2.0**-50 * (abs(prior) + math.fsum(map(abs, present)))
    if abs(score) <= error or abs(abs(score) - _STYLE_MARGIN) <= error:
        names = map(features.name, known.tolist())
        score = prior + sum(map(operator.itemgetter(1), sorted(zip(names, present, strict=True))))
    side = "out" if score > 0 else "in"
    # The five that weigh most for the side, as sorted((-sign * w, name) ...)[:5] would
    # give: every one of them leans no less than the fifth strongest lean.
    leaning = -weights if score > 0 else weights
    if len(leaning) > 5:
        strong = leaning <= np.partition(leaning, 4)[4]
        known, leaning = known[strong], leaning[strong]
    decisive = sorted(zip(leaning.tolist(), map(features.name, known.tolist()), strict=True))[:5]
    return side, abs(score) >= _STYLE_MARGIN, [name for _, name in decisive]
