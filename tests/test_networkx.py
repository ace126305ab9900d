"""networkx graphs in and out: the whole model as a mutable graph, and back through the assembly step."""

from __future__ import annotations

import networkx as nx
import pytest

import insatslogik as il


def test_to_networkx_is_a_mutable_copy_with_every_field(small_model: il.Model) -> None:
    graph = il.to_networkx(small_model)
    assert graph.graph == {
        "insatslogik": 1,
        "title": "Kraftsamling digitalisering",
        "language": "sv",
    }
    assert graph.nodes["smf-digital"]["comparisons"] == {"EU": {2020: 60.0}}
    assert "id" not in graph.nodes["smf-digital"]
    graph.add_node("extra", kind="actor", title="Ny")
    assert "extra" not in small_model


def test_from_networkx_round_trips(small_model: il.Model) -> None:
    assert il.from_networkx(il.to_networkx(small_model)) == small_model


def test_from_networkx_reports_bad_nodes_by_path() -> None:
    graph = nx.MultiDiGraph(title="T")
    graph.add_node("a", kind="activity")
    with pytest.raises(il.ModelError, match=r"nodes\[0\].title: activity 'a': title is required"):
        il.from_networkx(graph)


def test_from_networkx_reports_the_header_once_the_nodes_are_valid() -> None:
    graph = nx.MultiDiGraph(title="")
    graph.add_node("a", kind="activity", title="Gör")
    graph.add_edge("a", "b", key="contributes_to")
    graph.add_node("b", kind="goal")
    with pytest.raises(il.ModelError) as error:
        il.from_networkx(graph)
    assert [p.message for p in error.value.problems] == [
        "nodes[1].title: goal 'b': title is required"
    ]
    graph.nodes["b"]["title"] = "Mål"
    with pytest.raises(il.ModelError) as error:
        il.from_networkx(graph)
    assert [p.message for p in error.value.problems] == ["title: title must not be empty"]
