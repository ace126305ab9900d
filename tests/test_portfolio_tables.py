"""A portfolio's tables for documents: each row says its plan, and every format says what the text says."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main
from insatslogik.render.tables import TableFormat

_RUS = """\
insatslogik: 1
id: rus
title: RUS
nodes:
  - {id: top, kind: goal, title: Fler jobb, measured_by: [jobb]}
  - {id: sub, kind: goal, title: Fler företag, contributes_to: [top]}
  - {id: jobb, kind: indicator, title: Nya jobb, unit: antal, source: SCB, values: {2022: 5}}
"""

_PROJECT = """\
insatslogik: 1
id: {plan}
title: Projekt {plan}
uses: {{rus: rus.yaml}}
nodes:
  - {{id: akt, kind: activity, title: Rådgivning, contributes_to: [rus:sub]}}
  - {{id: mal, kind: goal, title: Fler jobb, measured_by: [jobb]}}
  - {{id: jobb, kind: indicator, title: Nya jobb, unit: antal, source: SCB,
     values: {{2022: {value}}}}}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    # Two projects whose goal and indicator have the titles of the strategy's.
    (tmp_path / "rus.yaml").write_text(_RUS, encoding="utf-8")
    for plan, value in (("a", 3), ("b", 4)):
        text = _PROJECT.format(plan=plan, value=value)
        (tmp_path / f"{plan}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# --- Each row of a portfolio's table names its plan ----------------------------------------------


def test_a_portfolios_indicator_table_names_each_rows_id_and_plan(folder: Path) -> None:
    rows = _csv(il.render_table(il.load_portfolio(folder), kind="indicators", format="csv"))
    assert rows == [
        ["Id", "Indikator", "Källa", "Utgångsvärde", "2022", "Mål / jämfört med", "Plan"],
        ["a:jobb", "Nya jobb", "SCB", "", "3 st", "", "a"],
        ["b:jobb", "Nya jobb", "SCB", "", "4 st", "", "b"],
        ["rus:jobb", "Nya jobb", "SCB", "", "5 st", "", "rus"],
    ]


def test_a_portfolios_plan_matrix_names_each_goals_id_and_plan(folder: Path) -> None:
    rows = _csv(il.render_table(il.load_portfolio(folder), format="csv", lang="en"))
    assert rows[0][0] == "Id"
    assert rows[0][-1] == "Plan"
    assert [(row[0], row[1], row[-1]) for row in rows[1:]] == [
        ("a:mal", "Fler jobb", "a"),
        ("b:mal", "Fler jobb", "b"),
        ("rus:sub", "Fler företag", "rus"),
        ("rus:top", "Fler jobb", "rus"),
    ]


@pytest.mark.parametrize(
    ("format", "row"),
    [
        ("markdown", "| b:jobb | Nya jobb | SCB |  | 4 st |  | b |"),
        ("text", "b:jobb    Nya jobb   SCB    -             4 st  -                  b"),
        ("html", "<tr><td>b:jobb</td><td>Nya jobb</td><td>SCB</td><td></td><td>4 st</td>"),
    ],
)
def test_every_format_of_a_portfolios_table_tells_equal_titles_apart(
    folder: Path, format: TableFormat, row: str
) -> None:
    text = il.render_table(il.load_portfolio(folder), kind="indicators", format=format)
    assert row in text


def test_the_command_line_table_of_a_portfolio_names_the_plans(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["table", "--portfolio", str(folder), "--kind", "indicators"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| Id | Indikator | Källa | Utgångsvärde | 2022 | Mål / jämfört med | Plan |"
    assert "| a:jobb | Nya jobb | SCB |  | 3 st |  | a |" in lines


def test_a_plan_that_uses_another_keeps_its_table_as_it_was(folder: Path) -> None:
    # A plan loaded with the strategy it uses is one plan, not a portfolio: no new columns.
    model = il.load(folder / "a.yaml")
    assert il.render_table(model, format="csv") == il.render_table(model, format="csv", plans=False)
    assert _csv(il.render_table(model, kind="indicators", format="csv"))[0][0] == "Indikator"


def test_the_plan_and_id_columns_can_be_asked_for_or_left_out(folder: Path) -> None:
    portfolio = il.load_portfolio(folder)
    plain = _csv(il.render_table(portfolio, kind="indicators", format="csv", plans=False))
    assert plain[0][0] == "Indikator"
    single = il.Model([il.Indicator(id="jobb", title="Nya jobb")], title="P")
    named = _csv(il.render_table(single, kind="indicators", format="csv", plans=True))
    assert named == [
        ["Id", "Indikator", "Källa", "Utgångsvärde", "Mål / jämfört med", "Plan"],
        ["jobb", "Nya jobb", "", "", "", "plan"],
    ]
