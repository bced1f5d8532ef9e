"""The network figure: who wrote to whom, and the people the letters mention, drawn on
the server as two rings. Correspondents sit on the inner ring joined by directed, curved
edges (one per direction, width by letters); the most mentioned people sit on the outer
ring joined by co-mention edges (documents naming both) bent towards the centre like a
chord diagram. The layout is plain geometry, deterministic: same store, same picture."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

MENTIONED_LIMIT = 25  # outer-ring people, most mentioned first, so the figure stays legible
CO_MENTION_LIMIT = 90  # strongest co-mention edges drawn among the people shown
INNER_RADIUS = 92
OUTER_RADIUS = 290
LABEL_ROOM = 190  # horizontal room left for the outer ring's labels
MARGIN_Y = 44
ORDER_PASSES = 4  # barycentre passes that pull connected people together on the ring


@dataclass(slots=True)
class Person:
    key: str
    name: str
    role: str  # "correspondent" or "mentioned"
    href: str
    mentions: int = 0
    documents: int = 0
    sent: int = 0
    received: int = 0
    angle: float = 0.0
    radius: float = 0.0
    size: float = 6.0
    neighbours: dict[str, int] = field(default_factory=dict)


def build(
    letters: dict[tuple[str, str], int],
    people: list[dict[str, Any]],
    co_mentions: list[dict[str, Any]],
    names: dict[str, str],
    entity_keys: set[str],
) -> dict[str, Any]:
    """The figure's nodes and edges with their geometry, ready for the template and API.

    `people` are person entities with mention counts, most mentioned first;
    `co_mentions` are pairs `{a, b, documents}`, strongest first."""
    persons = _select(letters, people, names, entity_keys)
    co = _co_mention_edges(co_mentions, persons)
    for pair in co:
        persons[pair["from"]].neighbours[pair["to"]] = pair["count"]
        persons[pair["to"]].neighbours[pair["from"]] = pair["count"]
    inner = [p for p in persons.values() if p.role == "correspondent"]
    outer = [p for p in persons.values() if p.role == "mentioned"]
    _place_inner(inner)
    _place_outer(outer, persons)
    _size(inner, lambda p: p.sent + p.received, 8, 10)
    _size(outer, lambda p: p.mentions, 4, 8)
    width = 2 * (OUTER_RADIUS + LABEL_ROOM)
    height = 2 * (OUTER_RADIUS + MARGIN_Y)
    centre = (width / 2, height / 2)
    nodes = [_node(p, centre) for p in persons.values()]
    at = {n["key"]: n for n in nodes}
    peak_co = max((e["count"] for e in co), default=1)
    edges = [_co_mention_geometry(e, at, centre, peak_co) for e in co]
    edges += _letter_edges(letters, at)
    return {"width": width, "height": height, "centre": centre,
            "rings": {"inner": INNER_RADIUS if len(inner) > 1 else 0,
                      "outer": OUTER_RADIUS if outer else 0},
            "nodes": nodes, "edges": edges}  # fmt: skip


# --- which people and which edges ------------------------------------------------------


def _select(
    letters: dict[tuple[str, str], int],
    people: list[dict[str, Any]],
    names: dict[str, str],
    entity_keys: set[str],
) -> dict[str, Person]:
    def href(key: str) -> str:
        if key in entity_keys:
            return "/entities/" + quote(key, safe="")
        return "/documents?sender=" + quote(key, safe="")

    persons: dict[str, Person] = {}
    for (sender, recipient), count in sorted(letters.items()):
        for key in (sender, recipient):
            if key not in persons:
                persons[key] = Person(key, names.get(key, key), "correspondent", href(key))
        persons[sender].sent += count
        persons[recipient].received += count
    mentioned = 0
    for entry in people:
        key = entry["key"]
        if key in persons:
            persons[key].mentions, persons[key].documents = entry["mentions"], entry["documents"]
        elif mentioned < MENTIONED_LIMIT:
            mentioned += 1
            persons[key] = Person(key, entry.get("name") or names.get(key, key), "mentioned",
                                  href(key), entry["mentions"], entry["documents"])  # fmt: skip
    return persons


def _co_mention_edges(pairs: list[dict[str, Any]], persons: dict[str, Person]) -> list[dict]:
    shown = [p for p in pairs if p["a"] in persons and p["b"] in persons][:CO_MENTION_LIMIT]
    return [{"kind": "co-mention", "from": p["a"], "to": p["b"], "count": p["documents"]}
            for p in shown]  # fmt: skip


# --- layout ------------------------------------------------------------------------------


def _place_inner(inner: list[Person]) -> None:
    """Evenly round a small circle, the two busiest correspondents facing each other
    across it (left and right), the others between them."""
    inner.sort(key=lambda p: (-(p.sent + p.received), p.key))
    count = len(inner)
    slots = [0, count // 2] + [i for i in range(1, count) if i != count // 2]
    for person, slot in zip(inner, slots, strict=False):
        person.radius = 0 if count == 1 else INNER_RADIUS
        person.angle = math.pi + 2 * math.pi * slot / max(count, 1)


def _place_outer(outer: list[Person], persons: dict[str, Person]) -> None:
    """Evenly round the outer circle, ordered so people named together sit near each
    other and near the correspondents they are named with (barycentre passes)."""
    outer.sort(key=lambda p: (-p.mentions, p.key))
    _spread(outer)
    for _ in range(ORDER_PASSES):
        targets = {p.key: _barycentre(p, persons) for p in outer}
        outer.sort(key=lambda p: (targets[p.key], p.key))
        _spread(outer)


def _spread(ring: list[Person]) -> None:
    for index, person in enumerate(ring):
        person.radius = OUTER_RADIUS
        # half a step off the vertical, so no label sits exactly above or below its node
        person.angle = -math.pi / 2 + 2 * math.pi * (index + 0.5) / max(len(ring), 1)


def _barycentre(person: Person, persons: dict[str, Person]) -> float:
    """The weighted circular mean of the angles of a person's neighbours, in [-pi/2, 3pi/2)."""
    x = y = 0.0
    for key, weight in person.neighbours.items():
        other = persons[key]
        x += weight * math.cos(other.angle)
        y += weight * math.sin(other.angle)
    angle = math.atan2(y, x) if (x or y) else person.angle
    while angle < -math.pi / 2:
        angle += 2 * math.pi
    while angle >= 3 * math.pi / 2:
        angle -= 2 * math.pi
    return angle


