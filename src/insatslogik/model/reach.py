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

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from insatslogik.kinds import EdgeKind
from insatslogik.model.graph import walk_up
from insatslogik.model.model import Model

if TYPE_CHECKING:
    from insatslogik.model.schema import Node

__all__ = [
    "ChainIndex",
    "backward",
    "chain",
    "components",
    "forward",
    "kinds_reached",
    "kinds_reaching",
    "reached_from",
]


@dataclass(frozen=True)
class ChainIndex:
    """The results chain and the `part_of` tree by node number, for the analyses.

    Every node of the model has a number, its place in model order. The links are lists of
    numbers and the flags of a search are one byte per node: on a portfolio of a million nodes
    these fit in the processor's caches, where dicts keyed by id would not, so the analyses cost
    about as much per node at a million nodes as at ten thousand. The numbers come from building
    the model's graph (:class:`insatslogik.model.graph.Numbering`); the index is made once per model
    and shared by every analysis.

    >>> import insatslogik as il
    >>> index = ChainIndex.of(il.Model([il.Goal(id="g", title="Mål"),
    ...     il.Activity(id="a", title="Gör", contributes_to=["g"])], title="T"))
    >>> index.ids, index.up, index.down, index.kind
    (['g', 'a'], [None, [0]], [[1], None], ['goal', 'activity'])
    """

    #: The id of each number.
    ids: list[str]
    #: The number of each id.
    number: dict[str, int]
    #: The node of each number.
    nodes: list[Node]
    #: The kind of each number, by its plain name.
    kind: list[str]
    #: What each node contributes to (None: nothing).
    up: list[list[int] | None]
    #: What contributes to each node (None: nothing).
    down: list[list[int] | None]
    #: The structure each node is `part_of` (-1: none).
    parent: list[int]

    @cached_property
    def groups(self) -> list[list[int]]:
        """:func:`components` by number, found once per index and shared: do not change the lists."""
        return _components(self)

    def ancestors(self, number: int) -> Iterator[int]:
        """The structure node `number` is `part_of`, nearest first (its project, substrategy, …)."""
        return walk_up(self.parent, number)

    @classmethod
    def of(cls, model: Model) -> ChainIndex:
        """Index `model`'s results chain: O(nodes + links), once per model.

        The model is read-only, so the index is kept with it and shared by every analysis.
        """
        return model._derived("chain-index", lambda: cls._build(model))

    @classmethod
    def _build(cls, model: Model) -> ChainIndex:
        # The links were numbered while the graph was built: nothing to look up again.
        numbering = model._numbering
        nodes = model._numbered
        return cls(
            model._ids,
            numbering.number,
            nodes,
            numbering.kind,
            numbering.up,
            numbering.down,
            numbering.parent,
        )


def _search(
    adjacency: list[list[int] | None], starts: Iterable[int]
) -> tuple[list[int], bytearray]:
    """Every number reachable from `starts` (included), in the order found, and a flag per node."""
    seen = bytearray(len(adjacency))
    found = []
    for start in starts:
        if not seen[start]:
            seen[start] = 1
            found.append(start)
    # The list is the queue: a node's neighbours are appended behind it.
    for node in found:
        neighbours = adjacency[node]
        if neighbours:
            for neighbour in neighbours:
                if not seen[neighbour]:
                    seen[neighbour] = 1
                    found.append(neighbour)
    return found, seen


def forward(index: ChainIndex, starts: Iterable[str]) -> set[str]:
    """Every node reachable from any of `starts` along the chain (starts included): one search."""
    found, _ = _search(index.up, map(index.number.__getitem__, starts))
    return set(map(index.ids.__getitem__, found))


def backward(index: ChainIndex, ends: Iterable[str]) -> set[str]:
    """Every node from which any of `ends` is reachable (ends included): one search."""
    found, _ = _search(index.down, map(index.number.__getitem__, ends))
    return set(map(index.ids.__getitem__, found))


def reached_from(index: ChainIndex, kind: str, *, direction: Literal["up", "down"]) -> bytearray:
    """A flag per node number: can it be reached from a node of `kind` going `direction`? One search.

    >>> import insatslogik as il
    >>> index = ChainIndex.of(il.Model([il.Goal(id="g", title="Mål"),
    ...     il.Activity(id="a", title="Gör", contributes_to=["g"]),
    ...     il.Activity(id="b", title="Annat")], title="T"))
    >>> list(reached_from(index, "goal", direction="down"))
    [1, 1, 0]
    """
    starts = [position for position, of in enumerate(index.kind) if of == kind]
    _, seen = _search(index.up if direction == "up" else index.down, starts)
    return seen


def components(index: ChainIndex) -> list[list[str]]:
    """Strongly connected groups of chain nodes, in topological order (lower first).

    A group of more than one node is a cycle; its members are sorted. One pass of Tarjan's
    algorithm, iterative (a long chain must not hit the recursion limit): O(nodes + links),
    once per index (:attr:`ChainIndex.groups` has them by number).

    >>> import insatslogik as il
    >>> index = ChainIndex.of(il.Model([il.Outcome(id="a", title="A", contributes_to=["b"]),
    ...     il.Outcome(id="b", title="B", contributes_to=["c"]),
    ...     il.Outcome(id="c", title="C", contributes_to=["b"])], title="T"))
    >>> components(index)
    [['a'], ['b', 'c']]
    """
    ids = index.ids
    return [[ids[member] for member in group] for group in index.groups]


