"""Portfolio analyses: coverage across plans, contributions, alignment, roll-up and shared chains."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main

RUS = """\
insatslogik: 1
id: rus
title: Regional utvecklingsstrategi
nodes:
  - {id: rus, kind: strategy, title: RUS 2021–2030}
  - {id: digital, kind: goal, title: Fler företag digitaliseras, part_of: rus, measured_by: [andel]}
  - {id: export, kind: goal, title: Fler företag exporterar, part_of: rus}
  - {id: egen, kind: goal, title: Ett mål ingen annan använder, part_of: rus}
  - {id: andel, kind: indicator, title: Andel digitala SMF, unit: "%", source: SCB}
"""

PROJECT_A = """\
insatslogik: 1
id: proj-a
title: Projekt A
uses: {r: rus.yaml}
nodes:
  - {id: proj, kind: project, title: Projekt A}
  - {id: radgivning, kind: activity, title: Rådgivning, part_of: proj, contributes_to: [stod]}
  - {id: stod, kind: outcome, title: Företag får stöd, contributes_to: [r:digital],
     measured_by: [r:andel, jobb]}
  - {id: jobb, kind: indicator, title: Nya jobb, unit: antal, measure: cumulative,
     source: {kolada: {kpi: N00945, area: "1400"}}, values: {2021: 10, 2022: 25}}
"""

PROJECT_B = """\
insatslogik: 1
id: proj-b
title: Projekt B
uses: {rus: rus.yaml}
nodes:
  - {id: kurs, kind: activity, title: Kurser, contributes_to: [kompetens]}
  - {id: kompetens, kind: outcome, title: Högre kompetens, contributes_to: [rus:digital, rus:export]}
  - {id: jobb, kind: indicator, title: Nya jobb, unit: antal, measure: cumulative,
     source: {kolada: {kpi: N00945, area: "1480"}}, values: {2021: 4, 2022: 6}}
