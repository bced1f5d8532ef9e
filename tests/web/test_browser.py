"""The reader in a real browser: Debian's Chromium driven by Playwright against a real
uvicorn server on 127.0.0.1.  One browser for the module; screenshots are saved."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from web.conftest import DOC, SAMPLES, TOKEN

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
MISSIVE = str(Path(sys.executable).with_name("missive"))

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read() if process.stderr else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("server did not start")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    for sample in SAMPLES:
        shutil.copy(sample, folder / sample.name)
    return folder


@pytest.fixture(scope="module")
def server(corpus: Path) -> Iterator[tuple[str, Path]]:
    db = corpus / "reader.db"
    subprocess.run([MISSIVE, "ingest", *sorted(corpus.glob("*.*")), "--db", str(db), "-q"],
                   check=True)  # fmt: skip
    port = _free_port()
    env = {**os.environ, "MISSIVE_EDITOR_TOKEN": TOKEN}
    process = subprocess.Popen(
        [MISSIVE, "serve", "--db", str(db), "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        _wait_for(port, process)
        yield f"http://127.0.0.1:{port}", db
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=10)
        assert TOKEN not in errors  # never logged


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("MISSIVE_SCREENSHOTS") or tmp_path_factory.mktemp("screens"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_read_a_document_open_a_note_follow_a_reply_search_and_narrow(
    server: tuple[str, Path], browser, shots: Path
) -> None:
    base, _ = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base + "/")
    assert page.locator("h1").inner_text() == "The correspondence"
    page.screenshot(path=shots / "home.png", full_page=True)

    page.get_by_role("link", name="Read the documents").click()
    page.wait_for_url("**/documents")
    page.screenshot(path=shots / "documents.png")
    page.locator("td.num a", has_text="74").click()
    page.wait_for_url(f"**/documents/{DOC}")

    marker = page.locator('sup.marker a[href="#note-24"]').first
    marker.click()
    note = page.locator(".note-pop")
    assert "Combined Anglo-American Staffs" in note.inner_text()
    assert page.url.endswith(DOC)  # opened in place: no jump
    page.screenshot(path=shots / "document.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.screenshot(path=shots / "document-phone.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    marker.click()
    assert page.locator(".note-pop").count() == 0  # and closes again

    page.locator("section[aria-labelledby=links-h] li a").first.click()
    page.wait_for_url("**/documents/mia-stalin-roosevelt-1943-no-71")

    page.fill("#site-q", '"second front"')
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search?q=*")
    total = page.locator("#results-h").inner_text()
    assert page.locator("li.hit mark").count() > 0
    page.screenshot(path=shots / "search.png", full_page=True)
    page.locator("aside.facets a", has_text="Winston Churchill").first.click()
    page.wait_for_url("**recipient=churchill*")
    assert page.locator("#results-h").inner_text() != total
    assert page.locator(".chip").count() == 1
    page.locator("li.hit .hit-head a").first.click()
    page.wait_for_url("**/documents/*")
    assert page.locator("header.card h1").is_visible()
    assert errors == []
    page.close()


def test_correct_reingest_and_still_corrected_and_refused_without_token(
    server: tuple[str, Path], browser, shots: Path, corpus: Path
) -> None:
    base, db = server
    editor = browser.new_context().new_page()
    editor.goto(base + "/editor")
    editor.fill("input[name=editor]", "Ada Editor")
    editor.fill("input[name=token]", TOKEN)
    editor.click("form.login button")
    assert "Signed in as" in editor.locator("main").inner_text()
    editor.goto(f"{base}/documents/{DOC}")
    editor.select_option("form.correct select[name=field]", "place")
    editor.fill("form.correct input[name=value]", "London")
    editor.fill("form.correct input[name=reason]", "sent from London per the archive copy")
    editor.click("form.correct button")
    editor.wait_for_url(f"**/documents/{DOC}#corrections")
    assert "London" in editor.locator("header.card").inner_text()
    editor.screenshot(path=shots / "corrected.png")

    source = corpus / SAMPLES[0].name
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # changed file
    subprocess.run([MISSIVE, "ingest", str(source), "--db", str(db), "-q"], check=True)
    editor.reload()
    card = editor.locator("header.card").inner_text()
    assert "London" in card and "CORRECTED" in card.upper()

    stranger = browser.new_context().new_page()
    stranger.goto(f"{base}/documents/{DOC}")
    assert stranger.locator("form.correct").count() == 0
    response = stranger.request.post(
        f"{base}/documents/{DOC}/corrections",
        form={"field": "place", "value": "Paris", "reason": "vandal", "csrf": "x"},
    )
    assert response.status == 403
    stranger.reload()
    assert "Paris" not in stranger.locator("header.card").inner_text()
    editor.context.close()
    stranger.context.close()


def test_reading_with_javascript_off(server: tuple[str, Path], browser) -> None:
    base, _ = server
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/documents/{DOC}")
    page.locator('sup.marker a[href="#note-24"]').first.click()
    assert page.url.endswith("#note-24")
    assert page.locator("#note-24").is_visible()
    assert page.locator(".note-pop").count() == 0
    page.locator("details.evidence summary").first.click()
    assert page.locator("details.evidence[open]").count() == 1
    page.fill("#site-q", "Sicily")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search?q=Sicily")
    assert page.locator("li.hit").count() > 0
    context.close()
