"""The traversal index of a model: its nodes and links by node number, built once and kept.

Every node of a model has a number, its place in model order. The index holds the links as
lists of numbers (the results chain up and down, the `part_of` tree), the kind of each number,
the numbers of each kind in id order and the strongly connected groups of the chain. On a
portfolio of a million nodes these lists fit in the processor's caches, where dicts keyed by id
would not, so the analyses cost about as much per node at a million nodes as at ten thousand.

Get it with :attr:`insatslogik.Model.index`; the traversals that run on it are in
:mod:`insatslogik.model.reach`.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="g", title="Mål"),
...     il.Activity(id="b", title="Gör", contributes_to=["g"]),
...     il.Activity(id="a", title="Gör mer", contributes_to=["g"])], title="T")
>>> index = model.index
>>> index.ids, index.up, index.down, index.kind
(['g', 'b', 'a'], [None, [0], [0]], [[1, 2], None, None], ['goal', 'activity', 'activity'])
>>> index.of_kind("activity")
[2, 1]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, count
from typing import TYPE_CHECKING

from insatslogik.model.graph import walk_up

if TYPE_CHECKING:
    from insatslogik.model.graph import Numbering
    from insatslogik.model.schema import Node

__all__ = ["ChainIndex"]


@dataclass(frozen=True)
class ChainIndex:
    """The results chain and the `part_of` tree of one model by node number, for the analyses.

    The numbers come from building the model's graph (:class:`insatslogik.model.graph.Numbering`):
    making the index looks nothing up again. A model makes its index on first use and keeps it
    (:attr:`insatslogik.Model.index`); the model is read-only, so every analysis shares it. The
    lists are the index's own: read them, do not change them.
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
    # The numbers of each kind in id order, sorted on first use (of_kind).
    _of_kind: dict[str, list[int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def from_numbering(cls, numbering: Numbering, nodes: Mapping[str, Node]) -> ChainIndex:
        """The index of the nodes `nodes` (by id, in model order) whose graph gave `numbering`.

        O(nodes): the links were numbered while the graph was built, nothing is looked up again.

        Args:
            numbering: what building the graph of the nodes gave
                (:func:`insatslogik.model.graph.build_graph`), without issues.
            nodes: the same nodes by id, in the order they were given to the graph.

        Returns:
            The index, which shares `numbering`'s lists.

        >>> import insatslogik as il
        >>> from insatslogik.model.graph import build_graph
        >>> nodes = [il.Goal(id="mal", title="Fler företag digitaliseras"),
        ...          il.Activity(id="akt", title="Rådgivning", contributes_to=["mal"])]
        >>> index = ChainIndex.from_numbering(build_graph(nodes).numbering,
        ...                                   {node.id: node for node in nodes})
        >>> index.ids, index.up, index.down
        (['mal', 'akt'], [None, [0]], [[1], None])
        """
        return cls(
            list(nodes),
            numbering.number,
            list(nodes.values()),
            numbering.kind,
            numbering.up,
            numbering.down,
            numbering.parent,
        )

    def of_kind(self, kind: str) -> list[int]:
        """The numbers of the nodes of `kind` (its plain name), in id order: sorted once and kept.

        Numbers are sorted, not nodes: the sort reads the ids from one list instead of from
        each node, which at a million nodes lie all over memory. Loops that go through a kind
        in id order can then read the index's lists by number too.

        Args:
            kind: the kind's name as written in files (``"goal"``).

        Returns:
            The numbers, the index's own list: read it, do not change it.

        >>> import insatslogik as il
        >>> index = il.Model([il.Goal(id="tillvaxt", title="Hållbar tillväxt"),
        ...                   il.Goal(id="digital", title="Fler företag digitaliseras")],
        ...                  title="T").index
        >>> [index.ids[number] for number in index.of_kind("goal")], index.of_kind("actor")
        (['digital', 'tillvaxt'], [])
        """
        numbers = self._of_kind.get(kind)
        if numbers is None:
            numbers = self._of_kind[kind] = sorted(
                compress(count(), map(kind.__eq__, self.kind)), key=self.ids.__getitem__
            )
        return numbers

    @cached_property
    def groups(self) -> list[list[int]]:
        """The strongly connected groups of chain nodes by number, in topological order (lower first).

        A group of more than one node is a cycle, its members in id order. Found once per
        index and shared: do not change the lists. :func:`insatslogik.model.reach.components`
        gives them by id.

        >>> import insatslogik as il
        >>> index = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
        ...     il.Outcome(id="a", title="Fler företag söker stöd", contributes_to=["b"]),
        ...     il.Outcome(id="b", title="Fler företag får stöd", contributes_to=["a", "mal"]),
        ...     il.Activity(id="akt", title="Rådgivning", contributes_to=["a"]),
        ... ], title="T").index
        >>> [[index.ids[number] for number in group] for group in index.groups]
        [['akt'], ['a', 'b'], ['mal']]
        """
        return _components(self.up, self.ids)

    def ancestors(self, number: int) -> Iterator[int]:
        """The structure node `number` is `part_of`, nearest first (its project, substrategy, …).

        Args:
            number: the node's number.

        Returns:
            An iterator over the numbers above it, itself left out.

        >>> import insatslogik as il
        >>> index = il.Model([
        ...     il.Strategy(id="rus", title="Regional utvecklingsstrategi"),
        ...     il.Project(id="kd", title="Kraftsamling digitalisering", part_of="rus"),
        ...     il.Activity(id="akt", title="Rådgivning", part_of="kd"),
        ... ], title="T").index
        >>> [index.ids[above] for above in index.ancestors(index.number["akt"])]
        ['kd', 'rus']
        """
        return walk_up(self.parent, number)


def _components(up: list[list[int] | None], ids: list[str]) -> list[list[int]]:
    """Tarjan's algorithm, iterative (a long chain must not hit the recursion limit): O(nodes + links)."""
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
