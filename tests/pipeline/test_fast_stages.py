"""The cheap first tests of normalize, classify and markers give what the regular
expressions they spare give (random texts built from the characters that matter)."""

from __future__ import annotations

import random
import re

import numpy as np

from missive.pipeline import classify, style
from missive.pipeline.dates import _TRAILING_DATE, find_dates, trailing_date
from missive.pipeline.markers import _FUSED, _SPACED, _candidates
from missive.pipeline.normalize import _PAGE_NUMBER, _PAGED_HEAD, _SEPARATOR, _STRAY, noise_reason
from missive.textutil import lower_words

MARKER_PIECES = ["a", "Z", "1", "12", "123", "1234", "٣", " ", "\t", "\n", ".", ",", ";",
                 ":", '"', "”", "’", "'", ")", "]", "(", "-", "x9", "é"]  # fmt: skip


def _regex_candidates(text: str) -> list[tuple[int, int, str]]:
    found = [(*m.span(1), "fused") for m in _FUSED.finditer(text)]
    found += [(*m.span(1), "spaced") for m in _SPACED.finditer(text)]
    found += [(*m.span(1), "bracketed") for m in _BRACKETED_SQUARE.finditer(text)]
    found += [(*m.span(1), "bracketed") for m in _BRACKETED_ROUND.finditer(text)]
    return sorted(found)


# Markers in brackets glued to the word before: "city.[1]", "Lenin,(1)".
_BRACKETED_SQUARE = re.compile(r"(?<=\S)\[(\d{1,3})\]")
_BRACKETED_ROUND = re.compile(r"(?<=[^\s(\[0-9])\((\d{1,3})\)")


def test_marker_candidates_are_the_regex_matches() -> None:
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice(MARKER_PIECES) for _ in range(rng.randrange(0, 12)))
        assert _candidates(text) == _regex_candidates(text), repr(text)


WORD_PIECES = ["a", "Ab", "z", "'", "''", " ", "\n", "İ", "ı", "\u212a", "é", "-", "x'y", "Q", "1"]


def test_lower_words_is_the_regex_findall() -> None:
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(WORD_PIECES) for _ in range(rng.randrange(0, 12)))
        assert lower_words(text) == re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower()), repr(text)


NOISE_PIECES = ["1", "12", "٣", "-", "–", "—", "[", "]", " ", "\n", "p.", "Page ", "=", "*",
                "~", "#", "_", "a", "M", "'", "FOREIGN RELATIONS", "TO", ",", "."]  # fmt: skip


def _plain_noise_reason(text: str) -> str:
    if not text:
        return ""
    for pattern, reason in ((_PAGE_NUMBER, "page number"), (_SEPARATOR, "separator"),
                            (_STRAY, "stray character")):  # fmt: skip
        if pattern.match(text):
            return reason
    m = _PAGED_HEAD.match(text)
    if not m or re.search(r"\b(?:TO|FROM|FOR)\b", m.group("words") or m.group("words2")):
        return ""
    letters = [ch for ch in m.group("words") or m.group("words2") if ch.isalpha()]
    capitals = sum(ch.isupper() for ch in letters)
    return "running head" if len(letters) >= 8 and capitals / len(letters) > 0.9 else ""


def test_noise_reason_is_the_plain_patterns() -> None:
    rng = random.Random(9)
    for _ in range(20000):
        text = "".join(rng.choice(NOISE_PIECES) for _ in range(rng.randrange(0, 6)))
        assert noise_reason(text) == _plain_noise_reason(text), repr(text)


HEADING_PIECES = ["W.", "CHURCHILL", "Stalin", "President", "Roosevelt", "Marshal", " ", "  ",
                  " TO ", " to ", " To ", "from ", "From ", " for ", "FOR ", "the ", "of ", ",",
                  "and ", "said ", "*", "†", "1", "12", ".", "Memorandum by ", "Personal and ",
                  "Secret ", "message ", "J. V.", "(Harriman)", "\n"]  # fmt: skip


