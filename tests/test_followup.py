"""The follow-up calendar, the evaluation matrix and the queries over causal claims."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import insatslogik as il
from insatslogik.analyses.followup import HORIZON


def _plan(nodes: str, *, language: str = "sv") -> il.Model:
    """A plan from the YAML of its nodes (indented as list items at the left margin)."""
    head = f"insatslogik: 1\ntitle: Uppföljning\nlanguage: {language}\nnodes:\n"
    return il.loads(head + textwrap.indent(textwrap.dedent(nodes), "  "))


# A follow-up plan after Västra Götaland's (seed 000): a goal, its short- and long-term
# effects, an indicator, questions followed up each autumn from 2022, an evaluation in 2023.
VGR = """
- {id: vgr, kind: actor, title: Västra Götalandsregionen}
- {id: oxford, kind: actor, title: Oxford Research}
- id: naringsliv
  kind: goal
  title: Näringslivets digitala transformation ska öka
  measured_by: [moln]
- id: kort-smf
  kind: short_term_effect
  title: Fler SMF har tagit del av insatser
  contributes_to: [naringsliv]
- id: lang-smf
  kind: long_term_effect
  title: SMF är internationellt konkurrenskraftiga
  contributes_to: [naringsliv]
- id: moln
  kind: indicator
  title: Företag som köper molntjänster
  values: {2022: 60, 2024: 66}
- id: samordning
  kind: question
  title: Har kraftsamlingen bidragit till ökad samordning?
  about: [kort-smf]
  method: [intervju, dialog]
  source: Intervjuer med nyckelaktörer
  when: {from: 2022}
  season: höst
  responsible: vgr
  assessments:
    - {year: 2022, by: vgr, judgement: partly}
- id: molnfraga
  kind: question
  title: Köper fler företag molntjänster?
  about: [naringsliv]
  method: [statistik]
  when: [2022, 2023, 2024]
- id: rus-utv
  kind: evaluation
  title: Utvärdering av RUS
  about: [naringsliv, lang-smf]
  performed_by: [oxford]
  responsible: [vgr]
  when: [2023]
