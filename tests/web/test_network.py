"""The network page: correspondents and the people their documents name, one SVG figure."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from missive.model import Mention, Span
from missive.store import Store
from missive.web import create_app, network
from missive.web.network import MENTIONED_LIMIT
from web.conftest import TOKEN
from web.hostile import PAYLOADS, hostile_source, injected_markup


def _svg(html: str) -> str:
    found = re.search(r'<figure class="network">.*?</figure>', html, re.S)
    assert found, "no network figure on the page"
    return found.group(0)


def test_the_figure_holds_correspondents_mentioned_people_and_co_mentions(
    client: TestClient,
) -> None:
    picture = client.get("/api/network").json()["picture"]
    nodes = {n["key"]: n for n in picture["nodes"]}
    roles = {n["role"] for n in nodes.values()}
    assert roles == {"correspondent", "mentioned"}
    assert {"stalin", "roosevelt"} <= {k for k, n in nodes.items() if n["role"] == "correspondent"}
    mentioned = [n for n in nodes.values() if n["role"] == "mentioned"]
    assert 0 < len(mentioned) <= MENTIONED_LIMIT
    assert all(n["href"] == "/entities/" + quote(n["key"], safe="") for n in mentioned)
    co = [e for e in picture["edges"] if e["kind"] == "co-mention"]
    letters = [e for e in picture["edges"] if e["kind"] == "letters"]
    assert co and letters
    assert all(e["from"] in nodes and e["to"] in nodes and e["count"] >= 1 for e in co)
    stalin_to_roosevelt = next(
        e for e in letters if (e["from"], e["to"]) == ("stalin", "roosevelt")
    )
    roosevelt_to_stalin = next(
        e for e in letters if (e["from"], e["to"]) == ("roosevelt", "stalin")
    )
    assert stalin_to_roosevelt["path"] != roosevelt_to_stalin["path"]  # one curve per direction

    svg = _svg(client.get("/network").text)
    assert svg.count('class="node correspondent"') >= 2  # the legend adds one more
    assert 'class="node mentioned"' in svg and 'class="co tier-' in svg
    assert 'class="arrow"' in svg
    for node in nodes.values():
        assert f'href="{escape(node["href"])}"' in svg
    assert "named together in" in svg and "<title>" in svg
    assert 'href="/documents?sender=stalin&amp;recipient=roosevelt"' in svg


def test_the_layout_is_deterministic(client: TestClient) -> None:
    assert client.get("/api/network").json() == client.get("/api/network").json()


def test_nodes_stay_inside_the_picture(client: TestClient) -> None:
    picture = client.get("/api/network").json()["picture"]
    for node in picture["nodes"]:
        assert node["x"] - node["r"] >= 0 and node["x"] + node["r"] <= picture["width"]
        assert node["y"] - node["r"] >= 0 and node["y"] + node["r"] <= picture["height"]


def _hostile_with_people(payload: str):
    source = hostile_source(payload)
    first = source.documents[0]
    evidence = first.mentions[0].evidence
    first.mentions += [
        Mention("p" + payload, "person", "Mr " + payload, Span(20, 24), evidence),
        Mention("q" + payload, "person", payload, Span(25, 29), evidence),
    ]
    return source


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_names_are_escaped_in_the_figure(tmp_path: Path, payload: str) -> None:
    db = tmp_path / "hostile.db"
    with Store(db) as store:
        store.ingest(_hostile_with_people(payload))
    with TestClient(create_app(db, editor_token=TOKEN)) as client:
        picture = client.get("/api/network").json()["picture"]
        assert {n["role"] for n in picture["nodes"]} == {"correspondent", "mentioned"}
        assert any(e["kind"] == "co-mention" for e in picture["edges"])
        html = client.get("/network").text
        assert injected_markup(html) == []
        svg = _svg(html)
        for node in picture["nodes"]:
            assert f">{escape(node['name'])}</text>" in svg
        if set(payload) & set("<>\"'"):
            assert payload not in svg
        assert "/entities/" + quote("p" + payload, safe="") in svg


def test_the_page_works_without_mentions(tmp_path: Path) -> None:
    source = hostile_source("plain")
    source = dataclasses.replace(
        source, documents=[dataclasses.replace(d, mentions=[]) for d in source.documents]
    )
    db = tmp_path / "quiet.db"
    with Store(db) as store:
        store.ingest(source)
    with TestClient(create_app(db, editor_token=TOKEN)) as client:
        picture = client.get("/api/network").json()["picture"]
        assert picture["nodes"] and {n["role"] for n in picture["nodes"]} == {"correspondent"}
        assert [e["kind"] for e in picture["edges"]] == ["letters"]
        page = client.get("/network")
        assert page.status_code == 200
        svg = _svg(page.text)
        assert 'class="node mentioned"' not in svg and 'class="co ' not in svg


def test_an_empty_store_says_so(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    with TestClient(create_app(db, editor_token=TOKEN)) as client:
        assert client.get("/api/network").json()["picture"]["nodes"] == []
        page = client.get("/network")
        assert page.status_code == 200 and "No correspondents" in page.text


def _people(count: int) -> list[dict]:
    return [
        {"key": f"p{i:02d}", "name": f"Person {i}", "mentions": 100 - i, "documents": 1}
        for i in range(count)
    ]


def test_only_the_most_mentioned_people_are_drawn() -> None:
    people = _people(MENTIONED_LIMIT + 15)
    pairs = [{"a": "p00", "b": f"p{i:02d}", "documents": 1} for i in range(1, len(people))]
    picture = network.build({("a", "b"): 3, ("b", "a"): 1, ("a", "a"): 2}, people, pairs,
                            {"a": "A", "b": "B"}, {p["key"] for p in people})  # fmt: skip
    mentioned = [n["key"] for n in picture["nodes"] if n["role"] == "mentioned"]
    assert sorted(mentioned) == [f"p{i:02d}" for i in range(MENTIONED_LIMIT)]
    co = [e for e in picture["edges"] if e["kind"] == "co-mention"]
    assert {e["to"] for e in co} <= set(mentioned)
    letters = [(e["from"], e["to"]) for e in picture["edges"] if e["kind"] == "letters"]
    assert letters == [("a", "b"), ("b", "a")]  # the memo to oneself is left out
    hrefs = {n["key"]: n["href"] for n in picture["nodes"]}
    assert hrefs["a"] == "/documents?sender=a" and hrefs["p00"] == "/entities/p00"
