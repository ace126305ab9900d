"""The model: typed nodes, the read-only graph, chain levels and walks."""

from __future__ import annotations

import inspect
from collections.abc import Callable

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import insatslogik as il
from insatslogik import Kind


def test_graph_has_kind_attributes_and_edge_kinds_as_keys(small_model: il.Model) -> None:
    graph = small_model.graph
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.nodes["smf-steg"] == {"kind": "activity"}
    assert sorted(graph.out_edges("smf-steg", keys=True)) == [
        ("smf-steg", "digitalisering", "part_of"),
        ("smf-steg", "iuc", "performed_by"),
        ("smf-steg", "kort-smf", "contributes_to"),
        ("smf-steg", "naringsliv", "contributes_to"),
    ]


def test_contributes_to_edges_carry_the_rationale(small_model: il.Model) -> None:
    data = small_model.graph.get_edge_data("smf-steg", "naringsliv", key="contributes_to")
    assert data == {"rationale": "Stöd till SMF höjer den digitala mognaden i näringslivet"}
    assert small_model.graph.get_edge_data("smf-steg", "kort-smf", key="contributes_to") == {}


def test_graph_is_read_only(small_model: il.Model) -> None:
    with pytest.raises(nx.NetworkXError, match="Frozen"):
        small_model.graph.add_edge("iuc", "naringsliv")


def test_getitem_returns_the_typed_node(small_model: il.Model) -> None:
    node = small_model["smf-digital"]
    assert isinstance(node, il.Indicator)
    assert node.baseline == il.Observation(year=2020, value=82)
    assert node.values == {2020: 82.0, 2022: 90.0}


def test_getitem_of_an_unknown_id_suggests_a_close_one(small_model: il.Model) -> None:
    with pytest.raises(KeyError, match="did you mean 'smf-steg'"):
        small_model["smf-stg"]


def test_nodes_of_a_kind_are_sorted_by_id(small_model: il.Model) -> None:
    assert [n.id for n in small_model.nodes(Kind.GOAL)] == ["naringsliv"]
    assert [n.id for n in small_model.nodes("long_term_effect")] == ["lang-smf"]
    assert len(small_model.nodes()) == len(small_model) == 8


_CLASSES = {"goal": il.Goal, "activity": il.Activity, "project": il.Project, "actor": il.Actor}


@given(
    st.dictionaries(
        st.from_regex(r"[A-Za-z0-9_.-]{1,6}", fullmatch=True), st.sampled_from(sorted(_CLASSES))
    )
)
def test_nodes_come_sorted_by_id_whatever_the_order_they_were_given_in(
    kinds: dict[str, str],
) -> None:
    # Dict order is the order drawn: random against the ids' order.
    model = il.Model([_CLASSES[kind](id=i, title="T") for i, kind in kinds.items()], title="T")
    for kind in _CLASSES:
        assert [n.id for n in model.nodes(kind)] == sorted(i for i, k in kinds.items() if k == kind)
    by_kind_then_id = sorted(kinds, key=lambda i: ([k.value for k in Kind].index(kinds[i]), i))
    assert [n.id for n in model.nodes()] == by_kind_then_id
    assert [n.id for n in model] == list(kinds)


def test_iteration_keeps_file_order(small_model: il.Model) -> None:
    assert [n.id for n in small_model][:3] == ["rus-vg", "digitalisering", "naringsliv"]


@pytest.mark.parametrize(
    ("node_id", "level"),
    [
        ("smf-steg", 1),
        ("kort-smf", 4),
        ("lang-smf", 5),
        ("naringsliv", 6),
        ("smf-digital", None),
        ("rus-vg", None),
    ],
)
def test_level_follows_the_kind(small_model: il.Model, node_id: str, level: int | None) -> None:
    assert small_model.level(node_id) == level


def test_walk_up_reaches_everything_the_activity_leads_to(small_model: il.Model) -> None:
    assert [n.id for n in small_model.walk("smf-steg", direction="up")] == [
        "kort-smf",
        "lang-smf",
        "naringsliv",
    ]


def test_walk_down_reaches_everything_that_leads_to_the_goal(small_model: il.Model) -> None:
    assert [n.id for n in small_model.walk("naringsliv", direction="down")] == [
        "smf-steg",
        "kort-smf",
        "lang-smf",
    ]


def test_walk_ignores_other_edge_kinds(small_model: il.Model) -> None:
    # naringsliv is measured_by an indicator and part_of a substrategy: neither is the chain.
    assert small_model.walk("naringsliv", direction="up") == []


