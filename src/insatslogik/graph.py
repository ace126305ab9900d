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
from collections.abc import Collection, Iterator, Sequence
from typing import Final

import networkx as nx

from insatslogik.kinds import ALLOWED_TARGETS, EdgeKind, with_article
from insatslogik.schema import LINK_FIELDS_OF, Link, Node
from insatslogik.validation import Issue

__all__ = ["build_graph"]

# Close-match hints scan every id; past this many unknown ids they would cost more than they help.
_MAX_HINTS: Final = 20


_TARGET_KINDS: Final = {
    edge: frozenset(k.value for k in kinds) for edge, kinds in ALLOWED_TARGETS.items()
}
_NO_ATTRIBUTES: Final[dict[str, str]] = {}


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
    issues: list[Issue] = []
    index_of: dict[str, int] = {}
    kind_of: dict[str, str] = {}
    for index, node in enumerate(nodes):
        if node is None:
            continue
        if node.id in index_of:
            first = ("nodes", index_of[node.id])
            issues.append(Issue(("nodes", index, "id"), f"duplicate id {node.id!r}", first=first))
            continue
        index_of[node.id] = index
        kind_of[node.id] = node.kind

    edges: list[tuple[str, str, str, dict[str, str]]] = []
    unknown: list[tuple[Issue, str]] = []
    for index, node in enumerate(nodes):
        if node is None or index_of.get(node.id) != index:
            continue
        for edge, position, target, link in _links(node):
            target_kind = kind_of.get(target)
            problem = None
            if target_kind is None:
                if target not in known_ids:
                    message = f"{node.kind} {node.id!r}: {edge.value} names {target!r}, which is not defined"
                    unknown.append((Issue(_path(index, edge, position), message), target))
                continue
            if target_kind not in _TARGET_KINDS[edge]:
                allowed = with_article(sorted(_TARGET_KINDS[edge]))
                problem = f"{edge.value} must name {allowed}, but {target!r} is a {target_kind}"
            elif target == node.id:
                problem = f"{edge.value} names the node itself"
            elif position and _repeats(node, edge, position):
                problem = f"{edge.value} names {target!r} twice"
            if problem is not None:
                issues.append(
                    Issue(_path(index, edge, position), f"{node.kind} {node.id!r}: {problem}")
                )
                continue
            edges.append(
                (node.id, target, edge.value, _NO_ATTRIBUTES if link is None else _attributes(link))
            )
    issues.extend(_with_hints(unknown, index_of))

    graph = nx.MultiDiGraph()
    graph.add_nodes_from((node_id, {"kind": kind}) for node_id, kind in kind_of.items())
    graph.add_edges_from(edges)
    issues.extend(_part_of_loops(graph, index_of))
    return graph, issues


def _links(node: Node) -> Iterator[tuple[EdgeKind, int | None, str, Link | None]]:
    # (edge kind, position in its list or None for part_of, target id, link or None)
    for edge in LINK_FIELDS_OF[type(node)]:
        value = getattr(node, edge.value)
        if edge is EdgeKind.PART_OF:
            if value is not None:
                yield edge, None, value, None
        elif edge is EdgeKind.CONTRIBUTES_TO:
            for position, link in enumerate(value):
                yield edge, position, link.to, link
        else:
            for position, target in enumerate(value):
                yield edge, position, target, None


def _path(index: int, edge: EdgeKind, position: int | None) -> tuple[str | int, ...]:
    return (
        ("nodes", index, edge.value) if position is None else ("nodes", index, edge.value, position)
    )


def _repeats(node: Node, edge: EdgeKind, position: int) -> bool:
    items = getattr(node, edge.value)
    targets = [item.to if isinstance(item, Link) else item for item in items[: position + 1]]
    return targets[-1] in targets[:-1]


def _attributes(link: Link) -> dict[str, str]:
    if link.rationale is None and link.assumptions is None and link.evidence is None:
        return _NO_ATTRIBUTES
    return {
        name: value
        for name in ("rationale", "assumptions", "evidence")
        if (value := getattr(link, name)) is not None
    }


def _with_hints(unknown: list[tuple[Issue, str]], ids: Collection[str]) -> list[Issue]:
    issues = []
    for count, (issue, target) in enumerate(unknown):
        close = (
            difflib.get_close_matches(target, ids, n=1, cutoff=0.8) if count < _MAX_HINTS else []
        )
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        issues.append(Issue(issue.path, issue.message + hint))
    return issues


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
