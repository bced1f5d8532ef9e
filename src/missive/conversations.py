"""Reply threads as conversations, and how long messages took.

Works on serialized documents (the JSONL contract dicts), so it reads the store or an
export alike. A conversation is a set of documents joined by ``replies_to`` links
(ambiguous links and links to missing messages left out), shown as a tree from its
first message. Per direction (writer -> addressee):

- transit: received - sent, for documents that carry both dates;
- response time: the reply's date - the date of the message it answers.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Node:
    id: str
    date: str | None
    label: str
    replies: list[Node] = field(default_factory=list)


def _all(docs: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    for doc in docs:
        yield doc
        yield from _all(doc.get("enclosures") or [])


def _reply_edges(docs: list[Mapping[str, Any]]) -> list[tuple[str, str]]:
    ids = {d["id"] for d in docs}
    return [
        (d["id"], link["target"])
        for d in docs
        for link in d.get("links") or []
        if link["type"] == "replies_to"
        and link["target"] in ids
        and not (link.get("data") or {}).get("ambiguous")
    ]


def conversations(docs: Iterable[Mapping[str, Any]]) -> list[Node]:
    """Trees of replies, each from a first message; only documents that are in a thread."""
    all_docs = list(_all(docs))
    by_id = {d["id"]: d for d in all_docs}
    edges = _reply_edges(all_docs)
    answers: dict[str, list[str]] = {}
    answered_by_someone = set()
    for reply, target in edges:
        answers.setdefault(target, []).append(reply)
        answered_by_someone.add(reply)
    roots = [d["id"] for d in all_docs if d["id"] in answers and d["id"] not in answered_by_someone]
    seen: set[str] = set()
    return [_tree(root, by_id, answers, seen) for root in roots]


def _tree(doc_id: str, by_id: Mapping[str, Mapping[str, Any]], answers: dict[str, list[str]],
          seen: set[str]) -> Node:  # fmt: skip
    seen.add(doc_id)
    doc = by_id[doc_id]
    node = Node(doc_id, doc.get("date"), _label(doc))
    for reply in answers.get(doc_id, []):
        if reply not in seen:
            node.replies.append(_tree(reply, by_id, answers, seen))
    return node


def _label(doc: Mapping[str, Any]) -> str:
    senders = "+".join(p["key"] for p in doc.get("senders") or []) or "?"
    recipients = "+".join(p["key"] for p in doc.get("recipients") or []) or "?"
    number = f"No. {doc['number']} " if doc.get("number") else ""
    return f"{number}{senders} -> {recipients}"


def format_conversations(trees: list[Node]) -> str:
    lines: list[str] = []

    def walk(node: Node, depth: int) -> None:
        lines.append(f"{'  ' * depth}{node.date or 'undated'}  {node.label}  {node.id}")
        for reply in node.replies:
            walk(reply, depth + 1)

    for tree in trees:
        walk(tree, 0)
        lines.append("")
    lines.append(f"{len(trees)} conversation{'s' * (len(trees) != 1)}")
    return "\n".join(lines)


# --- timing ------------------------------------------------------------------------------


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _direction(doc: Mapping[str, Any]) -> str:
    senders = "+".join(p["key"] for p in doc.get("senders") or []) or "?"
    recipients = "+".join(p["key"] for p in doc.get("recipients") or []) or "?"
    return f"{senders} -> {recipients}"


def _value(doc: Mapping[str, Any], role: str) -> str | None:
    entry = (doc.get("dates") or {}).get(role)
    return entry["value"] if entry else None


def timing(docs: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, dict[str, float]]]:
    """``{direction: {"transit_days": summary, "response_days": summary}}``."""
    all_docs = list(_all(docs))
    by_id = {d["id"]: d for d in all_docs}
    samples: dict[str, dict[str, list[int]]] = {}
    for doc in all_docs:
        sent, received = _date(_value(doc, "sent")), _date(_value(doc, "received"))
        if sent and received:
            samples.setdefault(_direction(doc), {}).setdefault("transit_days", []).append(
                (received - sent).days
            )
    for reply_id, target_id in _reply_edges(all_docs):
        reply, target = by_id[reply_id], by_id[target_id]
        start = _date(target.get("date"))
        end = _date(reply.get("date"))
        if start and end and end >= start:
            samples.setdefault(_direction(reply), {}).setdefault("response_days", []).append(
                (end - start).days
            )
    return {
        direction: {name: _summary(values) for name, values in figures.items()}
        for direction, figures in sorted(samples.items())
    }


def _summary(values: list[int]) -> dict[str, float]:
    return {
        "count": len(values),
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
    }


def format_timing(figures: Mapping[str, Mapping[str, Mapping[str, float]]]) -> str:
    lines = []
    for direction, by_name in figures.items():
        for name, s in by_name.items():
            lines.append(f"{direction:32} {name:14} n={s['count']:<3} median {s['median']:g} "
                         f"days (min {s['min']:g}, max {s['max']:g})")  # fmt: skip
    return "\n".join(lines) or "no dated pairs"
