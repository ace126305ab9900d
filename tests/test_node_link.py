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
    # The data keeps the plan's `uses` as written, relative to the plan's file.
    again = il.from_node_link(json.loads(text), name=str(VGR))
    assert again == model
    assert again.plans.keys() == model.plans.keys()
    assert sorted(again.graph.edges(keys=True)) == sorted(model.graph.edges(keys=True))


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
            'nodes[0]: a node must be an object with an "id"',
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
            'links[0]: an edge must be an object with "source", "target" and "key"',
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


# --- files from other tools: encodings, huge numbers, long texts, lenient reading ------------

PLAN_TEXT = '{"graph": {"title": "Växa"}, "nodes": [{"id": "mal", "kind": "goal", "title": "Mål"}]}'


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_a_file_in_utf16_or_utf32_with_a_byte_order_mark_is_read(
    encoding: str, tmp_path: Path
) -> None:
    path = tmp_path / "plan.nodelink.json"
    path.write_bytes(PLAN_TEXT.encode(encoding))
    assert il.read_node_link(path)["mal"].title == "Mål"


def test_a_latin1_file_is_a_located_problem_not_a_decode_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.nodelink.json"
    path.write_bytes(PLAN_TEXT.replace("{", "{\n", 1).encode("latin-1"))
    with pytest.raises(il.ModelError) as caught:
        il.read_node_link(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 22)
    assert "not UTF-8 text: byte 0xE4 cannot be read; save it as UTF-8" in problem.message


def test_a_utf16_file_without_a_byte_order_mark_is_a_located_problem(tmp_path: Path) -> None:
    path = tmp_path / "plan.nodelink.json"
    path.write_bytes(PLAN_TEXT.encode("utf-16-le"))
    with pytest.raises(il.ModelError, match=r"JSON syntax error|not UTF-8"):
        il.read_node_link(path)


def test_a_number_of_5000_digits_is_located_and_not_echoed(tmp_path: Path) -> None:
    path = tmp_path / "plan.nodelink.json"
    path.write_text(
        PLAN_TEXT.replace('"Mål"}', '"Mål", "values": {"2020":\n  ' + "9" * 5000 + "}}")
    )
    with pytest.raises(il.ModelError) as caught:
        il.read_node_link(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 3)
    assert problem.message == "a number of 5000 digits is too long to be a value"


def test_a_message_never_echoes_a_long_input() -> None:
    huge = "x" * 2_000_000
    data = {
        "graph": {"title": "T"},
        "nodes": [{"id": huge, "kind": "goal", "title": "A"}] * 2 + [{"id": 10**50}],
        "edges": [{"source": huge, "target": huge, "key": huge}],
    }
    with pytest.raises(il.ModelError) as caught:
        il.from_node_link(data)
    assert len(caught.value.problems) >= 3
    assert all(len(problem.message) < 300 for problem in caught.value.problems)


def test_strict_refuses_what_lenient_leaves_out_with_warnings() -> None:
    data = {
        "graph": {"title": "T"},
        "nodes": [
            {"id": "mal", "kind": "goal", "title": "Mål"},
            {"id": "akt", "kind": "activity", "title": "Gör"},
            {"id": "trasig", "kind": "goal"},
            {"id": 3},
        ],
        "edges": [
            {"source": "akt", "target": "mal", "key": "contributes_to"},
            {"source": "akt", "target": "trasig", "key": "contributes_to"},
            {"source": "akt", "target": "borta", "key": "contributes_to"},
        ],
    }
    with pytest.raises(il.ModelError) as caught:
        il.from_node_link(data, name="g.json")
    model = il.from_node_link(data, name="g.json", strict=False)
    assert sorted(node.id for node in model) == ["akt", "mal"]
    assert [link.to for link in model["akt"].contributes_to] == ["mal"]  # type: ignore[union-attr]
    assert [str(w) for w in model.warnings] == [
        "g.json: nodes[3]: node ids must be text (got 3 (a number))",
        "g.json: edges[2]: a contributes_to edge names 'borta', which is not a node",
        "g.json: nodes[1].contributes_to[1]: activity 'akt': contributes_to names 'trasig',"
        " which is not defined",
        "g.json: nodes[2].title: goal 'trasig': title is required",
    ]
    # Strictly, the same problems at once, of which the node's own hide its links'.
    assert {str(p) for p in caught.value.problems} >= {str(w) for w in model.warnings[:2]}
    assert il.from_node_link(il.to_node_link(model)).warnings == ()


def test_a_model_read_strictly_or_built_in_python_has_no_warnings(small_model: il.Model) -> None:
    assert small_model.warnings == ()
    assert il.from_node_link(il.to_node_link(small_model), strict=False).warnings == ()


def test_networkx_data_of_a_plan_with_the_plans_it_uses_says_to_load_the_plan_files() -> None:
    graph = il.to_networkx(il.load(VGR))
    data = json.loads(json.dumps(nx.node_link_data(graph, edges="edges")))
    with pytest.raises(il.ModelError) as raised:
        il.from_node_link(data, name="vgr.json")
    (problem,) = raised.value.problems
    assert problem.file == "vgr.json"
    assert "node-link data holds 8 nodes of other plans" in problem.message
    assert "insatslogik.load_portfolio" in problem.message


def test_networkx_data_of_a_plan_with_a_header_id_keeps_the_id() -> None:
    model = il.load(VGR.parent / "kronoberg" / "rus.yaml")
    data = json.loads(json.dumps(nx.node_link_data(il.to_networkx(model), edges="edges")))
    assert data["graph"]["id"] == "kronoberg-rus"
    assert il.from_node_link(data) == model