def _plain_heading(text: str) -> dict | None:
    """classify.heading without its cheap first tests."""
    if len(text) > 200 or text.endswith((",", ";", ":")):
        return None
    stripped = re.sub(r"[*†‡]+$|\s+\d{1,3}$|(?<=[a-z.)])\d{1,3}$", "", text).strip().rstrip(".")
    info: dict = {}
    if m := classify._DOCUMENT_BY.match(stripped):
        info["kind"] = m.group("kind").lower()
        stripped = stripped[m.end() :]
    core = classify.HEADING_PREFIX.sub("", stripped)
    for pattern in (
        r"^(?:from\s+)(?P<s>.+?)\s+to\s+(?P<r>.+)$",
        r"^(?:for|to)\s+(?P<r>.+?)\s+from\s+(?P<s>.+)$",
        r"^(?:from\s+)(?P<s>.+?)\s+for\s+(?P<r>.+)$",
        r"^(?P<s>.+?)\s+to\s+(?P<r>.+)$",
    ):
        m = re.match(pattern, core, re.IGNORECASE)
        if m and classify._is_name_phrase(m.group("s")) and classify._is_name_phrase(m.group("r")):
            return {
                **info,
                "senders": classify.split_parties(m.group("s")),
                "recipients": classify.split_parties(m.group("r")),
            }
    for pattern, role in ((r"^to\s+(.+)$", "recipients"), (r"^from\s+(.+)$", "senders")):
        m = re.match(pattern, core, re.IGNORECASE)
        side = m.group(1) if m else ""
        if m and not re.search(r"(?i)\b(?:from|to|for)\b", side) and classify._is_name_phrase(side):
            return {"senders": [], "recipients": [], **info, role: classify.split_parties(side)}
    return None


def test_heading_is_the_plain_heading() -> None:
    rng = random.Random(13)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(HEADING_PIECES) for _ in range(rng.randrange(0, 9)))
        expected = _plain_heading(text)
        found += expected is not None
        assert classify.heading(text) == expected, repr(text)
    assert found > 100  # the texts do reach the patterns


def test_file_reference_needs_what_the_first_test_asks() -> None:
    rng = random.Random(17)
    pieces = ["740.0011", " ", "European War 1939/33602", ":", " Telegram", "Roosevelt Papers",
              "[Translation]", "[", "]", "Note", "/", "12"]  # fmt: skip
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 6)))
        if classify.FILE_REFERENCE.match(text):
            assert classify._may_be_file_reference(text), repr(text)


def _ungated_classify_text(text: str) -> tuple[str, dict]:
    """classify.classify_text trying every pattern, whatever the line opens with."""
    c = classify
    if m := c.NUMBER.match(text):
        return "number", {"number": int(m.group("n") or m.group("b") or m.group("d"))}
    for kind, read in (("number", c.numbered_heading), ("notes_heading", c.NOTES_HEADING.match),
                       ("sent_received", c.sent_or_received), ("dateline", c.date_line),
                       ("field", c.header_field)):  # fmt: skip
        if info := read(text):
            return kind, ({} if kind == "notes_heading" else info)
    if m := c.DOCUMENT_TYPE_LINE.match(text):
        return "file_reference", {"kind": m.group("kind").lower()}
    if m := c.FILE_REFERENCE.match(text):
        info = {"kind": m.group("kind").lower()} if m.group("kind") else {}
        if m.group("form"):
            info["form"] = m.group("form").lower()
        return "file_reference", info
    if info := c.record_heading(text):
        return "record_heading", info
    if m := c.FROM_TO.match(text):
        return "from_to", {"senders": [m.group("sender")], "recipients": [m.group("recipient")],
                           "classification": m.group("cls")}  # fmt: skip
    if info := c.heading(text):
        return "heading", info
    for kind, test in (("salutation", c.SALUTATION.match), ("closing", c.is_closing),
                       ("place_line", c.is_place_line), ("name", c.is_name_line)):  # fmt: skip
        if test(text):
            return kind, {}
    return "body", {}


