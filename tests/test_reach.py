"""The chain index by node number agrees with the model's graph, however the model was made."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from benchmarks.portfolio import portfolio

import insatslogik as il
from insatslogik.kinds import EdgeKind
from insatslogik.model.index import ChainIndex
from insatslogik.model.reach import (
    backward,
    components,
    forward,
    kinds_reached,
    kinds_reaching,
)


@pytest.fixture(scope="module")
def loaded() -> il.Model:
    return il.loads(json.dumps(portfolio(3_000, seed=5)), format="json")


def _in_code(model: il.Model) -> il.Model:
    return il.Model(list(model), title=model.title)


def _reversed_order(model: il.Model) -> il.Model:
    # Numbers follow the order of the nodes: a different order must give the same links.
    return il.Model(list(model)[::-1], title=model.title)


MAKERS: dict[str, Callable[[il.Model], il.Model]] = {
    "loaded": lambda model: model,
    "yaml": lambda model: il.loads(il.dumps(model)),
    "in code": _in_code,
    "reversed": _reversed_order,
    "networkx": lambda model: il.from_networkx(il.to_networkx(model)),
    "node-link": lambda model: il.from_node_link(il.to_node_link(model)),
}


def _links(index: ChainIndex) -> dict[str, set[tuple[str, str]]]:
    ids = index.ids
    return {
        "up": {(ids[s], ids[t]) for s, ts in enumerate(index.up) for t in ts or ()},
        "down": {(ids[t], ids[s]) for s, ts in enumerate(index.down) for t in ts or ()},
        "parent": {(ids[s], ids[p]) for s, p in enumerate(index.parent) if p >= 0},
    }


@pytest.mark.parametrize("make", MAKERS.values(), ids=MAKERS.keys())
def test_the_index_holds_exactly_the_graphs_links(
    loaded: il.Model, make: Callable[[il.Model], il.Model]
) -> None:
    model = make(loaded)
    index = model.index
    edges = set(model.graph.edges(keys=True))
    chain = {(u, v) for u, v, key in edges if key == EdgeKind.CONTRIBUTES_TO}
    part_of = {(u, v) for u, v, key in edges if key == EdgeKind.PART_OF}
    assert _links(index) == {"up": chain, "down": chain, "parent": part_of}
    assert index.ids == [node.id for node in model]
    assert all(index.number[i] == n for n, i in enumerate(index.ids))
    assert index.kind == [node.kind for node in model]
    assert [node.id for node in index.nodes] == index.ids


def test_groups_and_reaching_sets_do_not_depend_on_the_order_of_the_nodes(
    loaded: il.Model,
) -> None:
    reordered = _reversed_order(loaded)
    assert sorted(components(loaded.index)) == sorted(components(reordered.index))

    def reaching(model: il.Model) -> dict[str, set[str]]:
        index = model.index
        return {
            index.ids[n]: {index.ids[a] for a in found}
            for n, found in enumerate(kinds_reaching(index, {"activity", "output"}))
        }

    assert reaching(loaded) == reaching(reordered)


@pytest.mark.parametrize("kinds", [{"goal"}, {"activity", "output"}, {"long_term_effect", "goal"}])
def test_reaching_and_reached_sets_are_what_a_search_from_each_node_finds(
    loaded: il.Model, kinds: set[str]
) -> None:
    index = loaded.index
    ids = index.ids
    of_kinds = {node.id for node in loaded if node.kind in kinds}
    sample = range(0, len(ids), 7)
    reaching, reached = kinds_reaching(index, kinds), kinds_reached(index, kinds)
    for n in sample:
        assert {ids[k] for k in reaching[n]} == backward(index, [ids[n]]) & of_kinds
        assert {ids[k] for k in reached[n]} == forward(index, [ids[n]]) & of_kinds