"""


def test_the_calendar_lists_each_scheduled_year_with_its_state() -> None:
    calendar = il.follow_up(_plan(VGR), year=2024, horizon=1)
    assert [(item.node_id, item.year, item.state, item.done_by) for item in calendar] == [
        ("samordning", 2022, "done", ("vgr",)),
        ("molnfraga", 2022, "done", ("moln",)),
        ("samordning", 2023, "overdue", ()),
        ("molnfraga", 2023, "overdue", ()),
        ("rus-utv", 2023, "overdue", ()),
        ("samordning", 2024, "due", ()),
        ("molnfraga", 2024, "done", ("moln",)),
        ("samordning", 2025, "planned", ()),
    ]
    assert calendar.year == 2024


def test_an_indicator_value_counts_only_for_a_question_answered_with_statistics() -> None:
    plan = _plan(VGR.replace("method: [statistik]", "method: [enkät]"))
    states = {(i.node_id, i.year): i.state for i in il.follow_up(plan, year=2024)}
    assert states["molnfraga", 2022] == "overdue"
    assert states["molnfraga", 2024] == "due"


def test_an_evaluation_is_done_by_its_own_assessments_or_its_performers_on_what_it_is_about() -> (
    None
):
    by_itself = VGR.replace(
        "  contributes_to: [naringsliv]\n- id: lang-smf",
        "  contributes_to: [naringsliv]\n"
        "  assessments: [{year: 2023, by: rus-utv, judgement: achieved}]\n"
        "- id: lang-smf",
    )
    by_performer = VGR.replace(
        "  title: SMF är internationellt konkurrenskraftiga\n",
        "  title: SMF är internationellt konkurrenskraftiga\n"
        "  assessments: [{year: 2023, by: oxford, judgement: unclear}]\n",
    )
    by_another = by_performer.replace("by: oxford", "by: vgr")
    for text, done_by in ((by_itself, ("rus-utv",)), (by_performer, ("oxford",))):
        [item] = [i for i in il.follow_up(_plan(text), year=2024) if i.node_id == "rus-utv"]
        assert (item.state, item.done_by) == ("done", done_by)
    [item] = [i for i in il.follow_up(_plan(by_another), year=2024) if i.node_id == "rus-utv"]
    assert item.state == "overdue"


def test_the_calendar_stops_at_the_horizon_and_defaults_to_this_year() -> None:
    calendar = il.follow_up(_plan(VGR), year=2024)
    assert max(item.year for item in calendar) == 2024 + HORIZON
    assert il.follow_up(_plan(VGR)).year >= 2026


def test_the_calendar_groups_by_responsible_actor() -> None:
    groups = il.follow_up(_plan(VGR), year=2024, horizon=0).by_responsible()
    assert list(groups) == ["vgr", None]
    assert {item.node_id for item in groups["vgr"]} == {"samordning", "rus-utv"}
    assert {item.node_id for item in groups[None]} == {"molnfraga"}


def test_the_calendar_as_records_and_a_dataframe() -> None:
    calendar = il.follow_up(_plan(VGR), year=2024, horizon=0)
    records = calendar.to_records()
    assert records[0] == {
        "node_id": "samordning",
        "kind": "question",
        "year": 2022,
        "season": "höst",
        "responsible": ["vgr"],
        "state": "done",
        "done_by": ["vgr"],
        "title": "Har kraftsamlingen bidragit till ökad samordning?",
    }
    pytest.importorskip("pandas")
    frame = calendar.to_dataframe()
    assert list(frame["state"]) == [item.state for item in calendar]
    assert "<caption>Uppföljningskalender 2024</caption>" in calendar._repr_html_()


def test_the_evaluation_matrix_lists_the_questions_in_plan_order() -> None:
    rows = il.evaluation_matrix(_plan(VGR))
    assert [row.question for row in rows] == ["samordning", "molnfraga"]
    first = rows[0]
    assert (first.about, first.method, first.source, first.responsible, first.season) == (
        ("kort-smf",),
        ("intervju", "dialog"),
        "Intervjuer med nyckelaktörer",
        ("vgr",),
        "höst",
    )
    assert first.to_dict()["when"] == {"from": 2022, "every": 1}
    assert rows[1].to_dict()["when"] == [2022, 2023, 2024]


# --- The calendar lists every scheduled follow-up exactly once --------------------------------

_YEARS = st.integers(min_value=2015, max_value=2040)


@st.composite
def _whens(draw: st.DrawFn) -> dict[str, int] | list[int]:
    if draw(st.booleans()):
        return draw(st.lists(_YEARS, min_size=1, max_size=6))
    start = draw(_YEARS)
    schedule = {"from": start, "every": draw(st.integers(min_value=1, max_value=4))}
    if draw(st.booleans()):
        schedule["until"] = draw(st.integers(min_value=start, max_value=2045))
    return schedule


def _expected(when: dict[str, int] | list[int], last: int) -> set[int]:
    """The scheduled years up to `last`, worked out here without the library."""
    if isinstance(when, list):
        return {year for year in when if year <= last}
    end = min(when.get("until", last), last)
    return set(range(when["from"], end + 1, when["every"]))


@settings(max_examples=60, deadline=None)
@given(
    whens=st.lists(_whens(), min_size=1, max_size=5),
    assessed=st.lists(_YEARS, max_size=4),
    reference=st.integers(min_value=2018, max_value=2035),
    horizon=st.integers(min_value=0, max_value=6),
)
def test_every_scheduled_follow_up_is_listed_exactly_once(
    whens: list[dict[str, int] | list[int]], assessed: list[int], reference: int, horizon: int
) -> None:
    nodes: list[il.Node] = [il.Actor(id="vgr", title="VGR")]
    for number, when in enumerate(whens):
        kind = il.Question if number % 2 == 0 else il.Evaluation
        assessments = [{"year": y, "by": "vgr", "judgement": "partly"} for y in assessed]
        data = {"id": f"n{number}", "title": "Uppföljning", "when": when}
        if kind is il.Question:
            data |= {"method": ["enkät"], "assessments": assessments, "about": ["mal"]}
        nodes.append(kind.model_validate(data))
    # An evaluation is done by its own assessments, which here sit on the goal.
    evaluated = [
        {"year": y, "by": f"n{number}", "judgement": "partly"}
        for number in range(1, len(whens), 2)
        for y in assessed
    ]
    nodes.append(il.Goal.model_validate({"id": "mal", "title": "Mål", "assessments": evaluated}))
    calendar = il.follow_up(il.Model(nodes, title="T"), year=reference, horizon=horizon)

    pairs = [(item.node_id, item.year) for item in calendar]
    expected = {
        (f"n{number}", year)
        for number, when in enumerate(whens)
        for year in _expected(when, reference + horizon)
    }
    assert len(pairs) == len(set(pairs))
    assert set(pairs) == expected
    for item in calendar:
        if item.year in assessed:
            assert item.state == "done"
        elif item.year == reference:
            assert item.state == "due"
        else:
            assert item.state == ("overdue" if item.year < reference else "planned")
    assert [item.year for item in calendar] == sorted(item.year for item in calendar)


# --- Queries over causal claims -------------------------------------------------------------

CLAIMS = """
- {id: vgr, kind: actor, title: Västra Götalandsregionen}
- id: mal
  kind: goal
  title: Fler företag digitaliseras
  measured_by: [andel]
  assessments: [{year: 2024, by: vgr, judgement: partly, text: Halvvägs}]
