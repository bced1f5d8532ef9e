"""The reader application: templates, security headers, one error page and one JSON
error shape, and the route list (routes.py)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from missive import __version__
from missive.errors import MissiveError, QueryError, UsageError
from missive.web.auth import CSRF_COOKIE, SESSION_COOKIE, Keys
from missive.web.reader import Reader
from missive.web.views import NotFound

STATIC = Path(__file__).with_name("static")
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
log = logging.getLogger("missive.web")


class SecurityHeaders:
    """Adds the security headers to every response (pages, API, static files, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(db_path: str | Path, *, editor_token: str | None = None) -> FastAPI:
    """The reader over the store at `db_path`; editing only with `editor_token`."""
    from missive.web import routes

    app = FastAPI(
        title="missive reader",
        version=__version__,
        description="A digital edition of diplomatic correspondence: every HTML page has "
        "this JSON twin under /api.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN: not here
        redoc_url=None,
    )
    app.state.reader = Reader(str(db_path))
    app.state.keys = Keys.create(editor_token)
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(routes.api)
    app.include_router(routes.pages)
    _add_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    return app


# --- templates ---------------------------------------------------------------------


def _templates() -> Environment:
    env = Environment(
        loader=PackageLoader("missive.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["doc_url"] = doc_url
    env.filters["q"] = lambda value: quote(str(value), safe="")
    env.filters["confidence"] = lambda value: "" if value is None else f"{value:.2f}"
    env.filters["tojson_pretty"] = lambda value: json.dumps(value, ensure_ascii=False, indent=2)
    env.globals["url"] = query_string
    env.globals["version"] = __version__
    return env


def doc_url(doc_id: str) -> str:
    return "/documents/" + quote(str(doc_id), safe="")


def query_string(path: str, args: dict[str, Any]) -> str:
    clean = {k: v for k, v in args.items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A page: the view's context plus who is reading (editor or not) and a CSRF token."""
    keys: Keys = request.app.state.keys
    nonce = request.cookies.get(CSRF_COOKIE)
    fresh = nonce is None or len(nonce) > 64
    if fresh:
        nonce = keys.new_nonce()
    page = {
        **context,
        "request_path": request.url.path,
        "editor": keys.editor_of(request.cookies.get(SESSION_COOKIE)),
        "editing_enabled": keys.editing_enabled,
        "csrf_token": keys.csrf_token(nonce),
    }
    html = request.app.state.templates.get_template(template).render(page)
    response = HTMLResponse(html, status_code=status_code)
    if fresh:
        response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict", path="/")
    return response


# --- errors --------------------------------------------------------------------------


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, title: str, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse(
            {"error": {"status": status, "title": title, "message": message}}, status
        )
    context = {"status": status, "title": title, "message": message}
    return render(request, "error.html", context, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, "Not found", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        title = {404: "Not found", 403: "Forbidden", 405: "Method not allowed"}.get(
            exc.status_code, "Error"
        )
        message = exc.detail if isinstance(exc.detail, str) else title
        return error_response(request, exc.status_code, title, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors()
        )
        return error_response(request, 400, "Bad request", problems)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        return error_response(request, 400, "Cannot read the search query", str(exc))

    @app.exception_handler(UsageError)
    async def usage(request: Request, exc: UsageError) -> Response:
        return error_response(request, 400, "Bad request", str(exc))

    @app.exception_handler(MissiveError)
    async def failure(request: Request, exc: MissiveError) -> Response:
        log.error("missive error: %s", exc)
        return error_response(request, 500, "Server error", "the edition could not be read")
