"""Results in Jupyter and pandas: short text reprs, tables and pictures, DataFrames, the docs notebook."""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

import insatslogik as il

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "notebook.ipynb"
VGR = ROOT / "examples" / "vgr_kraftsamling_digitalisering.yaml"

#: A plan whose titles and ids would break HTML if they were not escaped.
HOSTILE = """\
insatslogik: 1
title: "<script>alert(1)</script>"
nodes:
  - {id: mal, kind: goal, title: "<img src=x onerror=alert(1)>", measured_by: [andel]}
  - {id: akt, kind: activity, title: "Rådgivning & <b>stöd</b>", contributes_to: [mal]}
  - id: andel
    kind: indicator
    title: "Andel <i>SMF</i>"
    unit: "%"
    values: {2022: 12000.5}
"""


@pytest.fixture(scope="module")
def vgr() -> il.Model:
    return il.load(VGR)


# --- Text reprs: a few lines, whatever the size -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("model", lambda m: m),
        ("report", il.check),
        ("coverage", il.goal_coverage),
        ("indicator status", il.indicator_status),
        ("diagram", il.render_chain),
        ("page", il.render_html),
        ("diff", lambda m: il.diff(m, il.Model([], title="Tom"))),
    ],
)
def test_every_result_has_a_short_text_repr(vgr: il.Model, name: str, make: Any) -> None:
    text = repr(make(vgr))
    assert text.startswith("<")
    assert text.endswith(">")
    assert len(text.splitlines()) <= 7, name
    assert len(text) < 1000, name


def test_the_page_repr_names_its_size_not_its_html(vgr: il.Model) -> None:
    page = il.render_html(vgr)
    assert repr(page) == f"<InteractivePage: {len(page.html)} characters of HTML, 640 px high>"


def test_a_report_repr_counts_by_severity_and_lists_the_first_findings() -> None:
    model = il.Model([il.Activity(id="massa", title="Digitaliseringsmässa")], title="Evenemang")
    assert repr(il.check(model)).splitlines() == [
        "<Report 'Evenemang': 4 findings (error 0, warning 2, info 2)",
        "  warning dead-end: massa",
        "  warning orphan-activity: massa",
        "  info no-actor: massa",
        "  info unowned-activity: massa>",
    ]


def test_a_long_report_repr_says_how_many_more(vgr: il.Model) -> None:
    report = il.check(vgr)
    assert repr(report).splitlines()[-1] == f"  … {len(report) - 5} more>"


def test_a_diagram_in_jupyter_shows_its_repr_as_text_not_its_dot(vgr: il.Model) -> None:
    diagram = il.render_chain(vgr)
    bundle = diagram._repr_mimebundle_()
    assert bundle["text/plain"] == repr(diagram)
    assert bundle["image/svg+xml"].lstrip().startswith("<?xml")


def test_a_diff_repr_counts_only_what_changed() -> None:
    quiet = ["unmeasured-goal", "uncovered-goal"]
    old = il.Model([il.Goal(id="mal", title="Mål", ignore=quiet)], title="Plan")
    assert (
        repr(il.diff(old, il.Model([], title="Plan"))) == "<ModelDiff 'Plan' -> 'Plan': removed 1>"
    )
    assert repr(il.diff(old, old)) == "<ModelDiff 'Plan' -> 'Plan': no changes>"


# --- Indicator status: still a list -------------------------------------------------------------


def test_indicator_status_is_still_a_list_that_compares_as_one(vgr: il.Model) -> None:
    statuses = il.indicator_status(vgr)
    assert isinstance(statuses, list)
    assert isinstance(statuses, il.IndicatorStatuses)
    assert statuses == list(statuses)
    assert statuses[0] is next(iter(statuses))
    assert [s.indicator for s in statuses] == sorted(s.indicator for s in statuses)
    assert type(statuses[:2]) is list


def test_indicator_status_table_speaks_the_plan_s_language() -> None:
    model = il.loads(HOSTILE)
    english = il.loads(HOSTILE.replace("nodes:", "language: en\nnodes:"))
    assert "<th>senaste</th>" in il.indicator_status(model)._repr_html_()
    assert "<th>latest</th>" in il.indicator_status(english)._repr_html_()


# --- HTML tables: escaped -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("report", lambda m: il.check(m)._repr_html_()),
        ("coverage", lambda m: il.goal_coverage(m)._repr_html_()),
        ("indicator status", lambda m: il.indicator_status(m)._repr_html_()),
        ("diff", lambda m: il.diff(il.Model([], title="Tom"), m)._repr_html_()),
        ("table", lambda m: il.render_table(m, format="html")._repr_mimebundle_()["text/html"]),
    ],
)
def test_html_tables_escape_every_user_text(name: str, make: Any) -> None:
    shown = make(il.loads(HOSTILE))
    assert "<img" not in shown, name
    assert "<b>" not in shown, name
    assert "<i>" not in shown, name
    assert "<script" not in shown, name
    assert (
        html.escape("<i>SMF</i>") in shown or html.escape("<img src=x onerror=alert(1)>") in shown
    )


# --- DataFrames ---------------------------------------------------------------------------------


def test_report_dataframe_has_a_row_per_finding_with_lists_of_nodes(vgr: il.Model) -> None:
    report = il.check(vgr)
    frame = report.to_dataframe()
    assert list(frame.columns) == ["code", "severity", "message", "nodes", "file", "line", "column"]
    assert len(frame) == len(report)
    assert frame["nodes"].map(type).eq(list).all()
    assert frame.to_dict("records") == report.to_records()


def test_an_empty_report_gives_an_empty_frame_with_its_columns() -> None:
    frame = il.Report(()).to_dataframe()
    assert list(frame.columns) == ["code", "severity", "message", "nodes", "file", "line", "column"]
    assert frame.empty


