"""The analyses agree with brute force: plain networkx searches per pair on random models."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

import insatslogik as il

CHAIN = [
    il.Resource,
    il.Activity,
    il.Output,
    il.Outcome,
    il.ShortTermEffect,
    il.LongTermEffect,
    il.Goal,
]


@st.composite
def chain_models(draw: st.DrawFn) -> il.Model:
    """Random results chains: any chain kinds, any contributes_to links (backward and cycles too)."""
    count = draw(st.integers(min_value=1, max_value=14))
    kinds = [draw(st.sampled_from(CHAIN)) for _ in range(count)]
    ids = [f"n{i}" for i in range(count)]
    links = {
        node_id: draw(
            st.lists(st.sampled_from(ids), max_size=3, unique=True).map(
                lambda t, me=node_id: [x for x in t if x != me]
            )
        )
        for node_id in ids
    }
    nodes = [
        kind(id=node_id, title=node_id, contributes_to=links[node_id])
        for kind, node_id in zip(kinds, ids, strict=True)
    ]
    return il.Model(nodes, title="Slump")


def _chain_graph(model: il.Model) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(node.id for node in model)
    graph.add_edges_from(
        (u, v) for u, v, key in model.graph.edges(keys=True) if key == "contributes_to"
    )
    return graph


def _ids(model: il.Model, kind: str) -> list[str]:
    return [node.id for node in model.nodes(kind)]


@settings(max_examples=200, deadline=None)
@given(chain_models())
def test_orphan_activities_match_a_search_per_pair(model: il.Model) -> None:
    graph = _chain_graph(model)
    goals = _ids(model, "goal")
    expected = [
        a for a in _ids(model, "activity") if not any(nx.has_path(graph, a, g) for g in goals)
    ]
    assert [node.id for node in il.orphan_activities(model)] == expected


@settings(max_examples=200, deadline=None)
@given(chain_models())
def test_goal_coverage_matches_a_search_per_pair(model: il.Model) -> None:
    graph = _chain_graph(model)
    activities = _ids(model, "activity")
    for goal in il.goal_coverage(model).goals:
        expected = tuple(a for a in activities if nx.has_path(graph, a, goal.goal))
        assert goal.activities == expected


@st.composite
def models_with_projects(draw: st.DrawFn) -> il.Model:
    """Random chains whose activities are part of a random structure, in a random order.

    A strategy, substrategies and projects, each part of an earlier one or of nothing (so a
    project may sit above a substrategy), made in an order unrelated to their ids; each activity
    is part of one of them or of nothing.
    """
    chain = draw(chain_models())
    structure: list[il.Node] = [il.Strategy(id="s", title="s")]
    for i in draw(st.permutations(range(6))):
        inside = draw(st.sampled_from([None, *(node.id for node in structure)]))
        kind = il.Substrategy if i < 2 else il.Project
        structure.append(kind(id=f"{'u' if i < 2 else 'p'}{i}", title=str(i), part_of=inside))
    parents = [None, *(node.id for node in structure)]
    nodes = [
        node.model_copy(update={"part_of": draw(st.sampled_from(parents))})
        if node.kind == "activity"
        else node
        for node in chain
    ]
    return il.Model(draw(st.permutations([*structure, *nodes])), title=chain.title)


@settings(max_examples=200, deadline=None)
@given(models_with_projects())
def test_goal_coverage_in_a_structure_matches_a_search_per_pair(model: il.Model) -> None:
    graph = _chain_graph(model)
    under = {
        p: [a for a in _ids(model, "activity") if p in {n.id for n in model.ancestors(a)}]
        for p in _ids(model, "project")
    }
    for goal in il.goal_coverage(model).goals:
        expected = tuple(
            p
            for p, activities in under.items()
            if any(nx.has_path(graph, a, goal.goal) for a in activities)
        )
        assert goal.projects == expected
        reaching = tuple(a for a in _ids(model, "activity") if nx.has_path(graph, a, goal.goal))
        assert goal.activities == reaching


@settings(max_examples=200, deadline=None)
@given(chain_models())
def test_cycle_findings_match_simple_cycles(model: il.Model) -> None:
    graph = _chain_graph(model)
    on_cycles = {n for cycle in nx.simple_cycles(graph) for n in cycle}
    groups = []
    for node in sorted(on_cycles):
        if not any(node in group for group in groups):
            groups.append(
                {
                    m
                    for m in on_cycles
                    if nx.has_path(graph, node, m) and nx.has_path(graph, m, node)
                }
            )
    findings = list(il.check(model, select=["cycle"]))
    assert len(findings) == len(groups)
    for finding in findings:
        assert any(set(finding.nodes) <= group for group in groups)
        # The nodes shown form a real cycle, in order.
        for u, v in itertools.pairwise([*finding.nodes, finding.nodes[0]]):
            assert graph.has_edge(u, v)


@settings(max_examples=100, deadline=None)
@given(chain_models())
def test_uncovered_goals_match_a_search_per_pair(model: il.Model) -> None:
    graph = _chain_graph(model)
    activities = _ids(model, "activity")
    expected = [
        (g,) for g in _ids(model, "goal") if not any(nx.has_path(graph, a, g) for a in activities)
    ]
    assert [f.nodes for f in il.check(model, select=["uncovered-goal"])] == expected


def test_check_of_a_20000_node_model_finishes() -> None:
    nodes: list[il.Node] = [il.Strategy(id="rus", title="RUS")]
    goals = [f"g{i}" for i in range(200)]
    nodes += [il.Goal(id=g, title=g, part_of="rus") for g in goals]
    for i in range(6600):
        nodes.append(il.ShortTermEffect(id=f"e{i}", title="E", contributes_to=[goals[i % 200]]))
        nodes.append(
            il.Output(id=f"o{i}", title="O", contributes_to=[f"e{i}", f"e{(i * 7 + 1) % 6600}"])
        )
        nodes.append(il.Activity(id=f"a{i}", title="A", part_of="rus", contributes_to=[f"o{i}"]))
    model = il.Model(nodes, title="Stor")
    assert len(model) > 20_000
    report = il.check(model)
    assert report.codes() == ["unmeasured-goal", "no-actor"]
    coverage = il.goal_coverage(model)
    assert all(goal.status == "partial" for goal in coverage.goals)