def _components(index: ChainIndex) -> list[list[int]]:
    up, ids = index.up, index.ids
    count = len(up)
    number = [-1] * count  # the order in which the search found each node
    low = [0] * count  # the lowest number reachable within the node's group
    stack: list[int] = []
    on_stack = bytearray(count)
    groups: list[list[int]] = []
    found = 0
    for root in range(count):
        if number[root] >= 0:
            continue
        number[root] = low[root] = found
        found += 1
        stack.append(root)
        on_stack[root] = 1
        work = [(root, iter(up[root] or ()))]
        while work:
            node, targets = work[-1]
            for target in targets:
                if number[target] < 0:
                    number[target] = low[target] = found
                    found += 1
                    stack.append(target)
                    on_stack[target] = 1
                    work.append((target, iter(up[target] or ())))
                    break
                if on_stack[target] and number[target] < low[node]:
                    low[node] = number[target]
            else:
                work.pop()
                if work and low[node] < low[work[-1][0]]:
                    low[work[-1][0]] = low[node]
                if low[node] == number[node]:
                    member = stack.pop()
                    on_stack[member] = 0
                    if member == node:
                        groups.append([node])
                        continue
                    group = [member]
                    while member != node:
                        member = stack.pop()
                        on_stack[member] = 0
                        group.append(member)
                    groups.append(sorted(group, key=ids.__getitem__))
    # Tarjan finishes a group after every group it leads to: reversed, contributors come first.
    groups.reverse()
    return groups


def kinds_reaching(index: ChainIndex, kinds: Collection[str]) -> list[frozenset[int]]:
    """For every node number, the numbers of nodes of `kinds` whose chains reach it (itself if of those kinds).

    One pass in topological order, each node's set the union of what flows into it; a node with
    one contributor shares that contributor's set. Cost: linear in the links plus the size of
    the sets, which is the size of the answer. The sets hold numbers, :attr:`ChainIndex.ids`
    names them.

    >>> import insatslogik as il
    >>> index = ChainIndex.of(il.Model([il.Goal(id="g", title="Mål"),
    ...     il.Activity(id="a", title="Gör", contributes_to=["g"])], title="T"))
    >>> [sorted(index.ids[n] for n in reached) for reached in kinds_reaching(index, {"activity"})]
    [['a'], ['a']]
    """
    return _flow(index, kinds, index.down, index.groups)


def kinds_reached(index: ChainIndex, kinds: Collection[str]) -> list[frozenset[int]]:
    """For every node number, the numbers of nodes of `kinds` that its chain reaches (itself if of those kinds).

    The other direction of :func:`kinds_reaching`, at the same cost: one pass, from the top of
    the chain down, each node's set the union of what it contributes to.

    >>> import insatslogik as il
    >>> index = ChainIndex.of(il.Model([il.Goal(id="g", title="Mål"),
    ...     il.Goal(id="h", title="Huvudmål"),
    ...     il.Goal(id="d", title="Delmål", contributes_to=["h"]),
    ...     il.Activity(id="a", title="Gör", contributes_to=["g", "d"])], title="T"))
    >>> [sorted(index.ids[n] for n in reached) for reached in kinds_reached(index, {"goal"})]
    [['g'], ['h'], ['d', 'h'], ['d', 'g', 'h']]
    """
    return _flow(index, kinds, index.up, reversed(index.groups))


def _flow(
    index: ChainIndex,
    kinds: Collection[str],
    links: list[list[int] | None],
    groups: Iterable[list[int]],
) -> list[frozenset[int]]:
    """Each node's set: itself if of `kinds`, and the sets of the nodes it `links` to.

    `groups` are the strongly connected groups in an order where every node a group links to
    outside itself is in an earlier group, so its set is finished when the group is reached.
    """
    kind_of = index.kind
    empty: frozenset[int] = frozenset()
    carried: list[frozenset[int]] = [empty] * len(links)
    for group in groups:
        if len(group) == 1:
            # Nearly every group is one node: no set of members to build.
            node = group[0]
            sources = links[node]
            parts = [carried[s] for s in sources if s != node and carried[s]] if sources else []
            if kind_of[node] in kinds:
                parts.append(frozenset(group))
        else:
            inside = set(group)
            own = frozenset(n for n in group if kind_of[n] in kinds)
            outside = {s for n in group for s in links[n] or () if s not in inside}
            parts = [carried[s] for s in outside if carried[s]]
            if own:
                parts.append(own)
        if not parts:
            value = empty
        elif len(parts) == 1:
            value = parts[0]
        else:
            value = frozenset().union(*parts)
        for node in group:
            carried[node] = value
    return carried


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
    from insatslogik.model.schema import LINK_FIELDS_OF, Link  # loaded already, as `node` is one

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
