"""The follow-up findings: what cannot be evaluated, what is late, which assumptions fail."""

from __future__ import annotations

from pathlib import Path

import pytest

import insatslogik as il
from tests.test_followup import VGR, _plan

EXAMPLES = Path(__file__).parent.parent / "examples"

NO_FOLLOW_UP_PART = """
- {id: mal, kind: goal, title: Mål}
- {id: kort, kind: short_term_effect, title: Kort, contributes_to: [mal]}
- {id: lang, kind: long_term_effect, title: Lång, contributes_to: [mal]}
"""


def test_a_plan_without_a_follow_up_part_hears_only_unmeasured_goal() -> None:
    codes = il.check(_plan(NO_FOLLOW_UP_PART)).codes()
    assert "unmeasured-goal" in codes
    assert not {"unevaluable-goal", "no-follow-up"} & set(codes)


def test_one_question_makes_the_plan_s_unfollowed_goals_and_effects_findings() -> None:
    plan = _plan(
        NO_FOLLOW_UP_PART
        + "- {id: q, kind: question, title: Fråga, method: [enkät], about: [kort]}"
    )
    found = {(f.code.value, f.nodes) for f in il.check(plan)}
    assert ("unevaluable-goal", ("mal",)) in found
    assert ("no-follow-up", ("lang",)) in found
    assert ("no-follow-up", ("kort",)) not in found


def test_a_goal_an_evaluation_is_about_is_evaluable() -> None:
    evaluated = _plan(
        NO_FOLLOW_UP_PART
        + "- {id: utv, kind: evaluation, title: Utvärdering, about: [mal, kort, lang]}"
    )
    assert "unevaluable-goal" not in il.check(evaluated).codes()
    # The evaluation must name the goal itself: one about its effects does not judge it.
    beside = _plan(
        NO_FOLLOW_UP_PART + "- {id: utv, kind: evaluation, title: Utvärdering, about: [kort]}"
    )
    assert [f.nodes for f in il.check(beside, select=["unevaluable-goal"])] == [("mal",)]


def test_the_smart_industri_goal_is_evaluated_by_oxford_research() -> None:
    smart = il.load(EXAMPLES / "smart_industri" / "program.yaml")
    codes = il.check(smart, year=2026).codes()
    assert "unevaluable-goal" not in codes
    assert "unmeasured-goal" in codes


def test_outputs_and_outcomes_need_no_follow_up_of_their_own() -> None:
    plan = _plan(
        NO_FOLLOW_UP_PART
        + "- {id: utf, kind: outcome, title: Utfall, contributes_to: [kort]}\n"
        + "- {id: q, kind: question, title: Fråga, method: [enkät], about: [kort, lang, mal]}"
    )
    assert "no-follow-up" not in il.check(plan).codes()


def test_overdue_names_every_late_year_once_and_depends_on_the_reference_year() -> None:
    plan = _plan(VGR)
    overdue = il.check(plan, select=["overdue-follow-up"], year=2024, lang="en")
    assert sorted(f.nodes for f in overdue) == [("molnfraga",), ("rus-utv",), ("samordning",)]
    message = next(f.message for f in overdue if f.nodes == ("samordning",))
    assert "was to be followed up in 2023 but" in message
    assert len(il.check(plan, select=["overdue-follow-up"], year=2022)) == 0
    late = il.check(plan, select=["overdue-follow-up"], year=2026, lang="en")
    message = next(f.message for f in late if f.nodes == ("samordning",))
    assert "2023, 2024 and 2025" in message


ASSUMED = """
- {id: mal, kind: goal, title: Fler företag digitaliseras}
- {id: mal2, kind: goal, title: Hållbar tillväxt}
- id: kort
  kind: short_term_effect
  title: Fler SMF har tagit del av insatser
  contributes_to:
    - {to: mal, assumptions: [vilja, "Företagen har tid"]}
    - mal2
- {id: akt, kind: activity, title: Rådgivning, contributes_to: [kort]}
- {id: konj, kind: factor, title: Konjunkturen, influences: [kort]}
- id: vilja
  kind: assumption
  title: Företagen vill digitaliseras
"""


def test_an_untested_assumption_named_in_a_link_s_list_is_reported_with_its_goal() -> None:
    [finding] = il.check(_plan(ASSUMED), select=["untested-assumption"], lang="en")
    assert finding.nodes == ("vilja", "mal")
    assert finding.message.startswith("Assumption «Företagen vill digitaliseras» (vilja) is")


def test_an_untested_assumption_on_a_link_below_the_goals_is_not_reported() -> None:
    plan = _plan(
        ASSUMED.replace('{to: mal, assumptions: [vilja, "Företagen har tid"]}', "mal")
        + "  about: [{from: akt, to: kort}]\n"
    )
    assert len(il.check(plan, select=["untested-assumption"])) == 0


@pytest.mark.parametrize(
    ("about", "goals"),
    [
        ("[{from: akt, to: kort}]", ("mal", "mal2")),  # a link: the chain from its target up
        ("[mal2]", ("mal2",)),  # a node
        ("[konj]", ("mal", "mal2")),  # a factor: what it influences
    ],
)
def test_a_failed_assumption_names_the_goals_its_chain_reaches(
    about: str, goals: tuple[str, ...]
) -> None:
    plan = _plan(
        ASSUMED.replace('[vilja, "Företagen har tid"]', '["Företagen har tid"]')
        + f"  status: fails\n  about: {about}\n"
    )
    [finding] = il.check(plan, select=["failed-assumption"])
    assert finding.nodes == ("vilja", *goals)


def test_a_failed_assumption_named_by_a_link_reaches_the_link_s_target() -> None:
    [finding] = il.check(
        _plan(ASSUMED + "  status: fails\n"), select=["failed-assumption"], lang="en"
    )
    assert finding.nodes == ("vilja", "mal")
    assert "leads to goal «Fler företag digitaliseras» (mal)" in finding.message


def test_a_failed_assumption_that_reaches_no_goal_says_so() -> None:
    plan = _plan(
        "- {id: akt, kind: activity, title: Rådgivning}\n"
        "- {id: vilja, kind: assumption, title: Vill, status: fails, about: [akt]}\n"
    )
    [finding] = il.check(plan, select=["failed-assumption"], lang="en")
    assert finding.nodes == ("vilja",)
    assert "leads to no goal" in finding.message


def test_a_node_silences_a_follow_up_code() -> None:
    plan = _plan(ASSUMED + "  ignore: [untested-assumption]\n")
    assert len(il.check(plan, select=["untested-assumption"])) == 0
