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
