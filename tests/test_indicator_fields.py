"""Indicator fields: composite indices, targets of each kind, revisions, breakdowns, aggregation.

Each bad input is a located error (file, line, column) that names the field to change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main

HEAD = "insatslogik: 1\ntitle: Test\nnodes:\n"

GOOD = """\
  - id: smf-digital
    kind: indicator
    number: 1
    title: Andel SMF med grundläggande digitaliseringsnivå
    unit: "%"
    source: Eurostat (DESI)
    baseline: {year: 2020, value: 82}
    values: {2019: 72, 2020: 82}
    target: {value: 90, set_by: EU}
    follow_up_every: 2
  - id: desi
    kind: indicator
    title: DESI
    components: [desi-humankapital, {id: desi-konnektivitet, weight: 0.25}]
  - {id: desi-humankapital, kind: indicator, title: Humankapital}
  - {id: desi-konnektivitet, kind: indicator, title: Konnektivitet}
  - id: dagbefolkning
    kind: indicator
    title: Sysselsatt dagbefolkning
    unit: antal
    measure: level
    aggregate: sum
    values: {2014: 100, 2020: 110}
    disaggregation:
      kön: {kvinnor: {2020: 50}, män: {2020: 60}}
    comparisons:
      riket-median: {title: Medianen för riket, values: {2014: 0.0, 2020: 3.1}, source: SCB}
      EU: {2020: 60}
    target: {relative_to: riket-median, rule: growth-above, since: 2014, year: 2025}
    revisions:
      - {decided: 2022, relative_to: riket-median, rule: above, year: 2030, reason: Skärpt}
