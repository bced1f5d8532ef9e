"""Reader security: headers, escaping of hostile text everywhere, CSRF, the editor token."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from missive.store import Store
from missive.web import create_app
from web.conftest import DOC, TOKEN
from web.hostile import PAYLOADS, hostile_source, injected_markup

HOSTILE_PAGES = [
    "/", "/documents", "/documents/hostile-1", "/documents/hostile-2", "/search?q=findme",
    "/threads/hostile-1", "/compare/hostile-1", "/entities", "/notes/hostile.txt/1",
    "/missing", "/network", "/corrections",
]  # fmt: skip


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/", f"/documents/{DOC}", "/api/documents", "/static/missive.css", "/nope"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    for path in ("/", "/documents", f"/documents/{DOC}", "/search?q=front", "/help"):
        html = client.get(path).text
        assert re.findall(r"<script(?![^>]*\ssrc=)", html) == []
        assert " style=" not in html and "<style" not in html


def _ingest(db: Path, payload: str) -> None:
    with Store(db) as store:
        store.ingest(hostile_source(payload))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_is_shown_as_text_everywhere(tmp_path: Path, payload: str) -> None:
    db = tmp_path / "hostile.db"
    _ingest(db, payload)
    with TestClient(create_app(db, editor_token=TOKEN)) as client:
        for path in [*HOSTILE_PAGES, "/entities/" + quote("k" + payload, safe=""),
                     "/search?q=" + quote(payload)]:  # fmt: skip
            response = client.get(path)
            assert response.status_code in (200, 400), (path, response.status_code)
            assert injected_markup(response.text) == [], path
        body = client.get("/documents/hostile-1").text
        assert str(escape(payload)) in body  # shown, as text (template syntax not evaluated)


hostile_text = st.text(
    alphabet=st.sampled_from(list("<>\"'&=/ :;ajvscriptonerrlgimx(){}%\\`\u2028\x00")),
    min_size=1,
    max_size=40,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=hostile_text)
def test_generated_hostile_strings_never_become_markup(tmp_path: Path, payload: str) -> None:
    db = tmp_path / f"h{abs(hash(payload))}.db"
    _ingest(db, payload.replace("\x00", ""))
    with TestClient(create_app(db)) as client:
        for path in HOSTILE_PAGES:
            response = client.get(path)
            assert response.status_code in (200, 400), (path, response.status_code)
            assert injected_markup(response.text) == [], (path, payload)
        assert client.get("/api/search", params={"q": payload}).status_code in (200, 400)


def _csrf(client: TestClient, path: str = "/editor") -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert match, "every form carries a CSRF token"
    return match.group(1)


def _sign_in(client: TestClient, token: str = TOKEN) -> int:
    response = client.post(
        "/editor/login",
        data={"token": token, "editor": "Ada Editor", "csrf": _csrf(client)},
        follow_redirects=False,
    )
    return response.status_code


def test_editor_signs_in_and_corrects_with_csrf(editor_client: TestClient) -> None:
    assert _sign_in(editor_client) == 303
    page = editor_client.get(f"/documents/{DOC}").text
    assert 'action="/documents/' in page
    csrf = _csrf(editor_client, f"/documents/{DOC}")
    response = editor_client.post(
        f"/documents/{DOC}/corrections",
        data={
            "field": "place",
            "value": "Washington",
            "reason": "the printed heading",
            "csrf": csrf,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = editor_client.get(f"/documents/{DOC}").text
    assert "Washington" in page and "corrected" in page and "Ada Editor" in page
    audit = editor_client.get("/api/corrections").json()["corrections"]
    assert audit[0]["editor"] == "Ada Editor" and audit[0]["reason"] == "the printed heading"


def test_correction_without_csrf_is_refused(editor_client: TestClient) -> None:
    assert _sign_in(editor_client) == 303
    for csrf in ("", "forged-token"):
        response = editor_client.post(
            f"/documents/{DOC}/corrections",
            data={"field": "place", "value": "Nowhere", "reason": "attack", "csrf": csrf},
        )
        assert response.status_code == 403
    assert editor_client.get("/api/corrections").json()["corrections"] == []


def test_login_without_csrf_is_refused(editor_client: TestClient) -> None:
    response = editor_client.post(
        "/editor/login", data={"token": TOKEN, "editor": "x", "csrf": "nope"}
    )
    assert response.status_code == 403
    assert "missive_editor" not in response.cookies


def test_wrong_token_or_no_session_cannot_correct(editor_client: TestClient) -> None:
    assert _sign_in(editor_client, token="guess") == 403
    csrf = _csrf(editor_client)
    response = editor_client.post(
        f"/documents/{DOC}/corrections",
        data={"field": "place", "value": "Nowhere", "reason": "attack", "csrf": csrf},
    )
    assert response.status_code == 403
    editor_client.cookies.set("missive_editor", "eyJlZGl0b3IiOiAieCJ9.forged")
    response = editor_client.post(
        f"/documents/{DOC}/corrections",
        data={"field": "place", "value": "Nowhere", "reason": "attack", "csrf": csrf},
    )
    assert response.status_code == 403


def test_no_token_means_no_editing(writable_db: Path) -> None:
    with TestClient(create_app(writable_db)) as client:
        assert "Editing is not enabled" in client.get("/editor").text
        client.get("/")  # sets the CSRF cookie
        csrf = client.app.state.keys.csrf_token(client.cookies["missive_csrf"])
        for token in ("", "guess", TOKEN):
            response = client.post(
                "/editor/login", data={"token": token, "editor": "x", "csrf": csrf}
            )
            assert response.status_code in (400, 403)


def test_api_correction_needs_the_bearer_token(editor_client: TestClient) -> None:
    body = {"field": "place", "value": "Yalta", "reason": "test", "editor": "api"}
    assert editor_client.post(f"/api/documents/{DOC}/corrections", json=body).status_code == 403
    refused = editor_client.post(
        f"/api/documents/{DOC}/corrections", json=body, headers={"Authorization": "Bearer no"}
    )
    assert refused.status_code == 403
    accepted = editor_client.post(
        f"/api/documents/{DOC}/corrections", json=body,
        headers={"Authorization": f"Bearer {TOKEN}"},
    )  # fmt: skip
    assert accepted.status_code == 201
    assert editor_client.get(f"/api/documents/{DOC}").json()["place"] == "Yalta"
    bad = {**body, "field": "text"}
    response = editor_client.post(
        f"/api/documents/{DOC}/corrections", json=bad, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 400


def test_the_token_never_appears_in_pages(editor_client: TestClient) -> None:
    assert _sign_in(editor_client) == 303
    for path in ("/", "/editor", f"/documents/{DOC}", "/api/openapi.json"):
        assert TOKEN not in editor_client.get(path).text
    assert TOKEN not in editor_client.cookies.get("missive_editor", "")
