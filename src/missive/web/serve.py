"""Run the reader with uvicorn on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import os
from collections.abc import Callable

import uvicorn

from missive.web.app import create_app

TOKEN_VARIABLE = "MISSIVE_EDITOR_TOKEN"


def serve(
    db_path: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    editor_token: str | None = None,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve until interrupted.  The token is never printed or logged."""
    token = editor_token or os.environ.get(TOKEN_VARIABLE) or None
    app = create_app(db_path, editor_token=token)
    shown = f"[{host}]" if ":" in host else host
    announce(f"missive reader: http://{shown}:{port}/  (Ctrl-C to stop)")
    announce(
        "editing: " + ("enabled (sign in at /editor)" if token else f"off (set {TOKEN_VARIABLE})")
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
