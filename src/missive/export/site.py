"""Static site export: the reader's pages rendered into a folder that works from disk
(file://) or any static host, with a client-side search over an index shipped in it.

The pages are the web reader's own (`missive.web`), fetched in-process and crawled
from the home page; site-absolute links become relative file paths.  What needs a
server -- editing, the JSON API, filter forms -- is left out; the search page gets a
script that searches `search-index.js` in the browser.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import deque
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import lxml.html
from lxml import etree

from missive.export.asgi_get import asgi_get
from missive.export.selection import EVERYTHING, Selection
from missive.export.tei_header import title_of, walk
from missive.export.xmlbuild import path_of
from missive.store import Store

START_PAGES = ("/", "/documents", "/search")
SKIPPED_PREFIXES = ("/api", "/editor", "/corrections")
# query strings that get pages of their own ("document": which note a permalink means)
PAGE_QUERY_KEYS = frozenset({"page", "type", "document"})
LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))
SEARCH_FILE = "search.html"
INDEX_SCRIPT = "search-index.js"
SEARCH_SCRIPT = "site-search.js"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def write_site(
    store: Store, out: str | Path, source: str | None = None, selection: Selection | None = None
) -> int:
    """Write the site into the folder `out`; return the number of documents in it."""
    from missive.web.app import create_app

    folder = path_of(out, "a folder (the static site)")
    selection = selection or (Selection(source=source) if source else EVERYTHING)
    documents = list(selection.documents(store))
    builder = SiteBuilder(create_app(store.path), folder, selection, documents)
    builder.crawl()
    builder.write_search()
    return len(documents)


def file_for(path: str, query: str = "") -> str:
    """The file (relative to the site root) a page path is written to."""
    if path.startswith("/static/"):
        return path.lstrip("/")
    if path.rstrip("/") == "/search":
        return SEARCH_FILE
    parts = [_safe(unquote(p)) for p in path.strip("/").split("/") if p]
    if len(parts) <= 1:  # "/" and top-level pages are folders: "/documents/x" sits inside
        parts = [*parts, "index"]
    if query:
        parts[-1] += "-" + _safe(query)
    return "/".join(parts) + ".html"


def _safe(text: str) -> str:
    return _UNSAFE.sub("_", text).strip("_") or "_"


class SiteBuilder:
    def __init__(
        self, app: Any, folder: Path, selection: Selection, documents: list[dict[str, Any]]
    ) -> None:
        self.app = app
        self.folder = folder
        self.selection = selection
        self.documents = documents
        self.allowed = {item["id"] for doc in documents for item in walk(doc)}
        self.seen: set[tuple[str, str]] = set()
        self.queue: deque[tuple[str, str]] = deque()

    # --- crawling ------------------------------------------------------------------

    def crawl(self) -> None:
        for path in START_PAGES:
            self._enqueue(path, "")
        for doc_id in sorted(self.allowed):
            self._enqueue(f"/documents/{doc_id}", "")
        while self.queue:
            path, query = self.queue.popleft()
            self._render(path, query)

    def _enqueue(self, path: str, query: str) -> None:
        if (path, query) not in self.seen:
            self.seen.add((path, query))
            self.queue.append((path, query))

    def _render(self, path: str, query: str) -> None:
        page = asgi_get(self.app, path, self._request_query(path, query))
        if page.status != 200:
            return
        target = self.folder / file_for(path, query)
        target.parent.mkdir(parents=True, exist_ok=True)
        if "text/html" not in page.content_type:
            target.write_bytes(page.body)
            return
        html = lxml.html.document_fromstring(page.body)
        self._relink(html, file_for(path, query))
        text = lxml.html.tostring(html, doctype="<!DOCTYPE html>", encoding="unicode")
        target.write_text(text, encoding="utf-8")

    def _request_query(self, path: str, query: str) -> str:
        """The list of documents shows the export's selection."""
        if path != "/documents":
            return query
        wanted = {
            "source": self.selection.source, "sender": self.selection.sender,
            "date_from": self.selection.date_from, "date_to": self.selection.date_to,
        }  # fmt: skip
        args = [*parse_qsl(query), *((k, v) for k, v in wanted.items() if v)]
        return urlencode(args)

    # --- links -------------------------------------------------------------------------

    def _relink(self, html: etree._Element, here: str) -> None:
        for form in list(html.iter("form")):
            action = urlsplit(form.get("action") or "")
            if action.path == "/search" and (form.get("method") or "get").lower() == "get":
                form.set("action", _relative(SEARCH_FILE, here))
            else:  # filters, corrections, sign-in: they need the server
                form.getparent().remove(form)
        for tag, attribute in LINK_ATTRIBUTES:
            for element in html.iter(tag):
                value = element.get(attribute)
                if value is None or not value.startswith("/") or value.startswith("//"):
                    continue
                new = self._link(value, here)
                if new is None:
                    del element.attrib[attribute]
                else:
                    element.set(attribute, new)

    def _link(self, value: str, here: str) -> str | None:
        url = urlsplit(value)
        path, query, fragment = url.path, url.query, url.fragment
        if path.startswith(SKIPPED_PREFIXES):
            return None
        suffix = f"#{fragment}" if fragment else ""
        if path.rstrip("/") == "/search":  # the client-side search reads the query
            return _relative(SEARCH_FILE, here) + (f"?{query}" if query else "") + suffix
        if path.startswith("/documents/"):
            rest = unquote(path[len("/documents/") :])
            if "/" in rest or rest not in self.allowed:
                return None
        if query and not {k for k, _ in parse_qsl(query)} <= PAGE_QUERY_KEYS:
            query = ""
        self._enqueue(path, query)
        return _relative(file_for(path, query), here) + suffix

    # --- search ---------------------------------------------------------------------------

    def write_search(self) -> None:
        index = [self._entry(item) for doc in self.documents for item in walk(doc)]
        payload = json.dumps(index, ensure_ascii=False)
        (self.folder / "search-index.json").write_text(payload, encoding="utf-8")
        # A script, not JSON: browsers do not let a page fetch files from file://.
        script = f"window.MISSIVE_SEARCH_INDEX = {payload};\n"
        (self.folder / INDEX_SCRIPT).write_text(script, encoding="utf-8")
        (self.folder / "static").mkdir(exist_ok=True)
        searcher = Path(__file__).with_name(SEARCH_SCRIPT).read_text("utf-8")
        (self.folder / "static" / SEARCH_SCRIPT).write_text(searcher, encoding="utf-8")
        self._add_search_to_page()

    def _entry(self, doc: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": doc["id"],
            "url": file_for(f"/documents/{doc['id']}"),
            "title": title_of(doc),
            "date": doc.get("date"),
            "senders": [p["key"] for p in doc.get("senders") or []],
            "recipients": [p["key"] for p in doc.get("recipients") or []],
            "text": doc.get("text") or "",
        }

    def _add_search_to_page(self) -> None:
        path = self.folder / SEARCH_FILE
        if not path.exists():
            return
        html = lxml.html.document_fromstring(path.read_bytes())
        main = next(iter(html.iter("main")), None)
        if main is None:
            main = html.find("body")
        results = etree.SubElement(main, "section", id="site-search")
        results.set("aria-live", "polite")
        for src in (INDEX_SCRIPT, f"static/{SEARCH_SCRIPT}"):
            etree.SubElement(html.find("body"), "script", src=src)
        text = lxml.html.tostring(html, doctype="<!DOCTYPE html>", encoding="unicode")
        path.write_text(text, encoding="utf-8")


def _relative(target: str, here: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(here) or ".")
