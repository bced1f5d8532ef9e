"""Collation of witnesses: two transcripts of one document aligned token by token.

As in CollateX, each token keeps its original form and a normalized form (markup
such as "~~struck~~", "**bold**" and paragraph marks "□" removed); the witnesses are
aligned on the normalized forms with an optimal edit-distance alignment over
tokens (rapidfuzz's Levenshtein opcodes), and every place where a witness differs
from the first is a variant: a reading replaced, added or omitted, or the same word
in another form (struck through in one copy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from missive.model import Document, Source, Witness

_MARKUP = re.compile(r"~~|\*\*|__|[□■¶▪●]")
_TOKEN = re.compile(r"\S+")
CONTEXT = 2  # tokens of agreeing text shown on each side of a variant


@dataclass(frozen=True, slots=True)
class Token:
    original: str
    norm: str
    line: int  # 1-based line of the original text


def witness_tokens(source: Source, witness: Witness) -> list[Token]:
    text = source.readable
    start = witness.span.start
    first_line = source.text.count("\n", 0, source.original_offset(start)) + 1
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, witness.span.end):
        norm = _MARKUP.sub("", m.group(0)).strip("\\")
        if not norm or set(norm) <= {"-"}:
            continue  # separators ("-----") and bare markup
        line = first_line + text.count("\n", start, m.start())
        out.append(Token(m.group(0), norm, line))
    return out


def collate(base: list[Token], other: list[Token]) -> list[dict]:
    """The variants of `other` against `base`."""
    variants: list[dict] = []
    for tag, i1, i2, j1, j2 in _runs(Levenshtein.opcodes([t.norm for t in base],
                                                         [t.norm for t in other])):  # fmt: skip
        if tag == "equal":
            for k in range(i2 - i1):
                a, b = base[i1 + k], other[j1 + k]
                if a.original != b.original and _meaningful_form(a.original, b.original):
                    variants.append(_variant("form", [a], [b], base, i1 + k))
            continue
        kind = "replaced" if i2 > i1 and j2 > j1 else ("added" if j2 > j1 else "omitted")
        variants.append(_variant(kind, base[i1:i2], other[j1:j2], base, i1))
    return variants


def _runs(opcodes) -> list[tuple[str, int, int, int, int]]:
    """Opcodes with neighbouring edits merged: one variant per place of difference."""
    runs: list[tuple[str, int, int, int, int]] = []
    for op in opcodes:
        if op.tag != "equal" and runs and runs[-1][0] == "edit":
            _, i1, _, j1, _ = runs[-1]
            runs[-1] = ("edit", i1, op.src_end, j1, op.dest_end)
        else:
            tag = "equal" if op.tag == "equal" else "edit"
            runs.append((tag, op.src_start, op.src_end, op.dest_start, op.dest_end))
    return runs


def _meaningful_form(a: str, b: str) -> bool:
    """A struck-through or emphasised word differs; a paragraph mark alone does not."""
    return re.sub(r"[□■¶▪●]", "", a) != re.sub(r"[□■¶▪●]", "", b)


def _variant(kind: str, a: list[Token], b: list[Token], base: list[Token], at: int) -> dict:
    before = " ".join(t.norm for t in base[max(0, at - CONTEXT) : at])
    out = {
        "type": kind,
        "base": " ".join(t.original for t in a),
        "reading": " ".join(t.original for t in b),
        "context": before,
        "base_line": a[0].line if a else None,
        "reading_line": b[0].line if b else None,
    }
    if any("~~" in t.original for t in (*a, *b)):
        out["note"] = "struck through in " + ("the base" if any("~~" in t.original for t in a)
                                              else "this witness")  # fmt: skip
    return out


def collate_witnesses(source: Source, documents: list[Document]) -> None:
    for doc in documents:
        if len(doc.witnesses) < 2:
            continue
        base = witness_tokens(source, doc.witnesses[0])
        for witness in doc.witnesses[1:]:
            witness.variants = collate(base, witness_tokens(source, witness))
