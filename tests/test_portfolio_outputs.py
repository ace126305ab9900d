"""Portfolio outputs: the diagram grouped by plan, links between plans, one plan's picture, the page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.palette import CROSS_PLAN
from insatslogik.render.view import chain_view, plan_groups


def _portfolio(title: str = "RUS Kronoberg") -> il.Model:
    # A strategy plan and two project plans, the projects' nodes under qualified ids
    # (``PLAN:id``) as a portfolio holds them: P1 reaches the RUS goal through its effect,
    # P2 straight from an activity, and P2's second activity leads nowhere.
    def node(cls: type[il.Node], **fields: object) -> il.Node:
        links = fields.pop("contributes_to", [])
        return cls.model_construct(
            **fields,
            contributes_to=tuple(il.Link.model_construct(to=target) for target in links),  # type: ignore[attr-defined]
        )

    nodes = [
        il.Goal(id="mal", title="Fler företag växer", measured_by=["andel"]),
        il.Indicator(id="andel", title="Andel växande företag", unit="%"),
        node(
            il.ShortTermEffect, id="P1:kort", title="SMF provar ny teknik", contributes_to=["mal"]
        ),
        node(il.Activity, id="P1:akt", title="Testbädd", contributes_to=["P1:kort"]),
        node(il.Activity, id="P2:akt", title="Rådgivning", contributes_to=["mal"]),
        node(il.Activity, id="P2:annan", title="Mässa"),
    ]
    return il.Model(nodes, title=title)


def _clusters(source: str) -> dict[str, list[str]]:
    # Each cluster's label and the DOT names of the nodes declared in it.
    found: dict[str, list[str]] = {}
    for body in re.findall(r"subgraph (cluster_\d+) \{\n(.*?)\n\t\}", source, re.S):
        name, text = body
        label = re.search(r'label=("(?:[^"\\]|\\.)*"|\S+)', text)
        assert label is not None
        found[label.group(1).strip('"')] = re.findall(r"^\t\t(n\d+) \[", text, re.M)
        del name
    return found


def _names(model: il.Model, diagram: il.Diagram) -> dict[str, str]:
    # DOT name -> node id, read from the tooltips (every box's tooltip is its title).
    titles = {node.title: node.id for node in model}
    return {
        name: titles[tip]
        for name, tip in re.findall(
            r'^\t+(n\d+) \[.*tooltip="?([^"\]]*?)"?\]$', diagram.source, re.M
        )
    }


def test_grouped_by_plan_each_plan_is_one_box_titled_with_its_title() -> None:
    model = _portfolio()
    diagram = il.render_chain(model, cluster_by="plan", highlight=False)
    clusters = _clusters(diagram.source)
    names = _names(model, diagram)
    members = {label: sorted(names[n] for n in ns) for label, ns in clusters.items()}
    assert members == {
        "RUS Kronoberg": ["mal"],
        "P1": ["P1:akt", "P1:kort"],
        "P2": ["P2:akt", "P2:annan"],
    }


def test_links_between_plans_are_thick_and_purple_and_the_rest_are_not() -> None:
    model = _portfolio()
    diagram = il.render_chain(model, cluster_by="plan", highlight=False)
    names = {v: k for k, v in _names(model, diagram).items()}
    edges = dict(re.findall(r"^\t(n\d+ -> n\d+)(.*)$", diagram.source, re.M))
    cross = edges[f"{names['P1:kort']} -> {names['mal']}"]
    assert f'color="{CROSS_PLAN}"' in cross
    assert "penwidth=2.5" in cross
    assert 'tooltip="P1 → RUS Kronoberg"' in cross
    assert CROSS_PLAN not in edges[f"{names['P1:akt']} -> {names['P1:kort']}"]
    # The legend says what the purple links are.
    assert "Länk mellan planer" in diagram.source
    assert "Link between plans" in il.render_chain(model, lang="en").source


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


def test_the_svg_draws_one_cluster_per_plan_and_every_box_once() -> None:
    model = _portfolio()
    svg = il.render_chain(model, cluster_by="plan", highlight=False).svg()
    titles = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    for label in ("RUS Kronoberg", "P1", "P2"):
        assert label in titles
    # Three plans and the legend of the links between plans.
    assert svg.count('class="cluster"') == 4
    # Six boxes, four column headings and the legend's two ends.
    assert svg.count('class="node"') == 6 + 4 + 2
    assert svg.count(f'stroke="{CROSS_PLAN}"') >= 2


def test_focus_on_a_plan_draws_its_nodes_and_what_its_links_join_it_to() -> None:
    model = _portfolio()
    view_ids = [node.id for node in chain_view(model, plan="P2").nodes]
    assert view_ids == ["P2:akt", "P2:annan", "mal"]
    diagram = il.render_chain(model, focus_plan="P2", cluster_by="plan", highlight=False)
    members = {
        label: sorted(_names(model, diagram)[n] for n in ns)
        for label, ns in _clusters(diagram.source).items()
    }
    assert members == {"RUS Kronoberg": ["mal"], "P2": ["P2:akt", "P2:annan"]}
    # The RUS seen from its own plan: its goal and everything in other plans that leads in.
    rus = chain_view(model, plan="")
    assert sorted(node.id for node in rus.nodes) == ["P1:kort", "P2:akt", "mal"]


def test_focus_on_an_unknown_plan_names_the_plans() -> None:
    with pytest.raises(KeyError, match=r"no plan 'P9' in the model \(its plans: '', 'P1', 'P2'\)"):
        il.render_chain(_portfolio(), focus_plan="P9")


def test_focus_on_a_goal_draws_its_chain_across_plans() -> None:
    model = _portfolio()
    diagram = il.render_chain(model, focus="mal", cluster_by="plan", highlight=False)
    drawn = sorted(_names(model, diagram).values())
    assert drawn == ["P1:akt", "P1:kort", "P2:akt", "andel", "mal"]


def test_a_large_portfolio_is_drawn_as_one_box_per_plan_with_the_links_counted() -> None:
    model = _portfolio()
    source = il.render_chain(model, cluster_by="plan", overview_limit=3).source
    boxes = re.findall(r'^\t(p\d+) \[label="([^"]*)"', source, re.M)
    assert boxes == [
        ("p0", "RUS Kronoberg\\n2 rutor"),
        ("p1", "P1\\n2 rutor"),
        ("p2", "P2\\n2 rutor"),
    ]
    assert re.findall(r"^\t(p\d+ -> p\d+) \[label=\"([^\"]*)\"", source, re.M) == [
        ("p1 -> p0", "1 länk"),
        ("p2 -> p0", "1 länk"),
    ]
    # Not grouped by plan, or with no limit, every box is drawn.
    assert "p0" not in il.render_chain(model, overview_limit=3).source
    assert "p0" not in il.render_chain(model, cluster_by="plan", overview_limit=None).source


def test_cluster_by_another_word_is_a_usage_error() -> None:
    with pytest.raises(il.UsageError, match="'project', 'substrategy', 'plan' or None"):
        il.render_chain(_portfolio(), cluster_by="planer")  # type: ignore[arg-type]
    with pytest.raises(il.UsageError, match="'project', 'substrategy', 'plan' or None"):
        il.render_html(_portfolio(), cluster_by="planer")  # type: ignore[arg-type]


HOSTILE = [
    '</script><script>document.title="pwn"</script>',
    "<img src=x onerror=alert(1)> href",
    'C:\\new\\N "citat" {a|b} & <b>',
    "Plan\x1b]0;pwn\x07 med styrtecken",
]


@pytest.mark.parametrize("title", HOSTILE)
def test_a_hostile_plan_title_is_drawn_verbatim_and_breaks_nothing(title: str) -> None:
    model = _portfolio(title)
    diagram = il.render_chain(model, cluster_by="plan")
    assert diagram.source == il.render_chain(_portfolio(title), cluster_by="plan").source
    svg = diagram.svg()
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    shown = title.replace("\x1b", "^[").replace("\x07", "^G")
    assert shown in texts  # the graph's title and its plan's box
    assert texts.count(shown) == 2
    assert "\x1b" not in svg
    assert "\x07" not in svg


@pytest.mark.parametrize("title", HOSTILE)
def test_a_hostile_plan_title_stays_text_on_the_page(title: str) -> None:
    page = il.render_html(_portfolio(title), cluster_by="plan").html
    assert "<script>document" not in page
    assert "<img src=x" not in page
    options = re.search(r'<select id="plans">(.*?)</select>', page, re.S)
    assert options is not None
    assert f">{html.escape(title)} (2)</option>" in options.group(1)
    assert page == il.render_html(_portfolio(title), cluster_by="plan").html


def _page_data(page: il.InteractivePage) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="chain-data">(.*?)</script>', page.html)
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_the_page_knows_each_boxs_plan_and_offers_one_choice_per_plan() -> None:
    model = _portfolio()
    page = il.render_html(model, cluster_by="plan", highlight=False)
    data = _page_data(page)
    info = data["info"]
    assert isinstance(info, dict)
    plans = data["plans"]
    assert isinstance(plans, dict)
    assert {info[name][0]: plan for name, plan in plans.items()} == {
        "mal": "",
        "andel": "",
        "P1:akt": "P1",
        "P1:kort": "P1",
        "P2:akt": "P2",
        "P2:annan": "P2",
    }
    options = re.findall(r'<option value="(plan:[^"]*)">([^<]*)</option>', page.html)
    assert options == [("plan:", "RUS Kronoberg (2)"), ("plan:P1", "P1 (2)"), ("plan:P2", "P2 (2)")]
    # The group boxes are the plans, titled as the diagram titles them.
    groups = data["groups"]
    assert isinstance(groups, list)
    assert sorted(group[0] for group in groups) == ["P1", "P2", "RUS Kronoberg"]


def test_a_tooltip_names_the_boxs_plan_and_a_link_between_plans_is_purple() -> None:
    model = _portfolio()
    data = _page_data(il.render_html(model, layout_limit=0, highlight=False))
    nodes = data["nodes"]
    assert isinstance(nodes, list)
    tips = {n["title"].splitlines()[1]: n["title"] for n in nodes if "title" in n}
    assert "Plan: P1 (P1)" in tips["id: P1:akt"].splitlines()
    edges = data["edges"]
    assert isinstance(edges, list)
    colours = sorted(edge["color"] for edge in edges if edge.get("arrows") == "to")
    assert colours == sorted([CROSS_PLAN, CROSS_PLAN, "#555555"])


def test_a_single_plan_page_has_no_plan_choice_and_no_plan_in_tooltips() -> None:
    model = il.Model([il.Goal(id="mal", title="Mål")], title="En plan")
    page = il.render_html(model)
    assert 'id="plans"' not in page.html
    assert "Plan:" not in page.html
    assert _page_data(page)["plans"] == {}


def test_a_large_portfolio_page_opens_on_one_box_per_plan() -> None:
    model = _portfolio()
    data = _page_data(il.render_html(model, cluster_by="plan", overview_limit=2))
    assert data["overview"] is True
    info = data["info"]
    assert isinstance(info, dict)
    assert sorted(entry[1] for entry in info.values()) == ["P1", "P2", "RUS Kronoberg"]


def test_plan_groups_follow_the_qualified_ids() -> None:
    groups = plan_groups(_portfolio())
    assert groups.several
    assert list(groups.titles) == ["", "P1", "P2"]
    assert groups.of["P1:kort"] == "P1"
    assert groups.of["mal"] == ""
    assert groups.crosses("P1:kort", "mal")
    assert not groups.crosses("P1:akt", "P1:kort")


def _rows(path: Path, sheet: str) -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    rows = [list(row) for row in book[sheet].iter_rows(values_only=True)]
    book.close()
    return rows


def test_a_portfolios_workbook_lists_its_plans_and_each_nodes_plan(tmp_path: Path) -> None:
    written = il.write_excel(_portfolio(), tmp_path / "portfolj.xlsx")
    plans = _rows(written, "Planer")
    assert plans[0] == ["Planens id", "Titel", "Fil", "Laddad", "Använder"]
    assert [row[:2] for row in plans[1:]] == [[None, "RUS Kronoberg"], ["P1", "P1"], ["P2", "P2"]]
    activities = _rows(written, "Aktiviteter")
    assert activities[0][0] == "Id"
    assert activities[0][-1] == "Plan"
    assert {row[0]: row[-1] for row in activities[1:] if row[0]} == {
        "P1:akt": "P1",
        "P2:akt": "P2",
        "P2:annan": "P2",
    }
    english = il.write_excel(_portfolio(), tmp_path / "portfolio.xlsx", lang="en")
    assert _rows(english, "Plans")[0][:2] == ["Plan id", "Title"]


def test_a_portfolios_workbook_is_written_the_same_every_time(tmp_path: Path) -> None:
    first = il.write_excel(_portfolio(), tmp_path / "a.xlsx").read_bytes()
    assert first == il.write_excel(_portfolio(), tmp_path / "b.xlsx").read_bytes()


@pytest.mark.parametrize("strict", [True, False])
def test_reading_a_portfolios_workbook_back_is_refused_with_what_to_do(
    tmp_path: Path, *, strict: bool
) -> None:
    written = il.write_excel(_portfolio(), tmp_path / "portfolj.xlsx")
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
    model = il.Model(
        [
            il.Goal(id="mal", title="Mål"),
            il.Activity(id="akt", title="Gör", contributes_to=["mal"]),
        ],
        title="En plan",
    )
    written = il.write_excel(model, tmp_path / "plan.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(written, read_only=True)
    assert "Planer" not in book.sheetnames
    book.close()
    assert _rows(written, "Aktiviteter")[0][-1] != "Plan"
    assert il.read_excel(written) == model
