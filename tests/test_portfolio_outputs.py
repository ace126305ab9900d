"""Portfolio outputs: the diagram grouped by plan, links between plans, one plan, the page, Excel."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

import insatslogik as il
from insatslogik.cli import main
from insatslogik.palette import CROSS_PLAN
from insatslogik.render.view import chain_view, plan_groups

_RUS = """\
insatslogik: 1
id: rus
title: {title}
nodes:
  - {{id: mal, kind: goal, title: Fler företag växer, measured_by: [andel]}}
  - {{id: andel, kind: indicator, title: Andel växande företag, unit: "%"}}
"""

_P1 = """\
insatslogik: 1
id: p1
title: Testbäddar
uses: {rus: rus.yaml}
nodes:
  - {id: kort, kind: short_term_effect, title: SMF provar ny teknik, contributes_to: [rus:mal]}
  - {id: akt, kind: activity, title: Testbädd, contributes_to: [kort]}
"""

_P2 = """\
insatslogik: 1
id: p2
title: Rådgivning till SMF
uses: {rus: rus.yaml}
nodes:
  - {id: akt, kind: activity, title: Rådgivning, contributes_to: [rus:mal]}
  - {id: annan, kind: activity, title: Mässa}
"""


def _portfolio(folder: Path, title: str = "RUS Kronoberg") -> il.Model:
    # A strategy plan and two project plans that use it, as files: P1 reaches the RUS goal
    # through its effect, P2 straight from an activity, and P2's second activity leads nowhere.
    folder.mkdir(exist_ok=True)
    (folder / "rus.yaml").write_text(_RUS.format(title=json.dumps(title)), encoding="utf-8")
    (folder / "p1.yaml").write_text(_P1, encoding="utf-8")
    (folder / "p2.yaml").write_text(_P2, encoding="utf-8")
    return il.load_portfolio(
        [folder / "rus.yaml", folder / "p1.yaml", folder / "p2.yaml"], strict=True
    )


def _clusters(source: str) -> dict[str, list[str]]:
    # Each plan box's label and the DOT names of the nodes declared in it.
    found: dict[str, list[str]] = {}
    for text in re.findall(r"subgraph cluster_\d+ \{\n(.*?)\n\t\}", source, re.S):
        label = re.search(r'label=("(?:[^"\\]|\\.)*"|\S+)', text)
        assert label is not None
        found[label.group(1).strip('"')] = re.findall(r"^\t\t(n\d+) \[", text, re.M)
    return found


def _names(model: il.Model, diagram: il.Diagram) -> dict[str, str]:
    # DOT name -> node id, read from the tooltips (every box's tooltip is its title).
    titles = {node.title: node.id for node in model}
    pattern = r'^\t+(n\d+) \[.*tooltip="?([^"\]]*?)"?\]$'
    return {name: titles[tip] for name, tip in re.findall(pattern, diagram.source, re.M)}


def _members(model: il.Model, diagram: il.Diagram) -> dict[str, list[str]]:
    names = _names(model, diagram)
    return {label: sorted(names[n] for n in ns) for label, ns in _clusters(diagram.source).items()}


def test_grouped_by_plan_each_plan_is_one_box_titled_with_its_title(tmp_path: Path) -> None:
    model = _portfolio(tmp_path / "pf")
    diagram = il.render_chain(model, cluster_by="plan", highlight=False)
    assert _members(model, diagram) == {
        "RUS Kronoberg": ["rus:mal"],
        "Testbäddar": ["p1:akt", "p1:kort"],
        "Rådgivning till SMF": ["p2:akt", "p2:annan"],
    }


def test_links_between_plans_are_thick_and_purple_and_the_rest_are_not(tmp_path: Path) -> None:
    model = _portfolio(tmp_path / "pf")
    diagram = il.render_chain(model, cluster_by="plan", highlight=False)
    names = {v: k for k, v in _names(model, diagram).items()}
    edges = dict(re.findall(r"^\t(n\d+ -> n\d+)(.*)$", diagram.source, re.M))
    cross = edges[f"{names['p1:kort']} -> {names['rus:mal']}"]
    assert f'color="{CROSS_PLAN}"' in cross
    assert "penwidth=2.5" in cross
    assert 'tooltip="Testbäddar → RUS Kronoberg"' in cross
    assert CROSS_PLAN not in edges[f"{names['p1:akt']} -> {names['p1:kort']}"]
    # The legend says what the purple links are, in the language asked for.
    assert "Länk mellan planer" in diagram.source
    assert "Link between plans" in il.render_chain(model, lang="en").source


def test_a_file_that_uses_another_plan_draws_the_link_between_them(tmp_path: Path) -> None:
    _portfolio(tmp_path / "pf")
    model = il.load(tmp_path / "pf" / "p2.yaml")
    diagram = il.render_chain(model, cluster_by="plan", highlight=False)
    assert _members(model, diagram) == {
        "Rådgivning till SMF": ["akt", "annan"],
        "RUS Kronoberg": ["rus:mal"],
    }
    assert diagram.source.count(f'color="{CROSS_PLAN}" penwidth=2.5 tooltip=') == 1


def test_a_single_plan_draws_no_link_as_crossing_and_no_plan_legend() -> None:
    model = il.Model(
        [
            il.Goal(id="mal", title="Mål"),
            il.Activity(id="akt", title="Gör", contributes_to=["mal"]),
        ],
        title="En plan",
    )
    source = il.render_chain(model, cluster_by="plan").source
    assert CROSS_PLAN not in source
    assert _clusters(source) == {"En plan": ["n0", "n1"]}


def test_the_svg_draws_one_cluster_per_plan_and_every_box_once(tmp_path: Path) -> None:
    svg = il.render_chain(_portfolio(tmp_path / "pf"), cluster_by="plan", highlight=False).svg()
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    for label in ("RUS Kronoberg", "Testbäddar", "Rådgivning till SMF"):
        assert texts.count(label) == 1
    # Three plans and the legend of the links between plans.
    assert svg.count('class="cluster"') == 4
    # Six boxes, four column headings and the legend's two ends.
    assert svg.count('class="node"') == 6 + 4 + 2
    # The two links between plans and the legend's sample.
    assert svg.count(f'<path fill="none" stroke="{CROSS_PLAN}" stroke-width="2.5"') == 3


def test_focus_on_a_plan_draws_its_nodes_and_what_its_links_join_it_to(tmp_path: Path) -> None:
    model = _portfolio(tmp_path / "pf")
    assert [node.id for node in chain_view(model, plan="p2").nodes] == [
        "p2:akt",
        "p2:annan",
        "rus:mal",
    ]
    diagram = il.render_chain(model, focus_plan="p2", cluster_by="plan", highlight=False)
    assert _members(model, diagram) == {
        "RUS Kronoberg": ["rus:mal"],
        "Rådgivning till SMF": ["p2:akt", "p2:annan"],
    }
    # The RUS seen from its own plan: its goal and what leads into it from other plans.
    rus = chain_view(model, plan="rus")
    assert sorted(node.id for node in rus.nodes) == ["p1:kort", "p2:akt", "rus:mal"]


def test_focus_on_an_unknown_plan_names_the_plans(tmp_path: Path) -> None:
    model = _portfolio(tmp_path / "pf")
    with pytest.raises(
        KeyError, match=r"no plan 'p9' in the model \(its plans: 'rus', 'p1', 'p2'\)"
    ):
        il.render_chain(model, focus_plan="p9")


def test_focus_on_a_goal_draws_its_chain_across_plans(tmp_path: Path) -> None:
    model = _portfolio(tmp_path / "pf")
    diagram = il.render_chain(model, focus="rus:mal", cluster_by="plan", highlight=False)
    drawn = sorted(_names(model, diagram).values())
    assert drawn == ["p1:akt", "p1:kort", "p2:akt", "rus:andel", "rus:mal"]


def test_a_large_portfolio_is_drawn_as_one_box_per_plan_with_the_links_counted(
    tmp_path: Path,
) -> None:
    model = _portfolio(tmp_path / "pf")
    source = il.render_chain(model, cluster_by="plan", overview_limit=3).source
    boxes = re.findall(r'^\t(p\d+) \[label="([^"]*)"', source, re.M)
    assert boxes == [
        ("p0", "RUS Kronoberg\\n2 rutor"),
        ("p1", "Testbäddar\\n2 rutor"),
        ("p2", "Rådgivning till SMF\\n2 rutor"),
    ]
    assert re.findall(r'^\t(p\d+ -> p\d+) \[label="([^"]*)"', source, re.M) == [
        ("p1 -> p0", "1 länk"),
        ("p2 -> p0", "1 länk"),
    ]
    # Not grouped by plan, or with no limit, every box is drawn.
    assert "p0 [" not in il.render_chain(model, overview_limit=3).source
    assert "p0 [" not in il.render_chain(model, cluster_by="plan", overview_limit=None).source


def test_cluster_by_another_word_is_a_usage_error(tmp_path: Path) -> None:
    model = _portfolio(tmp_path / "pf")
    with pytest.raises(il.UsageError, match="'project', 'substrategy', 'plan' or None"):
        il.render_chain(model, cluster_by="planer")  # type: ignore[arg-type]
    with pytest.raises(il.UsageError, match="'project', 'substrategy', 'plan' or None"):
        il.render_html(model, cluster_by="planer")  # type: ignore[arg-type]


HOSTILE = [
    '</script><script>document.title="pwn"</script>',
    "<img src=x onerror=alert(1)> href",
    'C:\\new\\N "citat" {a|b} & <b>',
    "Plan\x1b]0;pwn\x07 med styrtecken",
]


@pytest.mark.parametrize("title", HOSTILE)
def test_a_hostile_plan_title_is_drawn_verbatim_and_breaks_nothing(
    tmp_path: Path, title: str
) -> None:
    diagram = il.render_chain(_portfolio(tmp_path / "a", title), cluster_by="plan")
    again = il.render_chain(_portfolio(tmp_path / "b", title), cluster_by="plan")
    assert diagram.source == again.source
    svg = diagram.svg()
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    shown = title.replace("\x1b", "^[").replace("\x07", "^G")
    assert texts.count(shown) == 1  # the plan's box
    assert "\x1b" not in svg
    assert "\x07" not in svg


@pytest.mark.parametrize("title", HOSTILE)
def test_a_hostile_plan_title_stays_text_on_the_page(tmp_path: Path, title: str) -> None:
    page = il.render_html(_portfolio(tmp_path / "a", title), cluster_by="plan").html
    assert "<script>document" not in page
    assert "<img src=x" not in page
    options = re.search(r'<select id="plans">(.*?)</select>', page, re.S)
    assert options is not None
    assert f">{html.escape(title)} (2)</option>" in options.group(1)
    again = il.render_html(_portfolio(tmp_path / "a", title), cluster_by="plan").html
    assert page == again


def _page_data(page: il.InteractivePage) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="chain-data">(.*?)</script>', page.html)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_the_page_knows_each_boxs_plan_and_offers_one_choice_per_plan(tmp_path: Path) -> None:
    model = _portfolio(tmp_path / "pf")
    page = il.render_html(model, cluster_by="plan", highlight=False)
    data = _page_data(page)
    info = data["info"]
    assert {info[name][0]: plan for name, plan in data["plans"].items()} == {
        "rus:mal": "rus",
        "rus:andel": "rus",
        "p1:akt": "p1",
        "p1:kort": "p1",
        "p2:akt": "p2",
        "p2:annan": "p2",
    }
    options = re.findall(r'<option value="(plan:[^"]*)">([^<]*)</option>', page.html)
    assert options == [
        ("plan:rus", "RUS Kronoberg (2)"),
        ("plan:p1", "Testbäddar (2)"),
        ("plan:p2", "Rådgivning till SMF (2)"),
    ]
    # The group boxes are the plans, titled as the diagram titles them.
    assert sorted(group[0] for group in data["groups"]) == [
        "RUS Kronoberg",
        "Rådgivning till SMF",
        "Testbäddar",
    ]


def test_a_tooltip_names_the_boxs_plan_and_file_and_links_between_plans_are_purple(
    tmp_path: Path,
) -> None:
    model = _portfolio(tmp_path / "pf")
    data = _page_data(il.render_html(model, layout_limit=0, highlight=False))
    tips = {n["title"].splitlines()[1]: n["title"] for n in data["nodes"] if "title" in n}
    lines = tips["id: p1:akt"].splitlines()
    assert lines[2] == "Plan: Testbäddar (p1)"
    assert lines[3] == f"Fil: {tmp_path / 'pf' / 'p1.yaml'}:7"
    colours = sorted(edge["color"] for edge in data["edges"] if edge.get("arrows") == "to")
    assert colours == sorted([CROSS_PLAN, CROSS_PLAN, "#555555"])


def test_a_single_plan_page_has_no_plan_choice_and_no_plan_in_tooltips() -> None:
    page = il.render_html(il.Model([il.Goal(id="mal", title="Mål")], title="En plan"))
    assert 'id="plans"' not in page.html
    assert "Plan:" not in page.html
    assert "plans" not in _page_data(page)


def test_a_large_portfolio_page_opens_on_one_box_per_plan(tmp_path: Path) -> None:
    model = _portfolio(tmp_path / "pf")
    data = _page_data(il.render_html(model, cluster_by="plan", overview_limit=2))
    assert data["overview"] is True
    titles = sorted(entry[1] for entry in data["info"].values())
    assert titles == ["RUS Kronoberg", "Rådgivning till SMF", "Testbäddar"]


def test_plan_groups_name_each_nodes_plan(tmp_path: Path) -> None:
    groups = plan_groups(_portfolio(tmp_path / "pf"))
    assert groups.several
    assert list(groups.titles) == ["rus", "p1", "p2"]
    assert groups.of["p1:kort"] == "p1"
    assert groups.crosses("p1:kort", "rus:mal")
    assert not groups.crosses("p1:akt", "p1:kort")


def test_the_command_line_draws_a_plan_of_a_portfolio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _portfolio(tmp_path / "pf")
    out = tmp_path / "p2.dot"
    plan = str(tmp_path / "pf" / "p2.yaml")
    assert main(["render", plan, "-o", str(out), "--cluster-by", "plan"]) == 0
    assert 'label="RUS Kronoberg"' in out.read_text(encoding="utf-8")
    assert main(["render", plan, "-o", str(out), "--focus-plan", "rus"]) == 0
    assert "Mässa" not in out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["render", plan, "-o", str(out), "--focus-plan", "p9"]) == 2
    assert "no plan 'p9' in the model" in capsys.readouterr().err
    assert main(["render", plan, "-o", str(tmp_path / "x.mmd"), "--focus-plan", "rus"]) == 2


def _rows(path: Path, sheet: str) -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    rows = [list(row) for row in book[sheet].iter_rows(values_only=True)]
    book.close()
    return rows


def test_a_portfolios_workbook_lists_its_plans_and_each_nodes_plan(tmp_path: Path) -> None:
    written = il.write_excel(_portfolio(tmp_path / "pf"), tmp_path / "portfolj.xlsx")
    plans = _rows(written, "Planer")
    assert plans[0] == ["Planens id", "Titel", "Fil", "Laddad", "Använder"]
    assert [row[:2] + row[3:] for row in plans[1:]] == [
        ["rus", "RUS Kronoberg", True, None],
        ["p1", "Testbäddar", True, "rus: rus"],
        ["p2", "Rådgivning till SMF", True, "rus: rus"],
    ]
    assert plans[2][2] == str(tmp_path / "pf" / "p1.yaml")
    activities = _rows(written, "Aktiviteter")
    assert activities[0][0] == "Id"
    assert activities[0][-1] == "Plan"
    assert {row[0]: row[-1] for row in activities[1:] if row[0]} == {
        "p1:akt": "p1",
        "p2:akt": "p2",
        "p2:annan": "p2",
    }
    english = il.write_excel(_portfolio(tmp_path / "pf"), tmp_path / "portfolio.xlsx", lang="en")
    assert _rows(english, "Plans")[0][:2] == ["Plan id", "Title"]


def test_a_portfolios_workbook_is_written_the_same_every_time(tmp_path: Path) -> None:
    model = _portfolio(tmp_path / "pf")
    first = il.write_excel(model, tmp_path / "a.xlsx").read_bytes()
    assert first == il.write_excel(_portfolio(tmp_path / "pf"), tmp_path / "b.xlsx").read_bytes()


@pytest.mark.parametrize("strict", [True, False])
def test_reading_a_portfolios_workbook_back_is_refused_with_what_to_do(
    tmp_path: Path, *, strict: bool
) -> None:
    written = il.write_excel(_portfolio(tmp_path / "pf"), tmp_path / "portfolj.xlsx")
    with pytest.raises(il.ModelError) as raised:
        il.read_excel(written, strict=strict)
    (problem,) = raised.value.problems
    assert str(problem).endswith(
        "portfolj.xlsx:Planer!A1: this workbook holds a portfolio of 3 plans (sheet 'Planer'), "
        "and a workbook is read as one plan: load the plans' own files together "
        "(insatslogik.load_portfolio, or the command line given the files or their folder), "
        "or write one plan's workbook from its own file"
    )


def test_a_single_plans_workbook_has_no_plans_sheet_and_reads_back(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    model = il.Model(
        [
            il.Goal(id="mal", title="Mål"),
            il.Activity(id="akt", title="Gör", contributes_to=["mal"]),
        ],
        title="En plan",
    )
    written = il.write_excel(model, tmp_path / "plan.xlsx")
    book = load_workbook(written, read_only=True)
    assert "Planer" not in book.sheetnames
    book.close()
    assert _rows(written, "Aktiviteter")[0][-1] != "Plan"
    assert il.read_excel(written) == model


_OPACITY = (
    "var d = window.insatslogikNetwork.body.data.nodes;"
    "return Object.fromEntries(d.getIds().filter(function (i) { return i[0] === 'n'; })"
    ".map(function (i) { var o = d.get(i).opacity; return [i, o === undefined ? 1 : o]; }));"
)


def _open(driver: Any, path: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.as_uri())
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-drawn')") == "1"
    )


def test_in_chromium_the_plan_choice_lights_one_plans_boxes_and_escape_lets_go(
    tmp_path: Path,
) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    from tests.browser import chromium

    page = il.render_html(_portfolio(tmp_path / "pf"), cluster_by="plan")
    out = page.save(tmp_path / "portfolj.html")
    data = _page_data(page)
    names = {info[0]: name for name, info in data["info"].items()}
    with chromium(tmp_path) as driver:
        _open(driver, out)
        choice = Select(driver.find_element("id", "plans"))
        choice.select_by_value("plan:p1")
        opacity = driver.execute_script(_OPACITY)
        assert {n for n, o in opacity.items() if o == 1} == {names["p1:akt"], names["p1:kort"]}
        choice.select_by_value("plan:rus")
        opacity = driver.execute_script(_OPACITY)
        assert {n for n, o in opacity.items() if o == 1} == {names["rus:mal"], names["rus:andel"]}
        driver.find_element("tag name", "body").send_keys(Keys.ESCAPE)
        assert set(driver.execute_script(_OPACITY).values()) == {1}
        assert choice.first_selected_option.get_attribute("value") == ""
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []


def test_a_plan_that_uses_another_is_written_as_its_own_plan_with_its_uses(
    tmp_path: Path,
) -> None:
    _portfolio(tmp_path / "pf")
    model = il.load(tmp_path / "pf" / "p2.yaml")
    written = il.write_excel(model, tmp_path / "p2.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(written, read_only=True)
    assert "Planer" not in book.sheetnames  # one plan, not a portfolio: it reads back
    book.close()
    plan = {row[0]: row[1] for row in _rows(written, "Plan")[1:]}
    assert plan["Använder"] == "rus: pf/rus.yaml"  # relative to the workbook's folder
    goals = _rows(written, "Mål")
    assert [row[0] for row in goals[1:] if row[0]] == []  # the RUS's goal stays in its file
    assert il.read_excel(written).plans.keys() == model.plans.keys()


def test_the_command_line_draws_a_folder_as_a_portfolio_by_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _portfolio(tmp_path / "pf")
    out = tmp_path / "portfolj.dot"
    folder = str(tmp_path / "pf")
    assert main(["render", folder, "--portfolio", "-o", str(out), "--cluster-by", "plan"]) == 0
    source = out.read_text(encoding="utf-8")
    for title in ("RUS Kronoberg", "Testbäddar", "Rådgivning till SMF"):
        assert f'label="{title}"' in source
    assert source.count(f'color="{CROSS_PLAN}" penwidth=2.5 tooltip=') == 2
    page = tmp_path / "portfolj.html"
    assert main(["render", folder, "--portfolio", "-o", str(page), "--focus-plan", "p1"]) == 0
    assert 'id="plans"' in page.read_text(encoding="utf-8")
    capsys.readouterr()


def test_a_formula_as_a_plan_title_is_written_as_text_in_the_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    title = '=HYPERLINK("http://x","klicka")'
    written = il.write_excel(_portfolio(tmp_path / "pf", title), tmp_path / "portfolj.xlsx")
    book = load_workbook(written)
    cell = book["Planer"]["B2"]
    assert cell.value == title
    assert cell.data_type == "s"


def test_the_benchmarks_folder_is_a_portfolio_of_a_strategy_and_its_projects(
    tmp_path: Path,
) -> None:
    from benchmarks.portfolio_outputs import GOALS, write_folder

    model = il.load_portfolio(write_folder(tmp_path, 3), strict=True)
    assert len(model.plans) == 4
    assert len(model) == GOALS + 3 * 4
    source = il.render_chain(model, focus_plan="projekt-0001").source
    assert source.count(f'color="{CROSS_PLAN}" penwidth=2.5 tooltip=') == 1


def test_in_chromium_choosing_a_plan_on_the_overview_opens_that_plan(tmp_path: Path) -> None:
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from tests.browser import chromium

    page = il.render_html(_portfolio(tmp_path / "pf"), cluster_by="plan", overview_limit=2)
    out = page.save(tmp_path / "oversikt.html")
    with chromium(tmp_path) as driver:
        _open(driver, out)
        assert driver.execute_script("return document.body.dataset.layout") == "overview"
        Select(driver.find_element("id", "plans")).select_by_value("plan:p2")
        WebDriverWait(driver, 10).until(
            lambda d: d.execute_script("return document.body.dataset.layout") == "columns"
        )
        ids = driver.execute_script(
            "var d = window.insatslogikNetwork.body.data.nodes;"
            "return d.get().filter(function (n) { return n.id[0] === 'n'; })"
            ".map(function (n) { return n.title.split('\\n')[1]; }).sort();"
        )
        assert ids == ["id: p2:akt", "id: p2:annan"]


_WRITE_PORTFOLIO = """
import sys
from pathlib import Path
import insatslogik as il

