"""What each page shows, as plain JSON-ready dicts: the `/api/…` twin returns the dict,
the HTML page renders it.  No web framework here."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from missive.model import DATE_ROLES, LOW_CONFIDENCE
from missive.store.corrections import CORRECTABLE_FIELDS
from missive.web import charts
from missive.web import network as network_figure
from missive.web.body import body_pieces
from missive.web.compare import collate
from missive.web.reader import Filters, Reader
from missive.web.searching import FACETS, query_help, query_help_html, run_search

LINK_LABELS = {
    "replies_to": ("Replies to", "Replied to by"),
    "cites": ("Cites", "Cited by"),
    "quotes": ("Quotes", "Quoted in"),
    "encloses": ("Encloses", "Enclosed in"),
    "same_as": ("Another witness", "Another witness"),
}
HEADER_FIELDS = ("kind", "place", "channel", "classification", "salutation", "closing", "signature")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class NotFound(Exception):
    """The page asked for does not exist (404)."""


def home(reader: Reader) -> dict[str, Any]:
    overview = dict(reader.overview())
    overview["chart"] = charts.timeline_bars(overview["timeline"])
    return overview


def documents(reader: Reader, filters: Filters) -> dict[str, Any]:
    total, rows = reader.list_documents(filters)
    pages = max(1, -(-total // filters.per_page))
    return {
        "filters": {**filters.params(), "sort": filters.sort},
        "page": filters.page,
        "per_page": filters.per_page,
        "pages": pages,
        "total": total,
        "documents": rows,
        "kinds": [k["kind"] for k in reader.overview_kinds()],
        "sources": reader.source_names(),
        "correspondents": reader.correspondent_keys(),
    }


def document(reader: Reader, doc_id: str) -> dict[str, Any]:
    doc = reader.document(doc_id)
    if doc is None:
        raise NotFound(f"no document {doc_id!r}")
    links = reader.links(doc_id)
    lines = reader.source_lines(doc["source"]) if _has_markers(doc) else None
    thread_ids = reader.thread(doc_id)
    thread = _thread_items(reader, thread_ids) if len(thread_ids) > 1 else []
    source = next((s for s in reader.overview_sources() if s["name"] == doc["source"]), None)
    return {
        "document": doc,
        "header": _header(doc),
        "body": body_pieces(doc, lines),
        "notes": {str(n["number"]): n for n in doc.get("notes") or []},
        "enclosures": [_enclosure(e, lines) for e in doc.get("enclosures") or []],
        "links": _link_groups(reader, doc, links["incoming"]),
        "entities": _entities(doc),
        "source": source,
        "neighbours": reader.neighbours(doc_id),
        "thread": _thread_neighbours(thread, doc_id),
        "thread_length": len(thread),
        "corrections": [c for c in reader.store.corrections() if c["doc_id"] == doc_id],
        "correctable_fields": list(CORRECTABLE_FIELDS),
        "low_confidence": LOW_CONFIDENCE,
    }


def _has_markers(doc: dict[str, Any]) -> bool:
    return bool(doc.get("note_refs")) or any(_has_markers(e) for e in doc.get("enclosures") or [])


def _header(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The header card's rows: label, value, evidence, confidence, low, corrected."""
    evidence = doc.get("evidence") or {}
    corrected = doc.get("corrected") or {}
    rows = []
    if doc.get("number") is not None:
        printed = "printed" if doc.get("number_printed") else "inferred"
        rows.append(
            _row(
                "Number",
                f"No. {doc['number']} ({printed})",
                evidence.get("number"),
                corrected.get("number"),
            )
        )
    for role in ("senders", "recipients"):
        people = doc.get(role) or []
        rows.append({
            "label": "From" if role == "senders" else "To", "field": role,
            "people": people, "value": ", ".join(p.get("name") or p["key"] for p in people) or "unknown",
            "evidence": [p.get("evidence") for p in people if p.get("evidence")],
            "confidence": min((p.get("confidence") or 0 for p in people), default=None),
            "corrected": corrected.get(role),
        })  # fmt: skip
    for role in DATE_ROLES:
        value = (doc.get("dates") or {}).get(role)
        if value:
            rows.append(
                _row(
                    role.capitalize(),
                    value["value"],
                    value.get("evidence"),
                    corrected.get(f"dates.{role}"),
                    value.get("confidence"),
                )
            )
    for name in HEADER_FIELDS:
        if doc.get(name):
            rows.append(_row(name.capitalize(), doc[name], evidence.get(name), corrected.get(name)))
    for row in rows:
        confidence = row["confidence"]
        row["low"] = confidence is not None and confidence < LOW_CONFIDENCE
    return rows  # fmt: skip


