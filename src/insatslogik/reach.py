"""Traversals of the results chain (`contributes_to` links), each linear in the size of the graph.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="g", title="Mål"),
...                   il.Activity(id="a", title="Gör", contributes_to=["g"]),
...                   il.Activity(id="b", title="Annat")], title="T")
>>> index = ChainIndex.of(model)
>>> sorted(backward(index, ["g"]))
['a', 'g']
>>> sorted(chain(model, "a", direction="up").graph.edges(keys=True))
[('a', 'g', 'contributes_to')]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Final, Literal

from insatslogik.kinds import EdgeKind, Kind
from insatslogik.model import Model
from insatslogik.schema import LINK_FIELDS_OF, Link, Node

__all__ = [
    "ChainIndex",
    "activities_reaching",
    "backward",
    "chain",
    "components",
    "forward",
    "kinds_reaching",
]

_CONTRIBUTES = EdgeKind.CONTRIBUTES_TO.value
# The node classes that have a contributes_to field.
_LINKING: Final = frozenset(
    cls for cls, edges in LINK_FIELDS_OF.items() if EdgeKind.CONTRIBUTES_TO in edges
)


@dataclass(frozen=True)
class ChainIndex:
    """The `contributes_to` links as adjacency lists, up (towards goals) and down, plus node kinds.

    Built in one pass over the edges; every analysis of one `check` shares one index.
    """

    up: dict[str, list[str]]
    down: dict[str, list[str]]
    kind: dict[str, str]

    @cached_property
    def groups(self) -> list[list[str]]:
        """:func:`components`, found once per index and shared: do not change the lists."""
        return _components(self)

    @classmethod
    def of(cls, model: Model) -> ChainIndex:
        """Index `model`'s results chain: O(nodes + links), once per model.

        The model is read-only, so the index is kept with it and shared by every analysis.
        """
        return model._derived("chain-index", lambda: cls._build(model))

    @classmethod
    def _build(cls, model: Model) -> ChainIndex:
        # From the typed nodes, whose links are the edges, rather than the graph's edge views:
        # a plain loop over tuples is several times faster than iterating a MultiDiGraph.
        up: dict[str, list[str]] = {}
        down: dict[str, list[str]] = {}
        kind: dict[str, str] = {}
        linking = _LINKING
        for node in model:
            node_id = node.id
            kind[node_id] = node.kind
            # Only kinds with the field are asked for it: a missing attribute on a pydantic
            # model is a slow path (an exception inside __getattr__).
            links = node.contributes_to if type(node) in linking else None  # type: ignore[union-attr]
            if links:
                targets = [link.to for link in links]
                up[node_id] = targets
                for target in targets:
                    if target in down:
                        down[target].append(node_id)
                    else:
                        down[target] = [node_id]
        return cls(up=up, down=down, kind=kind)


def _search(adjacency: dict[str, list[str]], starts: Iterable[str]) -> set[str]:
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for neighbour in adjacency.get(queue.popleft(), ()):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append(neighbour)
    return seen


def forward(index: ChainIndex, starts: Iterable[str]) -> set[str]:
    """Every node reachable from any of `starts` along the chain (starts included): one search."""
    return _search(index.up, starts)


def backward(index: ChainIndex, ends: Iterable[str]) -> set[str]:
    """Every node from which any of `ends` is reachable (ends included): one search."""
    return _search(index.down, ends)


def components(index: ChainIndex) -> list[list[str]]:
    """Strongly connected groups of chain nodes, in topological order (lower first).

    A group of more than one node is a cycle; its members are sorted. One pass of Tarjan's
    algorithm, iterative (a long chain must not hit the recursion limit): O(nodes + links),
    once per index (the lists are shared: do not change them).

    >>> index = ChainIndex(up={"a": ["b"], "b": ["c"], "c": ["b"]}, down={}, kind=dict.fromkeys("abc", "outcome"))
    >>> components(index)
    [['a'], ['b', 'c']]
    """
    return index.groups


def _components(index: ChainIndex) -> list[list[str]]:
    up = index.up
    number: dict[str, int] = {}  # the order in which the search found each node
    low: dict[str, int] = {}  # the lowest number reachable within the node's group
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in index.kind:
        if root in number:
            continue
        number[root] = low[root] = len(number)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(up.get(root, ())))]
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in number:
                    number[target] = low[target] = len(number)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(up.get(target, ()))))
                    break
                if target in on_stack and number[target] < low[node]:
                    low[node] = number[target]
            else:
                work.pop()
                if work and low[node] < low[work[-1][0]]:
                    low[work[-1][0]] = low[node]
                if low[node] == number[node]:
                    member = stack.pop()
                    on_stack.discard(member)
                    if member == node:
                        groups.append([node])
                        continue
                    group = [member]
                    while member != node:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                    groups.append(sorted(group))
    # Tarjan finishes a group after every group it leads to: reversed, contributors come first.
    groups.reverse()
    return groups


def activities_reaching(index: ChainIndex, groups: list[list[str]]) -> dict[str, frozenset[str]]:
    """For every chain node, the activities whose chains reach it (its own id if an activity).

    One pass in topological order, each node's set the union of what flows into it; a node with
    one contributor shares that contributor's set. Cost: linear in the links plus the size of
    the sets, which is the size of the answer.
    """
    return kinds_reaching(index, groups, {Kind.ACTIVITY.value})


def kinds_reaching(
    index: ChainIndex, groups: list[list[str]], kinds: Collection[str]
) -> dict[str, frozenset[str]]:
    """For every chain node, the nodes of `kinds` whose chains reach it (itself if of those kinds).

    `groups` are the :func:`components` of the chain. Same cost as :func:`activities_reaching`.
    """
    reaching: dict[str, frozenset[str]] = {}
    empty: frozenset[str] = frozenset()
    down, kind_of = index.down, index.kind
    for group in groups:
        if len(group) == 1:
            # Nearly every group is one node: no set of members to build.
            node = group[0]
            parts = [reaching[s] for s in down.get(node, ()) if s != node and reaching[s]]
            if kind_of[node] in kinds:
                parts.append(frozenset(group))
        else:
            inside = set(group)
            own = frozenset(n for n in group if kind_of[n] in kinds)
            sources = {s for n in group for s in down.get(n, ()) if s not in inside}
            parts = [reaching[s] for s in sources if reaching[s]]
            if own:
                parts.append(own)
        if not parts:
            value = empty
        elif len(parts) == 1:
            value = parts[0]
        else:
            value = frozenset().union(*parts)
        for node in group:
            reaching[node] = value
    return reaching


def chain(model: Model, node_id: str, *, direction: Literal["up", "down"] = "up") -> Model:
    """The sub-model of everything `node_id` leads to ("up") or comes from ("down"), itself included.

    The nodes those chain nodes link to directly (indicators, actors, the structure they are part
    of, challenges) come along, so the sub-model draws and checks like the whole; links to nodes
    outside it are dropped. One search along the chain: linear in what it reaches.
    """
    model[node_id]  # the helpful KeyError for an unknown id
    index = ChainIndex.of(model)
    reached = forward(index, [node_id]) if direction == "up" else backward(index, [node_id])
    keep = set(reached)
    for member in reached:
        keep.update(
            target for edge, target, _ in model[member].links if edge is not EdgeKind.CONTRIBUTES_TO
        )
    nodes = [_restricted(model[n], keep) for n in sorted(keep)]
    return Model(nodes, title=model.title, language=model.language, description=model.description)


def _restricted(node: Node, keep: set[str]) -> Node:
    changes: dict[str, object] = {}
    for edge in LINK_FIELDS_OF[type(node)]:
        value = getattr(node, edge.value)
        if edge is EdgeKind.PART_OF:
            if value is not None and value not in keep:
                changes[edge.value] = None
            continue
        kept = tuple(i for i in value if (i.to if isinstance(i, Link) else i) in keep)
        if len(kept) != len(value):
            changes[edge.value] = kept
    return node.model_copy(update=changes) if changes else node
