"""Tables for documents: the plan matrix and the indicator summary in Markdown, HTML and CSV."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main
from tests.conftest import EXAMPLES, SMALL_PLAN

VGR = EXAMPLES / "vgr_kraftsamling_digitalisering.yaml"


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_plan_matrix_has_one_row_per_goal_with_its_whole_chain() -> None:
    rows = il.table_rows(il.loads(SMALL_PLAN))
    assert [cell[0] for cell in rows[0]] == [
        "Mål",
        "Aktiviteter",
        "Aktörer",
        "Kortsiktiga effekter",
        "Långsiktiga effekter",
        "Indikatorer",
    ]
    assert rows[1:] == [
        [
            ["Näringslivets digitala transformation ska öka"],
            [
                "Vi bidrar till att fler SMF inom tillverkningsindustrin tar steg i sin digitala "
                "utveckling"
            ],
            ["IUC-bolagen"],
            ["Fler SMF har tagit del av insatser"],
            ["SMF i Västra Götaland är internationellt konkurrenskraftiga"],
            ["Andel SMF med åtminstone en grundläggande digitaliseringsnivå"],
        ]
    ]


def test_plan_matrix_collects_through_subgoals_and_project_actors() -> None:
    model = il.Model(
        [
            il.Goal(id="huvudmal", title="Huvudmål"),
            il.Goal(id="delmal", title="Delmål", contributes_to=["huvudmal"]),
            il.Project(id="proj", title="Sydostleden", performed_by=["region"]),
            il.Actor(id="region", title="Region Kronoberg"),
            il.Actor(id="kommun", title="Växjö kommun"),
            il.Activity(
                id="akt",
                title="Marknadsföring",
                part_of="proj",
                performed_by=["kommun"],
                contributes_to=["kort"],
            ),
            il.ShortTermEffect(id="kort", title="Fler besökare", contributes_to=["delmal"]),
            il.Activity(id="annan", title="Annat", contributes_to=["huvudmal"]),
        ],
        title="Kronoberg",
    )
    rows = il.table_rows(model, lang="en")
    by_goal = {row[0][0]: row for row in rows[1:]}
    assert by_goal["Delmål"][1] == ["Marknadsföring"]
    assert by_goal["Delmål"][2] == ["Växjö kommun", "Region Kronoberg"]
    assert by_goal["Huvudmål"][1] == ["Marknadsföring", "Annat"]  # sorted by id: akt, annan
    assert by_goal["Huvudmål"][3] == ["Fler besökare"]
    assert by_goal["Huvudmål"][4] == []


def test_indicator_summary_has_a_column_per_year_and_swedish_numbers() -> None:
    model = il.load(VGR)
    rows = _csv(il.render_table(model, kind="indicators", format="csv"))
    head = rows[0]
    # The plan numbers its nyckeltal, so the table has the column Nr first.
    assert head[:4] == ["Nr", "Indikator", "Källa", "Utgångsvärde"]
    assert head[4:-1] == ["2019", "2020", "2021"]
    assert head[-1] == "Mål / jämfört med"
    by_title = {row[1]: row for row in rows[1:]}
    smf = by_title["Andel SMF som har åtminstone en grundläggande digitaliseringsnivå (Sverige)"]
    assert smf[0] == "1"
    assert smf[2:7] == ["DESI", "82 % (2020)", "", "82 %", ""]
    assert smf[7].splitlines() == ["EU:s mål: 90 %", "EU: 60 % (2020)"]
    open_data = by_title["Antal öppna data set på dataportal väst."]
    assert open_data[5:7] == ["86 st", "102 st"]  # a count is written "st" in Swedish
    # Indicator 7 of the plan has no value yet: its row is empty but present.
    assert any(row[1].startswith("Antal personer som har genomgått") for row in rows)
    assert len(rows) - 1 == len(model.nodes(il.Kind.INDICATOR))


def test_english_headings_and_decimal_points() -> None:
    text = il.render_table(il.load(VGR), kind="indicators", lang="en")
    assert text.startswith("| No. | Indicator | Source | Baseline | 2019 | 2020 | 2021 |")
    assert "| 4.2 index |" in text
    assert "4,2" not in text


def test_markdown_cells_cannot_break_the_table() -> None:
    model = il.Model(
        [il.Goal(id="m", title="A | B \\ C\nD <b>fet</b> & *e*")], title="T", language="sv"
    )
    line = il.render_table(model).splitlines()[2]
    assert line == "| A \\| B \\\\ C D &lt;b&gt;fet&lt;/b&gt; &amp; *e* |  |  |  |  |  |"
    assert line.count(" | ") == 5


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tags: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 (HTMLParser's signature)
        self.tags.append(tag)
        if tag in ("td", "th"):
            self._in = True
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.cells[-1] += data


def test_html_table_escapes_text_and_lists_items() -> None:
    hostile = '<img src=x onerror="alert(1)"> & </table>'
    model = il.Model(
        [
            il.Goal(id="m", title=hostile),
            il.Activity(id="a1", title="Ett", contributes_to=["m"]),
            il.Activity(id="a2", title="Två", contributes_to=["m"]),
        ],
        title="<script>x</script>",
    )
    text = il.render_table(model, format="html")
    parser = _Cells()
    parser.feed(text)
    assert hostile in parser.cells
    assert "img" not in parser.tags
    assert "script" not in parser.tags
    assert parser.tags.count("li") == 2
    assert "<caption>&lt;script&gt;x&lt;/script&gt;</caption>" in text


def test_csv_keeps_multiline_cells_and_defuses_formulas() -> None:
    model = il.Model(
        [
            il.Goal(id="m", title='=HYPERLINK("http://x")'),
            il.Activity(id="a1", title="+1", contributes_to=["m"]),
            il.Activity(id="a2", title="Två, med komma", contributes_to=["m"]),
        ],
        title="T",
    )
    rows = _csv(il.render_table(model, format="csv"))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert rows[1][1].splitlines() == ["'+1", "Två, med komma"]  # the cell starts with +


def test_unknown_kind_or_format_is_a_clear_error() -> None:
    model = il.loads(SMALL_PLAN)
    with pytest.raises(ValueError, match="kind must be 'plan', 'indicators', 'matrix' or 'cal"):
        il.render_table(model, kind="matris")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="format must be 'markdown', 'html', 'csv' or 'text'"):
        il.render_table(model, format="docx")  # type: ignore[arg-type]


def test_tables_are_deterministic_and_leave_the_model_alone() -> None:
    model = il.load(VGR)
    before = il.dumps(model)
    for kind in ("plan", "indicators"):
        for fmt in ("markdown", "html", "csv"):
            first = il.render_table(model, kind=kind, format=fmt)  # type: ignore[arg-type]
            assert first == il.render_table(model, kind=kind, format=fmt)  # type: ignore[arg-type]
    assert il.dumps(model) == before


def test_cli_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["table", str(VGR)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| Mål | Aktiviteter | Aktörer |")
    assert main(["table", str(VGR), "--kind", "indicators", "--format", "csv", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("No.,Indicator,Source,Baseline,2019,2020,2021")
    bad = tmp_path / "trasig.yaml"
    bad.write_text("insatslogik: 1\ntitle: T\nnodes: [{id: a, kind: goal}]\n", encoding="utf-8")
    assert main(["table", str(bad)]) == 1
    assert "trasig.yaml:3" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["table", str(VGR), "--format", "text"])
    assert exit_info.value.code == 2


def test_a_text_table_pads_its_columns_and_keeps_each_row_on_one_line() -> None:
    model = il.load(VGR)
    text = il.render_table(model, format="text")
    assert text.media_type == "text/plain"
    lines = text.splitlines()
    assert len(lines) == 1 + len(model.nodes(il.Kind.GOAL))
    assert lines[0].split()[:2] == ["Mål", "Aktiviteter"]
    # Every column starts where its heading starts.
    second = lines[0].index("Aktiviteter")
    assert all(line[second - 2 : second] == "  " for line in lines[1:])


def test_format_rows_writes_any_rows_in_every_format() -> None:
    rows = [[["Fråga"], ["När"]], [["=1+1 | <b>"], ["2023", "2024"]]]
    assert il.render.tables.format_rows(rows, format="csv").splitlines()[1] == "'=1+1 | <b>,\"2023"
    assert "\\| &lt;b&gt; | 2023<br>2024 |" in il.render.tables.format_rows(rows, format="markdown")
    assert "<li>2023</li>" in il.render.tables.format_rows(rows, format="html", caption="T")
    with pytest.raises(ValueError, match="format must be"):
        il.render.tables.format_rows(rows, format="docx")  # type: ignore[arg-type]