def _size(ring: list[Person], weight: Any, smallest: float, extra: float) -> None:
    peak = max((weight(p) for p in ring), default=0) or 1
    for person in ring:
        person.size = round(smallest + extra * math.sqrt(weight(person) / peak), 1)


# --- geometry ----------------------------------------------------------------------------


def _node(person: Person, centre: tuple[float, float]) -> dict[str, Any]:
    x = centre[0] + person.radius * math.cos(person.angle)
    y = centre[1] + person.radius * math.sin(person.angle)
    label_x, label_y, anchor = _label(person, x, y)
    return {
        "key": person.key, "name": person.name, "role": person.role, "href": person.href,
        "mentions": person.mentions, "documents": person.documents,
        "sent": person.sent, "received": person.received,
        "x": round(x, 1), "y": round(y, 1), "r": person.size,
        "label_x": round(label_x, 1), "label_y": round(label_y, 1), "anchor": anchor,
    }  # fmt: skip


def _label(person: Person, x: float, y: float) -> tuple[float, float, str]:
    """Outwards from the centre: inner-ring labels thus stay clear of the letters' arcs."""
    if person.radius == 0:  # a lone correspondent at the centre
        return x, y + person.size + 17, "middle"
    gap = person.size + (8 if person.role == "correspondent" else 6)
    cos, sin = math.cos(person.angle), math.sin(person.angle)
    threshold = 0.3 if person.role == "correspondent" else 0.02
    anchor = "start" if cos > threshold else "end" if cos < -threshold else "middle"
    lx = x + gap * cos
    ly = y + gap * sin + 4 + (8 * sin if anchor == "middle" else 0)
    return lx, ly, anchor


