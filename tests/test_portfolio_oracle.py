"""A plan split into several files and loaded as a portfolio answers as the plan in one file did.

Hypothesis draws a plan (a random results chain with structure, actors and indicators), spreads
its nodes over several plan files at random (a link to another file's node written `ALIAS:id`,
with `uses`), loads the files with `il.load_portfolio`, and checks that `check`, goal coverage,
indicator status and the portfolio coverage give the same answers as on the single model, ids
aside (`PLAN:id` read as `id`).
"""

from __future__ import annotations

import json
import random
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
from hypothesis import HealthCheck, given, settings
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
MEASURED = {"goal", "output", "outcome", "short_term_effect", "long_term_effect"}
LINK_FIELDS = ("contributes_to", "part_of", "measured_by", "performed_by", "components")


@st.composite
def plans(draw: st.DrawFn) -> il.Model:
    """A random plan: chain nodes with any links, a strategy, projects, an actor, indicators."""
    count = draw(st.integers(min_value=1, max_value=12))
    ids = [f"n{i}" for i in range(count)]
    indicators = [
        il.Indicator(
            id=f"i{i}",
            title=f"i{i}",
            source=draw(st.sampled_from([None, "SCB"])),
            baseline=draw(st.sampled_from([None, il.Observation(year=2020, value=10)])),
            target=draw(st.sampled_from([None, il.Target(year=2030, value=20)])),
            values=draw(st.sampled_from([{}, {2020: 10}, {2020: 10, 2022: 14}])),
        )
        for i in range(draw(st.integers(min_value=0, max_value=3)))
    ]
    indicator_ids = [indicator.id for indicator in indicators]
    structure: list[il.Node] = [il.Strategy(id="s", title="s")]
    structure += [
        il.Project(
            id=f"p{i}",
            title=f"p{i}",
            part_of=draw(st.sampled_from([None, "s"])),
            performed_by=draw(st.sampled_from([[], ["actor"]])),
        )
        for i in range(draw(st.integers(min_value=0, max_value=2)))
    ]
    parents = [None, *(node.id for node in structure)]
    nodes: list[il.Node] = [*structure, il.Actor(id="actor", title="actor"), *indicators]
    for node_id in ids:
        kind = draw(st.sampled_from(CHAIN))
        fields: dict[str, Any] = {
            "contributes_to": [
                target
                for target in draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
                if target != node_id
            ]
        }
        if kind in {il.Activity, il.Goal}:
            fields["part_of"] = draw(st.sampled_from(parents))
        if kind is il.Activity:
            fields["performed_by"] = draw(st.sampled_from([[], ["actor"]]))
        if kind(id=node_id, title=node_id).kind in MEASURED and indicator_ids:
            fields["measured_by"] = draw(
                st.lists(st.sampled_from(indicator_ids), max_size=2, unique=True)
            )
        nodes.append(kind(id=node_id, title=node_id, **fields))
    return il.Model(draw(st.permutations(nodes)), title="Slump")


def _split(model: il.Model, plan_count: int, seed: int) -> dict[str, int]:
    """A plan number for every node, such that a link never names a node of a later plan.

    The files use each other without cycles (a cycle of `uses` is an error), so the nodes on a
    cycle of links stay together and every link goes to the same or an earlier plan.
    """
    draw = random.Random(seed)
    graph = nx.DiGraph()
    graph.add_nodes_from(node.id for node in model)
    graph.add_edges_from((u, v) for u, v in model.graph.edges())
    condensed = nx.condensation(graph)
    plan_of_group: dict[int, int] = {}
    for group in reversed(list(nx.topological_sort(condensed))):
        below = [plan_of_group[g] for g in condensed.successors(group)]
        plan_of_group[group] = max([draw.randrange(plan_count), *below])
    mapping = condensed.graph["mapping"]
    return {node.id: plan_of_group[mapping[node.id]] for node in model}


def _write(model: il.Model, plan_of: dict[str, int], folder: Path) -> list[Path]:
    """The plan files: each node in its plan's file, links to other files as `ALIAS:id`."""
    files: dict[int, list[dict[str, Any]]] = {plan: [] for plan in set(plan_of.values())}
    uses: dict[int, set[int]] = {plan: set() for plan in files}
    for node in model:
        plan = plan_of[node.id]
        data = node.model_dump(mode="json", exclude_defaults=True)
        data["kind"] = node.kind
        for name in LINK_FIELDS:
            if name not in data:
                continue
            value = data[name]
            targets = [value] if isinstance(value, str) else value
            renamed = []
            for target in targets:
                other = plan_of[target]
                if other != plan:
                    uses[plan].add(other)
                    renamed.append(f"plan{other}:{target}")
                else:
                    renamed.append(target)
            data[name] = renamed[0] if isinstance(value, str) else renamed
        files[plan].append(data)
    paths = []
    for plan, nodes in sorted(files.items()):
        document = {
            "insatslogik": 1,
            "id": f"plan{plan}",
            "title": f"Plan {plan}",
            "uses": {f"plan{other}": f"plan{other}.json" for other in sorted(uses[plan])},
            "nodes": nodes,
        }
        path = folder / f"plan{plan}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def _plain(node_id: str) -> str:
    return node_id.partition(":")[2] or node_id


