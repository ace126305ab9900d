"""The analyses stay linear: graph traversals and neighbour lookups, counted on generated portfolios.

Timing is noisy on a shared machine; counting is not. While the analyses run, every search
of the chain (the library's own, and networkx's ancestors, descendants and path searches) is
counted, and so is every neighbour lookup in the model's graph and in the chain index. The
number of searches must not depend on the portfolio (a search per goal or per pair fails
here, not only in the benchmark), and the lookups per node and link must stay under a small
constant that does not grow with the portfolio.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx
import pytest
from benchmarks.portfolio import portfolio

import insatslogik as il
from insatslogik.model import index as chain_index
from insatslogik.model import reach
from insatslogik.model.model import Model

# Lookups per node and link that the analyses may make (they make about 4 today).
BOUND = 5
# Whole-chain searches that all the analyses together may start (they start 6 today).
SEARCHES = 10

# Searches of the whole chain, wherever they start. (nx.find_cycle is left out: it runs once
# per cycle found, on that cycle's own nodes.)
_NETWORKX_SEARCHES = (
    "ancestors",
    "descendants",
    "has_path",
    "shortest_path",
    "bfs_tree",
    "dfs_preorder_nodes",
    "topological_sort",
    "condensation",
    "strongly_connected_components",
)


class CountingDict(dict[str, Any]):
    """A dict that counts lookups by key: each one is a visit of a node's neighbours."""

    counter: list[int]

    def __getitem__(self, key: str) -> Any:
        self.counter[0] += 1
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.counter[0] += 1
        return super().get(key, default)


class CountingList(list[Any]):
    """A list that counts lookups by number: each one is a visit of a node's neighbours.

    A pass over the whole list (one per analysis, in order) is not a lookup and is not counted.
    """

    counter: list[int]

    def __getitem__(self, key: Any) -> Any:
        self.counter[0] += 1
        return super().__getitem__(key)


def _counting(data: dict[str, Any], counter: list[int]) -> CountingDict:
    counted = CountingDict(data)
    counted.counter = counter
    return counted


def _counting_list(data: list[Any], counter: list[int]) -> CountingList:
    counted = CountingList(data)
    counted.counter = counter
    return counted


@contextmanager
def counted_searches(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Count every search of the chain started inside."""
    counter = [0]

    def counting(function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            counter[0] += 1
            return function(*args, **kwargs)

        return counted

    for name in ("_search", "_flow"):
        monkeypatch.setattr(reach, name, counting(getattr(reach, name)))
    monkeypatch.setattr(chain_index, "_components", counting(chain_index._components))
    for name in _NETWORKX_SEARCHES:
        monkeypatch.setattr(nx, name, counting(getattr(nx, name)))
    monkeypatch.setattr(Model, "walk", counting(Model.walk))
    yield counter


@contextmanager
def counted_lookups(model: il.Model, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Count every neighbour lookup in `model`'s graph and in every chain index built inside."""
    counter = [0]
    graph = model.graph
    # Swapped before any view of the graph exists, so networkx's views read the counting dicts.
    graph._succ = graph._adj = _counting(graph._succ, counter)
    graph._pred = _counting(graph._pred, counter)
    build = chain_index.ChainIndex.from_numbering.__func__  # type: ignore[attr-defined]

    def counting_build(cls: type[chain_index.ChainIndex], *args: Any) -> chain_index.ChainIndex:
        index = build(cls, *args)
        return dataclasses.replace(
            index,
            number=_counting(index.number, counter),
            up=_counting_list(index.up, counter),
            down=_counting_list(index.down, counter),
            kind=_counting_list(index.kind, counter),
            parent=_counting_list(index.parent, counter),
        )

    monkeypatch.setattr(chain_index.ChainIndex, "from_numbering", classmethod(counting_build))
    yield counter


def _model(nodes: int) -> il.Model:
    return il.loads(json.dumps(portfolio(nodes, seed=11)), format="json")


def _size(model: il.Model) -> int:
    return model.graph.number_of_nodes() + model.graph.number_of_edges()


def _analyses(model: il.Model) -> None:
    il.check(model)
    il.goal_coverage(model)
    il.indicator_status(model)
    il.orphan_activities(model)
    il.missing_links(model)


@pytest.fixture(scope="module")
def models() -> tuple[il.Model, il.Model]:
    return _model(3_000), _model(12_000)


def _lookups(
    model: il.Model, monkeypatch: pytest.MonkeyPatch, run: Callable[[il.Model], object]
) -> int:
    with counted_lookups(model, monkeypatch) as counter:
        run(model)
    return counter[0]


def test_the_analyses_look_up_each_node_and_link_a_few_times(
    models: tuple[il.Model, il.Model],
) -> None:
    small, large = (_model(len(m)) for m in models)  # fresh models: no index kept from before
    with pytest.MonkeyPatch.context() as patch:
        per_small = _lookups(small, patch, _analyses) / _size(small)
    with pytest.MonkeyPatch.context() as patch:
        per_large = _lookups(large, patch, _analyses) / _size(large)
    assert 0 < per_small <= BOUND
    assert 0 < per_large <= BOUND
    # Four times the portfolio, the same lookups per node and link.
    assert per_large <= 1.2 * per_small


def _searches(model: il.Model, run: Callable[[il.Model], object]) -> int:
    with pytest.MonkeyPatch.context() as patch, counted_searches(patch) as counter:
        run(model)
    return counter[0]


def test_the_analyses_search_the_chain_a_fixed_number_of_times(
    models: tuple[il.Model, il.Model],
) -> None:
    small, large = (_model(len(m)) for m in models)
    assert 0 < _searches(small, _analyses) == _searches(large, _analyses) <= SEARCHES


def _per_goal_backward(model: il.Model) -> None:
    index = model.index
    for goal in model.nodes(il.Kind.GOAL):
        reach.backward(index, [goal.id])


def _per_goal_ancestors(model: il.Model) -> None:
    for goal in model.nodes(il.Kind.GOAL):
        nx.ancestors(model.graph, goal.id)


@pytest.mark.parametrize("naive", [_per_goal_backward, _per_goal_ancestors])
def test_a_search_per_goal_would_fail(
    models: tuple[il.Model, il.Model], naive: Callable[[il.Model], None]
) -> None:
    # The count must be able to fail: one search per goal, as a naive peer would write it.
    assert _searches(models[0], naive) > SEARCHES


def test_the_graph_is_the_one_networkx_builds_from_the_same_nodes_and_links(
    models: tuple[il.Model, il.Model],
) -> None:
    model = models[0]
    expected = nx.MultiDiGraph()
    expected.add_nodes_from((node.id, {"kind": node.kind}) for node in model)
    expected.add_edges_from(
        (node.id, target, edge.value, _reasons(link))
        for node in model
        for edge, target, link in node.links
    )
    # Same nodes, edges, keys, data and order, in both directions.
    graph = model.graph
    assert list(graph.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(graph.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert list(graph.in_edges(keys=True)) == list(expected.in_edges(keys=True))


def _reasons(link: il.Link | None) -> dict[str, str]:
    fields = ("rationale", "assumptions", "evidence")
    if link is None:
        return {}
    return {name: getattr(link, name) for name in fields if getattr(link, name) is not None}
