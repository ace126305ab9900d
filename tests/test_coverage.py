"""Goal coverage and indicator status."""

from __future__ import annotations

import json

import pytest

import insatslogik as il

OBS = il.Observation


def _indicator(id_: str, **fields: object) -> il.Indicator:
    return il.Indicator(id=id_, title=id_, **fields)  # type: ignore[arg-type]


COMPLETE = {
    "source": "SCB",
    "baseline": OBS(year=2020, value=10),
    "target": OBS(year=2030, value=20),
}


@pytest.fixture
def model() -> il.Model:
    return il.Model(
        [
            il.Strategy(id="rus", title="RUS"),
            il.Substrategy(id="ris", title="RIS", part_of="rus"),
            il.Project(id="proj", title="Projekt", part_of="ris"),
            il.Activity(id="a1", title="A1", part_of="proj", contributes_to=["e1"]),
            il.Activity(id="a2", title="A2", contributes_to=["delmal"]),
            il.ShortTermEffect(id="e1", title="E1", contributes_to=["delmal"]),
            il.Goal(
                id="delmal",
                title="Delmål",
                part_of="ris",
                contributes_to=["huvudmal"],
                measured_by=["i1"],
            ),
            il.Goal(id="huvudmal", title="Huvudmål", part_of="rus", measured_by=["i2"]),
            il.Goal(id="ensam", title="Ensamt mål", part_of="ris"),
            _indicator("i1", **COMPLETE),
            _indicator("i2", source="SCB"),
        ],
        title="Täckning",
    )


def test_each_goal_lists_what_reaches_it_through_sub_goals_too(model: il.Model) -> None:
    coverage = {g.goal: g for g in il.goal_coverage(model).goals}
    assert coverage["delmal"].activities == ("a1", "a2")
    assert coverage["huvudmal"].activities == ("a1", "a2")
    assert coverage["delmal"].projects == ("proj",)
    assert coverage["ensam"].activities == ()


def test_status_needs_both_an_activity_and_a_complete_indicator(model: il.Model) -> None:
    status = {g.goal: g.status for g in il.goal_coverage(model).goals}
    assert status == {"delmal": "covered", "huvudmal": "partial", "ensam": "uncovered"}


def test_ratios_overall_and_per_strategy(model: il.Model) -> None:
    coverage = il.goal_coverage(model)
    assert coverage.ratio == pytest.approx(1 / 3)
    assert coverage.by_structure == {"ris": pytest.approx(1 / 2), "rus": pytest.approx(1 / 3)}


def test_coverage_renders_as_json_text_and_markdown(model: il.Model) -> None:
    coverage = il.goal_coverage(model)
    data = json.loads(coverage.to_json())
    assert data["format"] == "insatslogik-coverage"
    assert data["goals"][0]["activities"] == ["a1", "a2"]
    assert "covered goals: 33%" in coverage.to_text(lang="en")
    assert coverage.to_markdown(lang="en").startswith("| goal | status |")
    assert "<table>" in coverage._repr_html_()


def test_coverage_text_speaks_the_plan_s_language(model: il.Model) -> None:
    """A Swedish plan's coverage reads in Swedish; the JSON keeps its status codes."""
    coverage = il.goal_coverage(model)
    assert coverage.lang == "sv"
    assert coverage.to_text() == (
        "täckt        delmal: 2 aktiviteter, 1 projekt, indikatorer: i1\n"
        "ej täckt     ensam: 0 aktiviteter, 0 projekt, indikatorer: -\n"
        "delvis täckt huvudmal: 2 aktiviteter, 1 projekt, indikatorer: i2\n"
        "täckta mål: 33 %\n"
        "  ris: 50 %\n"
        "  rus: 33 %\n"
    )
    assert coverage.to_markdown().splitlines()[::2] == [
        "| mål | status | aktiviteter | projekt | indikatorer |",
        "| Delmål (`delmal`) | täckt | 2 | 1 | i1 |",
        "| Huvudmål (`huvudmal`) | delvis täckt | 2 | 1 | i2 |",
        "Täckta mål: 33 %",
    ]
    assert "<caption>Täckta mål: 33 %</caption>" in coverage._repr_html_()
    assert [goal["status"] for goal in json.loads(coverage.to_json())["goals"]] == [
        "covered",
        "uncovered",
        "partial",
    ]


