"""Exporters, registered by format name.

Every exporter is called as ``exporter(store, out, selection=Selection(...))`` and
returns how many documents it wrote: `out` is a stream, a file path or a directory,
as the format needs; the selection filters by source, date range and sender.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from missive.errors import UsageError
from missive.export.cmif import write_cmif
from missive.export.jsonl import write_jsonl
from missive.export.network import write_gexf, write_graphml
from missive.export.selection import Selection
from missive.export.site import write_site
from missive.export.table import write_csv
from missive.export.tei import write_tei

Exporter = Callable[..., Any]

EXPORTERS: dict[str, Exporter] = {
    "jsonl": write_jsonl,
    "tei": write_tei,
    "cmif": write_cmif,
    "csv": write_csv,
    "gexf": write_gexf,
    "graphml": write_graphml,
    "site": write_site,
}


def get_exporter(name: str) -> Exporter:
    """The exporter for format `name`; an unknown name gets the list of valid ones."""
    try:
        return EXPORTERS[name]
    except KeyError:
        valid = ", ".join(sorted(EXPORTERS))
        raise UsageError(f"unknown export format {name!r}; valid formats: {valid}") from None


__all__ = ["EXPORTERS", "Exporter", "Selection", "get_exporter", "write_jsonl"]
