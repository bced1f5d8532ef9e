"""GET routes read the store inside one read transaction, so a page never mixes the
store as it was before an ingest's commit with the store as it is after it."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute


def in_snapshot(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """`endpoint` run inside its app's `Reader.snapshot()` (sync endpoints taking a Request)."""
    if inspect.iscoroutinefunction(endpoint):
        return endpoint

    @functools.wraps(endpoint)
    def read_consistently(*args: Any, **kwargs: Any) -> Any:
        request = next((v for v in kwargs.values() if isinstance(v, Request)), None)
        if request is None:
            return endpoint(*args, **kwargs)
        with request.app.state.reader.snapshot():
            return endpoint(*args, **kwargs)

    return read_consistently


class SnapshotRoute(APIRoute):
    """An APIRoute whose GET endpoint reads one snapshot; other methods are left as they
    are (a write inside a read transaction would fail when another writer got there first)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        methods = {m.upper() for m in kwargs.get("methods") or ()}
        if methods and methods <= {"GET", "HEAD"}:
            endpoint = in_snapshot(endpoint)
        super().__init__(path, endpoint, **kwargs)
