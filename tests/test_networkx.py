"""networkx graphs in and out: the whole model as a mutable graph, and back through the assembly step."""

from __future__ import annotations

import networkx as nx
import pytest

import insatslogik as il
from tests.conftest import EXAMPLES


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


def test_the_graph_of_a_plan_that_uses_others_holds_them_whole() -> None:
    model = il.load(EXAMPLES / "vgr_kraftsamling_digitalisering.yaml")
    graph = il.to_networkx(model)
    assert graph.number_of_nodes() == len(model)
    assert "vgr-rus:rus-vg" in graph


def test_from_networkx_of_qualified_ids_says_to_load_the_plan_files() -> None:
    model = il.load(EXAMPLES / "vgr_kraftsamling_digitalisering.yaml")
    with pytest.raises(il.ModelError) as raised:
        il.from_networkx(il.to_networkx(model))
    (problem,) = raised.value.problems
    first = next(i for i, node in enumerate(il.to_networkx(model)) if ":" in node)
    assert problem.message.startswith(
        f"nodes[{first}].id: the graph holds 8 nodes of other plans, their ids qualified by "
        "plan ('vgr-rus:"
    )
    assert "of the plan vgr-rus)" in problem.message
    assert problem.message.endswith(
        "load the plan files instead, with insatslogik.load (a plan and the plans it uses) or "
        "insatslogik.load_portfolio"
    )


def test_from_networkx_of_a_portfolio_of_one_plan_is_refused_the_same_way() -> None:
    portfolio = il.load_portfolio([EXAMPLES / "kronoberg" / "rus.yaml"])
    with pytest.raises(il.ModelError, match=r"of the plan kronoberg-rus\): it is the whole"):
        il.from_networkx(il.to_networkx(portfolio))


def test_a_plan_that_uses_none_round_trips_through_networkx() -> None:
    model = il.load(EXAMPLES / "kronoberg" / "rus.yaml")
    assert il.from_networkx(il.to_networkx(model)) == model
