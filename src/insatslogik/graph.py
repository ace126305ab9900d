"""Typed nodes → the networkx graph, checking every link against DESIGN §3 on the way.

The graph is a `MultiDiGraph` whose node attribute `kind` is the node kind and whose edge key
is the edge kind; `contributes_to` edges carry `rationale`, `assumptions` and `evidence` when
given. One pass over the links builds it and finds every bad link, so its cost is linear.

>>> from insatslogik.schema import Activity, Goal
>>> graph, issues = build_graph([Goal(id="g", title="Mål"), Activity(id="a", title="Gör", contributes_to=["g"])])
>>> list(graph.edges(keys=True)), issues
([('a', 'g', 'contributes_to')], [])
>>> _, issues = build_graph([Activity(id="a", title="Gör", contributes_to=["gg"])])
>>> issues[0].message
"activity 'a': contributes_to names 'gg', which is not defined"
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence
from typing import Final

import networkx as nx

from insatslogik.kinds import ALLOWED_TARGETS, EdgeKind, Kind, with_article
from insatslogik.schema import Node
from insatslogik.validation import Issue

__all__ = ["build_graph"]

# Close-match hints scan every id; past this many unknown ids they would cost more than they help.
_MAX_HINTS: Final = 20


def build_graph(
    nodes: Sequence[Node | None], *, known_ids: Collection[str] = ()
) -> tuple[nx.MultiDiGraph, list[Issue]]:
    """Build the graph of `nodes` and report duplicate ids and links that may not be.

    Args:
        nodes: the nodes in file order; None stands for a node that failed validation.
        known_ids: ids of such failed nodes, so links to them are not reported twice.

    Returns:
        The graph (complete only when there are no issues) and the issues, whose paths index
        `nodes` as ``("nodes", i, field, j)``.
    """
    graph = nx.MultiDiGraph()
    issues: list[Issue] = []
    index_of: dict[str, int] = {}
    for index, node in enumerate(nodes):
        if node is None:
            continue
        if node.id in index_of:
            first = ("nodes", index_of[node.id])
            issues.append(Issue(("nodes", index, "id"), f"duplicate id {node.id!r}", first=first))
            continue
        index_of[node.id] = index
        graph.add_node(node.id, kind=node.kind)

    kinds = graph.nodes
    hints_left = _MAX_HINTS
    for index, node in enumerate(nodes):
        if node is None or index_of.get(node.id) != index:
            continue
        seen: set[tuple[EdgeKind, str]] = set()
        counts = dict.fromkeys(EdgeKind, 0)
        label = f"{node.kind} {node.id!r}"
        for edge, target, link in node.links:
            path: tuple[str | int, ...] = ("nodes", index, edge.value)
            if edge is not EdgeKind.PART_OF:
                path = (*path, counts[edge])
                counts[edge] += 1
            if target not in kinds:
                if target in known_ids:
                    continue
                hint = ""
                if hints_left > 0:
                    hints_left -= 1
                    close = difflib.get_close_matches(target, index_of, n=1, cutoff=0.8)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                issues.append(
                    Issue(
                        path, f"{label}: {edge.value} names {target!r}, which is not defined{hint}"
                    )
                )
                continue
            target_kind = Kind(kinds[target]["kind"])
            if target_kind not in ALLOWED_TARGETS[edge]:
                issues.append(
                    Issue(
                        path,
                        f"{label}: {edge.value} must name {with_article([k.value for k in ALLOWED_TARGETS[edge]])}, "
                        f"but {target!r} is a {target_kind.value}",
                    )
                )
                continue
            if target == node.id:
                issues.append(Issue(path, f"{label}: {edge.value} names the node itself"))
                continue
            if (edge, target) in seen:
                issues.append(Issue(path, f"{label}: {edge.value} names {target!r} twice"))
                continue
            seen.add((edge, target))
            attributes = {}
            if link is not None:
                attributes = {
                    name: value
                    for name in ("rationale", "assumptions", "evidence")
                    if (value := getattr(link, name)) is not None
                }
            graph.add_edge(node.id, target, key=edge.value, **attributes)
    issues.extend(_part_of_loops(graph, index_of))
    return graph, issues


def _part_of_loops(graph: nx.MultiDiGraph, index_of: dict[str, int]) -> list[Issue]:
    # Each node has at most one parent, so following parents from every node, marking what
    # is done, finds each loop once in linear time.
    parent = {u: v for u, v, key in graph.edges(keys=True) if key == EdgeKind.PART_OF}
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    issues = []
    for start in sorted(parent):
        walk = []
        node: str | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = parent.get(node)
        if node is not None and state[node] == 1:
            loop = walk[walk.index(node) :]
            first = min(loop)
            text = " → ".join([*loop[loop.index(first) :], *loop[: loop.index(first)], first])
            issues.append(
                Issue(("nodes", index_of[first], "part_of"), f"part_of forms a loop: {text}")
            )
        for done in walk:
            state[done] = 2
    return issues