def _row(label, value, evidence, corrected, confidence=None) -> dict[str, Any]:
    if confidence is None and evidence:
        confidence = evidence.get("confidence")
    return {
        "label": label, "field": label.lower(), "value": value,
        "evidence": [evidence] if evidence else [], "confidence": confidence,
        "corrected": corrected,
    }  # fmt: skip


def _enclosure(doc: dict[str, Any], lines: list[str] | None) -> dict[str, Any]:
    return {
        "document": doc,
        "header": _header(doc),
        "body": body_pieces(doc, lines),
        "notes": {str(n["number"]): n for n in doc.get("notes") or []},
    }


def _link_groups(
    reader: Reader, doc: dict[str, Any], incoming: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    entries = [(link, "out", link.get("target")) for link in doc.get("links") or []]
    entries += [(link, "in", link.get("from")) for link in incoming]
    summaries = reader.summaries([t for _, _, t in entries if t])
    groups: dict[str, dict[str, Any]] = {}
    for link, direction, target in entries:
        kind = str(link.get("type") or "related")
        labels = LINK_LABELS.get(kind, (kind.replace("_", " "), kind.replace("_", " ") + " (from)"))
        label = labels[0] if direction == "out" else labels[1]
        group = groups.setdefault(
            f"{kind}:{direction}",
            {"type": kind, "direction": direction, "label": label, "links": []},
        )
        group["links"].append({
            "target": target, "summary": summaries.get(target) if target else None,
            "description": link.get("target_description") or "",
            "evidence": link.get("evidence") or {},
        })  # fmt: skip
    return list(groups.values())


def _entities(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {**e, "name": e.get("name") or e["key"]}
        for e in doc.get("entities") or []
        if isinstance(e, dict) and e.get("key")
    ]


def document_tei(reader: Reader, doc_id: str) -> bytes:
    """One document as a TEI P5 file (the TEI export's own encoding of it)."""
    from lxml import etree

    from missive.export.tei import document_tei as encode

    doc = reader.document(doc_id)
    if doc is None:
        raise NotFound(f"no document {doc_id!r}")
    sources = {s["name"]: s for s in reader.store.sources() if s["name"] == doc["source"]}
    tree, _ = encode(doc, sources, {})
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- threads -------------------------------------------------------------------


def thread(reader: Reader, doc_id: str) -> dict[str, Any]:
    if reader.document(doc_id) is None:
        raise NotFound(f"no document {doc_id!r}")
    items = _thread_items(reader, reader.thread(doc_id))
    return {"id": doc_id, "items": items, "length": len(items)}


def _thread_items(reader: Reader, ids: list[str]) -> list[dict[str, Any]]:
    summaries = reader.summaries(ids)
    ordered = sorted(summaries.values(), key=lambda s: (s["date"] or "9999", s["id"]))
    items = []
    previous_date = None
    for summary in ordered:
        replies_to = [
            link["target"] for link in reader.links(summary["id"])["outgoing"]
            if link.get("type") == "replies_to" and link.get("target") in summaries
        ]  # fmt: skip
        days = _days_between(previous_date, summary["date"])
        items.append({**summary, "replies_to": replies_to, "days_since_previous": days})
        previous_date = summary["date"] or previous_date
    return items


def _thread_neighbours(items: list[dict[str, Any]], doc_id: str) -> dict[str, Any]:
    ids = [item["id"] for item in items]
    if doc_id not in ids:
        return {"previous": None, "next": None}
    at = ids.index(doc_id)
    return {
        "previous": items[at - 1] if at > 0 else None,
        "next": items[at + 1] if at + 1 < len(items) else None,
    }


def _days_between(first: str | None, second: str | None) -> int | None:
    if not first or not second or not (_ISO.match(first) and _ISO.match(second)):
        return None
    try:
        return (date.fromisoformat(second) - date.fromisoformat(first)).days
    except ValueError:
        return None


# --- search, notes, compare, entities -------------------------------------------


def search(
    reader: Reader, query: str, page: int, per_page: int, filters: dict[str, str]
) -> dict[str, Any]:
    base = {
        "query": query,
        "filters": filters,
        "help": query_help(),
        "help_html": query_help_html(),
        "page": page,
        "per_page": per_page,
    }
    if not query.strip():
        return {**base, "total": 0, "hits": [], "facets": {}, "facets_exact": True, "pages": 0}
    result = run_search(
        reader.store, query, limit=per_page, offset=(page - 1) * per_page, filters=filters
    )
    names = {}
    for hit in result.hits:
        for key in (*(hit.get("senders") or []), *(hit.get("recipients") or [])):
            names[key] = reader.display_name(key)
    facets = {
        name: [{"value": v, "count": n, "label": _facet_label(reader, name, v)} for v, n in values]
        for name, values in result.facets.items()
    }
    return {
        **base, "total": result.total, "hits": result.hits, "facets": facets, "names": names,
        "facets_exact": result.facets_exact,
        "pages": max(1, -(-result.total // per_page)), "engine": result.engine,
        "facet_names": list(FACETS),
    }  # fmt: skip


def _facet_label(reader: Reader, name: str, value: str) -> str:
    if name in ("sender", "recipient"):
        return reader.display_name(value)
    if name == "entity":
        return reader.entity_name(value)
    return value


def note(reader: Reader, source: str, number: int, document: str | None = None) -> dict[str, Any]:
    found = reader.note(source, number, document)
    if found is None:
        raise NotFound(f"no note {number} in {source!r}")
    summaries = reader.summaries(list(found.get("referenced_by") or []))
    return {"note": found, "documents": list(summaries.values())}


def compare(reader: Reader, doc_id: str) -> dict[str, Any]:
    doc = reader.document(doc_id)
    if doc is None:
        raise NotFound(f"no document {doc_id!r}")
    witnesses = [
        {"label": w.get("label") or f"witness {i + 1}", "text": w.get("text") or "",
         "lines": [w.get("start_line"), w.get("end_line")], "id": None}
        for i, w in enumerate(doc.get("witnesses") or [])
    ]  # fmt: skip
    if len(witnesses) < 2:
        witnesses.insert(0, {"label": "this document", "text": doc.get("text") or "", "lines": [doc["span"]["start_line"], doc["span"]["end_line"]], "id": doc_id})  # fmt: skip
        for link in doc.get("links") or []:
            other = (
                reader.document(link["target"])
                if link.get("type") == "same_as" and link.get("target")
                else None
            )
            if other is not None:
                witnesses.append({"label": other["id"], "text": other.get("text") or "", "lines": [other["span"]["start_line"], other["span"]["end_line"]], "id": other["id"]})  # fmt: skip
    pairs = [
        {"left": witnesses[0], "right": w, "collation": collate(witnesses[0]["text"], w["text"])}
        for w in witnesses[1:]
    ]
    recorded = [
        {"witness": w.get("label"), **v}
        for w in doc.get("witnesses") or []
        for v in w.get("variants") or []
        if isinstance(v, dict)
    ]
    return {"document": {"id": doc_id, "number": doc.get("number"), "date": doc.get("date")}, "witnesses": witnesses, "pairs": pairs, "recorded_variants": recorded}  # fmt: skip


def entities(reader: Reader, kind: str | None) -> dict[str, Any]:
    rows = reader.entities()
    types = sorted({str(e["type"]) for e in rows if e.get("type")})
    if kind:
        rows = [e for e in rows if e.get("type") == kind]
    return {"entities": rows, "types": types, "type": kind}


def entity(reader: Reader, key: str) -> dict[str, Any]:
    found = reader.entity(key)
    if found is None:
        raise NotFound(f"no entity {key!r}")
    store = reader.store
    doc_ids = [d["doc_id"] for d in store.entity_documents(key)]
    summaries = reader.summaries(doc_ids[:500])
    ordered = sorted(summaries.values(), key=lambda s: (s["date"] or "9999", s["id"]))
    mentions = [
        {"document": m["doc_id"], "text": m["text"], "before": m["before"], "after": m["after"]}
        for m in store.entity_mentions(key)[:100]
    ]
    together = [
        {"key": other, "name": reader.entity_name(other), "documents": pair["documents"]}
        for pair in store.cooccurrences(key, type_=None, limit=20)
        for other in [pair["b"] if pair["a"] == key else pair["a"]]
    ]
    return {"entity": found, "documents": ordered, "mentions": mentions, "appears_with": together}


def missing(reader: Reader) -> dict[str, Any]:
    found = reader.missing_messages()
    summaries = reader.summaries([m["cited_in"] for m in found])
    return {"missing": [{**m, "referred_to_in": summaries.get(m["cited_in"])} for m in found]}


def network(reader: Reader) -> dict[str, Any]:
    edges = reader.directions()
    names = {k: reader.display_name(k) for pair in edges for k in pair}
    people = [e for e in reader.entities() if e["type"] == "person"]
    picture = network_figure.build(
        edges, people, reader.co_mentioned_people(), names, {e["key"] for e in people}
    )
    return {
        "edges": [
            {"from": a, "to": b, "from_name": names[a], "to_name": names[b], "count": n}
            for (a, b), n in sorted(edges.items(), key=lambda e: -e[1])
        ],
        "picture": picture,
        "correspondent_count": sum(n["role"] == "correspondent" for n in picture["nodes"]),
        "mentioned_count": sum(n["role"] == "mentioned" for n in picture["nodes"]),
        "named_together": [
            {
                **pair,
                "a_name": reader.entity_name(pair["a"]),
                "b_name": reader.entity_name(pair["b"]),
            }
            for pair in reader.co_mentioned_people()[:25]
        ],
    }


def corrections(reader: Reader) -> dict[str, Any]:
    return {"corrections": list(reversed(reader.store.corrections()))}
