"""Traversals of the results chain (`contributes_to` links), each linear in the size of the graph.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="g", title="Mål"),
...                   il.Activity(id="a", title="Gör", contributes_to=["g"]),
...                   il.Activity(id="b", title="Annat")], title="T")
>>> sorted(backward(model.index, ["g"]))
['a', 'g']
>>> sorted(chain(model, "a", direction="up").graph.edges(keys=True))
[('a', 'g', 'contributes_to')]
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Literal

from insatslogik.kinds import EdgeKind
from insatslogik.model.model import Model

if TYPE_CHECKING:
    from insatslogik.model.index import ChainIndex
    from insatslogik.model.schema import Node

__all__ = [
    "backward",
    "chain",
    "components",
    "forward",
    "kinds_reached",
    "kinds_reaching",
    "reached_from",
]


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
    """Every node reachable from any of `starts` along the chain (starts included): one search.

    Args:
        index: the model's index (:attr:`insatslogik.Model.index`).
        starts: ids of nodes in the model.

    Returns:
        The ids of the nodes the starts contribute to, directly or not, and the starts.

    Raises:
        KeyError: for an id that is not in the model.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
    ...     il.ShortTermEffect(id="kort", title="SMF har fått råd", contributes_to=["mal"]),
    ...     il.Activity(id="akt", title="Rådgivning", contributes_to=["kort"]),
    ... ], title="T")
    >>> sorted(forward(model.index, ["kort"]))
    ['kort', 'mal']
    """
    found, _ = _search(index.up, map(index.number.__getitem__, starts))
    return set(map(index.ids.__getitem__, found))


def backward(index: ChainIndex, ends: Iterable[str]) -> set[str]:
    """Every node from which any of `ends` is reachable (ends included): one search.

    Args:
        index: the model's index (:attr:`insatslogik.Model.index`).
        ends: ids of nodes in the model.

    Returns:
        The ids of the nodes that contribute to the ends, directly or not, and the ends.

    Raises:
        KeyError: for an id that is not in the model.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
    ...     il.ShortTermEffect(id="kort", title="SMF har fått råd", contributes_to=["mal"]),
    ...     il.Activity(id="akt", title="Rådgivning", contributes_to=["kort"]),
    ... ], title="T")
    >>> sorted(backward(model.index, ["kort"]))
    ['akt', 'kort']
    """
    found, _ = _search(index.down, map(index.number.__getitem__, ends))
    return set(map(index.ids.__getitem__, found))


def reached_from(index: ChainIndex, kind: str, *, direction: Literal["up", "down"]) -> bytearray:
    """A flag per node number: can it be reached from a node of `kind` going `direction`? One search.

    Args:
        index: the model's index (:attr:`insatslogik.Model.index`).
        kind: the kind's name as written in files (``"goal"``).
        direction: ``"up"`` along `contributes_to` links, ``"down"`` against them.

    Returns:
        1 for each number reached (the nodes of `kind` included), 0 for the others.

    >>> import insatslogik as il
    >>> index = il.Model([il.Goal(id="g", title="Mål"),
    ...     il.Activity(id="a", title="Gör", contributes_to=["g"]),
    ...     il.Activity(id="b", title="Annat")], title="T").index
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
    once per index (:attr:`insatslogik.model.index.ChainIndex.groups` has them by number).

    Args:
        index: the model's index (:attr:`insatslogik.Model.index`).

    Returns:
        The groups as lists of ids, every node of the model in exactly one.

    >>> import insatslogik as il
    >>> index = il.Model([il.Outcome(id="a", title="A", contributes_to=["b"]),
    ...     il.Outcome(id="b", title="B", contributes_to=["c"]),
    ...     il.Outcome(id="c", title="C", contributes_to=["b"])], title="T").index
    >>> components(index)
    [['a'], ['b', 'c']]
    """
    ids = index.ids
    return [[ids[member] for member in group] for group in index.groups]


def kinds_reaching(index: ChainIndex, kinds: Collection[str]) -> list[frozenset[int]]:
    """For every node number, the numbers of nodes of `kinds` whose chains reach it (itself if of those kinds).

    One pass in topological order, each node's set the union of what flows into it; a node with
    one contributor shares that contributor's set. Cost: linear in the links plus the size of
    the sets, which is the size of the answer. The sets hold numbers, which
    :attr:`~insatslogik.model.index.ChainIndex.ids` names.

    Args:
        index: the model's index (:attr:`insatslogik.Model.index`).
        kinds: the names of the kinds to follow (``{"activity"}``).

    Returns:
        One set of numbers per node number, in number order.

    >>> import insatslogik as il
    >>> index = il.Model([il.Goal(id="g", title="Mål"),
    ...     il.Activity(id="a", title="Gör", contributes_to=["g"])], title="T").index
    >>> [sorted(index.ids[n] for n in reached) for reached in kinds_reaching(index, {"activity"})]
    [['a'], ['a']]
    """
    return _flow(index, kinds, index.down, index.groups)


def kinds_reached(index: ChainIndex, kinds: Collection[str]) -> list[frozenset[int]]:
    """For every node number, the numbers of nodes of `kinds` that its chain reaches (itself if of those kinds).

    The other direction of :func:`kinds_reaching`, at the same cost: one pass, from the top of
    the chain down, each node's set the union of what it contributes to.

    Args:
        index: the model's index (:attr:`insatslogik.Model.index`).
        kinds: the names of the kinds to look for (``{"goal"}``).

    Returns:
        One set of numbers per node number, in number order.

    >>> import insatslogik as il
    >>> index = il.Model([il.Goal(id="g", title="Mål"),
    ...     il.Goal(id="h", title="Huvudmål"),
    ...     il.Goal(id="d", title="Delmål", contributes_to=["h"]),
    ...     il.Activity(id="a", title="Gör", contributes_to=["g", "d"])], title="T").index
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

    Args:
        model: the model.
        node_id: the node to start from.
        direction: ``"up"`` towards the goals, ``"down"`` towards the activities and resources.

    Returns:
        A new model with the same title, language and description.

    Raises:
        KeyError: for an unknown id.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"]),
    ...     il.Indicator(id="andel", title="Andel digitaliserade SMF", unit="%"),
    ...     il.ShortTermEffect(id="kort", title="SMF har fått råd", contributes_to=["mal"]),
    ...     il.Activity(id="akt", title="Rådgivning", contributes_to=["kort"]),
    ...     il.Activity(id="natverk", title="Nätverksträffar", contributes_to=["mal"]),
    ... ], title="Kraftsamling digitalisering")
    >>> sorted(node.id for node in chain(model, "kort"))
    ['andel', 'kort', 'mal']
    >>> sorted(node.id for node in chain(model, "kort", direction="down"))
    ['akt', 'kort']
    """
    model[node_id]  # the helpful KeyError for an unknown id
    index = model.index
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
