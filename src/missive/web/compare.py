"""Two witnesses side by side: word-level differences marked on each side."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

_TOKEN = re.compile(r"\S+|\s+")


def collate(base: str, other: str) -> dict[str, Any]:
    """Both texts as runs of ``{"text", "state"}``; state is "same", "changed",
    "only" (present on this side only).  Whitespace differences are not variants."""
    left_tokens, right_tokens = _TOKEN.findall(base), _TOKEN.findall(other)
    matcher = SequenceMatcher(
        None, [_key(t) for t in left_tokens], [_key(t) for t in right_tokens], autojunk=False
    )
    left: list[dict[str, str]] = []
    right: list[dict[str, str]] = []
    variants = 0
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            _add(left, "".join(left_tokens[a1:a2]), "same")
            _add(right, "".join(right_tokens[b1:b2]), "same")
            continue
        variants += 1
        state = "changed" if op == "replace" else "only"
        _add(left, "".join(left_tokens[a1:a2]), state)
        _add(right, "".join(right_tokens[b1:b2]), state)
    return {"left": left, "right": right, "variants": variants}


def _key(token: str) -> str:
    return " " if token.isspace() else token


def _add(runs: list[dict[str, str]], text: str, state: str) -> None:
    if not text:
        return
    if runs and runs[-1]["state"] == state:
        runs[-1]["text"] += text
    else:
        runs.append({"text": text, "state": state})
