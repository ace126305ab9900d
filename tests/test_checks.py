"""Every finding code: a minimal model that triggers it and a near-identical one that does not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import insatslogik as il
from insatslogik import Code

Nodes = list[il.Node]


def _model(nodes: Nodes) -> il.Model:
    return il.Model(nodes, title="Test")


def _codes(nodes: Nodes, code: Code) -> list[tuple[str, ...]]:
    return [finding.nodes for finding in il.check(_model(nodes), select=[code])]


def _base() -> Nodes:
    """A complete, clean chain: every check passes on it."""
    return [
        il.Strategy(id="rus", title="RUS"),
        il.Project(id="proj", title="Projekt", part_of="rus", performed_by=["aktor"]),
        il.Resource(id="res", title="Medel", contributes_to=["akt"]),
        il.Activity(id="akt", title="Aktivitet", part_of="proj", contributes_to=["pres"]),
        il.Output(id="pres", title="Prestation", contributes_to=["utf"]),
        il.Outcome(id="utf", title="Utfall", contributes_to=["kort"]),
        il.ShortTermEffect(id="kort", title="Kort", contributes_to=["lang"]),
        il.LongTermEffect(id="lang", title="Lång", contributes_to=["mal"]),
        il.Goal(id="mal", title="Mål", part_of="rus", measured_by=["ind"]),
        il.Indicator(
            id="ind",
            title="Andel",
            source="SCB",
            baseline=il.Observation(year=2020, value=1),
            target=il.Target(year=2030, value=2),
            # Followed up and achieved: neither not-followed-up nor stale in any year.
            values={2022: 2},
        ),
        il.Actor(id="aktor", title="Aktör"),
    ]


def _replace(nodes: Nodes, *new: il.Node) -> Nodes:
    by_id = {node.id: node for node in nodes}
    by_id.update({node.id: node for node in new})
    return list(by_id.values())


def _followed(
    *,
    about: list[str] | None = None,
    method: list[str] | None = None,
    when: list[int] | None = None,
    assessments: list[il.Assessment] | None = None,
) -> Nodes:
    """The base chain with a follow-up question about its goal and effects."""
    question = il.Question.model_validate(
        {
            "id": "q",
            "title": "Har effekterna uppnåtts?",
            "about": ["mal", "kort", "lang"] if about is None else about,
            "method": ["intervju"] if method is None else method,
            "when": when,
            "responsible": ["aktor"],
            "assessments": assessments or [],
        }
    )
    return [*_base(), question]


def _assumption(source: str, target: str, status: str) -> il.Assumption:
    return il.Assumption.model_validate(
        {
            "id": "ant",
            "title": "Antagande",
            "status": status,
            "about": [{"from": source, "to": target}],
        }
    )


def test_the_base_model_is_clean() -> None:
    assert list(il.check(_model(_base()))) == []


CASES: list[tuple[Code, Callable[[], Nodes], Callable[[], Nodes], tuple[str, ...]]] = [
    (
        Code.CYCLE,
        lambda: _replace(
            _base(),
            il.Goal(
                id="mal", title="Mål", part_of="rus", measured_by=["ind"], contributes_to=["mal2"]
            ),
            il.Goal(id="mal2", title="Mål 2", contributes_to=["mal"], measured_by=["ind"]),
        ),
        lambda: _replace(
            _base(),
            il.Goal(
                id="mal", title="Mål", part_of="rus", measured_by=["ind"], contributes_to=["mal2"]
            ),
            il.Goal(id="mal2", title="Mål 2", measured_by=["ind"]),
        ),
        ("mal", "mal2"),
    ),
    (
        Code.BACKWARD_LINK,
        lambda: _replace(
            _base(), il.ShortTermEffect(id="kort", title="Kort", contributes_to=["lang", "pres"])
        ),
        lambda: _replace(
            _base(), il.ShortTermEffect(id="kort", title="Kort", contributes_to=["lang"])
        ),
        ("kort", "pres"),
    ),
    (
        Code.ORPHAN_ACTIVITY,
        lambda: _replace(_base(), il.Activity(id="akt2", title="Ensam", part_of="proj")),
        lambda: _replace(
            _base(), il.Activity(id="akt2", title="Ensam", part_of="proj", contributes_to=["pres"])
        ),
        ("akt2",),
    ),
    (
        Code.DEAD_END,
        lambda: _replace(
            _base(),
            il.Output(id="pres2", title="Återvändsgränd"),
            il.Activity(id="akt", title="A", part_of="proj", contributes_to=["pres", "pres2"]),
        ),
        lambda: _replace(
            _base(),
            il.Output(id="pres2", title="Leder vidare", contributes_to=["utf"]),
            il.Activity(id="akt", title="A", part_of="proj", contributes_to=["pres", "pres2"]),
        ),
        ("pres2",),
    ),
    (
        Code.UNSUPPORTED,
        lambda: _replace(
            _base(), il.Outcome(id="utf2", title="Utan stöd", contributes_to=["kort"])
        ),
        lambda: _replace(
            _base(),
            il.Outcome(id="utf2", title="Med stöd", contributes_to=["kort"]),
            il.Output(id="pres", title="P", contributes_to=["utf", "utf2"]),
        ),
        ("utf2",),
    ),
    (
        Code.SKIPPED_LEVEL,
        lambda: _replace(
            _base(),
            il.Activity(id="akt", title="A", part_of="proj", contributes_to=["pres", "lang"]),
        ),
        lambda: _replace(
            _base(), il.Activity(id="akt", title="A", part_of="proj", contributes_to=["pres"])
        ),
        ("akt", "lang"),
    ),
    (
        Code.UNCOVERED_GOAL,
        lambda: _replace(
            _base(), il.Goal(id="mal2", title="Ingen når mig", part_of="rus", measured_by=["ind"])
        ),
        lambda: _replace(
            _base(),
            il.Goal(id="mal2", title="Nås via delmål", part_of="rus", measured_by=["ind"]),
            il.Goal(
                id="mal",
                title="Delmål",
                part_of="rus",
                measured_by=["ind"],
                contributes_to=["mal2"],
            ),
        ),
        ("mal2",),
    ),
    (
        Code.UNMEASURED_GOAL,
        lambda: _replace(
            _base(),
            il.Goal(id="mal", title="Mål", part_of="rus"),
            il.Indicator(
                id="ind",
                title="I",
                source="S",
                baseline=il.Observation(year=2020, value=1),
                target=il.Observation(year=2030, value=2),
            ),
        ),
        _base,
        ("mal",),
    ),
    (
        Code.INCOMPLETE_INDICATOR,
        lambda: _replace(
            _base(),
            il.Indicator(
                id="ind", title="Andel", source="SCB", baseline=il.Observation(year=2020, value=1)
            ),
        ),
        _base,
        ("ind",),
    ),
    (
        Code.UNUSED_INDICATOR,
        lambda: _replace(
            _base(),
            il.Indicator(
                id="ind2",
                title="Ingen använder mig",
                source="SCB",
                baseline=il.Observation(year=2020, value=1),
                target=il.Observation(year=2030, value=2),
            ),
        ),
        lambda: _replace(
            _base(),
            il.Indicator(
                id="ind2",
                title="Används",
                source="SCB",
                baseline=il.Observation(year=2020, value=1),
                target=il.Observation(year=2030, value=2),
            ),
            il.Goal(id="mal", title="Mål", part_of="rus", measured_by=["ind", "ind2"]),
        ),
        ("ind2",),
    ),
    (
        Code.NOT_FOLLOWED_UP,
        lambda: _replace(
            _base(),
            il.Indicator(
                id="ind",
                title="Andel",
                source="SCB",
                baseline=il.Observation(year=2020, value=1),
                values={2019: 0.5, 2020: 1},
                target=il.Target(value=2, set_by="EU"),
            ),
        ),
        _base,
        ("ind",),
    ),
    (
        Code.STALE_INDICATOR,
        # Measured in 1990 and not yet at the target: stale whatever year the tests run in.
        lambda: _replace(
            _base(),
            il.Indicator(
                id="ind",
                title="Andel",
                source="SCB",
                baseline=il.Observation(year=1988, value=1),
                target=il.Target(year=2030, value=2),
                values={1990: 1.5},
            ),
        ),
        _base,
        ("ind",),
    ),
    (
        Code.UNMATCHED_BREAKDOWN,
        lambda: _replace(
            _base(),
            il.Indicator(
                id="ind",
                title="Andel",
                source="SCB",
                baseline=il.Observation(year=2020, value=1),
                target=il.Target(year=2030, value=2),
                values={2022: 2},
                disaggregation={"kön": {"kvinnor": {2022: 2, 2023: 3}}},
            ),
        ),
        _base,
        ("ind",),
    ),
    (
        Code.UNANCHORED_PROJECT,
        lambda: _replace(_base(), il.Project(id="proj", title="Projekt", performed_by=["aktor"])),
        _base,
        ("proj",),
    ),
    (
        Code.UNOWNED_ACTIVITY,
        lambda: _replace(
            _base(),
            il.Activity(id="akt", title="A", contributes_to=["pres"], performed_by=["aktor"]),
        ),
        _base,
        ("akt",),
    ),
    (
        Code.NO_ACTOR,
        lambda: _replace(_base(), il.Project(id="proj", title="Projekt", part_of="rus")),
        _base,
        ("akt",),
    ),
    (
        Code.UNEVALUABLE_GOAL,
        lambda: _replace(_followed(about=["kort", "lang"]), il.Goal(id="mal", title="Mål")),
        lambda: _replace(_followed(), il.Goal(id="mal", title="Mål")),
        ("mal",),
    ),
    (
        Code.NO_FOLLOW_UP,
        lambda: _followed(about=["mal", "kort"]),
        _followed,
        ("lang",),
    ),
    (
        Code.QUESTION_WITHOUT_METHOD,
        lambda: _followed(method=[]),
        _followed,
        ("q",),
    ),
    (
        Code.OVERDUE_FOLLOW_UP,
        lambda: _followed(when=[2020]),
        lambda: _followed(
            when=[2020], assessments=[il.Assessment(year=2020, by="aktor", judgement="partly")]
        ),
        ("q",),
    ),
    (
        Code.UNTESTED_ASSUMPTION,
        lambda: [*_base(), _assumption("lang", "mal", "untested")],
        lambda: [*_base(), _assumption("lang", "mal", "holds")],
        ("ant", "mal"),
    ),
    (
        Code.FAILED_ASSUMPTION,
        lambda: [*_base(), _assumption("kort", "lang", "fails")],
        lambda: [*_base(), _assumption("kort", "lang", "holds")],
        ("ant", "mal"),
    ),
]


def test_every_code_has_a_case() -> None:
    assert {case[0] for case in CASES} == set(il.CATALOGUE)


@pytest.mark.parametrize(
    ("code", "bad", "good", "nodes"), CASES, ids=[case[0].value for case in CASES]
)
def test_code_is_found_in_the_bad_model_only(
    code: Code, bad: Callable[[], Nodes], good: Callable[[], Nodes], nodes: tuple[str, ...]
) -> None:
    assert _codes(bad(), code) == [nodes]
    assert _codes(good(), code) == []


def test_unanchored_project_says_both_reasons() -> None:
    nodes = _replace(
        _base(),
        il.Project(id="proj", title="Projekt", performed_by=["aktor"]),
        il.Activity(id="akt", title="A", part_of="proj"),
    )
    [finding] = il.check(_model(nodes), select=["unanchored-project"])
    assert "part_of saknas" in finding.message
    assert "ingen aktivitet som leder till ett mål" in finding.message


def test_a_cycle_names_its_path_in_order() -> None:
    nodes = _replace(
        _base(),
        il.Outcome(id="b", title="B", contributes_to=["c"]),
        il.Outcome(id="c", title="C", contributes_to=["a"]),
        il.Outcome(id="a", title="A", contributes_to=["b", "kort"]),
        il.Output(id="pres", title="P", contributes_to=["utf", "a"]),
    )
    [finding] = il.check(_model(nodes), select=["cycle"])
    assert finding.nodes == ("a", "b", "c")
    assert "«A» (a) → utfallet «B» (b) → utfallet «C» (c) → utfallet «A» (a)" in finding.message


def test_skipped_level_counts_only_levels_the_plan_uses() -> None:
    # No outputs or outcomes in this plan: activity → short-term effect skips nothing.
    nodes = [
        il.Activity(id="akt", title="A", contributes_to=["kort"]),
        il.ShortTermEffect(id="kort", title="K", contributes_to=["mal"]),
        il.Goal(id="mal", title="M"),
    ]
    assert _codes(nodes, Code.SKIPPED_LEVEL) == []
    nodes[0] = il.Activity(id="akt", title="A", contributes_to=["kort", "mal"])
    assert _codes(nodes, Code.SKIPPED_LEVEL) == [("akt", "mal")]


def test_a_node_can_silence_a_code() -> None:
    nodes = _replace(
        _base(),
        il.Activity(
            id="akt",
            title="A",
            part_of="proj",
            contributes_to=["pres", "lang"],
            ignore=("skipped-level",),
        ),
    )
    assert _codes(nodes, Code.SKIPPED_LEVEL) == []


def test_check_selects_and_ignores_codes() -> None:
    nodes = _replace(_base(), il.Goal(id="mal", title="Mål", part_of="rus"))
    model = _model(nodes)
    assert il.check(model).codes() == ["unmeasured-goal", "unused-indicator"]
    assert il.check(model, ignore=["unused-indicator"]).codes() == ["unmeasured-goal"]
    assert il.check(model, select=["unused-indicator"]).codes() == ["unused-indicator"]
    with pytest.raises(ValueError, match="nope"):
        il.check(model, select=["nope"])


def test_messages_name_nodes_by_title_and_id_in_swedish_or_english() -> None:
    nodes = _replace(
        _base(),
        il.Goal(id="mal", title="Näringslivets digitala transformation ska öka", part_of="rus"),
    )
    [sv] = il.check(_model(nodes), select=["unmeasured-goal"])
    [en] = il.check(_model(nodes), select=["unmeasured-goal"], lang="en")
    assert sv.message.startswith(
        "Målet «Näringslivets digitala transformation ska öka» (mal) har ingen indikator"
    )
    assert en.message.startswith(
        "Goal «Näringslivets digitala transformation ska öka» (mal) has no indicator"
    )


def test_orphan_activities_and_missing_links() -> None:
    nodes = _replace(_base(), il.Activity(id="akt2", title="Ensam", part_of="proj"))
    model = _model(nodes)
    assert [node.id for node in il.orphan_activities(model)] == ["akt2"]
    assert il.missing_links(model).codes() == ["dead-end"]


def test_check_does_not_change_the_model() -> None:
    model = _model(_replace(_base(), il.Activity(id="akt2", title="Ensam")))
    before = il.dumps(model)
    il.check(model)
    il.goal_coverage(model)
    il.indicator_status(model)
    assert il.dumps(model) == before
