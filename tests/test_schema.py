"""The schema: one closed, typed model per node kind, and the JSON Schema of the file format."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

import insatslogik as il
from insatslogik.kinds import ALLOWED_SOURCES, EDGE_FIELD, EdgeKind, Kind
from insatslogik.model.schema import NODE_ADAPTER, NODE_TYPES

_ASSESSMENT: dict[str, Any] = {"year": 2023, "by": "a", "judgement": "achieved"}

# One node of each kind with every kind-specific field set, as a file would have it.
FULL_NODES: dict[Kind, dict[str, Any]] = {
    Kind.STRATEGY: {"period": {"start": 2021, "end": 2030}, "addresses": ["c"]},
    Kind.SUBSTRATEGY: {"period": {"start": 2021, "end": 2024}, "part_of": "s", "addresses": ["c"]},
    Kind.PROJECT: {
        "period": {"start": 2022, "end": 2024},
        "budget": {"amount": 1_500_000, "currency": "SEK"},
        "owner": "Region Kronoberg",
        "part_of": "s",
        "performed_by": ["a"],
    },
    Kind.RESOURCE: {"contributes_to": ["x"]},
    Kind.ACTIVITY: {
        "frequency": {"times": 4, "hours_each": 2.5},
        "part_of": "p",
        "contributes_to": [
            "x",
            {"to": "y", "rationale": "r", "assumptions": "a", "evidence": "e"},
            {"to": "z", "assumptions": ["ant", "text"], "assessments": [_ASSESSMENT]},
        ],
        "performed_by": ["a"],
        "assessments": [_ASSESSMENT],
    },
    Kind.OUTPUT: {"part_of": "p", "contributes_to": ["x"], "measured_by": ["i"]},
    Kind.OUTCOME: {"part_of": "p", "contributes_to": ["x"], "measured_by": ["i"]},
    Kind.SHORT_TERM_EFFECT: {"part_of": "p", "contributes_to": ["x"], "measured_by": ["i"]},
    Kind.LONG_TERM_EFFECT: {"part_of": "p", "contributes_to": ["x"], "measured_by": ["i"]},
    Kind.GOAL: {
        "horizon": "long",
        "target_year": 2030,
        "part_of": "s",
        "contributes_to": ["g2"],
        "measured_by": ["i"],
        "addresses": ["c"],
    },
    Kind.INDICATOR: {
        "source": "SCB",
        "unit": "%",
        "geography": "Västsverige",
        "baseline": {"year": 2020, "value": 76},
        "target": {"year": 2030, "value": 85.5},
        "values": {2020: 76, 2021: 78},
        "comparisons": {"Sverige": {2020: 75}, "Stockholm": {2020: 78}},
    },
    Kind.ACTOR: {},
    Kind.CHALLENGE: {},
    Kind.FACTOR: {"measured_by": ["i"], "influences": ["x"]},
    Kind.QUESTION: {
        "about": ["x"],
        "method": ["intervju", "enkät"],
        "source": "Enkät till SMF",
        "when": {"from": 2022, "every": 1, "until": 2030},
        "season": "höst",
        "responsible": "a",
        "assessments": [
            {"year": 2023, "by": "e", "judgement": "partly", "text": "t", "evidence": "ev"}
        ],
    },
    Kind.EVALUATION: {
        "about": ["x"],
        "performed_by": ["a"],
        "responsible": ["a"],
        "period": {"start": 2021, "end": 2023},
        "scope": "RUS",
        "when": [2023],
        "season": "vår",
        "method": ["dokumentstudie"],
    },
    Kind.ASSUMPTION: {
        "about": ["x", {"from": "x", "to": "y"}],
        "status": "holds",
        "evidence": "moderate",
    },
    Kind.RECOMMENDATION: {"by": "e", "about": ["x"]},
}

# The fields a kind cannot do without, besides id, kind and title.
REQUIRED: dict[Kind, dict[str, Any]] = {Kind.RECOMMENDATION: {"by": "e"}}


def _raw(kind: Kind, **fields: Any) -> dict[str, Any]:
    return {
        "id": "n",
        "kind": kind.value,
        "title": "Titel",
        "description": "d",
        "tags": ["t"],
        "notes": "n",
        **fields,
    }


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_every_kind_validates_with_all_its_fields(kind: Kind) -> None:
    node = NODE_ADAPTER.validate_python(_raw(kind, **FULL_NODES[kind]))
    assert type(node) is NODE_TYPES[kind]
    assert node.kind == kind


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_every_kind_has_exactly_the_link_fields_design_allows(kind: Kind) -> None:
    fields = set(NODE_TYPES[kind].model_fields)
    field_of = {edge: EDGE_FIELD.get(edge, edge.value) for edge in EdgeKind}
    allowed = {field_of[edge] for edge, sources in ALLOWED_SOURCES.items() if kind in sources}
    assert fields & set(field_of.values()) == allowed


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_unknown_keys_are_errors(kind: Kind) -> None:
    with pytest.raises(ValidationError) as error:
        NODE_ADAPTER.validate_python(_raw(kind, titel="x", **REQUIRED.get(kind, {})))
    assert [e["type"] for e in error.value.errors()] == ["extra_forbidden"]


def test_a_discriminated_union_reports_only_the_nodes_own_errors() -> None:
    with pytest.raises(ValidationError) as error:
        NODE_ADAPTER.validate_python(
            {"id": "i", "kind": "indicator", "title": "x", "baseline": {"year": 2020}}
        )
    assert [e["loc"] for e in error.value.errors()] == [("indicator", "baseline", "value")]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("values", {2020: True}),
        ("values", {2020: float("nan")}),
        ("values", {2020: float("inf")}),
        ("values", {2020: "82"}),
        ("baseline", {"year": 2020, "value": "3,5"}),
        ("target", {"year": 20, "value": 1}),
    ],
)
def test_indicator_values_must_be_finite_numbers_in_real_years(field: str, value: Any) -> None:
    with pytest.raises(ValidationError):
        NODE_ADAPTER.validate_python(_raw(Kind.INDICATOR, **{field: value}))


def test_json_year_keys_are_read_as_years() -> None:
    node = NODE_ADAPTER.validate_python(_raw(Kind.INDICATOR, values={"2020": 1.5}))
    assert node.values == {2020: 1.5}  # type: ignore[union-attr]


@pytest.mark.parametrize("node_id", ["a b", "mål:1", "x/y", "", "å"])
def test_ids_are_restricted_to_safe_characters(node_id: str) -> None:
    with pytest.raises(ValidationError):
        NODE_ADAPTER.validate_python({"id": node_id, "kind": "actor", "title": "x"})


@pytest.mark.parametrize("node_id", [False, 2020, 1.1, None])
def test_ids_must_be_strings_not_what_yaml_made_of_them(node_id: object) -> None:
    with pytest.raises(ValidationError):
        NODE_ADAPTER.validate_python({"id": node_id, "kind": "actor", "title": "x"})


def test_a_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="period must end no earlier than it starts"):
        il.Period(start=2030, end=2021)


def test_links_without_reasoning_are_written_as_bare_ids() -> None:
    activity = il.Activity(
        id="a", title="t", contributes_to=["x", il.Link(to="y", evidence="utvärdering 2023")]
    )
    assert activity.model_dump()["contributes_to"] == (
        "x",
        {
            "to": "y",
            "rationale": None,
            "assumptions": None,
            "evidence": "utvärdering 2023",
            "assessments": (),
        },
    )


def test_a_link_with_only_assessments_is_written_in_full() -> None:
    judged = il.Link(to="y", assessments=[il.Assessment(year=2023, by="a", judgement="partly")])
    dumped = il.Activity(id="a", title="t", contributes_to=[judged]).model_dump(
        exclude_defaults=True
    )
    assert dumped["contributes_to"] == (
        {"to": "y", "assessments": ({"year": 2023, "by": "a", "judgement": "partly"},)},
    )


def test_nodes_are_frozen() -> None:
    goal = il.Goal(id="g", title="Mål")
    with pytest.raises(ValidationError):
        goal.title = "Annat"  # type: ignore[misc]


def test_json_schema_accepts_every_full_node_and_rejects_a_misspelt_key() -> None:
    schema = il.json_schema()
    document = {
        "insatslogik": 1,
        "title": "Alla sorter",
        "nodes": [{**_raw(kind, **FULL_NODES[kind]), "id": kind.value} for kind in Kind],
    }
    # JSON has string keys only.
    for node in document["nodes"]:
        for name in ("values",):
            if name in node:
                node[name] = {str(k): v for k, v in node[name].items()}
        if "comparisons" in node:
            node["comparisons"] = {
                k: {str(y): v for y, v in s.items()} for k, s in node["comparisons"].items()
            }
    jsonschema.validate(document, schema)
    document["nodes"][0]["basline"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_json_schema_requires_kind_in_files() -> None:
    schema = il.json_schema()
    assert all("kind" in schema["$defs"][cls.__name__]["required"] for cls in NODE_TYPES.values())
