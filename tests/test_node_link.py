"""Node-link JSON: the whole model survives, networkx reads it, and old `links` files load."""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import insatslogik as il
from tests.test_save_properties import models

VGR = Path(__file__).resolve().parent.parent / "examples" / "vgr_kraftsamling_digitalisering.yaml"
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_real_plan_round_trips_through_node_link_json() -> None:
    model = il.load(VGR)
    text = json.dumps(il.to_node_link(model), ensure_ascii=False)
    assert il.from_node_link(json.loads(text)) == model


@SETTINGS
@given(models())
def test_random_models_round_trip_through_node_link_json(model: il.Model) -> None:
    data = json.loads(json.dumps(il.to_node_link(model)))
    again = il.from_node_link(data)
    assert again == model
    assert sorted(again.graph.edges(keys=True, data=True)) == sorted(
        model.graph.edges(keys=True, data=True)
    )


@SETTINGS
@given(models(), st.randoms())
def test_equal_models_give_equal_node_link_data(model: il.Model, rng: random.Random) -> None:
    nodes = list(model)
    rng.shuffle(nodes)
    shuffled = il.Model(
        nodes, title=model.title, language=model.language, description=model.description
    )
    assert il.to_node_link(shuffled) == il.to_node_link(model)


def test_networkx_reads_it_with_the_same_nodes_edges_and_ids(small_model: il.Model) -> None:
    data = il.to_node_link(small_model)
    graph = nx.node_link_graph(data, edges="edges")
    assert isinstance(graph, nx.MultiDiGraph)
    assert sorted(graph.nodes) == sorted(small_model.graph.nodes)
    assert sorted(graph.edges(keys=True)) == sorted(small_model.graph.edges(keys=True))
    assert graph.nodes["smf-digital"]["fields"]["baseline"] == {"year": 2020, "value": 82}
    assert graph.graph["title"] == "Kraftsamling digitalisering"


def test_node_fields_sit_apart_from_the_keys_networkx_reserves(small_model: il.Model) -> None:
    data = il.to_node_link(small_model)
    assert all(set(node) == {"id", "kind", "fields"} for node in data["nodes"])
    assert all("id" not in node["fields"] for node in data["nodes"])
    link = next(
        e for e in data["edges"] if e["target"] == "naringsliv" and e["source"] == "smf-steg"
    )
    assert link == {
        "source": "smf-steg",
        "target": "naringsliv",
        "key": "contributes_to",
        "rationale": "Stöd till SMF höjer den digitala mognaden i näringslivet",
    }


def test_old_links_key_is_read(small_model: il.Model) -> None:
    data = il.to_node_link(small_model)
    data["links"] = data.pop("edges")
    assert il.from_node_link(data) == small_model


def test_networkx_node_link_data_of_to_networkx_is_read(small_model: il.Model) -> None:
    # networkx's own writer puts the fields beside `id`, flat; that shape is read too.
    for key in ("edges", "links"):
        data = nx.node_link_data(il.to_networkx(small_model), edges=key)
        assert il.from_node_link(json.loads(json.dumps(data))) == small_model


def test_a_domain_field_never_collides_with_the_node_id() -> None:
    # PITFALLS §3: networkx drops a node attribute named `id`. Here every field, whatever its
    # name, lives under "fields", and the id comes back as the node's id.
    model = il.Model(
        [il.Goal(id="id", title="id", description="id", tags=["id", "source"])], title="id"
    )
    data = il.to_node_link(model)
    assert data["nodes"] == [
        {
            "id": "id",
            "kind": "goal",
            "fields": {"title": "id", "description": "id", "tags": ["id", "source"]},
        }
    ]
    assert il.from_node_link(data) == model


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be a JSON object"),
        ({"nodes": []}, 'holding the title (got no "graph")'),
        ({"graph": {"title": "T", "insatslogik": 2}}, "unsupported format version 2"),
        ({"graph": {"title": "T"}, "nodes": {}}, '"nodes" and "edges" must be lists'),
        (
            {"graph": {"title": "T"}, "nodes": [{"kind": "goal"}]},
            'nodes[0] must be an object with an "id"',
        ),
        ({"graph": {"title": "T"}, "nodes": [{"id": 1, "kind": "goal"}]}, "node ids must be text"),
        (
            {
                "graph": {"title": "T"},
                "nodes": [{"id": "a", "kind": "goal", "fields": {"title": "A"}}] * 2,
            },
            "duplicate node id 'a'",
        ),
        (
            {"graph": {"title": "T"}, "links": [{"source": "a", "target": "b"}]},
            'links[0] must be an object with "source", "target" and "key"',
        ),
        (
            {
                "graph": {"title": "T"},
                "nodes": [{"id": "a", "kind": "goal", "fields": {"title": "A"}}],
                "edges": [{"source": "a", "target": "b", "key": "contributes_to"}],
            },
            "a contributes_to edge names 'b', which is not a node",
        ),
        (
            {
                "graph": {"title": "T"},
                "nodes": [{"id": "a", "kind": "goal", "fields": {"title": "A"}}],
                "edges": [{"source": "a", "target": "a", "key": "likes"}],
            },
            "edge key 'likes' is not a link kind",
        ),
        (
            {
                "graph": {"title": "T"},
                "nodes": [{"id": "a", "kind": "goal", "fields": {"titel": "A"}}],
            },
            "unknown key 'titel'",
        ),
        (
            {
                "graph": {"title": "T"},
                "nodes": [
                    {"id": "a", "kind": "goal", "fields": {"title": "A", "measured_by": ["i"]}}
                ],
            },
            "node 'a': links are edges, not fields (got 'measured_by')",
        ),
        ({"graph": {}, "nodes": []}, "graph.title: Field required"),
    ],
)
def test_data_that_is_not_a_model_is_a_model_error(data: object, message: str) -> None:
    with pytest.raises(il.ModelError) as caught:
        il.from_node_link(data, name="graf.json")
    assert message in str(caught.value)
    assert caught.value.problems[0].file == "graf.json"