folder, out = Path(sys.argv[1]), Path(sys.argv[2])
model = il.load_portfolio(folder, strict=True)
il.render_chain(model, cluster_by="plan").save(out / "plans.dot")
il.render_chain(model, cluster_by="plan").save(out / "plans.svg")
il.render_chain(model, cluster_by="plan", overview_limit=2).save(out / "overview.dot")
il.render_chain(model, focus_plan="p1").save(out / "p1.svg")
il.render_html(model, cluster_by="plan").save(out / "plans.html")
il.write_excel(model, out / "plans.xlsx")
"""


def test_a_portfolio_gives_the_same_bytes_in_every_process(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    _portfolio(tmp_path / "pf", HOSTILE[0])
    written: list[dict[str, bytes]] = []
    for seed in ("0", "1"):
        out = tmp_path / f"out-{seed}"
        out.mkdir()
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", _WRITE_PORTFOLIO, str(tmp_path / "pf"), str(out)],
            check=True,
            env=environment,
        )
        written.append({path.name: path.read_bytes() for path in sorted(out.iterdir())})
    assert sorted(written[0]) == [
        "overview.dot",
        "p1.svg",
        "plans.dot",
        "plans.html",
        "plans.svg",
        "plans.xlsx",
    ]
    assert written[0] == written[1]


def test_each_plan_has_its_own_tint_the_same_in_the_diagram_and_on_the_page(
    tmp_path: Path,
) -> None:
    from insatslogik.palette import PLAN_FILLS

    model = _portfolio(tmp_path / "pf")
    source = il.render_chain(model, cluster_by="plan", highlight=False).source
    tints = dict(re.findall(r'fillcolor="(#[0-9a-f]{6})" fontsize=11 label="([^"]*)"', source))
    expected = {
        PLAN_FILLS[0]: "RUS Kronoberg",
        PLAN_FILLS[1]: "Testbäddar",
        PLAN_FILLS[2]: "Rådgivning till SMF",
    }
    assert tints == expected
    # One plan drawn alone keeps its tint.
    alone = il.render_chain(model, cluster_by="plan", focus_plan="p2", highlight=False).source
    assert f'fillcolor="{PLAN_FILLS[2]}" fontsize=11 label="Rådgivning till SMF"' in alone
    groups = _page_data(il.render_html(model, cluster_by="plan"))["groups"]
    assert {group[5]: group[0] for group in groups} == expected
    # Boxes per substrategy keep the page's one colour.
    assert il.render_chain(model, cluster_by="substrategy").source.count('filled"') == 0
