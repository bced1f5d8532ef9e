"""Network exports for Gephi, networkx and friends: GEXF and GraphML.

The correspondence graph: correspondents as nodes, one directed edge per
sender -> recipient pair, weighted by the number of letters, with their dates and
ids.  The mentions graph: who writes about what -- each sender linked to the entities
their letters mention (from the documents' `entities`), weighted by mentions.
GraphML holds both graphs in one file; GEXF holds one graph per file, so the
mentions graph goes beside it (``letters.gexf`` -> ``letters-mentions.gexf``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from missive import __version__
from missive.errors import UsageError
from missive.export.authority_refs import authority_uri
from missive.export.selection import EVERYTHING, Selection
from missive.export.tei_header import walk
from missive.export.xmlbuild import clean, path_of, write_xml
from missive.store import Store

GEXF_NS = "http://www.gexf.net/1.2draft"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
JOIN = ";"
NODE_ATTRIBUTES = (
    ("kind", "string"),
    ("authority", "string"),
    ("sent", "integer"),
    ("received", "integer"),
    ("mentions", "integer"),
)
EDGE_ATTRIBUTES = (
    ("first_date", "string"),
    ("last_date", "string"),
    ("dates", "string"),
    ("documents", "string"),
)


@dataclass(slots=True)
class Edge:
    weight: float = 0
    dates: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Graph:
    name: str
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> label + attributes
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)

    def node(self, key: str, label: str, kind: str, record: dict[str, Any] | None = None):
        attributes = self.nodes.setdefault(
            key,
            {
                "label": label or key,
                "kind": kind,
                "authority": authority_uri(key, record),
                "sent": 0,
                "received": 0,
                "mentions": 0,
            },
        )
        return attributes

    def edge(self, source: str, target: str, weight: float, doc: dict[str, Any]) -> None:
        edge = self.edges.setdefault((source, target), Edge())
        edge.weight += weight
        if doc.get("date"):
            edge.dates.append(doc["date"])
        edge.documents.append(doc["id"])


def correspondence_graph(documents: Iterable[dict[str, Any]]) -> Graph:
    graph = Graph("correspondence")
    for top in documents:
        for doc in walk(top):
            for sender in doc.get("senders") or []:
                graph.node(sender["key"], sender.get("name"), "person", sender)["sent"] += 1
            for recipient in doc.get("recipients") or []:
                node = graph.node(recipient["key"], recipient.get("name"), "person", recipient)
                node["received"] += 1
            for sender in doc.get("senders") or []:
                for recipient in doc.get("recipients") or []:
                    graph.edge(sender["key"], recipient["key"], 1, doc)
    return graph


def mentions_graph(documents: Iterable[dict[str, Any]]) -> Graph:
    graph = Graph("mentions")
    for top in documents:
        for doc in walk(top):
            entities = [e for e in doc.get("entities") or [] if e.get("key")]
            for sender in doc.get("senders") or []:
                for entity in entities:
                    if entity["key"] == sender["key"]:
                        continue
                    graph.node(sender["key"], sender.get("name"), "person", sender)
                    count = entity.get("count") or 1
                    label = entity.get("name") or entity["key"]
                    node = graph.node(entity["key"], label, entity.get("type") or "entity", entity)
                    node["mentions"] += count
                    graph.edge(sender["key"], entity["key"], count, doc)
    return graph


def write_gexf(
    store: Store, out: str | Path, source: str | None = None, selection: Selection | None = None
) -> int:
    """Write the correspondence graph to `out`, the mentions graph beside it."""
    path, documents = _prepare(store, out, source, selection)
    write_xml(gexf(correspondence_graph(documents)), path)
    write_xml(gexf(mentions_graph(documents)), mentions_path(path))
    return len(documents)


def write_graphml(
    store: Store, out: str | Path, source: str | None = None, selection: Selection | None = None
) -> int:
    """Write both graphs into one GraphML file (the correspondence graph first)."""
    path, documents = _prepare(store, out, source, selection)
    write_xml(graphml([correspondence_graph(documents), mentions_graph(documents)]), path)
    return len(documents)


def mentions_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-mentions{path.suffix}")


def _prepare(
    store: Store, out: str | Path, source: str | None, selection: Selection | None
) -> tuple[Path, list[dict[str, Any]]]:
    path = path_of(out, "a file (network formats)")
    if path.is_dir():
        raise UsageError(f"--out {out}: network exports write a file, give a file path")
    selection = selection or (Selection(source=source) if source else EVERYTHING)
    return path, list(selection.documents(store))


def gexf(graph: Graph) -> etree._Element:
    root = etree.Element(f"{{{GEXF_NS}}}gexf", nsmap={None: GEXF_NS}, version="1.2")
    meta = _child(root, GEXF_NS, "meta")
    _child(meta, GEXF_NS, "creator").text = f"missive {__version__}"
    _child(meta, GEXF_NS, "description").text = f"{graph.name} network"
    element = _child(root, GEXF_NS, "graph", defaultedgetype="directed", mode="static")
    for cls, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        declared = _child(element, GEXF_NS, "attributes", **{"class": cls})
        for name, kind in attributes:
            _child(declared, GEXF_NS, "attribute", id=name, title=name, type=kind)
    nodes = _child(element, GEXF_NS, "nodes")
    for key, attributes in graph.nodes.items():
        node = _child(nodes, GEXF_NS, "node", id=key, label=attributes["label"])
        _gexf_values(node, attributes, NODE_ATTRIBUTES)
    edges = _child(element, GEXF_NS, "edges")
    for number, ((source, target), edge) in enumerate(graph.edges.items()):
        item = _child(
            edges,
            GEXF_NS,
            "edge",
            id=str(number),
            source=source,
            target=target,
            weight=_number(edge.weight),
        )
        _gexf_values(item, _edge_values(edge), EDGE_ATTRIBUTES)
    return root


def _gexf_values(
    element: etree._Element, values: dict[str, Any], declared: tuple[tuple[str, str], ...]
) -> None:
    container = _child(element, GEXF_NS, "attvalues")
    for name, _ in declared:
        if values.get(name) not in (None, ""):
            _child(container, GEXF_NS, "attvalue", **{"for": name, "value": str(values[name])})


def graphml(graphs: list[Graph]) -> etree._Element:
    root = etree.Element(f"{{{GRAPHML_NS}}}graphml", nsmap={None: GRAPHML_NS})
    keys = [
        ("node", "label", "string"),
        *(("node", n, t) for n, t in NODE_ATTRIBUTES),
        ("edge", "weight", "double"),
        *(("edge", n, t) for n, t in EDGE_ATTRIBUTES),
    ]
    for owner, name, kind in keys:
        kind = "int" if kind == "integer" else kind
        _child(
            root,
            GRAPHML_NS,
            "key",
            id=f"{owner}_{name}",
            **{"for": owner, "attr.name": name, "attr.type": kind},
        )
    for graph in graphs:
        element = _child(root, GRAPHML_NS, "graph", id=graph.name, edgedefault="directed")
        for key, attributes in graph.nodes.items():
            node = _child(element, GRAPHML_NS, "node", id=f"{graph.name}:{key}")
            _graphml_values(node, "node", attributes)
        for (source, target), edge in graph.edges.items():
            item = _child(
                element,
                GRAPHML_NS,
                "edge",
                source=f"{graph.name}:{source}",
                target=f"{graph.name}:{target}",
            )
            _graphml_values(item, "edge", {"weight": _number(edge.weight), **_edge_values(edge)})
    return root


def _graphml_values(element: etree._Element, owner: str, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if value not in (None, ""):
            data = _child(element, GRAPHML_NS, "data", key=f"{owner}_{name}")
            data.text = clean(value)


def _edge_values(edge: Edge) -> dict[str, Any]:
    dates = sorted(edge.dates)
    return {
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "dates": JOIN.join(dates),
        "documents": JOIN.join(edge.documents),
    }


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _child(parent: etree._Element, ns: str, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{ns}}}{tag}", {k: clean(v) for k, v in attributes.items()})
