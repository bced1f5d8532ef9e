from __future__ import annotations

from pathlib import Path

import networkx as nx

from missive.export.network import mentions_graph, mentions_path, write_gexf, write_graphml
from missive.store import Store


def test_gexf_opens_in_networkx(samples_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "letters.gexf"
    write_gexf(samples_store, path)
    graph = nx.read_gexf(path)
    assert graph.is_directed()
    assert {"stalin", "roosevelt", "harriman"} <= set(graph.nodes)
    letters = sum(
        1 for d in samples_store.documents() for s in d["senders"] if s["key"] == "stalin"
        for r in d["recipients"] if r["key"] == "roosevelt"
    )  # fmt: skip
    assert graph["stalin"]["roosevelt"]["weight"] >= letters > 0
    assert graph["stalin"]["roosevelt"]["first_date"] <= graph["stalin"]["roosevelt"]["last_date"]
    assert nx.read_gexf(mentions_path(path)).is_directed()


def test_graphml_holds_both_graphs(samples_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "letters.graphml"
    write_graphml(samples_store, path)
    graph = nx.read_graphml(path)
    assert graph.has_edge("correspondence:harriman", "correspondence:roosevelt")
    assert graph.nodes["correspondence:stalin"]["label"] == "Joseph Stalin"
    assert path.read_text("utf-8").count("<graph ") == 2


def test_mentions_graph_links_senders_to_entities() -> None:
    doc = {
        "id": "a", "date": "1943-01-01", "enclosures": [],
        "senders": [{"key": "stalin", "name": "Joseph Stalin"}],
        "entities": [{"key": "overlord", "type": "operation", "count": 3},
                     {"key": "stalin", "type": "person", "count": 1}],
    }  # fmt: skip
    graph = mentions_graph([doc])
    assert list(graph.edges) == [("stalin", "overlord")]
    assert graph.edges["stalin", "overlord"].weight == 3
    assert graph.nodes["overlord"]["kind"] == "operation"