"""

PROJECT_C = """\
insatslogik: 1
id: proj-c
title: Projekt C, som inte rapporterar om något delat
uses: {rus: rus.yaml}
nodes:
  - {id: mal, kind: goal, title: Eget mål}
  - {id: akt, kind: activity, title: Egen aktivitet, contributes_to: [mal]}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in {
        "rus.yaml": RUS,
        "proj-a.yaml": PROJECT_A,
        "proj-b.yaml": PROJECT_B,
        "proj-c.yaml": PROJECT_C,
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def portfolio(folder: Path) -> il.Model:
    return il.load_portfolio(folder)


# --- Coverage ------------------------------------------------------------------------------------


def test_a_strategy_goal_lists_each_plan_that_reaches_it_and_through_which_nodes(
    portfolio: il.Model,
) -> None:
    goals = {goal.goal: goal for goal in il.portfolio_coverage(portfolio).goals}
    digital = goals["rus:digital"]
    assert digital.plan == "rus"
    assert digital.plans == ("proj-a", "proj-b")
    assert digital.activities == {"proj-a": ("proj-a:radgivning",), "proj-b": ("proj-b:kurs",)}
    assert digital.projects == {"proj-a": ("proj-a:proj",)}
    assert goals["rus:export"].plans == ("proj-b",)
    assert goals["rus:egen"].plans == ()


def test_coverage_of_one_plan_s_goals_only(portfolio: il.Model) -> None:
    coverage = il.portfolio_coverage(portfolio, plan="rus")
    assert [goal.goal for goal in coverage.goals] == ["rus:digital", "rus:egen", "rus:export"]
    assert coverage.ratio == pytest.approx(2 / 3)


def test_coverage_of_an_unknown_plan_is_a_usage_error(portfolio: il.Model) -> None:
    with pytest.raises(il.UsageError, match=r"plan must be one of .* \(got 'rsu'\)"):
        il.portfolio_coverage(portfolio, plan="rsu")


def test_every_goal_of_a_used_plan_is_shared_and_a_plan_s_own_goal_is_not(
    portfolio: il.Model,
) -> None:
    shared = {goal.goal: goal.shared for goal in il.portfolio_coverage(portfolio).goals}
    assert shared == {
        "rus:digital": True,
        "rus:egen": True,
        "rus:export": True,
        "proj-c:mal": False,
    }


def test_a_plan_loaded_alone_reaches_the_goals_of_the_plan_it_uses(folder: Path) -> None:
    model = il.load(folder / "proj-a.yaml")
    goals = {goal.goal: goal for goal in il.portfolio_coverage(model).goals}
    assert goals["rus:digital"].activities == {"proj-a": ("radgivning",)}
    # The plan used is context: it has no row, and is not called silent.
    matrix = il.alignment_matrix(model)
    assert [row.plan for row in matrix.rows] == ["proj-a"]
    assert "rus:digital" in matrix.columns
    assert matrix.silent == ()
    assert il.contribution_table(model).plans == ("proj-a",)


# --- Contributions -------------------------------------------------------------------------------


def test_each_plan_s_contributions_to_shared_goals(portfolio: il.Model) -> None:
    table = il.contribution_table(portfolio)
    assert [(c.plan, c.goal, c.activities) for c in table.contributions] == [
        ("proj-a", "rus:digital", ("proj-a:radgivning",)),
        ("proj-b", "rus:digital", ("proj-b:kurs",)),
        ("proj-b", "rus:export", ("proj-b:kurs",)),
    ]
    assert table.silent == ("proj-c", "rus")


def test_contributions_to_every_goal_include_a_plan_s_own(portfolio: il.Model) -> None:
    table = il.contribution_table(portfolio, shared_only=False)
    assert ("proj-c", "proj-c:mal") in {(c.plan, c.goal) for c in table.contributions}
    assert table.silent == ("rus",)


def test_the_contribution_table_as_a_dataframe_and_markdown(portfolio: il.Model) -> None:
    table = il.contribution_table(portfolio)
    frame = table.to_dataframe()
    assert frame.loc[("proj-b", "rus:export"), "activities"] == ["proj-b:kurs"]
    markdown = table.to_markdown(lang="sv")
    assert markdown.splitlines()[0] == "| plan | mål | målets plan | aktiviteter | projekt |"
    assert "| proj-a | Fler företag digitaliseras (rus:digital) | rus |" in markdown


# --- Alignment -----------------------------------------------------------------------------------


def test_the_alignment_matrix_says_who_reports_on_what(portfolio: il.Model) -> None:
    matrix = il.alignment_matrix(portfolio)
    assert matrix.columns == ("rus:digital", "rus:egen", "rus:export", "rus:andel")
    assert matrix.kinds == ("goal", "goal", "goal", "indicator")
    rows = {row.plan: row.marks for row in matrix.rows}
    assert rows["proj-a"] == ("reaches", "", "", "measures")
    assert rows["proj-b"] == ("reaches", "", "reaches", "")
    assert rows["proj-c"] == ("", "", "", "")
    # The strategy has no activities, but measures its own goal with its indicator.
    assert rows["rus"] == ("", "", "", "measures")


def test_a_plan_that_links_to_a_shared_goal_with_no_activity_behind_it_names_it(
    folder: Path,
) -> None:
    text = (
        PROJECT_C + "  - {id: tro, kind: outcome, title: Påstått, contributes_to: [rus:export]}\n"
    )
    (folder / "proj-c.yaml").write_text(text, encoding="utf-8")
    matrix = il.alignment_matrix(il.load_portfolio(folder))
    rows = {row.plan: row.marks for row in matrix.rows}
    assert rows["proj-c"][matrix.columns.index("rus:export")] == "names"
    # Naming a goal is not reporting on it.
    assert "proj-c" in matrix.silent


def test_a_plans_links_inside_its_own_goal_hierarchy_name_no_shared_goal(folder: Path) -> None:
    # The strategy's sub-goal contributes to its main goal, and a project reaches both: the
    # strategy's own link is no report on a shared goal, so it neither names the goal nor
    # stops being silent.
    rus = RUS.replace(
        "title: Fler företag exporterar, part_of: rus}",
        "title: Fler företag exporterar, part_of: rus, contributes_to: [digital]}",
    )
    (folder / "rus.yaml").write_text(rus, encoding="utf-8")
    portfolio = il.load_portfolio(folder)
    matrix = il.alignment_matrix(portfolio)
    rows = {row.plan: row.marks for row in matrix.rows}
    assert rows["rus"] == ("", "", "", "measures")
    assert rows["proj-b"][matrix.columns.index("rus:digital")] == "reaches"
    assert "rus: rus:andel (measures)" in matrix.to_text(lang="en").splitlines()


def test_plans_that_report_on_nothing_shared_are_named(portfolio: il.Model) -> None:
    matrix = il.alignment_matrix(portfolio)
    assert matrix.silent == ("proj-c",)
    assert "proj-c" in matrix.to_text(lang="en").splitlines()[-1]


def test_a_plan_with_its_own_indicator_of_a_shared_measure_matches_it(folder: Path) -> None:
    # Project B names project A's jobs indicator; project A's plan is then used, and its
    # indicator shared: B measures the same key figure with an indicator of its own.
    text = PROJECT_B.replace("uses: {rus: rus.yaml}", "uses: {rus: rus.yaml, a: proj-a.yaml}")
    text = text.replace("contributes_to: [kompetens]", "contributes_to: [kompetens, a:stod]")
    (folder / "proj-b.yaml").write_text(text, encoding="utf-8")
    matrix = il.alignment_matrix(il.load_portfolio(folder))
    column = matrix.columns.index("proj-a:jobb")
    rows = {row.plan: row.marks for row in matrix.rows}
    assert rows["proj-a"][column] == "measures"
    assert rows["proj-b"][column] == "matches"


def test_the_alignment_matrix_as_a_dataframe(portfolio: il.Model) -> None:
    frame = il.alignment_matrix(portfolio).to_dataframe()
    assert frame.loc["proj-b", "rus:export"] == "reaches"
    assert list(frame.columns) == ["rus:digital", "rus:egen", "rus:export", "rus:andel"]


# --- Roll-up -------------------------------------------------------------------------------------


def test_a_shared_key_figure_is_rolled_up_across_plans(portfolio: il.Model) -> None:
    result = il.roll_up(portfolio, "proj-a:jobb")
    assert result.indicators == ("proj-a:jobb", "proj-b:jobb")
    assert result.plans == ("proj-a", "proj-b")
    assert (result.method, result.measure) == ("sum", "cumulative")
    assert result.values == {2021: 14.0, 2022: 31.0}
    assert result.total == 31.0


# --- Shared chains -------------------------------------------------------------------------------


def test_chains_meet_where_a_second_plan_joins(portfolio: il.Model) -> None:
    chains = il.shared_chains(portfolio)
    assert [(c.node, c.plans, c.via) for c in chains.chains] == [
        ("rus:digital", ("proj-a", "proj-b"), ("proj-a:stod", "proj-b:kompetens")),
    ]
    assert chains.chains[0].activities == {
        "proj-a": ("proj-a:radgivning",),
        "proj-b": ("proj-b:kurs",),
    }


def test_the_links_that_cross_plans_are_listed(portfolio: il.Model) -> None:
    assert il.shared_chains(portfolio).crossings == (
        ("proj-a:stod", "rus:digital"),
        ("proj-b:kompetens", "rus:digital"),
        ("proj-b:kompetens", "rus:export"),
    )


def test_a_meeting_point_above_another_is_listed_only_when_another_plan_joins(
    folder: Path,
) -> None:
    # rus:digital leads on to rus:tillvaxt; project C joins there.
    rus = RUS.replace(
        "  - {id: egen,",
        "  - {id: tillvaxt, kind: goal, title: Tillväxt, part_of: rus}\n  - {id: egen,",
    ).replace(
        "part_of: rus, measured_by: [andel]}",
        "part_of: rus, measured_by: [andel], contributes_to: [tillvaxt]}",
    )
    (folder / "rus.yaml").write_text(rus, encoding="utf-8")
    text = PROJECT_C.replace("contributes_to: [mal]", "contributes_to: [mal, rus:tillvaxt]")
    (folder / "proj-c.yaml").write_text(text, encoding="utf-8")
    chains = il.shared_chains(il.load_portfolio(folder)).chains
    assert [(c.node, c.plans) for c in chains] == [
        ("rus:digital", ("proj-a", "proj-b")),
        ("rus:tillvaxt", ("proj-a", "proj-b", "proj-c")),
    ]


def test_chains_that_meet_on_a_cycle_meet_at_each_node_they_enter(tmp_path: Path) -> None:
    # A cycle is an error of its own (check says so), but where plans meet is still shown.
    files = {
        "rus.yaml": "insatslogik: 1\nid: rus\ntitle: RUS\nnodes:\n"
        "  - {id: x, kind: outcome, title: X, contributes_to: [y]}\n"
        "  - {id: y, kind: outcome, title: Y, contributes_to: [x]}\n",
        "a.yaml": "insatslogik: 1\nid: a\ntitle: A\nuses: {rus: rus.yaml}\nnodes:\n"
        "  - {id: akt, kind: activity, title: A, contributes_to: [rus:x]}\n",
        "b.yaml": "insatslogik: 1\nid: b\ntitle: B\nuses: {rus: rus.yaml}\nnodes:\n"
        "  - {id: akt, kind: activity, title: B, contributes_to: [rus:y]}\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    chains = il.shared_chains(il.load_portfolio(tmp_path)).chains
    assert [(c.node, c.plans, c.via) for c in chains] == [
        ("rus:x", ("a", "b"), ("a:akt", "rus:y")),
        ("rus:y", ("a", "b"), ("b:akt", "rus:x")),
    ]


# --- Words and shapes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [il.portfolio_coverage, il.contribution_table, il.alignment_matrix, il.shared_chains],
)
def test_each_result_shows_itself_in_both_languages(portfolio: il.Model, call: object) -> None:
    result = call(portfolio)  # type: ignore[operator]
    assert result.to_text(lang="sv") != result.to_text(lang="en") or not result.to_text()
    assert result.to_markdown(lang="en").startswith("| ")
    assert result._repr_html_().startswith("<table>")
    assert repr(result).startswith("<")
    assert len(result.to_dataframe()) == len(result.to_records())


# --- Tables for documents ------------------------------------------------------------------------


def test_a_portfolio_table_as_csv_puts_each_id_on_its_own_line(portfolio: il.Model) -> None:
    text = il.render_portfolio_table(il.contribution_table(portfolio), format="csv", lang="en")
    assert text.media_type == "text/csv"
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["plan", "goal", "goal's plan", "activities", "projects"]
    assert rows[1] == [
        "proj-a",
        "Fler företag digitaliseras (rus:digital)",
        "rus",
        "proj-a:radgivning",
        "proj-a:proj",
    ]


def test_a_portfolio_table_in_markdown_and_html_escapes_titles(folder: Path) -> None:
    text = RUS.replace("Fler företag exporterar", "'<b>Fler</b> | företag'")
    (folder / "rus.yaml").write_text(text, encoding="utf-8")
    coverage = il.portfolio_coverage(il.load_portfolio(folder))
    markdown = il.render_portfolio_table(coverage)
    assert "&lt;b&gt;Fler&lt;/b&gt; \\| företag (rus:export)" in markdown
    page = il.render_portfolio_table(coverage, format="html", caption="Täckning")
    assert "&lt;b&gt;Fler&lt;/b&gt;" in page
    assert "<caption>Täckning</caption>" in page
    # Several activities in one cell are a list.
    assert "<ul><li>proj-a:radgivning</li><li>proj-b:kurs</li></ul>" in page


def test_every_portfolio_result_renders_as_a_table(portfolio: il.Model) -> None:
    results = [
        il.portfolio_coverage(portfolio),
        il.contribution_table(portfolio),
        il.alignment_matrix(portfolio),
        il.shared_chains(portfolio),
        il.roll_up(portfolio, "proj-a:jobb"),
    ]
    for result in results:
        swedish = il.render_portfolio_table(result, format="markdown")
        english = il.render_portfolio_table(result, format="markdown", lang="en")
        # A roll-up's caption comes first; the table follows, in every result.
        assert "\n| " in f"\n{swedish}"
        assert "\n| " in f"\n{english}"
        assert swedish != english


def test_a_refused_roll_up_renders_its_reason() -> None:
    model = il.Model(
        [il.Indicator(id="a", title="A", unit="%"), il.Indicator(id="b", title="B", unit="%")],
        title="P",
    )
    text = il.render_portfolio_table(il.roll_up(model, ["a", "b"]), lang="en")
    assert "shares (unit %) are not added up" in text


def test_an_unknown_table_format_is_a_usage_error(portfolio: il.Model) -> None:
    with pytest.raises(il.UsageError, match=r"format must be .* \(got 'xlsx'\)"):
        il.render_portfolio_table(il.shared_chains(portfolio), format="xlsx")  # type: ignore[arg-type]


# --- The command line ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "first_line"),
    [
        (["coverage", "--plan", "rus"], "rus:digital (rus): nås av proj-a, proj-b"),
        (["contributions", "--lang", "en"], "proj-a: rus:digital (proj-a:radgivning)"),
        (
            ["alignment", "--format", "markdown"],
            "| plan | rus:digital | rus:egen | rus:export | rus:andel |",
        ),
        (["chains", "--format", "csv", "--lang", "en"], "node,kind,plan,plans,via"),
        (
            ["roll-up", "--indicator", "proj-a:jobb", "--lang", "en"],
            "sum of 2 indicators (proj-a:jobb, proj-b:jobb)",
        ),
    ],
)
def test_the_portfolio_command_runs_each_analysis(
    folder: Path, argv: list[str], first_line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["portfolio", argv[0], str(folder), *argv[1:]]) == 0
    assert capsys.readouterr().out.splitlines()[0] == first_line


def test_the_portfolio_command_writes_json_with_codes(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["portfolio", "alignment", str(folder), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "insatslogik-alignment"
    assert data["silent"] == ["proj-c"]
    assert {
        "plan": "proj-b",
        "rus:digital": "reaches",
        "rus:egen": "",
        "rus:export": "reaches",
        "rus:andel": "",
    } in data["rows"]


def test_a_refused_roll_up_on_the_command_line_exits_1_with_its_reason(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "portfolio",
        "roll-up",
        str(folder),
        "--indicator",
        "proj-a:jobb",
        "--indicator",
        "rus:andel",
    ]
    assert main([*argv, "--lang", "en"]) == 1
    assert "the indicators have different units (%, antal)" in capsys.readouterr().out


def test_a_roll_up_without_an_indicator_is_a_usage_error(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["portfolio", "roll-up", str(folder)]) == 2
    assert "roll-up behöver --indicator ID" in capsys.readouterr().err