def test_coverage_dataframe_is_indexed_by_goal(vgr: il.Model) -> None:
    coverage = il.goal_coverage(vgr)
    frame = coverage.to_dataframe()
    assert frame.index.name == "goal"
    assert list(frame.index) == [g.goal for g in coverage.goals]
    assert frame.loc["omrade-naringsliv", "status"] == "covered"
    assert isinstance(frame.loc["omrade-naringsliv", "activities"], list)
    assert (frame["status"] == "covered").mean() == coverage.ratio


def test_coverage_records_hold_lists_not_tuples(vgr: il.Model) -> None:
    for record in il.goal_coverage(vgr).to_records():
        for key in ("activities", "projects", "indicators", "complete_indicators"):
            assert type(record[key]) is list


def test_indicator_dataframe_spreads_baseline_and_target_into_numbers() -> None:
    model = il.Model(
        [
            il.Indicator(
                id="smf",
                title="Andel SMF",
                unit="%",
                values={2022: 85},
                baseline=il.Observation(year=2020, value=82),
                target=il.Observation(year=2030, value=90),
            ),
            il.Indicator(id="nri", title="Network Readiness Index"),
        ],
        title="T",
    )
    frame = il.indicator_status(model).to_dataframe()
    assert frame.index.name == "indicator"
    assert list(frame.columns) == [
        "title",
        "unit",
        "latest_year",
        "latest_value",
        "baseline_year",
        "baseline_value",
        "target_year",
        "target_value",
        "progress",
        "status",
    ]
    assert str(frame["target_year"].dtype) == "Int64"
    assert frame.loc["smf", "target_value"] == 90.0
    assert pd.isna(frame.loc["nri", "target_year"])
    assert frame.loc["nri", "status"] == "no-data"


def test_model_dataframe_has_a_row_per_node_with_link_ids(vgr: il.Model) -> None:
    frame = vgr.to_dataframe()
    assert frame.index.name == "id"
    assert list(frame.index) == [node.id for node in vgr.nodes()]
    assert list(frame.columns[:3]) == ["kind", "title", "level"]
    assert frame.loc["omrade-naringsliv", "level"] == 6
    assert pd.isna(frame.loc[frame["kind"] == "indicator", "level"]).all()
    linked = frame["contributes_to"].dropna()
    assert len(linked) > 0
    assert linked.map(lambda ids: all(isinstance(i, str) for i in ids)).all()
    assert frame.groupby("kind").size().sum() == len(vgr)


def test_an_empty_model_gives_an_empty_frame() -> None:
    frame = il.Model([], title="Tom").to_dataframe()
    assert frame.empty
    assert frame.index.name == "id"


@pytest.mark.parametrize(
    ("purpose", "call"),
    [
        ("Report.to_dataframe()", lambda m: il.check(m).to_dataframe()),
        ("Coverage.to_dataframe()", lambda m: il.goal_coverage(m).to_dataframe()),
        ("IndicatorStatuses.to_dataframe()", lambda m: il.indicator_status(m).to_dataframe()),
        ("Model.to_dataframe()", lambda m: m.to_dataframe()),
    ],
)
def test_without_pandas_to_dataframe_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, purpose: str, call: Any
) -> None:
    model = il.loads(HOSTILE)
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(il.MissingDependencyError) as caught:
        call(model)
    assert str(caught.value) == (
        f"{purpose} needs pandas, which is not installed: pip install 'insatslogik[pandas]'"
    )
    assert isinstance(caught.value, ImportError)
    assert isinstance(caught.value, il.InsatslogikError)
    assert caught.value.name == "pandas"


# --- The notebook in docs/ ----------------------------------------------------------------------

#: What each code cell of docs/notebook.ipynb must show, in order: the MIME types of its
#: result (beside text/plain, which every result has), or "stream" for printed text.
EXPECTED = [
    {"image/svg+xml"},  # a model: its chain diagram
    {"text/html"},  # a report
    {"text/html"},  # goal coverage
    {"text/html"},  # indicator status
    {"image/svg+xml"},  # a diagram
    {"text/html"},  # the interactive page, in a frame
    {"text/html"},  # render_table(format="html")
    {"text/markdown"},  # render_table (Markdown)
    {"text/html"},  # DataFrames
    {"text/html"},
    {"text/html"},
    {"text/html"},
    {"text/html"},  # a diff
    "stream",  # printed reprs
]


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as patch:
        # jupyter_core warns about its directories moving unless told which to use.
        patch.setenv("JUPYTER_PLATFORM_DIRS", "1")
        client = NotebookClient(
            notebook,
            timeout=120,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        )
        client.execute()
    return notebook


def test_the_notebook_is_valid_and_stored_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)


def test_every_notebook_cell_shows_what_it_should(executed: nbformat.NotebookNode) -> None:
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert len(code) == len(EXPECTED)
    for cell, expected in zip(code, EXPECTED, strict=True):
        kinds = [output.output_type for output in cell.outputs]
        assert "error" not in kinds, cell.source
        if expected == "stream":
            assert kinds == ["stream"], cell.source
            continue
        (result,) = [o for o in cell.outputs if o.output_type == "execute_result"]
        assert set(result.data) == {"text/plain", *expected}, cell.source
        # The text beside a picture or table is short: never the page's half megabyte.
        assert len(result.data["text/plain"]) < 2000, cell.source


def test_the_notebook_page_is_a_sandboxed_frame(executed: nbformat.NotebookNode) -> None:
    (cell,) = [c for c in executed.cells if "render_html" in c.source and "print" not in c.source]
    shown = cell.outputs[0].data["text/html"]
    assert shown.startswith("<iframe srcdoc=")
    assert 'sandbox="allow-scripts"' in shown