"""


def _problems(tmp_path: Path, nodes: str) -> list[tuple[int | None, int | None, str]]:
    path = tmp_path / "plan.yaml"
    path.write_text(HEAD + nodes, encoding="utf-8")
    with pytest.raises(il.ModelError) as error:
        il.load(path)
    assert all(problem.file == str(path) for problem in error.value.problems)
    return [(p.line, p.column, p.message) for p in error.value.problems]


def test_the_new_fields_load_as_written() -> None:
    model = il.loads(HEAD + GOOD)
    smf = model["smf-digital"]
    assert isinstance(smf, il.Indicator)
    assert smf.number == "1"  # a bare number in YAML is the plan's numbering, as text
    assert smf.target == il.Target(value=90, set_by="EU")
    assert smf.target.kind == "level"
    assert smf.target.year is None
    dag = model["dagbefolkning"]
    assert isinstance(dag, il.Indicator)
    assert dag.comparisons["riket-median"] == il.Comparison(
        title="Medianen för riket", values={2014: 0.0, 2020: 3.1}, source="SCB"
    )
    assert dag.comparisons["EU"] == il.Comparison(values={2020: 60})  # a bare series
    assert dag.disaggregation == {"kön": {"kvinnor": {2020: 50}, "män": {2020: 60}}}
    assert dag.current_target is dag.revisions[0]
    assert dag.current_target.rule == "above"


def test_components_are_composed_of_edges_with_their_weights() -> None:
    model = il.loads(HEAD + GOOD)
    edges = sorted(
        (u, v, data)
        for u, v, key, data in model.graph.edges(keys=True, data=True)
        if key == il.EdgeKind.COMPOSED_OF
    )
    assert edges == [
        ("desi", "desi-humankapital", {}),
        ("desi", "desi-konnektivitet", {"weight": 0.25}),
    ]


def test_a_component_is_never_an_unused_indicator() -> None:
    report = il.check(il.loads(HEAD + GOOD), select=["unused-indicator"], year=2021)
    # desi itself measures nothing; its parts are used by it.
    assert [finding.nodes for finding in report] == [
        ("dagbefolkning",),
        ("desi",),
        ("smf-digital",),
    ]


@pytest.mark.parametrize(
    ("nodes", "expected"),
    [
        pytest.param(
            "  - {id: i, kind: indicator, title: I, target: {relative_to: riket, rule: above}}\n",
            [
                (
                    4,
                    62,
                    "target.relative_to names 'riket', which is not one of the indicator's comparisons (it has none)",
                )
            ],
            id="relative_to names no comparison",
        ),
        pytest.param(
            "  - {id: i, kind: indicator, title: I, comparisons: {riket: {2020: 1}},\n"
            "     target: {value: 90, relative_to: riket, rule: above}}\n",
            [(5, 22, "target is relative to a comparison, so it has no value")],
            id="rule with value",
        ),
        pytest.param(
            "  - {id: i, kind: indicator, title: I, target: {value: 90, rule: above}}\n",
            [
                (4, 66, "target.rule needs relative_to, the comparison it compares with"),
                (4, 56, "target is relative to a comparison, so it has no value"),
            ],
            id="rule without relative_to",
        ),
        pytest.param(
            "  - {id: i, kind: indicator, title: I, comparisons: {riket: {2020: 1}},\n"
            "     target: {relative_to: riket, rule: above, since: 2014}}\n",
            [
                (
                    5,
                    55,
                    "target.since goes only with the rules growth-above and growth-below (got rule 'above')",
                )
            ],
            id="since on above",
        ),
        pytest.param(
            "  - {id: i, kind: indicator, title: I, comparisons: {riket: {2020: 1}},\n"
            "     target: {relative_to: riket, rule: growth-above}}\n",
            [(5, 41, "target.rule growth-above needs since, the year growth counts from")],
            id="growth without since",
        ),
        pytest.param(
            "  - {id: i, kind: indicator, title: I, target: {value: 90, since: 2014}}\n",
            [(4, 67, "target.since goes only with a relative target's growth rule")],
            id="since on a level",
        ),
        pytest.param(
            "  - {id: i, kind: indicator, title: I, target: {year: 2030}}\n",
            [(4, 48, "target needs a value (a level) or relative_to and rule")],
            id="level without value",
        ),
        pytest.param(
            "  - {id: i, kind: indicator, title: I, target: {value: 1},\n"
            "     revisions: [{decided: 2022, relative_to: x, rule: below}]}\n",
            [
                (
                    5,
                    47,
                    "revisions[0].relative_to names 'x', which is not one of the indicator's comparisons",
                )
            ],
            id="revision checked as a target",
        ),
        pytest.param(
            "  - {id: i, kind: indicator, title: I, unit: '%', aggregate: sum}\n",
            [(4, 62, "aggregate sum adds up shares (unit '%'): use mean, weighted-mean or none")],
            id="sum of a percentage",
        ),
        pytest.param(
            "  - {id: i, kind: indicator, title: I, disaggregation: {kön: {kvinnor: {tjugo: 1}}}}\n",
            [
                (
                    4,
                    73,
                    "disaggregation.kön.kvinnor has the key 'tjugo', which must be a year such as 2020",
                )
            ],
            id="breakdown key not a year",
        ),
        pytest.param(
            "  - {id: i, kind: indicator, title: I, components: [{id: j, weight: hög}]}\n"
            "  - {id: j, kind: indicator, title: J}\n",
            [(4, 69, "components[0].weight must be a finite number (got 'hög')")],
            id="weight not a number",
        ),
        pytest.param(
            "  - {id: i, kind: indicator, title: I, components: [mal]}\n"
            "  - {id: mal, kind: goal, title: Mål}\n",
            [(4, 53, "indicator 'i': components must name indicators, but 'mal' is a goal")],
            id="component not an indicator",
        ),
        pytest.param(
            "  - {id: i, kind: indicator, title: I, components: [ii]}\n",
            [(4, 53, "indicator 'i': components names 'ii', which is not defined")],
            id="component unknown",
        ),
        pytest.param(
            "  - {id: a, kind: indicator, title: A, components: [b]}\n"
            "  - {id: b, kind: indicator, title: B, components: [c]}\n"
            "  - {id: c, kind: indicator, title: C, components: [a]}\n",
            [(4, 52, "components form a cycle: a → b → c → a")],
            id="component cycle",
        ),
        pytest.param(
            "  - {id: a, kind: indicator, title: A, components: [a]}\n",
            [(4, 53, "indicator 'a': components names the indicator itself")],
            id="component itself",
        ),
        pytest.param(
            "  - {id: a, kind: indicator, title: A, measure: monthly}\n",
            [(4, 49, "measure must be 'level', 'cumulative' or 'incremental' (got 'monthly')")],
            id="unknown measure",
        ),
    ],
)
def test_bad_indicator_fields_are_located_errors(
    tmp_path: Path, nodes: str, expected: list[tuple[int, int, str]]
) -> None:
    found = sorted(_problems(tmp_path, nodes))
    assert len(found) == len(expected), found
    for (line, column, message), (want_line, want_column, words) in zip(
        found, sorted(expected), strict=True
    ):
        assert words in message
        assert (line, column) == (want_line, want_column), message


def test_a_cycle_of_components_is_an_error_in_python_too() -> None:
    with pytest.raises(il.ModelError, match="components form a cycle: a → b → a"):
        il.Model(
            [
                il.Indicator(id="a", title="A", components=["b"]),
                il.Indicator(id="b", title="B", components=[il.Component(id="a", weight=1)]),
            ],
            title="T",
        )


def test_the_json_schema_has_the_new_fields() -> None:
    schema = il.json_schema()
    indicator = schema["$defs"]["Indicator"]["properties"]
    assert {
        "number",
        "revisions",
        "disaggregation",
        "measure",
        "aggregate",
        "follow_up_every",
        "components",
    } <= set(indicator)
    assert set(schema["$defs"]["Target"]["properties"]) == {
        "value",
        "year",
        "relative_to",
        "rule",
        "since",
        "set_by",
    }
    assert schema["$defs"]["Target"]["properties"]["rule"]["anyOf"][0]["enum"] == [
        "above",
        "below",
        "growth-above",
        "growth-below",
    ]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_the_new_fields_survive_saving(fmt: str) -> None:
    model = il.loads(HEAD + GOOD)
    again = il.loads(il.dumps(model, format=fmt), format=fmt)  # type: ignore[arg-type]
    assert again == model
    assert sorted(again.graph.edges(keys=True, data=True)) == sorted(
        model.graph.edges(keys=True, data=True)
    )


def test_the_new_fields_survive_node_link_and_networkx() -> None:
    model = il.loads(HEAD + GOOD)
    assert il.from_node_link(il.to_node_link(model)) == model
    assert il.from_networkx(il.to_networkx(model)) == model
    edges = il.to_node_link(model)["edges"]
    assert {
        "source": "desi",
        "target": "desi-konnektivitet",
        "key": "composed_of",
        "weight": 0.25,
    } in edges


def _composite() -> il.Model:
    return il.loads(
        HEAD
        + GOOD
        + "  - {id: mal, kind: goal, title: Digital mognad, measured_by: [desi, smf-digital]}\n"
    )


def test_the_indicator_table_lists_components_under_their_index_and_the_new_columns() -> None:
    rows = il.table_rows(_composite(), kind="indicators")
    heading = [cell[0] for cell in rows[0]]
    assert heading[:2] == ["Nr", "Indikator"]
    assert heading[-3:] == ["Mål / jämfört med", "Uppdelning", "Mätning"]
    titles = [row[1][0] for row in rows[1:]]
    # Numbered first, then by id; each component right under its index.
    assert titles == [
        "Andel SMF med grundläggande digitaliseringsnivå",
        "Sysselsatt dagbefolkning",
        "DESI",
        "↳ Humankapital",
        "↳ Konnektivitet (vikt 0,25)",
    ]
    smf, dag = rows[1], rows[2]
    assert smf[0] == ["1"]
    assert smf[-3] == ["EU:s mål: 90 %"]
    assert dag[-3] == [
        "mål: över Medianen för riket (2030)",
        "ursprungligen mål: större ökning än Medianen för riket sedan 2014 (2025)",
        "ändrat 2022 till mål: över Medianen för riket (2030): Skärpt",
        "Medianen för riket: 0 st (2014), 3,1 st (2020) (SCB)",
        "EU: 60 st (2020)",
    ]
    assert dag[-2] == ["kön, kvinnor: 50 st (2020)", "kön, män: 60 st (2020)"]
    assert dag[-1] == ["mäts som: nivå", "mellan planer: summa"]


def test_diagrams_the_page_and_the_plan_matrix_show_an_index_with_its_components() -> None:
    model = _composite()
    source = il.render_chain(model).source
    assert "DESI\\n↳ Humankapital\\n↳ Konnektivitet (vikt 0,25)" in source
    assert "1. Andel SMF" in source
    assert "EU:s mål: 90 %" in source
    page = il.render_html(model).html
    # The index's tooltip lists its components (they are not drawn as nodes of their own).
    assert "Delindikatorer:\\n↳ Humankapital\\n↳ Konnektivitet (vikt 0,25)" in page
    matrix = il.table_rows(model, kind="plan")
    assert matrix[1][-1] == [
        "DESI",
        "↳ Humankapital",
        "↳ Konnektivitet (vikt 0,25)",
        "Andel SMF med grundläggande digitaliseringsnivå",
    ]


def test_the_cli_shows_the_target_owner_and_components(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(HEAD + GOOD, encoding="utf-8")
    assert main(["indicators", str(path), "--year", "2021", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[:1] == ["1."]
    assert "EU target: 90%" in lines[1]
    assert lines[4].strip().startswith("↳ desi-humankapital")
