"""`cleaned_lines` (normalize's one pass) gives the lines `split_lines`, `clean_line`
and `noise_reason` give one step at a time."""

from __future__ import annotations

import random

from missive.pipeline.normalize import (
    Line,
    clean_line,
    cleaned_lines,
    noise_reason,
    split_lines,
)

PIECES = ["a", "Word", "W", " ", "  ", "\t", "\r", "\u00a0", "\u2028", "1", "12", "1943",
          "²", "٣", "-", "- ", "–", "—", "]", "[", "<", ">", "<https://x.org/a>", "~", "~~",
          "*", "**", "_", "__", "□", "¶", "§", ".", ",", ":", "'", '"', "“", "page", "p.",
          "HEAD", "FOREIGN RELATIONS", "=", "#", "é"]  # fmt: skip


def _step_by_step(text: str) -> list[Line]:
    lines = split_lines(text)
    for line in lines:
        clean_line(line)
        line.noise = noise_reason(line.clean)
    return lines


def test_one_pass_gives_the_same_lines_on_random_texts() -> None:
    rng = random.Random(11)
    for _ in range(300):
        text = "\n".join(
            "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 6)))
            for _ in range(rng.randrange(1, 40))
        )
        assert cleaned_lines(text) == _step_by_step(text), repr(text)


def test_one_pass_keeps_lines_of_their_own_with_their_own_containers() -> None:
    lines = cleaned_lines("Plain text.\n\n12\n~~Secret~~ note")
    assert [line.clean for line in lines] == ["Plain text.", "", "12", "Secret note"]
    assert [line.noise for line in lines] == ["", "", "page number", ""]
    assert lines[3].struck == ["Secret"]
    lines[0].struck.append("x")
    lines[0].info["k"] = 1
    assert lines[1].struck == [] and lines[1].info == {} and lines[2].markers == []
