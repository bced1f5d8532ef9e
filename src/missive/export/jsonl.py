"""JSONL export: one contract object (DESIGN.md, "Contracts") per top-level document."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from missive.export.atomic import replaced_atomically
from missive.export.selection import Selection
from missive.store import Store


def write_jsonl(
    store: Store,
    out: TextIO | str | Path,
    source: str | None = None,
    selection: Selection | None = None,
) -> int:
    """Write the store's top-level documents, in source order; return how many.

    `out` is an open text stream, ``"-"`` for stdout, or a path (written to a
    temporary file beside it, then moved into place).
    """
    documents = (selection or Selection(source=source)).documents(store)
    if not isinstance(out, str | Path):
        return dump_lines(documents, out)
    if str(out) == "-":
        return dump_lines(documents, sys.stdout)
    return _write_file(Path(out), documents)


def dump_lines(documents: Iterable[dict[str, Any]], stream: TextIO) -> int:
    count = 0
    for document in documents:
        stream.write(json.dumps(document, ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count


def _write_file(path: Path, documents: Iterable[dict[str, Any]]) -> int:
    with (
        replaced_atomically(path) as partial,
        partial.open("w", encoding="utf-8", newline="\n") as stream,
    ):
        return dump_lines(documents, stream)