- id: andel
  kind: indicator
  title: Andel digitaliserade SMF
  assessments: [{year: 2023, by: vgr, judgement: unclear}]
- id: kort
  kind: short_term_effect
  title: Fler SMF har tagit del av insatser
  contributes_to:
    - to: mal
      rationale: Deltagande höjer mognaden
      evidence: Tillväxtverket 2021
      assumptions: [vilja]
      assessments: [{year: 2023, by: vgr, judgement: achieved, evidence: Enkät}]
- id: akt
  kind: activity
  title: Rådgivning
  contributes_to: [{to: kort, rationale: Råd sänker tröskeln}]
- {id: annan, kind: activity, title: Mässa, contributes_to: [annat-mal]}
- {id: annat-mal, kind: goal, title: Annat, assessments: [{year: 2020, by: vgr, judgement: achieved}]}
- {id: vilja, kind: assumption, title: Företagen vill, status: untested}
- id: tid
  kind: assumption
  title: Företagen har tid
  status: fails
  about: [{from: akt, to: kort}]
- id: q
  kind: question
  title: Har fler SMF tagit steg?
  about: [andel]
  assessments: [{year: 2022, by: vgr, judgement: not-achieved}]
"""


def test_fragile_links_are_those_of_the_goal_s_chain_on_untested_or_failed_assumptions() -> None:
    links = il.fragile_links(_plan(CLAIMS), "mal")
    assert [(f.source, f.target, f.untested, f.failed) for f in links] == [
        ("akt", "kort", (), ("tid",)),
        ("kort", "mal", ("vilja",), ()),
    ]
    assert il.fragile_links(_plan(CLAIMS), "annat-mal") == []
    with pytest.raises(KeyError, match="no node with id 'okand'"):
        il.fragile_links(_plan(CLAIMS), "okand")


def test_unsupported_links_say_what_each_lacks() -> None:
    links = il.unsupported_links(_plan(CLAIMS))
    assert [(u.source, u.target, u.missing) for u in links] == [
        ("akt", "kort", ("evidence",)),
        ("annan", "annat-mal", ("rationale", "evidence")),
    ]


def test_assessments_of_a_chain_cover_its_nodes_links_indicators_and_questions_by_year() -> None:
    found = il.assessments_of_chain(_plan(CLAIMS), "mal")
    assert [(a.year, a.node, a.target, a.kind, a.judgement) for a in found] == [
        (2022, "q", None, "question", "not-achieved"),
        (2023, "kort", "mal", "short_term_effect", "achieved"),
        (2023, "andel", None, "indicator", "unclear"),
        (2024, "mal", None, "goal", "partly"),
    ]
    assert found[1].evidence == "Enkät"
    assert found[3].text == "Halvvägs"
