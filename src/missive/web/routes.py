"""The route list: each HTML page and its JSON twin under /api, plus the editor's forms."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, Header, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel

from missive.errors import QueryError, UsageError
from missive.store.corrections import valid_editor_name, value_from_text
from missive.web import views
from missive.web.app import doc_url, error_response, render
from missive.web.auth import CSRF_COOKIE, SESSION_COOKIE, SESSION_SECONDS, Keys
from missive.web.reader import PAGE_SIZES, SORTS, Filters, Reader
from missive.web.searching import FACETS
from missive.web.snapshot import SnapshotRoute

api = APIRouter(prefix="/api", tags=["api"], route_class=SnapshotRoute)
pages = APIRouter(include_in_schema=False, route_class=SnapshotRoute)

ISO_DATE = r"^(\d{4}-\d{2}-\d{2})?$"
Text = Annotated[str | None, Query(max_length=200)]
DateArg = Annotated[str | None, Query(pattern=ISO_DATE)]
PageArg = Annotated[int, Query(ge=1, le=100_000)]
PerPage = Annotated[int, Query(ge=1, le=max(PAGE_SIZES))]
SearchQuery = Annotated[str, Query(max_length=500)]


def _reader(request: Request) -> Reader:
    return request.app.state.reader


def _keys(request: Request) -> Keys:
    return request.app.state.keys


def _filters(
    sender: str | None, recipient: str | None, date_from: str | None, date_to: str | None,
    kind: str | None, source: str | None, sort: str, page: int, per_page: int,
) -> Filters:  # fmt: skip
    if sort not in SORTS:
        raise UsageError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    return Filters(
        sender=sender or None, recipient=recipient or None, date_from=date_from or None,
        date_to=date_to or None, kind=kind or None, source=source or None,
        sort=sort, page=page, per_page=per_page,
    )  # fmt: skip


# --- home ----------------------------------------------------------------------------


@api.get("/", summary="What the corpus holds: sources, counts, timeline, correspondents")
def api_home(request: Request) -> dict[str, Any]:
    return views.home(_reader(request))


@pages.get("/")
def home(request: Request) -> Response:
    return render(request, "home.html", views.home(_reader(request)))


# --- documents -------------------------------------------------------------------------


@api.get("/documents", summary="Documents, filtered, sorted and paginated")
def api_documents(
    request: Request, sender: Text = None, recipient: Text = None, date_from: DateArg = None,
    date_to: DateArg = None, kind: Text = None, source: Text = None, sort: str = "edition",
    page: PageArg = 1, per_page: PerPage = PAGE_SIZES[0],
) -> dict[str, Any]:  # fmt: skip
    filters = _filters(sender, recipient, date_from, date_to, kind, source, sort, page, per_page)
    return views.documents(_reader(request), filters)


@pages.get("/documents")
def documents(
    request: Request, sender: Text = None, recipient: Text = None, date_from: DateArg = None,
    date_to: DateArg = None, kind: Text = None, source: Text = None, sort: str = "edition",
    page: PageArg = 1, per_page: PerPage = PAGE_SIZES[0],
) -> Response:  # fmt: skip
    filters = _filters(sender, recipient, date_from, date_to, kind, source, sort, page, per_page)
    context = views.documents(_reader(request), filters)
    context.update(query_args=filters.query_args(), sorts=SORTS, page_sizes=PAGE_SIZES)
    return render(request, "documents.html", context)


@api.get(
    "/documents/{doc_id}",
    summary="One document: the JSONL export object, plus what its page shows under 'reader'",
)
def api_document(request: Request, doc_id: str, download: bool = False) -> Response:
    if download:
        doc = _reader(request).document(doc_id)
        if doc is None:
            raise views.NotFound(f"no document {doc_id!r}")
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id)[:120] or "document"
        body = json.dumps(doc, ensure_ascii=False, indent=2)
        headers = {"content-disposition": f'attachment; filename="{name}.json"'}
        return Response(body, media_type="application/json", headers=headers)
    context = views.document(_reader(request), doc_id)
    reader_view = {key: value for key, value in context.items() if key != "document"}
    return JSONResponse({**context["document"], "reader": reader_view})


@api.get("/documents/{doc_id}/tei", summary="One document as a TEI P5 file (download)")
def api_document_tei(request: Request, doc_id: str) -> Response:
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id)[:120] or "document"
    headers = {"content-disposition": f'attachment; filename="{name}.xml"'}
    body = views.document_tei(_reader(request), doc_id)
    return Response(body, media_type="application/tei+xml", headers=headers)


@pages.get("/documents/{doc_id}")
def document(request: Request, doc_id: str) -> Response:
    return render(request, "document.html", views.document(_reader(request), doc_id))


# --- search ------------------------------------------------------------------------------


@api.get("/search", summary="Ranked full-text hits with snippets and facets")
def api_search(
    request: Request, q: SearchQuery = "", page: PageArg = 1, per_page: PerPage = 20,
    sender: Text = None, recipient: Text = None, kind: Text = None, year: Text = None,
    source: Text = None, entity: Text = None,
) -> dict[str, Any]:  # fmt: skip
    facets = _facet_filters(sender, recipient, kind, year, source, entity)
    return views.search(_reader(request), q, page, per_page, facets)


@pages.get("/search")
def search(
    request: Request, q: SearchQuery = "", page: PageArg = 1, per_page: PerPage = 20,
    sender: Text = None, recipient: Text = None, kind: Text = None, year: Text = None,
    source: Text = None, entity: Text = None,
) -> Response:  # fmt: skip
    facets = _facet_filters(sender, recipient, kind, year, source, entity)
    try:
        context = views.search(_reader(request), q, page, per_page, facets)
        status = 200
    except QueryError as exc:
        context = {"query": q, "filters": facets, "error": str(exc), "hits": [], "facets": {},
                   "total": 0, "pages": 0, "page": 1, "help": views.query_help(),
                   "help_html": views.query_help_html()}  # fmt: skip
        status = 400
    return render(request, "search.html", context, status_code=status)


def _facet_filters(*values: str | None) -> dict[str, str]:
    return {name: value for name, value in zip(FACETS, values, strict=True) if value}


# --- notes, threads, compare ------------------------------------------------------------


@api.get("/notes/{source}/{number}", summary="One note and the documents that cite it")
def api_note(
    request: Request, source: str, number: int, document: str | None = None
) -> dict[str, Any]:
    return views.note(_reader(request), source, number, document)


@pages.get("/notes/{source}/{number}")
def note(request: Request, source: str, number: int, document: str | None = None) -> Response:
    return render(request, "note.html", views.note(_reader(request), source, number, document))


@api.get("/threads/{doc_id}", summary="The conversation a document belongs to")
def api_thread(request: Request, doc_id: str) -> dict[str, Any]:
    return views.thread(_reader(request), doc_id)


@pages.get("/threads/{doc_id}")
def thread(request: Request, doc_id: str) -> Response:
    return render(request, "thread.html", views.thread(_reader(request), doc_id))


@api.get("/compare/{doc_id}", summary="The witnesses of a document, collated")
def api_compare(request: Request, doc_id: str) -> dict[str, Any]:
    return views.compare(_reader(request), doc_id)


@pages.get("/compare/{doc_id}")
def compare(request: Request, doc_id: str) -> Response:
    return render(request, "compare.html", views.compare(_reader(request), doc_id))


# --- entities, network, missing messages, corrections, help -----------------------------


@api.get("/entities", summary="Every entity mentioned, most documents first")
def api_entities(request: Request, type: Text = None) -> dict[str, Any]:
    return views.entities(_reader(request), type)


@pages.get("/entities")
def entities(request: Request, type: Text = None) -> Response:
    return render(request, "entities.html", views.entities(_reader(request), type))


@api.get("/entities/{key:path}", summary="One entity: documents, mentions, who it appears with")
def api_entity(request: Request, key: str) -> dict[str, Any]:
    return views.entity(_reader(request), key)


@pages.get("/entities/{key:path}")
def entity(request: Request, key: str) -> Response:
    return render(request, "entity.html", views.entity(_reader(request), key))


@api.get(
    "/network",
    summary="Who wrote to whom and who is named with whom: the network figure's nodes and edges",
)
def api_network(request: Request) -> dict[str, Any]:
    return views.network(_reader(request))


@pages.get("/network")
def network(request: Request) -> Response:
    return render(request, "network.html", views.network(_reader(request)))


@api.get("/missing", summary="Messages referred to but not in the corpus")
def api_missing(request: Request) -> dict[str, Any]:
    return views.missing(_reader(request))


@pages.get("/missing")
def missing(request: Request) -> Response:
    return render(request, "missing.html", views.missing(_reader(request)))


@api.get("/corrections", summary="Every editor's correction, newest first (the audit trail)")
def api_corrections(request: Request) -> dict[str, Any]:
    return views.corrections(_reader(request))


@pages.get("/corrections")
def corrections(request: Request) -> Response:
    return render(request, "corrections.html", views.corrections(_reader(request)))


@api.get("/help", summary="The search query language")
def api_help() -> dict[str, Any]:
    return {"query_language": views.query_help()}


@pages.get("/help")
def help_page(request: Request) -> Response:
    context = {"query_help": views.query_help(), "query_help_html": views.query_help_html()}
    return render(request, "help.html", context)


# --- editors ------------------------------------------------------------------------------


def _check_csrf(request: Request, token: str) -> None:
    if not _keys(request).csrf_ok(request.cookies.get(CSRF_COOKIE), token):
        raise _Refused("the form has expired or did not come from this site; reload and retry")


class _Refused(Exception):
    pass


@pages.get("/editor")
def editor_page(request: Request) -> Response:
    return render(request, "editor.html", {})


@pages.post("/editor/login")
def login(
    request: Request,
    token: Annotated[str, Form(max_length=500)],
    editor: Annotated[str, Form(max_length=60)],
    csrf: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    keys = _keys(request)
    try:
        _check_csrf(request, csrf)
    except _Refused as exc:
        return error_response(request, 403, "Forbidden", str(exc))
    if not keys.editing_enabled:
        return error_response(request, 403, "Forbidden", "editing is not enabled on this server")
    if not keys.token_matches(token) or not valid_editor_name(editor):
        context = {"error": "that token is not the editor token (or the name is not valid)"}
        return render(request, "editor.html", context, status_code=403)
    response = RedirectResponse("/editor", status_code=303)
    response.set_cookie(
        SESSION_COOKIE, keys.session_cookie(editor.strip()), max_age=SESSION_SECONDS,
        httponly=True, samesite="strict", path="/",
    )  # fmt: skip
    return response


@pages.post("/editor/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=200)] = "") -> Response:
    try:
        _check_csrf(request, csrf)
    except _Refused as exc:
        return error_response(request, 403, "Forbidden", str(exc))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@pages.post("/documents/{doc_id}/corrections")
def correct(
    request: Request,
    doc_id: str,
    field: Annotated[str, Form(max_length=40)],
    value: Annotated[str, Form(max_length=2000)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        _check_csrf(request, csrf)
    except _Refused as exc:
        return error_response(request, 403, "Forbidden", str(exc))
    editor = _keys(request).editor_of(request.cookies.get(SESSION_COOKIE))
    if editor is None:
        return error_response(request, 403, "Forbidden", "sign in as an editor to correct")
    if not reason.strip():
        return error_response(request, 400, "Bad request", "say why (the reason is required)")
    _reader(request).store.add_correction(
        doc_id, field, value_from_text(field, value), editor, reason
    )
    return RedirectResponse(doc_url(doc_id) + "#corrections", status_code=303)


class CorrectionIn(BaseModel):
    field: str
    value: Any = None
    reason: str
    editor: str = "editor"


@api.post("/documents/{doc_id}/corrections", summary="Correct one field (needs the token)")
def api_correct(
    request: Request,
    doc_id: str,
    correction: CorrectionIn,
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """Authenticated with ``Authorization: Bearer <editor token>`` (no cookies, so no CSRF)."""
    keys = _keys(request)
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not keys.token_matches(given):
        return error_response(request, 403, "Forbidden", "a valid editor token is required")
    if not valid_editor_name(correction.editor) or not correction.reason.strip():
        raise UsageError("give an editor name and a reason")
    record = _reader(request).store.add_correction(
        doc_id, correction.field, correction.value, correction.editor.strip(), correction.reason
    )
    return JSONResponse(record, status_code=201)
