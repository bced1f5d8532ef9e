"""Pictures drawn on the server: geometry only; the templates write the SVG and the
stylesheet colours it (no inline styles, so the Content-Security-Policy stays strict)."""

from __future__ import annotations

import math
from typing import Any

CHART_WIDTH = 880  # bars widen to fill this when there are few months
BAR_WIDTH = 14
BAR_GAP = 4
CHART_HEIGHT = 160
LABEL_SPACE = 28


def timeline_bars(timeline: dict[str, Any]) -> dict[str, Any]:
    """Stacked bars (one per month, one segment per direction) in SVG coordinates."""
    months = timeline["months"]
    directions = timeline["directions"]
    peak = max((m["total"] for m in months), default=0) or 1
    bar_width = max(BAR_WIDTH, min(48, CHART_WIDTH // max(len(months), 1) - BAR_GAP))
    label_every = max(1, math.ceil(56 / (bar_width + BAR_GAP)))
    bars = []
    for index, month in enumerate(months):
        x = index * (bar_width + BAR_GAP)
        y = CHART_HEIGHT
        segments = []
        for series, direction in enumerate(directions):
            count = month["counts"].get(direction, 0)
            if not count:
                continue
            height = count / peak * (CHART_HEIGHT - 10)
            y -= height
            segments.append(
                {"series": series, "direction": direction, "count": count,
                 "x": x, "y": round(y, 2), "height": round(height, 2)}
            )  # fmt: skip
        label = month["month"][2:4] + "·" + month["month"][5:7]
        bars.append({"month": month["month"], "label": label, "total": month["total"],
                     "x": x, "segments": segments, "show_label": index % label_every == 0})  # fmt: skip
    width = max(len(months) * (bar_width + BAR_GAP), 1)
    return {
        "bars": bars, "width": width, "height": CHART_HEIGHT + LABEL_SPACE,
        "base": CHART_HEIGHT, "bar_width": bar_width, "peak": peak,
        "directions": list(enumerate(directions)),
    }  # fmt: skip


def network(edges: dict[tuple[str, str], int], names: dict[str, str]) -> dict[str, Any]:
    """Correspondents on a circle, a line for each direction weighted by its count."""
    people = sorted({p for pair in edges for p in pair})
    radius, centre = 150, 200
    positions = {}
    for index, key in enumerate(people):
        angle = 2 * math.pi * index / max(len(people), 1) - math.pi / 2
        positions[key] = (
            round(centre + radius * math.cos(angle), 1),
            round(centre + radius * math.sin(angle), 1),
        )
    peak = max(edges.values(), default=1)
    lines = [
        {"from": a, "to": b, "count": n, "x1": positions[a][0], "y1": positions[a][1],
         "x2": positions[b][0], "y2": positions[b][1], "width": round(1 + 7 * n / peak, 1)}
        for (a, b), n in sorted(edges.items())
    ]  # fmt: skip
    nodes = [
        {"key": k, "name": names.get(k, k), "x": x, "y": y, "anchor": "start" if x >= centre else "end"}
        for k, (x, y) in positions.items()
    ]  # fmt: skip
    return {"nodes": nodes, "lines": lines, "size": 2 * centre}