def test_coverage_of_an_english_plan_reads_in_english(model: il.Model) -> None:
    english = il.Model(list(model), title=model.title, language="en")
    coverage = il.goal_coverage(english)
    assert coverage.lang == "en"
    assert coverage.to_text().splitlines()[:2] == [
        "covered   delmal: 2 activities, 1 project, indicators: i1",
        "uncovered ensam: 0 activities, 0 projects, indicators: -",
    ]
    assert coverage.to_text(lang="sv") == il.goal_coverage(model).to_text()


def test_a_plan_without_goals_says_so_in_its_language() -> None:
    assert il.goal_coverage(il.Model([], title="T")).to_text() == "täckta mål: inga mål\n"
    english = il.goal_coverage(il.Model([], title="T", language="en"))
    assert english.to_text() == "covered goals: no goals\n"


def test_a_cycle_among_goals_shares_its_activities() -> None:
    model = il.Model(
        [
            il.Activity(id="a", title="A", contributes_to=["g1"]),
            il.Goal(id="g1", title="G1", contributes_to=["g2"]),
            il.Goal(id="g2", title="G2", contributes_to=["g1"]),
        ],
        title="Cirkel",
    )
    assert [g.activities for g in il.goal_coverage(model).goals] == [("a",), ("a",)]


def test_no_goals_gives_no_ratio() -> None:
    assert il.goal_coverage(il.Model([], title="Tom")).ratio is None


@pytest.mark.parametrize(
    ("fields", "status", "progress"),
    [
        ({}, "no-data", None),
        ({"values": {2021: 5}}, "no-target", None),
        ({"baseline": OBS(year=2020, value=10)}, "no-target", None),
        ({**COMPLETE, "values": {2025: 20}}, "achieved", 1.0),
        ({**COMPLETE, "values": {2025: 16}}, "on-track", 0.6),
        ({**COMPLETE, "values": {2025: 15}}, "on-track", 0.5),
        ({**COMPLETE, "values": {2025: 14}}, "off-track", 0.4),
        ({**COMPLETE, "values": {2025: 8}}, "off-track", -0.2),
        # A target below the baseline: lower is better.
        (
            {
                "baseline": OBS(year=2020, value=20),
                "target": OBS(year=2030, value=10),
                "values": {2025: 14},
            },
            "on-track",
            0.6,
        ),
        (
            {
                "baseline": OBS(year=2020, value=20),
                "target": OBS(year=2030, value=10),
                "values": {2025: 16},
            },
            "off-track",
            0.4,
        ),
        (
            {
                "baseline": OBS(year=2020, value=20),
                "target": OBS(year=2030, value=10),
                "values": {2031: 9},
            },
            "achieved",
            1.1,
        ),
        # No baseline: the first value starts the line.
        ({"target": OBS(year=2030, value=20), "values": {2020: 10, 2025: 16}}, "on-track", 0.6),
        # Past the target year and short of it.
        ({**COMPLETE, "values": {2032: 19}}, "off-track", 0.9),
    ],
)
def test_indicator_status(fields: dict[str, object], status: str, progress: float | None) -> None:
    model = il.Model([_indicator("i", **fields)], title="T")
    [result] = il.indicator_status(model)
    assert result.status == status
    assert result.progress == (None if progress is None else pytest.approx(progress))


def test_latest_value_is_of_the_latest_year() -> None:
    model = il.Model([_indicator("i", **COMPLETE, values={2022: 12, 2021: 11})], title="T")
    [result] = il.indicator_status(model)
    assert (result.latest_year, result.latest_value) == (2022, 12.0)