def _co_mention_geometry(
    edge: dict[str, Any], at: dict[str, dict[str, Any]], centre: tuple[float, float], peak: int
) -> dict[str, Any]:
    a, b = at[edge["from"]], at[edge["to"]]
    if a["role"] == "mentioned" and b["role"] == "mentioned":
        # long chords bow towards the centre, bundling them as in a chord diagram;
        # short ones between neighbours on the ring stay nearly straight
        chord = math.hypot(a["x"] - b["x"], a["y"] - b["y"])
        pull = 0.6 * chord / (2 * OUTER_RADIUS)
        mx, my = (a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2
        cx, cy = mx + (centre[0] - mx) * pull, my + (centre[1] - my) * pull
        path = f"M{a['x']},{a['y']} Q{cx:.1f},{cy:.1f} {b['x']},{b['y']}"
    else:
        path = f"M{a['x']},{a['y']} L{b['x']},{b['y']}"
    return {
        **edge,
        "from_name": a["name"],
        "to_name": b["name"],
        "path": path,
        "width": round(0.8 + 3.2 * edge["count"] / peak, 1),
        "tier": 1 if edge["count"] == 1 else 2 if edge["count"] * 2 < peak else 3,
    }


def _letter_edges(letters: dict[tuple[str, str], int], at: dict[str, dict]) -> list[dict]:
    peak = max(letters.values(), default=1) or 1
    edges = []
    for (sender, recipient), count in sorted(letters.items(), key=lambda e: (-e[1], e[0])):
        if sender == recipient:
            continue  # a memo to oneself has no direction to draw
        a, b = at[sender], at[recipient]
        width = round(1.2 + 7 * count / peak, 1)
        path, arrow = _curved_arrow(a, b, width)
        edges.append({"kind": "letters", "from": sender, "to": recipient, "count": count,
                      "from_name": a["name"], "to_name": b["name"], "path": path,
                      "arrow": arrow, "width": width,
                      "href": f"/documents?sender={_q(sender)}&recipient={_q(recipient)}"})  # fmt: skip
    return edges


def _curved_arrow(a: dict, b: dict, width: float) -> tuple[str, str]:
    """A curve from a to b bending to its right (so a->b and b->a stay apart), ending in
    an arrowhead at b's rim."""
    dx, dy = b["x"] - a["x"], b["y"] - a["y"]
    length = math.hypot(dx, dy) or 1
    ux, uy = dx / length, dy / length
    bend = 0.22 * length
    cx = (a["x"] + b["x"]) / 2 - uy * bend
    cy = (a["y"] + b["y"]) / 2 + ux * bend
    tx, ty = _towards(b["x"], b["y"], cx, cy, b["r"] + 2)
    sx, sy = _towards(a["x"], a["y"], cx, cy, a["r"] + 2)
    head = 7 + 1.4 * width
    hx, hy = _towards(tx, ty, cx, cy, head)
    ex, ey = _towards(tx, ty, cx, cy, head * 0.7)  # the line stops inside the head
    nx, ny = -(ty - hy) / head, (tx - hx) / head
    half = head * 0.45 + width / 2
    path = f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"
    arrow = (f"M{tx:.1f},{ty:.1f} L{hx + nx * half:.1f},{hy + ny * half:.1f} "
             f"L{hx - nx * half:.1f},{hy - ny * half:.1f} Z")  # fmt: skip
    return path, arrow


def _towards(x: float, y: float, to_x: float, to_y: float, distance: float) -> tuple[float, float]:
    dx, dy = to_x - x, to_y - y
    length = math.hypot(dx, dy) or 1
    return x + dx / length * distance, y + dy / length * distance


def _q(value: str) -> str:
    return quote(value, safe="")
