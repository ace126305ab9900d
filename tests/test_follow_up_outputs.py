"""Follow-up in the outputs: assumptions and assessments where a reader meets a node or link
(diagram and page tooltips, the plan matrix), the evaluation matrix and the follow-up calendar
as tables, workbook sheets and the `follow-up` command.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

import insatslogik as il
from insatslogik.cli import main


def follow_up_model(language: str = "sv") -> il.Model:
    """A small plan with a follow-up part: questions, an evaluation, assumptions, assessments."""
    return il.Model(
        [
            il.Actor(id="region", title="Region Exempel"),
            il.Actor(id="oxford", title="Oxford Research"),
            il.Goal(
                id="mal",
                title="Fler företag digitaliseras",
                assessments=[
                    il.Assessment(year=2022, by="region", judgement="unclear"),
                    il.Assessment(
                        year=2023,
                        by="utv",
                        judgement="partly",
                        text="Fler SMF nås",
                        evidence="Enkät 2023",
                    ),
                ],
            ),
            il.ShortTermEffect(
                id="kort",
                title="SMF har tagit steg",
                contributes_to=[
                    il.Link(
                        to="mal",
                        rationale="Steg leder till mer",
                        assumptions=["vilja", "Tid finns"],
                        assessments=[il.Assessment(year=2024, by="oxford", judgement="achieved")],
                    )
                ],
            ),
            il.Activity(
                id="akt",
                title="Rådgivning till SMF",
                contributes_to=["kort"],
                performed_by=["region"],
            ),
            il.Assumption(id="vilja", title="SMF vill delta", status="holds", evidence="strong"),
            il.Assumption(
                id="resurser",
                title="Rådgivarna räcker till",
                about=[il.LinkRef(source="akt", target="kort")],
                evidence="weak",
            ),
            il.Assumption(id="efterfragan", title="Efterfrågan finns", about=["mal"]),
            il.Question(
                id="fraga",
                title="Har fler SMF tagit digitala steg?",
                about=["kort"],
                method=["enkät", "intervju"],
                source="Enkät till SMF",
                when=il.Schedule(start=2022, until=2025),
                season="höst",
                responsible=["region"],
            ),
            il.Evaluation(
                id="utv",
                title="Utvärdering av RUS",
                about=["mal"],
                performed_by=["oxford"],
                responsible=["region"],
                when=(2023,),
            ),
        ],
        title="Kraftsamling digitalisering",
        language=language,
    )


# --- tooltips ------------------------------------------------------------------------------


def _dot_attribute(source: str, title: str, attribute: str) -> str:
    line = next(line for line in source.splitlines() if f'label="{title}' in line)
    match = re.search(rf'{attribute}="((?:[^"\\]|\\.)*)"', line)
    assert match is not None, line
    return match.group(1)


def test_a_node_tooltip_in_the_diagram_has_its_latest_assessment_and_assumptions() -> None:
    source = il.render_chain(follow_up_model()).source
    tooltip = _dot_attribute(source, "Fler företag digitaliseras", "tooltip").split("\\n")
    assert tooltip == [
        "Fler företag digitaliseras",
        "Senaste bedömning: 2023, Utvärdering av RUS: delvis uppnått. Fler SMF nås "
        "(belägg: Enkät 2023)",
        "Antagande: Efterfrågan finns (ej prövat)",
    ]
    english = il.render_chain(follow_up_model(), lang="en").source
    assert "Latest assessment: 2023, Utvärdering av RUS: partly achieved" in english
    assert "Assumption: Efterfrågan finns (untested)" in english


def test_a_link_tooltip_in_the_diagram_has_its_assumptions_and_latest_assessment() -> None:
    source = il.render_chain(follow_up_model()).source
    edge = next(line for line in source.splitlines() if "->" in line and "Steg leder" in line)
    tooltip = re.search(r'tooltip="((?:[^"\\]|\\.)*)"', edge)
    assert tooltip is not None
    assert tooltip.group(1).split("\\n") == [
        "Motivering: Steg leder till mer",
        "Antaganden: Tid finns",
        "Antagande: SMF vill delta (håller, starkt stöd)",
        "Senaste bedömning: 2024, Oxford Research: uppnått",
    ]
    # An assumption about a link ({from, to}) is on that link, with its evidence.
    plain = [line for line in source.splitlines() if "->" in line and "Rådgivarna" in line]
    assert len(plain) == 1
    assert "Antagande: Rådgivarna räcker till (ej prövat, svagt stöd)" in plain[0]


def test_the_page_tooltips_show_the_same() -> None:
    page = il.render_html(follow_up_model(), lang="en").html
    data = _page_data(page)
    titles = [node.get("title", "") for node in data["nodes"]]
    goal = next(t for t in titles if t.startswith("Goal: Fler företag digitaliseras"))
    assert "Latest assessment: 2023, Utvärdering av RUS: partly achieved. Fler SMF nås" in goal
    assert "Assumption: Efterfrågan finns (untested)" in goal
    effect = next(t for t in titles if t.startswith("Short term effect:"))
    assert "Assumption: SMF vill delta (holds, strong evidence)" in effect
    assert "Latest assessment: 2024, Oxford Research: achieved" in effect


def _page_data(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="chain-data">(.*?)</script>', page, re.S)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_a_plan_without_follow_up_draws_the_tooltips_it_drew() -> None:
    model = il.Model(
        [
            il.Goal(id="mal", title="Mål"),
            il.Activity(id="akt", title="Gör", contributes_to=[il.Link(to="mal", rationale="R")]),
        ],
        title="T",
    )
    source = il.render_chain(model).source
    assert 'tooltip="Mål"' in source
    assert 'tooltip="Motivering: R"' in source


# --- the plan matrix -----------------------------------------------------------------------


def test_the_plan_matrix_gains_assumption_and_assessment_columns_when_the_plan_has_them() -> None:
    heading, row = il.table_rows(follow_up_model())
    assert [cell[0] for cell in heading][-2:] == ["Antaganden", "Senaste bedömningar"]
    assert row[-2] == [
        "Efterfrågan finns (ej prövat)",
        "Rådgivarna räcker till (ej prövat, svagt stöd)",
        "SMF vill delta (håller, starkt stöd)",
    ]
    assert row[-1] == [
        "Fler företag digitaliseras: 2023, Utvärdering av RUS: delvis uppnått. Fler SMF nås "
        "(belägg: Enkät 2023)",
        "SMF har tagit steg → Fler företag digitaliseras: 2024, Oxford Research: uppnått",
    ]
    plain = il.Model([il.Goal(id="mal", title="Mål")], title="T")
    assert len(il.table_rows(plain)[0]) == 6


def test_a_link_assessment_alone_gives_the_plan_matrix_its_follow_up_columns() -> None:
    judged = il.Link(to="mal", assessments=[il.Assessment(year=2024, by="or", judgement="partly")])
    model = il.Model(
        [
            il.Goal(id="mal", title="Mål"),
            il.Goal(id="annat", title="Annat mål"),
            il.ShortTermEffect(id="kort", title="Kort", contributes_to=[judged, "annat"]),
            il.Activity(id="akt", title="Råd", contributes_to=["kort"]),
            il.Actor(id="or", title="Oxford Research"),
        ],
        title="T",
    )
    heading, other, row = il.table_rows(model, lang="en")
    assert heading[-1] == ["Latest assessments"]
    assert row[0] == ["Mål"]
    assert row[-1] == ["Kort → Mål: 2024, Oxford Research: partly achieved"]
    # The other goal's chain does not hold the link.
    assert other[0] == ["Annat mål"]
    assert other[-1] == []


@pytest.mark.parametrize("fmt", ["markdown", "html", "csv", "text"])
def test_every_format_of_the_plan_matrix_has_the_follow_up(fmt: str) -> None:
    text = il.render_table(follow_up_model(), format=fmt)  # type: ignore[arg-type]
    assert "SMF vill delta (håller, starkt stöd)" in text
    assert "delvis uppnått" in text


# --- the evaluation matrix and the calendar ------------------------------------------------


def test_the_evaluation_matrix_as_a_table() -> None:
    rows = il.table_rows(follow_up_model(), kind="matrix", lang="en")
    assert rows == [
        [["Question"], ["About"], ["Method"], ["Source"], ["Responsible"], ["When"]],
        [
            ["Har fler SMF tagit digitala steg?"],
            ["SMF har tagit steg"],
            ["survey", "interview"],
            ["Enkät till SMF"],
            ["Region Exempel"],
            ["every year from 2022 until 2025, autumn"],
        ],
    ]


def test_the_calendar_as_a_table_says_what_is_due_overdue_and_done() -> None:
    rows = il.table_rows(follow_up_model(), kind="calendar", year=2024)
    assert rows[0] == [
        ["År"],
        ["Säsong"],
        ["Uppföljning"],
        ["Typ"],
        ["Ansvarig"],
        ["Läge"],
        ["Gjord av"],
    ]
    body = [(r[0][0], r[2][0], r[5][0]) for r in rows[1:]]
    assert ("2023", "Utvärdering av RUS", "gjord") in body
    assert ("2022", "Har fler SMF tagit digitala steg?", "försenad") in body
    assert ("2024", "Har fler SMF tagit digitala steg?", "att göra") in body
    assert ("2025", "Har fler SMF tagit digitala steg?", "planerad") in body
    # Every scheduled (question or evaluation, year) once.
    assert len(body) == len(set(body)) == 5


def test_the_follow_up_tables_in_every_format_escape_what_they_must() -> None:
    model = follow_up_model()
    csv_text = il.render_table(model, kind="matrix", format="csv")
    assert list(csv.reader(io.StringIO(csv_text)))[1][2] == "enkät\nintervju"
    markdown = il.render_table(model, kind="calendar", format="markdown", year=2024)
    assert markdown.startswith("| År | Säsong | Uppföljning |")
    assert "<caption>Kraftsamling digitalisering</caption>" in il.render_table(
        model, kind="matrix", format="html"
    )


def test_an_unknown_table_kind_names_the_four() -> None:
    with pytest.raises(ValueError, match="'plan', 'indicators', 'matrix' or 'calendar'"):
        il.render_table(follow_up_model(), kind="kalender")  # type: ignore[arg-type]


# --- the workbook --------------------------------------------------------------------------


def test_the_workbook_has_the_matrix_and_calendar_sheets(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "plan.xlsx"
    il.write_excel(follow_up_model(), path)
    book = load_workbook(path)
    assert {"Utvärderingsmatris", "Uppföljningskalender"} <= set(book.sheetnames)
    matrix = book["Utvärderingsmatris"]
    assert [c.value for c in matrix[1]] == ["Fråga", "Avser", "Metod", "Källa", "Ansvarig", "När"]
    assert matrix["A2"].value == "Har fler SMF tagit digitala steg?"
    calendar = book["Uppföljningskalender"]
    assert calendar.max_row == 6  # the heading and five scheduled follow-ups
    # Derived sheets are not read back: with them changed, or gone, the plan reads the same.
    calendar["C2"] = "ändrad för hand"
    del book["Utvärderingsmatris"]
    book.save(tmp_path / "andrad.xlsx")
    assert il.read_excel(tmp_path / "andrad.xlsx") == il.read_excel(path) == follow_up_model()


def test_a_workbook_without_follow_up_has_no_such_sheets(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "plan.xlsx"
    il.write_excel(il.Model([il.Goal(id="mal", title="Mål")], title="T"), path)
    assert "Utvärderingsmatris" not in load_workbook(path).sheetnames


# --- the command line ----------------------------------------------------------------------


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    il.save(follow_up_model(), path)
    return path


def test_cli_follow_up_prints_the_calendar_as_text(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["follow-up", str(plan), "--year", "2024"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "År",
        "Säsong",
        "Uppföljning",
        "Typ",
        "Ansvarig",
        "Läge",
        "Gjord",
        "av",
    ]
    assert len(lines) == 6
    assert any("försenad" in line and line.startswith("2022") for line in lines)


def test_cli_follow_up_writes_the_matrix_by_the_suffix_of_its_file(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "matris.csv"
    assert main(["follow-up", str(plan), "--matrix", "-o", str(out), "--lang", "en"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0] == ["Question", "About", "Method", "Source", "Responsible", "When"]
    assert main(["follow-up", str(plan), "--matrix", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("| Fråga | Avser | Metod |")
    page = tmp_path / "matris.html"
    assert main(["follow-up", str(plan), "--matrix", "-o", str(page)]) == 0
    assert "<caption>Kraftsamling digitalisering</caption>" in page.read_text(encoding="utf-8")


def test_cli_follow_up_of_several_plans_is_one_table_with_a_plan_column(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "annan.yaml"
    il.save(follow_up_model(), other)
    assert main(["follow-up", str(plan), str(other), "--format", "csv", "--year", "2024"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:2] == ["Plan", "År"]
    assert {row[0] for row in rows[1:]} == {str(plan), str(other)}
    assert len(rows) == 11


def test_cli_follow_up_exit_codes(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "trasig.yaml"
    bad.write_text("insatslogik: 1\ntitle: T\nnodes: [{id: a, kind: goal}]\n", encoding="utf-8")
    assert main(["follow-up", str(bad)]) == 1
    assert "trasig.yaml:3" in capsys.readouterr().out
    assert main(["follow-up", str(plan), str(bad), "-o", str(tmp_path / "k.md")]) == 1
    captured = capsys.readouterr()
    assert "trasig.yaml:3" in captured.err  # the problems beside the file, not in it
    assert (tmp_path / "k.md").read_text(encoding="utf-8").startswith("| År | Säsong |")
    assert main(["follow-up", str(tmp_path / "saknas.yaml")]) == 2
    assert main(["follow-up", str(plan), "-o", str(tmp_path / "saknas" / "k.txt")]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["follow-up", str(plan), "--format", "json"])
    assert exit_info.value.code == 2


def test_an_assumption_with_no_evidence_says_so_in_english() -> None:
    from insatslogik.analyses.judgements import assumption_text

    assumption = il.Assumption(id="a", title="SMF vill delta", evidence="none")
    assert assumption_text(assumption, lang="en") == "SMF vill delta (untested, no evidence)"
    assert assumption_text(assumption, lang="sv").endswith(", inget stöd)")


def test_the_calendar_in_a_notebook_speaks_the_plans_language() -> None:
    nodes = [
        il.Goal(id="mal", title="Mål"),
        il.Question(id="q", title="Hur?", about=["mal"], when=[2025], season="höst"),
    ]
    english = il.follow_up(il.Model(nodes, title="T", language="en"), year=2026)._repr_html_()
    assert "<td>autumn</td>" in english
    assert "<td>overdue</td>" in english
    swedish = il.follow_up(il.Model(nodes, title="T"), year=2026)._repr_html_()
    assert "<td>höst</td>" in swedish
    assert "<td>försenad</td>" in swedish
