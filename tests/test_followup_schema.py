"""The follow-up and evaluation plan in the schema: its kinds, fields, references and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.i18n import (
    FOLLOW_UP_TERMS,
    assumption_status_name,
    judgement_name,
    kind_name,
    method_name,
    season_name,
    strength_name,
    term_name,
)
from insatslogik.kinds import ABOUT_TARGETS_OF, ALLOWED_SOURCES, EdgeKind, Kind
from insatslogik.model.schema import NODE_ADAPTER

HEAD = "insatslogik: 1\ntitle: Uppföljningsplan\nnodes:\n"

# A small plan with every follow-up kind: line numbers below refer to it.
PLAN = (
    HEAD
    + (
        "  - {id: mal, kind: goal, title: Näringslivet digitaliseras}\n"  # 4
        "  - id: akt\n"  # 5
        "    kind: activity\n"  # 6
        "    title: Rådgivning till SMF\n"  # 7
        "    contributes_to:\n"  # 8
        "      - to: mal\n"  # 9
        "        assumptions: [ant-1, Företagen vill växa]\n"  # 10
        "        assessments: [{year: 2023, by: region, judgement: partly}]\n"  # 11
        "  - {id: region, kind: actor, title: Västra Götalandsregionen}\n"  # 12
        "  - {id: oxford, kind: actor, title: Oxford Research}\n"  # 13
        "  - id: utv\n"  # 14
        "    kind: evaluation\n"  # 15
        "    title: Utvärdering av RUS\n"  # 16
        "    about: [mal]\n"  # 17
        "    performed_by: [oxford]\n"  # 18
        "    responsible: region\n"  # 19
        "    period: {start: 2021, end: 2023}\n"  # 20
        "    when: [2023]\n"  # 21
        "  - id: f1\n"  # 22
        "    kind: question\n"  # 23
        "    title: Har fler SMF tagit digitala steg?\n"  # 24
        "    about: [akt, mal]\n"  # 25
        "    method: [enkät, intervju]\n"  # 26
        "    when: {from: 2022, every: 1, until: 2030}\n"  # 27
        "    season: höst\n"  # 28
        "    responsible: [region]\n"  # 29
        "    assessments: [{year: 2023, by: utv, judgement: achieved, evidence: Enkät 2023}]\n"  # 30
        "  - id: ant-1\n"  # 31
        "    kind: assumption\n"  # 32
        "    title: Företagen efterfrågar stöd\n"  # 33
        "    status: holds\n"  # 34
        "    evidence: moderate\n"  # 35
        "  - id: ant-2\n"  # 36
        "    kind: assumption\n"  # 37
        "    title: Konjunkturen håller\n"  # 38
        "    about: [{from: akt, to: mal}]\n"  # 39
        "  - {id: rek, kind: recommendation, title: En gemensam förändringsteori, by: utv, about: [mal]}\n"  # 40
    )
)


def _problems(tmp_path: Path, text: str) -> list[tuple[int | None, int | None, str]]:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(il.ModelError) as error:
        il.load(path)
    assert all(problem.file == str(path) for problem in error.value.problems)
    return [(p.line, p.column, p.message) for p in error.value.problems]


def test_the_follow_up_kinds_are_off_the_chain_and_named_in_both_languages() -> None:
    names = {kind: (kind_name(kind, "sv"), kind_name(kind, "en")) for kind in Kind}
    assert names[Kind.QUESTION] == ("fråga", "question")
    assert names[Kind.EVALUATION] == ("utvärdering", "evaluation")
    assert names[Kind.ASSUMPTION] == ("antagande", "assumption")
    assert names[Kind.RECOMMENDATION] == ("rekommendation", "recommendation")
    follow_up = [Kind.QUESTION, Kind.EVALUATION, Kind.ASSUMPTION, Kind.RECOMMENDATION]
    assert list(Kind)[-4:] == follow_up
    assert all(kind.level is None for kind in follow_up)


def test_about_and_responsible_are_declared_by_the_follow_up_kinds_only() -> None:
    assert ALLOWED_SOURCES[EdgeKind.ABOUT] == {
        Kind.QUESTION,
        Kind.EVALUATION,
        Kind.ASSUMPTION,
        Kind.RECOMMENDATION,
    }
    assert ALLOWED_SOURCES[EdgeKind.RESPONSIBLE] == {Kind.QUESTION, Kind.EVALUATION}
    assert Kind.FACTOR in ABOUT_TARGETS_OF[Kind.ASSUMPTION]
    assert Kind.FACTOR not in ABOUT_TARGETS_OF[Kind.QUESTION]


@pytest.mark.parametrize(
    ("group", "code", "sv", "en"),
    [
        ("method", "enkät", "enkät", "survey"),
        ("method", "portföljanalys", "portföljanalys", "portfolio analysis"),
        ("season", "höst", "höst", "autumn"),
        ("judgement", "not-achieved", "inte uppnått", "not achieved"),
        ("assumption-status", "untested", "ej prövat", "untested"),
        ("strength", "none", "inget stöd", "none"),
    ],
)
def test_follow_up_terms_are_shown_in_swedish_and_english(
    group: str, code: str, sv: str, en: str
) -> None:
    assert (term_name(group, code, "sv"), term_name(group, code, "en")) == (sv, en)


def test_every_code_the_schema_takes_has_words() -> None:
    # The schema's literals and the i18n lists are one set of codes.
    schema = il.json_schema()["$defs"]
    assert (
        list(FOLLOW_UP_TERMS["method"])
        == schema["Question"]["properties"]["method"]["items"]["enum"]
    )
    for code in FOLLOW_UP_TERMS["method"]:
        assert method_name(code, "en")
    for code in FOLLOW_UP_TERMS["season"]:
        assert season_name(code, "en") != code
    for code in FOLLOW_UP_TERMS["judgement"]:
        assert judgement_name(code, "sv")
    for code in FOLLOW_UP_TERMS["assumption-status"]:
        assert assumption_status_name(code, "sv")
    for code in FOLLOW_UP_TERMS["strength"]:
        assert strength_name(code, "sv")


def test_a_plan_with_every_follow_up_kind_loads_with_its_links() -> None:
    model = il.loads(PLAN)
    edges = set(model.graph.edges(keys=True))
    assert {
        ("utv", "mal", "about"),
        ("utv", "oxford", "performed_by"),
        ("utv", "region", "responsible"),
        ("f1", "akt", "about"),
        ("f1", "mal", "about"),
        ("f1", "region", "responsible"),
        ("rek", "mal", "about"),
    } <= edges
    # An assumption about a link, an assessment's and a recommendation's `by` are no edges.
    assert not {(u, v) for u, v, _ in edges} & {("ant-2", "akt"), ("rek", "utv"), ("f1", "utv")}
    question = model["f1"]
    assert isinstance(question, il.Question)
    assert question.when == il.Schedule(start=2022, every=1, until=2030)
    assert question.assessments[0].evidence == "Enkät 2023"
    evaluation = model["utv"]
    assert isinstance(evaluation, il.Evaluation)
    assert evaluation.responsible == ("region",)
    assert evaluation.period == il.Period(start=2021, end=2023)


def test_a_link_names_its_assumptions_from_either_side() -> None:
    model = il.loads(PLAN)
    assert model.link_assumptions("akt", "mal") == ("ant-1", "ant-2")
    link = model["akt"].contributes_to[0]  # type: ignore[union-attr]
    assert link.assumptions == ("ant-1", "Företagen vill växa")
    assert link.assumption_ids == ("ant-1",)
    assert model.link_assumptions("mal", "akt") == ()
    with pytest.raises(KeyError, match="no node with id 'nowhere'"):
        model.link_assumptions("akt", "nowhere")


def test_a_links_assumptions_stay_free_text_when_written_as_text() -> None:
    link = il.Link(to="mal", assumptions="ant-1")
    assert link.assumption_ids == ()


def test_an_id_shaped_text_in_a_links_list_is_told_how_to_stay_text(tmp_path: Path) -> None:
    plan = PLAN.replace("[ant-1, Företagen vill växa]", "[ant-1, 5G-utbyggnad]")
    [(line, column, message)] = _problems(tmp_path, plan)
    assert (line, column) == (10, 30)
    assert message == (
        "activity 'akt': the link to 'mal' names no assumption '5G-utbyggnad'; an item shaped "
        "like an id names an assumption: to keep it as text, write a sentence, or the "
        'assumptions as one string (assumptions: "5G-utbyggnad")'
    )
    # Either way out loads, and the text stays text.
    sentence = il.loads(PLAN.replace("Företagen vill växa]", "Utbyggnaden av 5G fortsätter]"))
    link = sentence["akt"].contributes_to[0]  # type: ignore[union-attr]
    assert link.assumption_ids == ("ant-1",)
    one_string = il.loads(PLAN.replace("[ant-1, Företagen vill växa]", '"5G-utbyggnad"'))
    link = one_string["akt"].contributes_to[0]  # type: ignore[union-attr]
    assert (link.assumptions, link.assumption_ids) == ("5G-utbyggnad", ())


def test_a_did_you_mean_hint_comes_before_the_advice_on_text() -> None:
    with pytest.raises(il.ModelError) as error:
        il.loads(PLAN.replace("[ant-1, Företagen vill växa]", "[ant-3]"))
    [problem] = error.value.problems
    assert problem.message.startswith(
        "activity 'akt': the link to 'mal' names no assumption 'ant-3' (did you mean 'ant-2'?); "
        "an item shaped like an id"
    )


def test_the_follow_up_plan_survives_dumps_and_loads() -> None:
    model = il.loads(PLAN)
    text = il.dumps(model)
    assert "from: akt" in text
    assert "status: holds" in text
    assert il.loads(text) == model
    assert il.loads(il.dumps(model, format="json"), format="json") == model


def test_responsible_may_be_one_id_or_a_list() -> None:
    one = NODE_ADAPTER.validate_python(
        {"id": "f", "kind": "question", "title": "F?", "responsible": "region"}
    )
    many = NODE_ADAPTER.validate_python(
        {"id": "f", "kind": "question", "title": "F?", "responsible": ["region"]}
    )
    assert one == many


def test_an_assumption_lists_the_nodes_it_is_about_before_the_links() -> None:
    assumption = il.Assumption(id="a", title="A", about=[il.LinkRef(source="x", target="y"), "mal"])
    assert assumption.about == ("mal", il.LinkRef(source="x", target="y"))
    assert assumption.about_links == (il.LinkRef(source="x", target="y"),)


def test_an_assumption_status_is_untested_unless_said() -> None:
    assert il.Assumption(id="a", title="A").status == "untested"


@pytest.mark.parametrize(
    ("when", "until", "years"),
    [
        ((2024, 2022, 2024), 2030, (2022, 2024)),
        ((2022, 2031), 2030, (2022,)),
        (il.Schedule(start=2022, every=2, until=2027), 2030, (2022, 2024, 2026)),
        (il.Schedule(start=2022, every=3), 2030, (2022, 2025, 2028)),
        (il.Schedule(start=2022, until=2030), 2024, (2022, 2023, 2024)),
        (il.Schedule(start=2031), 2030, ()),
        (None, 2030, ()),
    ],
)
def test_scheduled_years_stop_at_until(
    when: il.Schedule | tuple[int, ...] | None, until: int, years: tuple[int, ...]
) -> None:
    assert il.scheduled_years(when, until=until) == years


# (what is wrong, the text replaced in PLAN, its replacement, (line, column, message))
BAD_VALUES = [
    (
        "unknown method",
        "method: [enkät, intervju]",
        "method: [enkät, intervjuer]",
        (26, 21, "question 'f1': method[1] must be 'intervju', 'enkät', 'dialog', 'fokusgrupp', "),
    ),
    (
        "unknown season",
        "season: höst",
        "season: autumn",
        (
            28,
            13,
            "question 'f1': season must be 'vår', 'sommar', 'höst' or 'vinter' (got 'autumn')",
        ),
    ),
    (
        "unknown judgement",
        "judgement: achieved,",
        "judgement: done,",
        (30, 52, "question 'f1': assessments[0].judgement must be 'achieved', 'partly', "),
    ),
    (
        "unknown status",
        "status: holds",
        "status: tested",
        (
            34,
            13,
            "assumption 'ant-1': status must be 'untested', 'holds' or 'fails' (got 'tested')",
        ),
    ),
    (
        "unknown strength",
        "evidence: moderate",
        "evidence: medium",
        (35, 15, "assumption 'ant-1': evidence must be 'strong', 'moderate', 'weak' or 'none'"),
    ),
    (
        "schedule ending before it starts",
        "until: 2030}",
        "until: 2020}",
        (
            27,
            11,
            "question 'f1': until must be no earlier than from (got from 2022, until 2020)",
        ),
    ),
    (
        "schedule every zero years",
        "every: 1,",
        "every: 0,",
        (27, 31, "question 'f1': when.every must be at least 1 (got 0 (a number))"),
    ),
    (
        "schedule without a start",
        "{from: 2022, every: 1, until: 2030}",
        "{every: 1, until: 2030}",
        (27, 11, "question 'f1': when.from is required"),
    ),
    (
        "empty list of years",
        "when: [2023]",
        "when: []",
        (21, 11, "evaluation 'utv': when must list at least 1 item (got a list of 0 items)"),
    ),
    (
        "assessment by a goal",
        "by: utv, judgement: achieved",
        "by: mal, judgement: achieved",
        (
            30,
            36,
            "question 'f1': an assessment's by must name an actor or evaluation, but 'mal' is a goal",
        ),
    ),
    (
        "assessment by nobody known",
        "by: region, judgement: partly",
        "by: regoin, judgement: partly",
        (
            11,
            40,
            "activity 'akt': an assessment of the link to 'mal': by names 'regoin', which is not "
            "defined (did you mean 'region'?)",
        ),
    ),
    (
        "assessment without a judgement",
        ", judgement: partly}]",
        "}]",
        (11, 23, "activity 'akt': contributes_to[0].assessments[0].judgement is required"),
    ),
    (
        "unknown assumption id in a link list",
        "assumptions: [ant-1,",
        "assumptions: [ant-3,",
        (10, 23, "activity 'akt': the link to 'mal' names no assumption 'ant-3'"),
    ),
    (
        "link list naming a goal as an assumption",
        "assumptions: [ant-1,",
        "assumptions: [mal,",
        (
            10,
            23,
            "activity 'akt': the link to 'mal' names 'mal' among its assumptions, but it is a goal, "
            "not an assumption",
        ),
    ),
    (
        "assumption about a link that does not exist",
        "about: [{from: akt, to: mal}]",
        "about: [{from: mal, to: akt}]",
        (
            39,
            13,
            "assumption 'ant-2': about names the link from 'mal' to 'akt', but 'mal' has no "
            "contributes_to link to 'akt'",
        ),
    ),
    (
        "assumption about a link from an unknown node",
        "about: [{from: akt, to: mal}]",
        "about: [{from: akt2, to: mal}]",
        (
            39,
            13,
            "assumption 'ant-2': about names the link from 'akt2' to 'mal', but 'akt2' is not "
            "defined",
        ),
    ),
    (
        "assumption about a link without its end",
        "about: [{from: akt, to: mal}]",
        "about: [{from: akt}]",
        (39, 13, "assumption 'ant-2': about[0]"),
    ),
    (
        "recommendation by an actor",
        "by: utv, about: [mal]}",
        "by: region, about: [mal]}",
        (
            40,
            78,
            "recommendation 'rek': by must name an evaluation, but 'region' is an actor",
        ),
    ),
    (
        "recommendation by nobody",
        "by: utv, about: [mal]}",
        "about: [mal]}",
        (40, 5, "recommendation 'rek': by is required"),
    ),
    (
        "question about an actor",
        "about: [akt, mal]",
        "about: [akt, region]",
        (25, 18, "question 'f1': about must name an activity, goal, indicator"),
    ),
    (
        "responsible naming a goal",
        "responsible: [region]",
        "responsible: [mal]",
        (29, 19, "question 'f1': responsible must name an actor, but 'mal' is a goal"),
    ),
    (
        "evaluation performed by an unknown actor",
        "performed_by: [oxford]",
        "performed_by: [oxfrod]",
        (18, 20, "evaluation 'utv': performed_by names 'oxfrod', which is not defined"),
    ),
    (
        "question with an evaluation's field",
        "    season: höst\n",
        "    season: höst\n    scope: RUS\n",
        (29, 5, "question 'f1': unknown key 'scope'"),
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [case[1:] for case in BAD_VALUES],
    ids=[case[0] for case in BAD_VALUES],
)
def test_a_bad_follow_up_value_is_located_and_named(
    tmp_path: Path, old: str, new: str, expected: tuple[int, int, str]
) -> None:
    assert PLAN.count(old) == 1
    problems = _problems(tmp_path, PLAN.replace(old, new))
    line, column, message = expected
    assert [(p_line, p_column) for p_line, p_column, _ in problems] == [(line, column)], problems
    assert problems[0][2].startswith(message), problems[0][2]


def test_an_assumption_may_be_about_a_factor_but_a_question_may_not(tmp_path: Path) -> None:
    factor = "  - {id: konj, kind: factor, title: Konjunkturen}\n"
    about_factor = (
        PLAN
        + factor
        + ("  - {id: ant-3, kind: assumption, title: Konjunkturen vänder, about: [konj]}\n")
    )
    assert "konj" in il.loads(about_factor)
    asked = PLAN + factor + "  - {id: f2, kind: question, title: Hur?, about: [konj]}\n"
    [(line, _, message)] = _problems(tmp_path, asked)
    assert line == 42
    assert message.startswith("question 'f2': about must name")
    assert "but 'konj' is a factor" in message


def test_references_in_python_are_errors_with_their_paths() -> None:
    with pytest.raises(il.ModelError) as error:
        il.Model(
            [
                il.Goal(
                    id="mal",
                    title="Mål",
                    assessments=[il.Assessment(year=2023, by="ingen", judgement="unclear")],
                ),
                il.Recommendation(id="rek", title="Rek", by="mal"),
            ],
            title="T",
        )
    assert sorted(problem.message for problem in error.value.problems) == [
        "nodes[0].assessments[0].by: goal 'mal': an assessment's by names 'ingen', which is not "
        "defined",
        "nodes[1].by: recommendation 'rek': by must name an evaluation, but 'mal' is a goal",
    ]


def test_the_json_schema_takes_the_follow_up_plan_and_refuses_a_bad_method() -> None:
    import jsonschema
    import yaml

    schema = il.json_schema()
    data = yaml.safe_load(PLAN)
    jsonschema.validate(data, schema)
    assert set(schema["$defs"]) >= {"Question", "Evaluation", "Assumption", "Recommendation"}
    assert schema["$defs"]["Schedule"]["required"] == ["from"]
    assert schema["$defs"]["LinkRef"]["required"] == ["from", "to"]
    data["nodes"][5]["method"] = ["enkäter"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_node_link_data_and_networkx_graphs_keep_the_follow_up_plan() -> None:
    model = il.loads(PLAN)
    data = il.to_node_link(model)
    [assumption] = [node for node in data["nodes"] if node["id"] == "ant-2"]
    assert assumption["fields"]["about"] == [{"from": "akt", "to": "mal"}]
    [link] = [edge for edge in data["edges"] if edge["key"] == "contributes_to"]
    assert link["assumptions"] == ["ant-1", "Företagen vill växa"]
    assert link["assessments"] == [{"year": 2023, "by": "region", "judgement": "partly"}]
    assert il.from_node_link(data) == model
    assert il.from_networkx(il.to_networkx(model)) == model


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "when: {from: 2022,",
            "when: {start: 2022,",
            [
                (27, 11, "question 'f1': when.from is required"),
                (27, 12, "question 'f1': unknown key 'start' (did you mean 'from'?)"),
            ],
        ),
        (
            "about: [{from: akt, to: mal}]",
            "about: [{source: akt, target: mal}]",
            [
                (39, 13, "assumption 'ant-2': about[0].from is required"),
                (39, 13, "assumption 'ant-2': about[0].to is required"),
                (39, 14, "assumption 'ant-2': unknown key 'source' (did you mean 'from'?)"),
                (39, 27, "assumption 'ant-2': unknown key 'target' (did you mean 'to'?)"),
            ],
        ),
    ],
    ids=["schedule start", "link source and target"],
)
def test_files_name_from_and_to_only_as_the_format_does(
    tmp_path: Path, old: str, new: str, expected: list[tuple[int, int, str]]
) -> None:
    assert PLAN.count(old) == 1
    assert sorted(_problems(tmp_path, PLAN.replace(old, new))) == expected


def test_node_link_data_names_from_and_to_only_as_the_format_does() -> None:
    data = il.to_node_link(il.loads(PLAN))
    fields = {node["id"]: node["fields"] for node in data["nodes"]}
    fields["ant-2"]["about"] = [{"source": "akt", "target": "mal"}]
    fields["f1"]["when"] = {"start": 2022}
    with pytest.raises(il.ModelError) as error:
        il.from_node_link(data)
    unknown = sorted(p.message for p in error.value.problems if "unknown key" in p.message)
    assert unknown == [
        "nodes[4].when.start: question 'f1': unknown key 'start' (did you mean 'from'?)",
        "nodes[7].about[0].source: assumption 'ant-2': unknown key 'source' (did you mean 'from'?)",
        "nodes[7].about[0].target: assumption 'ant-2': unknown key 'target' (did you mean 'to'?)",
    ]


def test_python_code_may_still_use_the_attribute_names() -> None:
    assert il.Schedule(start=2022).model_dump() == {"from": 2022, "every": 1, "until": None}
    assert il.LinkRef(source="akt", target="mal").model_dump() == {"from": "akt", "to": "mal"}


def test_node_link_data_still_refuses_links_to_nodes_in_the_fields() -> None:
    data = il.to_node_link(il.loads(PLAN))
    [assumption] = [node for node in data["nodes"] if node["id"] == "ant-2"]
    assumption["fields"]["about"].append("mal")
    with pytest.raises(il.ModelError, match="links are edges, not fields"):
        il.from_node_link(data)


def test_records_hold_an_assumptions_links_as_their_two_ends() -> None:
    records = {record["id"]: record for record in il.loads(PLAN).to_records()}
    assert records["ant-2"]["about"] == [{"from": "akt", "to": "mal"}]
    assert records["f1"]["about"] == ["akt", "mal"]
    assert records["f1"]["responsible"] == ["region"]
    assert records["ant-1"]["status"] == "holds"
