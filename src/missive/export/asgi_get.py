"""GET a page from an ASGI app in-process: no server, no socket, no HTTP client."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Page:
    status: int
    content_type: str
    body: bytes


def asgi_get(app: Any, path: str, query: str = "") -> Page:
    """The response of `app` to ``GET path?query``."""
    return asyncio.run(_get(app, path, query))


async def _get(app: Any, path: str, query: str) -> Page:
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
        "query_string": query.encode(), "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 0), "server": ("localhost", 80),
    }  # fmt: skip
    received = False

    async def receive() -> dict[str, Any]:
        nonlocal received
        if received:
            return {"type": "http.disconnect"}
        received = True
        return {"type": "http.request", "body": b"", "more_body": False}

    status, content_type, chunks = 500, "", []

    async def send(message: dict[str, Any]) -> None:
        nonlocal status, content_type
        if message["type"] == "http.response.start":
            status = message["status"]
            headers = {k.decode().lower(): v.decode() for k, v in message.get("headers", [])}
            content_type = headers.get("content-type", "")
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return Page(status, content_type, b"".join(chunks))