def test_direct_neighbours_along_the_chain(small_model: il.Model) -> None:
    assert [n.id for n in small_model.contributes_to("smf-steg")] == ["kort-smf", "naringsliv"]
    assert [n.id for n in small_model.contributors("naringsliv")] == ["smf-steg", "lang-smf"]


def test_parent_and_children_follow_part_of(small_model: il.Model) -> None:
    assert small_model.parent("naringsliv").id == "digitalisering"  # type: ignore[union-attr]
    assert small_model.parent("rus-vg") is None
    assert [n.id for n in small_model.children("digitalisering")] == ["smf-steg", "naringsliv"]


def test_location_points_at_the_node_in_its_file(small_model: il.Model) -> None:
    where = small_model.location("smf-steg")
    assert (where.file, where.line, where.column) == ("small.yaml", 17, 5)  # type: ignore[union-attr]


#: Every method of a model that takes a node id, asked about one id.
ACCESSORS: dict[str, Callable[[il.Model, str], object]] = {
    "__getitem__": lambda model, node_id: model[node_id],
    "level": il.Model.level,
    "location": il.Model.location,
    "parent": il.Model.parent,
    "ancestors": il.Model.ancestors,
    "children": il.Model.children,
    "contributes_to": il.Model.contributes_to,
    "contributors": il.Model.contributors,
    "walk": il.Model.walk,
    "plan_of": il.Model.plan_of,
    "is_home": il.Model.is_home,
}


def test_the_accessors_listed_are_every_method_that_takes_an_id() -> None:
    takes_an_id = {
        name
        for name, method in inspect.getmembers(il.Model, inspect.isfunction)
        if "node_id" in inspect.signature(method).parameters
    }
    # `in` is the one question about an id whose answer for an unknown one is False.
    assert takes_an_id - {"__contains__"} == set(ACCESSORS)


# "ga" is not an id, but each of its letters is: networkx would read it as the ids g and a.
@pytest.mark.parametrize("unknown", ["x", "ga", ""])
@pytest.mark.parametrize("ask", ACCESSORS.values(), ids=ACCESSORS.keys())
def test_every_accessor_raises_the_same_key_error_for_an_unknown_id(
    ask: Callable[[il.Model, str], object], unknown: str
) -> None:
    model = il.Model(
        [
            il.Strategy(id="s", title="Strategi"),
            il.Goal(id="g", title="Mål", part_of="s"),
            il.Activity(id="a", title="Gör", contributes_to=["g"], part_of="s"),
        ],
        title="T",
    )
    hint = " (did you mean 'g'?)" if unknown == "ga" else ""
    with pytest.raises(KeyError) as error:
        ask(model, unknown)
    assert error.value.args == (f"no node with id {unknown!r}{hint}",)


def test_models_built_in_code_check_links() -> None:
    with pytest.raises(
        il.ModelError,
        match=r"nodes\[0\].measured_by\[0\]: goal 'g': measured_by must name an indicator, but 'g2' is a goal",
    ):
        il.Model(
            [il.Goal(id="g", title="Mål", measured_by=["g2"]), il.Goal(id="g2", title="B")],
            title="T",
        )


def test_models_built_in_code_reject_duplicate_ids() -> None:
    with pytest.raises(
        il.ModelError, match=r"nodes\[1\].id: duplicate id 'g' \(first as nodes\[0\]\)"
    ):
        il.Model([il.Goal(id="g", title="A"), il.Goal(id="g", title="B")], title="T")


def test_model_header_is_validated() -> None:
    with pytest.raises(il.ModelError, match="title must not be empty"):
        il.Model([], title="")


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"id": "g2", "kind": "goal", "title": "B"}, r"nodes\[1\] is of type dict, not a node: "),
        (None, r"nodes\[1\] is None, not a node: "),
        ("g2", r"nodes\[1\] is of type str, not a node: "),
    ],
    ids=["mapping", "none", "id"],
)
def test_models_built_in_code_reject_what_is_not_a_node(item: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        il.Model([il.Goal(id="g", title="A"), item], title="T")  # type: ignore[list-item]


def test_models_built_in_code_reject_subclasses_of_node_classes() -> None:
    class Delmal(il.Goal):
        pass

    with pytest.raises(TypeError, match=r"nodes\[0\] is of type Delmal, a subclass of Goal: "):
        il.Model([Delmal(id="g", title="A")], title="T")


def test_equality_ignores_node_order_but_not_content(small_model: il.Model) -> None:
    nodes = list(small_model)
    reordered = il.Model(reversed(nodes), title=small_model.title)
    assert reordered == small_model
    changed = il.Model([*nodes[:-1], il.Actor(id="iuc", title="IUC Väst")], title=small_model.title)
    assert changed != small_model
