"""Exporters, registered by format name.

Every exporter is called as ``exporter(store, out, source=None)``: `out` is a stream,
a file path or a directory, as the format needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from missive.errors import UsageError
from missive.export.jsonl import write_jsonl

Exporter = Callable[..., Any]

EXPORTERS: dict[str, Exporter] = {
    "jsonl": write_jsonl,
}


def get_exporter(name: str) -> Exporter:
    """The exporter for format `name`; an unknown name gets the list of valid ones."""
    try:
        return EXPORTERS[name]
    except KeyError:
        valid = ", ".join(sorted(EXPORTERS))
        raise UsageError(f"unknown export format {name!r}; valid formats: {valid}") from None


__all__ = ["EXPORTERS", "Exporter", "get_exporter", "write_jsonl"]
