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


# --- Every format says what the text says --------------------------------------------------------


def _incremental() -> il.Model:
    return il.Model(
        [
            il.Indicator(
                id=plan,
                title="Nya jobb",
                unit="antal",
                measure="incremental",
                values={2022: value, 2023: value + 1},
            )
            for plan, value in (("a", 3), ("b", 4))
        ],
        title="P",
    )


@pytest.mark.parametrize("format", ["markdown", "html", "text"])
def test_a_roll_ups_table_names_its_method_and_indicators_and_ends_in_its_total(
    format: TableFormat,
) -> None:
    result = il.roll_up(_incremental(), ["a", "b"])
    text = il.render_portfolio_table(result, format=format, lang="en")
    assert result.to_text(lang="en").splitlines()[0] == "sum of 2 indicators (a, b)"
    assert "sum of 2 indicators (a, b)" in text.splitlines()[1 if format == "html" else 0]
    assert text.rstrip().splitlines()[-1] in {"total: 16", "<p>total: 16</p>"}


def test_a_roll_ups_caption_is_the_html_tables_caption() -> None:
    text = il.render_portfolio_table(il.roll_up(_incremental(), ["a", "b"]), format="html")
    assert "<caption>summa av 2 indikatorer (a, b)</caption>" in text
    assert text.endswith("</table>\n<p>totalt: 16 st</p>\n")


def test_a_caption_given_replaces_the_results_own() -> None:
    result = il.roll_up(_incremental(), ["a", "b"])
    text = il.render_portfolio_table(result, format="markdown", caption="Jobb i portföljen")
    assert text.startswith("Jobb i portföljen\n\n| år |")
    assert il.render_portfolio_table(result, caption="").startswith("| år |")


def test_csv_of_a_portfolio_result_is_its_rows_only() -> None:
    # One header and one kind of record: the method and the total are in the JSON.
    text = il.render_portfolio_table(il.roll_up(_incremental(), ["a", "b"]), format="csv")
    assert _csv(text) == [["år", "värde", "saknas"], ["2022", "7", ""], ["2023", "9", ""]]


@pytest.mark.parametrize("format", ["markdown", "html", "text"])
def test_the_plans_left_out_and_the_links_between_plans_are_in_every_format(
    folder: Path, format: TableFormat
) -> None:
    portfolio = il.load_portfolio(folder)
    contributions = il.render_portfolio_table(il.contribution_table(portfolio), format=format)
    assert "Planer som inte når något delat mål: rus" in contributions
    alignment = il.render_portfolio_table(il.alignment_matrix(portfolio), format=format)
    assert "Planer som inte rapporterar om något delat: -" in alignment
    chains = il.render_portfolio_table(il.shared_chains(portfolio), format=format)
    assert "Länkar mellan planer: 2" in chains


def test_no_portfolio_table_in_html_has_an_empty_caption(folder: Path) -> None:
    portfolio = il.load_portfolio(folder)
    results = [
        il.portfolio_coverage(portfolio),
        il.contribution_table(portfolio),
        il.alignment_matrix(portfolio),
        il.shared_chains(portfolio),
        il.roll_up(portfolio, ["a:jobb", "b:jobb"]),
    ]
    for result in results:
        text = il.render_portfolio_table(result, format="html")
        assert "<caption></caption>" not in text
        assert "<caption></caption>" not in result._repr_html_()
    assert "<caption></caption>" not in il.render_table(portfolio, format="html")


def test_the_command_line_writes_the_summary_after_a_markdown_table(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["portfolio", "contributions", str(folder), "--format", "markdown", "--lang", "en"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.endswith("|\n\nPlans reaching no shared goal: rus\n")


def test_the_lines_around_a_markdown_table_are_never_read_as_markup() -> None:
    model = il.Model(
        [
            il.Indicator(id=key, title="Nya jobb", unit="antal", values={2022: 1})
            for key in ("ny_a", "ny_b")
        ],
        title="P",
    )
    text = il.render_portfolio_table(il.roll_up(model, ["ny_a", "ny_b"]), lang="en")
    assert text.startswith("sum of 2 indicators (ny\\_a, ny\\_b)\n\n| year |")
