"""Witnesses across sources: the same document in two editions.

When a source is stored, each of its top-level documents is compared with the
documents of other sources that carry the same date; one whose text shares most of
its words (word shingles, as for quotations) is another witness of it. The
``same_as`` link goes into the links table with the variants between the two
texts (token alignment, as for witnesses inside one source).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from missive.model import PROBABLE
from missive.pipeline.collate import Token, collate
from missive.pipeline.quotes import Shingled, shared_passages
from missive.store import sql

MIN_SHARE = 0.6  # of the longer text's words, in shared passages
MIN_WORDS = 20
MAX_SAME_DATE = 200  # documents of other sources compared per date


def text_share(a: str, b: str) -> float:
    sa, sb = Shingled(a), Shingled(b)
    if min(len(sa.tokens), len(sb.tokens)) < MIN_WORDS:
        return 0.0
    shared = sum(p.words for p in shared_passages(sa, sb))
    return shared / max(len(sa.tokens), len(sb.tokens))


def link_across_sources(conn: sqlite3.Connection, source_id: int,
                        documents: list[dict[str, Any]]) -> None:  # fmt: skip
    if conn.execute(sql.OTHER_SOURCE_EXISTS, (source_id,)).fetchone() is None:
        return
    by_date: dict[str, list[dict[str, Any]]] = {}
    for data in documents:
        if data["date"] and not data["parent_id"]:
            by_date.setdefault(data["date"], []).append(data)
    for date, group in by_date.items():
        others = conn.execute(sql.SAME_DATE_ELSEWHERE, (date, source_id, MAX_SAME_DATE)).fetchall()
        for other_id, other_json in others:
            other = json.loads(other_json)
            for data in group:
                share = text_share(data["text"], other["text"])
                if share >= MIN_SHARE:
                    link = _same_as(data, other_id, other, share)
                    conn.execute(sql.INSERT_LINK, (source_id, data["id"], "same_as", other_id,
                                                   json.dumps(link, ensure_ascii=False)))  # fmt: skip


def _same_as(data: dict[str, Any], other_id: str, other: dict[str, Any], share: float) -> dict:
    return {
        "type": "same_as",
        "target": other_id,
        "evidence": {
            "rule": f"same date, {share:.0%} of the words shared: the same document in another source",
            "confidence": round(min(PROBABLE + 0.1, 0.5 + share / 2), 2),
            "text": data.get("incipit", ""),
            "start_line": data["span"]["start_line"],
            "end_line": data["span"]["end_line"],
        },
        "target_description": f"the same document in {other['source']}",
        "data": {"share": round(share, 3), "variants": collate(_tokens(other), _tokens(data))},
    }


def _tokens(data: dict[str, Any]) -> list[Token]:
    out = []
    for paragraph in data.get("paragraphs") or [{"text": data["text"], "start_line": None}]:
        out.extend(Token(w, w, paragraph["start_line"]) for w in paragraph["text"].split())
    return out
