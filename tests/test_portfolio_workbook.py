"""A portfolio's workbook: the derived sheets, as its node sheets, name each row's plan."""

from __future__ import annotations

from pathlib import Path

import pytest

import insatslogik as il

ROOT = Path(__file__).resolve().parent.parent
KRONOBERG = ROOT / "examples" / "kronoberg"
FOLLOW_UP = "kronoberg-uppfoljning"
VGR = ROOT / "examples" / "vgr_kraftsamling_digitalisering.yaml"
VGR_RUS = ROOT / "examples" / "vgr" / "rus.yaml"


def _rows(path: Path, sheet: str) -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    rows = [list(row) for row in book[sheet].iter_rows(values_only=True)]
    book.close()
    return rows


@pytest.fixture(scope="module")
def portfolio() -> il.Model:
    # Six plans, one of which holds the follow-up cycle's questions and evaluations.
    return il.load_portfolio(KRONOBERG, strict=True)


@pytest.fixture(scope="module")
def workbook(portfolio: il.Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return il.write_excel(portfolio, tmp_path_factory.mktemp("pf") / "portfolj.xlsx")


def test_the_plan_matrix_ends_in_the_plan_of_each_goal(portfolio: il.Model, workbook: Path) -> None:
    rows = _rows(workbook, "Planmatris")
    assert rows[0][-1] == "Plan"
    by_title: dict[str, set[str]] = {}
    for goal in portfolio.nodes(il.Kind.GOAL):
        by_title.setdefault(goal.title, set()).add(portfolio.plan_of(goal.id))
    assert len(rows) > 10
    for row in rows[1:]:
        assert row[-1] in by_title[str(row[0])]
    assert {row[-1] for row in rows[1:]} >= {"kronoberg-rus", "kronoberg-ris", "sydostleden"}


def test_the_coverage_sheet_names_the_plan_of_each_goal_and_structure(
    portfolio: il.Model, workbook: Path
) -> None:
    rows = _rows(workbook, "Täckning")
    assert rows[0][-1] == "Plan"
    coverage = il.goal_coverage(portfolio)
    goals = rows[1 : len(coverage.goals) + 1]
    assert [(row[0], row[-1]) for row in goals] == [
        (g.goal, portfolio.plan_of(g.goal)) for g in coverage.goals
    ]
    ratio, *structures = rows[len(coverage.goals) + 1 :]
    assert ratio[0] == "Andel täckta mål"
    assert ratio[-1] is None  # the whole portfolio's, no plan's
    assert [(row[0], row[-1]) for row in structures] == [
        (s, portfolio.plan_of(s)) for s in coverage.by_structure
    ]


def test_the_findings_sheet_names_the_plans_of_each_findings_nodes(
    portfolio: il.Model, workbook: Path
) -> None:
    rows = _rows(workbook, "Fynd")
    assert rows[0][-1] == "Plan"
    report = il.check(portfolio)
    assert len(rows) == len(report.findings) + 1
    for row, finding in zip(rows[1:], report, strict=True):
        plans = list(dict.fromkeys(portfolio.plan_of(n) for n in finding.nodes))
        assert row[-1] == "\n".join(plans)


@pytest.mark.parametrize("sheet", ["Utvärderingsmatris", "Uppföljningskalender"])
def test_the_follow_up_sheets_name_the_plan_of_each_question_and_evaluation(
    sheet: str, workbook: Path, tmp_path: Path
) -> None:
    rows = _rows(workbook, sheet)
    assert rows[0][-1] == "Plan"
    assert {row[-1] for row in rows[1:]} <= {FOLLOW_UP}
    # Västra Götaland's follow-up plan has scheduled questions, beside its RUS.
    portfolio = il.load_portfolio([VGR, VGR_RUS], strict=True)
    rows = _rows(il.write_excel(portfolio, tmp_path / "vgr.xlsx"), sheet)
    assert rows[0][-1] == "Plan"
    assert len(rows) > 5
    assert {row[-1] for row in rows[1:]} == {"vgr_kraftsamling_digitalisering"}


def test_a_single_plans_derived_sheets_have_no_plan_column(tmp_path: Path) -> None:
    written = il.write_excel(il.load(VGR), tmp_path / "plan.xlsx")
    for sheet in ("Planmatris", "Täckning", "Fynd", "Utvärderingsmatris", "Uppföljningskalender"):
        assert "Plan" not in _rows(written, sheet)[0], sheet


def test_the_english_workbook_names_the_column_plan_too(
    portfolio: il.Model, tmp_path: Path
) -> None:
    written = il.write_excel(portfolio, tmp_path / "en.xlsx", lang="en")
    for sheet in ("Plan matrix", "Coverage", "Findings", "Evaluation matrix", "Follow-up calendar"):
        assert _rows(written, sheet)[0][-1] == "Plan", sheet


def test_table_rows_can_end_in_the_plan_of_each_row(portfolio: il.Model) -> None:
    for kind in ("plan", "indicators", "matrix", "calendar"):
        plain = il.table_rows(portfolio, kind=kind, year=2026)
        planned = il.table_rows(portfolio, kind=kind, year=2026, plans=True)
        assert [row[:-1] for row in planned] == plain
        assert planned[0][-1] == ["Plan"]
        assert {row[-1][0] for row in planned[1:]} <= set(portfolio.plans)
