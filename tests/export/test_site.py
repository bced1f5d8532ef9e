"""The static site: every link resolves inside the folder, and it is browsed from
file:// in headless Chromium (Debian's, driven by Playwright) with no network."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from missive.export import Selection
from missive.export.site import file_for, write_site
from missive.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def site(samples_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    write_site(samples_store, folder)
    return folder


def _links(page: Path) -> Iterator[str]:
    html = lxml.html.parse(str(page)).getroot()
    for element in html.iter("a", "link", "script", "img", "form"):
        for attribute in ("href", "src", "action"):
            value = element.get(attribute)
            if value is not None:
                yield value


def test_every_link_resolves_inside_the_folder(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 90
    for page in pages:
        for link in _links(page):
            assert not link.startswith("/"), (page, link)
            url = urlsplit(link)
            if url.scheme or not url.path:
                continue
            assert (page.parent / unquote(url.path)).exists(), (page, link)


def test_a_page_per_document_and_a_search_index(samples_store: Store, site: Path) -> None:
    ids = [d["id"] for d in samples_store.documents()]
    for doc_id in ids:
        assert (site / file_for(f"/documents/{doc_id}")).exists()
    index = json.loads((site / "search-index.json").read_text("utf-8"))
    assert set(ids) <= {entry["id"] for entry in index}


def test_the_selection_limits_the_documents(samples_store: Store, tmp_path: Path) -> None:
    assert write_site(samples_store, tmp_path, selection=Selection(sender="harriman")) == 1
    assert len(list((tmp_path / "documents").glob("wilson-*.html"))) == 1
    assert not list((tmp_path / "documents").glob("mia-*.html"))


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_browsed_from_disk_in_headless_chromium(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto((site / "index.html").as_uri())
            page.click("nav >> text=Documents")
            assert page.url.endswith("documents/index.html")
            page.click("a[href$='mia-stalin-roosevelt-1943-no-74.html'] >> nth=0")
            assert "Combined Chiefs of Staff" in page.inner_text("body")
            page.fill("input[name=q]", "Avalanche")
            page.press("input[name=q]", "Enter")
            page.wait_for_selector("#site-search li")
            hits = page.locator("#site-search li a")
            assert hits.count() >= 2
            hits.first.click()
            assert "Avalanche" in page.inner_text("body")
            assert all(url.startswith("file://") for url in requested), requested
        finally:
            browser.close()