def _findings(model: il.Model) -> Counter[tuple[str, tuple[str, ...]]]:
    return Counter(
        (finding.code, tuple(sorted(map(_plain, finding.nodes)))) for finding in il.check(model)
    )


def _coverage(model: il.Model) -> dict[str, tuple[Any, ...]]:
    coverage = il.goal_coverage(model)
    return {
        _plain(goal.goal): (
            sorted(map(_plain, goal.activities)),
            sorted(map(_plain, goal.projects)),
            sorted(map(_plain, goal.indicators)),
            goal.status,
        )
        for goal in coverage.goals
    }


def _statuses(model: il.Model) -> dict[str, tuple[Any, ...]]:
    return {
        _plain(status.indicator): (status.status, status.latest_value, status.progress)
        for status in il.indicator_status(model, year=2023)
    }


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plans(),
    st.integers(min_value=2, max_value=4),
    st.integers(min_value=0, max_value=2**16),
)
def test_a_plan_split_into_files_answers_as_the_plan_in_one_file(
    model: il.Model, plan_count: int, seed: int
) -> None:
    plan_of = _split(model, plan_count, seed)
    with tempfile.TemporaryDirectory() as folder:
        paths = _write(model, plan_of, Path(folder))
        portfolio = il.load_portfolio(paths)
    assert set(portfolio.plans) == {f"plan{plan}" for plan in plan_of.values()}
    assert sorted(map(_plain, (node.id for node in portfolio))) == sorted(node.id for node in model)
    assert _findings(portfolio) == _findings(model)
    assert _coverage(portfolio) == _coverage(model)
    assert il.goal_coverage(portfolio).ratio == il.goal_coverage(model).ratio
    assert _statuses(portfolio) == _statuses(model)
    # Across plans, every goal is reached by the same activities as in the one file.
    single = _coverage(model)
    for goal in il.portfolio_coverage(portfolio).goals:
        reaching = [a for activities in goal.activities.values() for a in activities]
        assert sorted(map(_plain, reaching)) == single[_plain(goal.goal)][0]
        assert set(goal.plans) == {f"plan{plan_of[_plain(a)]}" for a in reaching}


def _brute_force(portfolio: il.Model) -> tuple[nx.DiGraph, dict[str, set[str]]]:
    """The chain graph, and for every node the plans whose activities reach it (one search each)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(node.id for node in portfolio)
    graph.add_edges_from(
        (u, v) for u, v, key in portfolio.graph.edges(keys=True) if key == "contributes_to"
    )
    activities = [node.id for node in portfolio.nodes("activity")]
    reaching = {
        node: {portfolio.plan_of(a) for a in activities if a == node or nx.has_path(graph, a, node)}
        for node in graph
    }
    return graph, reaching


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plans(),
    st.integers(min_value=2, max_value=4),
    st.integers(min_value=0, max_value=2**16),
)
def test_shared_chains_and_contributions_match_a_search_per_node(
    model: il.Model, plan_count: int, seed: int
) -> None:
    plan_of = _split(model, plan_count, seed)
    with tempfile.TemporaryDirectory() as folder:
        portfolio = il.load_portfolio(_write(model, plan_of, Path(folder)))
    graph, reaching = _brute_force(portfolio)
    cycle_of = {n: frozenset(c) for c in nx.strongly_connected_components(graph) for n in c}
    meeting = {
        node
        for node, plans in reaching.items()
        if len(plans) >= 2
        and not any(
            reaching[c] == plans for c in graph.predecessors(node) if c not in cycle_of[node]
        )
    }
    chains = il.shared_chains(portfolio)
    assert {chain.node for chain in chains.chains} == meeting
    for chain in chains.chains:
        assert set(chain.plans) == reaching[chain.node]
    assert set(chains.crossings) == {
        (u, v) for u, v in graph.edges() if portfolio.plan_of(u) != portfolio.plan_of(v)
    }
    # Each plan's contributions are the goals its activities reach.
    expected = {(plan, goal.id) for goal in portfolio.nodes("goal") for plan in reaching[goal.id]}
    table = il.contribution_table(portfolio, shared_only=False)
    assert {(c.plan, c.goal) for c in table.contributions} == expected
    assert set(table.silent) == set(portfolio.plans) - {plan for plan, _ in expected}
