"""Every page and its JSON twin over the ingested samples."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from web.conftest import DOC

NOTE_SOURCE = "mia-stalin-roosevelt-1943.txt"
WITNESSED = "wilson-harriman-to-roosevelt-1944-06-28-d0001"

PAGES = [
    "/",
    "/documents",
    "/documents?sender=stalin&sort=-date&per_page=50",
    f"/documents/{DOC}",
    "/search?q=%22second+front%22",
    "/search?q=front&sender=stalin",
    "/search",
    f"/threads/{DOC}",
    f"/compare/{WITNESSED}",
    "/entities",
    f"/notes/{NOTE_SOURCE}/24",
    "/network",
    "/missing",
    "/corrections",
    "/help",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_and_its_json_twin(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200, page.text[:500]
    assert page.headers["content-type"].startswith("text/html")
    assert "<main" in page.text
    twin = client.get("/api" + path)
    assert twin.status_code == 200, twin.text[:500]
    assert twin.headers["content-type"] == "application/json"
    assert isinstance(twin.json(), dict)


def test_home_shows_sources_counts_timeline_and_correspondents(client: TestClient) -> None:
    data = client.get("/api/").json()
    assert data["stats"]["documents"] >= 80
    assert {s["name"] for s in data["sources"]} >= {NOTE_SOURCE}
    assert data["date_span"]["first"] <= "1943-01-31"
    assert sum(m["total"] for m in data["timeline"]["months"]) > 0
    assert data["correspondents"][0]["key"] in {"stalin", "roosevelt"}
    html = client.get("/").text
    assert "<svg" in html and "Documents by month" in html
    assert "Joseph Stalin" in html


def test_documents_filters_sort_and_paginate(client: TestClient) -> None:
    everything = client.get("/api/documents?per_page=100").json()
    from_stalin = client.get("/api/documents?sender=stalin&per_page=100").json()
    assert 0 < from_stalin["total"] < everything["total"]
    assert all("stalin" in [p["key"] for p in d["senders"]] for d in from_stalin["documents"])
    spring = client.get("/api/documents?date_from=1943-03-01&date_to=1943-04-30&sort=date").json()
    dates = [d["date"] for d in spring["documents"]]
    assert dates == sorted(dates) and all("1943-03-01" <= d <= "1943-04-30" for d in dates)
    newest = client.get("/api/documents?sort=-date&per_page=1").json()["documents"][0]
    assert newest["date"] == max(d["date"] for d in everything["documents"] if d["date"])
    second = client.get("/api/documents?page=2&per_page=20").json()
    assert second["documents"][0]["id"] == everything["documents"][20]["id"]
    html = client.get("/documents?per_page=20").text
    assert 'href="/documents?page=2"' in html  # a shareable link to the next page


def test_bad_list_arguments_are_400_not_500(client: TestClient) -> None:
    for query in ("date_from=yesterday", "page=0", "per_page=100000", "sort=evil"):
        assert client.get(f"/documents?{query}").status_code == 400
        response = client.get(f"/api/documents?{query}")
        assert response.status_code == 400
        assert response.json()["error"]["status"] == 400


def test_document_page_has_header_evidence_notes_links_and_provenance(client: TestClient) -> None:
    html = client.get(f"/documents/{DOC}").text
    assert "No. 74" in html
    assert "Winston Churchill" in html and "Joseph Stalin" in html
    assert 'class="evidence"' in html and "printed number line" in html
    assert "low confidence" in html  # the senders were read at 0.6
    assert re.search(r'<sup class="marker"><a [^>]*href="#note-24"', html)
    assert 'id="note-24"' in html and "Combined Anglo-American Staffs" in html
    assert "Replies to" in html and "Your message of January 30th" in html
    assert "mia-stalin-roosevelt-1943.txt" in html and "lines 134" in html
    assert f"/api/documents/{DOC}?download=true" in html
    assert 'rel="prev"' in html and 'rel="next"' in html


def test_note_marker_stands_after_its_word(client: TestClient) -> None:
    html = client.get(f"/documents/{DOC}").text
    assert 'Combined Chiefs of Staff<sup class="marker">' in html


def test_document_json_twin_is_the_export_object(client: TestClient) -> None:
    doc = client.get(f"/api/documents/{DOC}").json()
    assert doc["id"] == DOC and doc["number"] == 74
    for key in ("senders", "recipients", "dates", "notes", "links", "entities", "enclosures"):
        assert key in doc
    assert doc["reader"]["neighbours"]["next"]["number"] == 75
    assert any(g["label"] == "Replies to" for g in doc["reader"]["links"])
    download = client.get(f"/api/documents/{DOC}?download=true")
    assert download.headers["content-disposition"] == f'attachment; filename="{DOC}.json"'
    assert download.json()["id"] == DOC
    tei = client.get(f"/api/documents/{DOC}/tei")
    assert tei.status_code == 200 and tei.headers["content-type"] == "application/tei+xml"
    assert b'<TEI xmlns="http://www.tei-c.org/ns/1.0"' in tei.content


def test_unknown_things_are_404_in_both_forms(client: TestClient) -> None:
    for path in ("/documents/nope", "/threads/nope", "/compare/nope", "/entities/nope",
                 f"/notes/{NOTE_SOURCE}/9999", "/no/such/page"):  # fmt: skip
        assert client.get(path).status_code == 404
        api = client.get("/api" + path)
        assert api.status_code == 404
        assert api.json()["error"]["status"] == 404


def test_search_ranks_marks_and_counts_facets(client: TestClient) -> None:
    data = client.get("/api/search?q=%22second+front%22").json()
    assert data["total"] >= 3
    assert all("<mark>" in h["snippet_html"] for h in data["hits"])
    assert "sender" in data["facets"]
    assert sum(f["count"] for f in data["facets"]["year"]) == data["total"]
    narrowed = client.get("/api/search?q=%22second+front%22&recipient=churchill").json()
    assert 0 < narrowed["total"] < data["total"]
    html = client.get("/search?q=%22second+front%22").text
    assert "<mark>" in html and "recipient=churchill" in html


def test_estimated_facet_counts_are_marked_as_such(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from missive.search import facets

    exact = client.get("/api/search?q=the").json()
    assert exact["facets_exact"] is True and "≈" not in client.get("/search?q=the").text
    monkeypatch.setattr(facets, "SAMPLE_TARGET", 10)
    monkeypatch.setattr(facets, "EXACT_LIMIT", 15)
    sampled = client.get("/api/search?q=the").json()
    assert sampled["total"] > 15 and sampled["facets_exact"] is False
    html = client.get("/search?q=the").text
    assert "estimated from a sample" in html and "≈" in html


def test_malformed_query_gets_help_not_a_server_error(client: TestClient) -> None:
    for query in ('"unbalanced', "OR", "((", "from:", "date:1943-13"):
        page = client.get("/search", params={"q": query})
        assert page.status_code == 400, query
        assert "could not be read" in page.text
        assert client.get("/api/search", params={"q": query}).status_code == 400


def test_thread_is_a_chain_with_response_times(client: TestClient) -> None:
    data = client.get(f"/api/threads/{DOC}").json()
    ids = [item["id"] for item in data["items"]]
    assert DOC in ids and len(ids) > 1
    dates = [i["date"] for i in data["items"] if i["date"]]
    assert dates == sorted(dates)
    assert any(i["days_since_previous"] for i in data["items"][1:])


def test_compare_marks_variants_between_witnesses(client: TestClient) -> None:
    data = client.get(f"/api/compare/{WITNESSED}").json()
    assert len(data["witnesses"]) >= 2
    assert data["pairs"][0]["collation"]["variants"] > 0
    assert 'class="v-changed"' in client.get(f"/compare/{WITNESSED}").text


def test_note_permalink_lists_its_documents(client: TestClient) -> None:
    data = client.get(f"/api/notes/{NOTE_SOURCE}/24").json()
    assert "Combined" in data["note"]["text"]
    assert DOC in [d["id"] for d in data["documents"]]


def test_entities_index_and_page(client: TestClient) -> None:
    index = client.get("/api/entities").json()
    if not index["entities"]:
        pytest.skip("no entities recognised in this build")
    key = index["entities"][0]["key"]
    page = client.get(f"/api/entities/{key}").json()
    assert page["documents"]
    for mention in page["mentions"]:
        assert mention["text"] and mention["document"]
    assert client.get(f"/entities/{key}").status_code == 200


def test_openapi_schema_documents_the_twins(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/documents", "/api/documents/{doc_id}", "/api/search"} <= paths
    assert not any(p.startswith("/documents") for p in paths)  # HTML pages stay out
    assert client.get("/docs").status_code == 404  # no CDN-loaded docs page


def test_static_files_are_served_and_cannot_escape(client: TestClient) -> None:
    css = client.get("/static/missive.css")
    assert css.status_code == 200 and "font-family" in css.text
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                 "/static/%2e%2e%2f%2e%2e%2fpyproject.toml"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 404, path
        assert "create_app" not in response.text
