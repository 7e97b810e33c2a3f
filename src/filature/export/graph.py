"""GraphML and GEXF exports for Gephi (and anything networkx reads), built with networkx.

One node per entity (every entity, isolated ones included), one edge per relation, in a
directed multigraph. Symmetric types carry ``symmetric=true``; co-occurrence edges
(``mentioned_with``) carry ``stated=false`` so that they can be filtered out in Gephi.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

from filature.export.files import write_file
from filature.export.tabular import entity_json
from filature.query.records import read_entities, read_relations
from filature.text import safe_text

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


_NOT_NODE = ("id", "name")
"""What the entities' JSON holds that a node keeps elsewhere (its id, its label)."""


def _one_line(text: str) -> str:
    return safe_text(text, keep_newlines=False)


def build_graph(conn: sqlite3.Connection) -> Any:
    """A networkx MultiDiGraph of every entity and relation, attributes ready for Gephi."""
    graph = nx.MultiDiGraph(name="filature")
    for e in read_entities(conn):
        node = {key: value for key, value in entity_json(e).items() if key not in _NOT_NODE}
        node.update(label=_one_line(e.name), aliases=_one_line(" | ".join(e.aliases)))
        graph.add_node(str(e.id), **node)
    for r in read_relations(conn):
        attrs: dict[str, Any] = {
            "label": r.label,
            "relation": r.type,
            "stated": r.stated,
            "symmetric": r.symmetric,
            "weight": float(r.weight),
            "evidence_count": len(r.evidence),
            "confidence": r.confidence,
            "rule": _one_line(r.rule),
        }
        for key in ("role", "date", "currency", "period"):
            value = getattr(r, key)
            if value is not None:
                attrs[key] = _one_line(value)
        if r.amount is not None:
            attrs["amount"] = r.amount
        if r.agreement is not None:
            attrs["agreement"] = _one_line(r.agreement.name)
        graph.add_edge(str(r.source.id), str(r.target.id), key=str(r.id), **attrs)
    return graph


def write_graphml(conn: sqlite3.Connection, out: Path) -> Path:
    """Write the graph as GraphML to ``out`` atomically."""
    graph = build_graph(conn)

    def write(handle: TextIO) -> None:
        handle.write(XML_DECLARATION)
        for line in nx.generate_graphml(graph, encoding="utf-8", prettyprint=True):
            handle.write(line + "\n")

    return write_file(out, write)


def write_gexf(conn: sqlite3.Connection, out: Path) -> Path:
    """Write the graph as GEXF 1.2 to ``out`` atomically."""
    graph = build_graph(conn)
    for _, _, key, data in graph.edges(keys=True, data=True):
        data["id"] = key  # GEXF edge ids are the relation ids, as in GraphML

    def write(handle: TextIO) -> None:
        handle.write(XML_DECLARATION)
        for line in nx.generate_gexf(graph, encoding="utf-8", prettyprint=True):
            handle.write(line + "\n")

    return write_file(out, write)