LINE_OPENINGS = ["No. 12", "Nr 3", "[14]", "12.", "7. President Roosevelt to Marshal Stalin",
                 "Notes", "ſent on May 1, 1943", "Sent on May 1, 1943", "SENT ON May 1, 1943",
                 "[Received May 2]", "Moscow, May 3, 1943", "3 May 1943", "1943-05-03",
                 "FROM: Moscow", "ſubject: x", "TELEGRAM", "ıncoming telegram", "740.00/1: Telegram",
                 "[Translation]", "Paraphrase of telegram dated May 4, 1943", "From Stalin to Churchill",
                 "W. CHURCHILL TO J. V. STALIN", "My dear Mr President,", "Sir,", "Sincerely yours,",
                 "The White House, Washington", "J. STALIN", "The plan is ready.", " Sent on May 1, 1943",
                 "٣. May 1943", "\u212aelvin", "dear Sir,"]  # fmt: skip


def test_classify_tries_each_pattern_where_it_can_match() -> None:
    rng = random.Random(19)
    for text in LINE_OPENINGS:
        assert classify.classify_text(text) == _ungated_classify_text(text), text
    for _ in range(3000):
        text = rng.choice(LINE_OPENINGS)
        if rng.random() < 0.5:  # a different opening character
            text = rng.choice(["ſ", "ı", "İ", "[", " ", "s", "S", "1", "T", "é"]) + text[1:]
        assert classify.classify_text(text) == _ungated_classify_text(text), repr(text)


def _plain_predict(model: dict, features: set[str]) -> tuple[str, bool, list[str]]:
    weights = model["weights"]
    present = [(weights[f], f) for f in sorted([f for f in features if f in weights])]
    score = model["prior"] + sum(w for w, _ in present)
    side = "out" if score > 0 else "in"
    sign = 1 if score > 0 else -1
    decisive = sorted(present, key=lambda wf: (-sign * wf[0], wf[1]))[:5]
    return side, abs(score) >= style._STYLE_MARGIN, [f for _, f in decisive]


class _Named:
    """What style._predict asks of the features: the name of an id."""

    def __init__(self, names: list[str]) -> None:
        self.name = names.__getitem__


def _fast_predict(model: dict, features: set[str]) -> tuple[str, bool, list[str]]:
    known = [f for f in features if f in model["weights"]]
    weights = np.array([model["weights"][f] for f in known], dtype=float)
    return style._predict(model["prior"], np.arange(len(known)), weights, _Named(known))


def test_style_prediction_is_the_plain_one() -> None:
    rng = random.Random(23)
    names = [f"w{k}" for k in range(40)] + [f"w{k} w{k + 1}" for k in range(40)]
    for _ in range(2000):
        weights = {f: rng.choice([-1.5, -0.25, 0.0, -0.0, 0.25, 1.5, rng.uniform(-3, 3)])
                   for f in rng.sample(names, rng.randrange(0, 60))}  # fmt: skip
        model = {"weights": weights, "prior": rng.choice([0.0, 0.3, -0.3])}
        features = set(rng.sample(names, rng.randrange(0, 50)))
        assert _fast_predict(model, features) == _plain_predict(model, features)


def test_style_prediction_decides_as_the_ordered_sum() -> None:
    """Where rounding makes the sum in the order of the names differ from the exact one
    across the margin or across 0, the ordered sum decides, as it always did."""
    for values, prior in (([1e16, 1.5, -1e16], 0.0), ([1e16, -1.5, -1e16], 0.0),
                          ([1e16, 0.5, -1e16], -1.0), ([2.0**-60, 1.5, -(2.0**-60)], 0.0),
                          ([0.1, 0.2, -0.3], 0.0), ([0.1] * 15, 0.0), ([1e16, 1.0, -1e16], 0.0)):  # fmt: skip
        names = [f"w{k:02d}" for k in range(len(values))]
        model = {"weights": dict(zip(names, values, strict=True)), "prior": prior}
        assert _fast_predict(model, set(names)) == _plain_predict(model, set(names))


def test_a_trailing_date_ends_in_a_digit() -> None:
    rng = random.Random(29)
    pieces = [
        "Hitler.",
        " ",
        "October 14, 1943",
        "14 October 1943",
        "1943-10-14",
        ".",
        "\n",
        "x",
        "”",
    ]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 7)))
        m = _TRAILING_DATE.search(text)
        found = trailing_date(text)
        assert (found is None) == (m is None or not find_dates(m.group("date"))), repr(text)
