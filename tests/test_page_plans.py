"""The page of a large portfolio: its plan choice reaches every plan from the overview and from
inside any opened group, whether the overview is grouped by plan or by substrategy."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from benchmarks.portfolio import folder, write_folder

import insatslogik as il

# Past this many boxes the generated portfolio's page opens on an overview; the default limit is
# higher, and the page is the same kind of page at any limit, only cheaper to build here.
LIMIT = 600


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> il.Model:
    # 21 regions' RUS files and five project files that use them: 1 600 boxes.
    return il.load_portfolio(write_folder(folder(5), tmp_path_factory.mktemp("pf")), strict=True)


def _data(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="chain-data">(.*?)</script>', page, re.S)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def _project_plans(model: il.Model) -> list[str]:
    # The generator names a region's RUS `r07` and its projects `r07-s2-p0`.
    return sorted(plan for plan in model.plans if "-" in plan)


@pytest.mark.parametrize("cluster_by", [None, "plan"])
def test_the_overview_names_the_groups_that_hold_each_plans_boxes(
    portfolio: il.Model, cluster_by: str | None
) -> None:
    data = _data(il.render_html(portfolio, cluster_by=cluster_by, overview_limit=LIMIT).html)  # type: ignore[arg-type]
    assert data["overview"] is True
    blocks = data["planBlocks"]
    assert set(blocks) == set(portfolio.plans)
    groups = len(data["info"])
    assert all(0 <= number < groups for numbers in blocks.values() for number in numbers)
    if cluster_by == "plan":  # one box per plan, and each plan's boxes are in its own
        assert all(len(numbers) == 1 for numbers in blocks.values())
        assert {data["info"][f"g{n[0]}"][0]: p for p, n in blocks.items()} == {
            p: p for p in portfolio.plans
        }
    else:  # a region's RUS spans its substrategies; a project is in its substrategy's group
        assert all(len(blocks[plan]) == 5 for plan in portfolio.plans if "-" not in plan)
        assert [len(blocks[plan]) for plan in _project_plans(portfolio)].count(1) >= 3


def test_a_single_plans_overview_has_no_plan_blocks() -> None:
    model = il.load(Path(__file__).resolve().parent.parent / "examples" / "kronoberg_rus.yaml")
    assert "planBlocks" not in _data(il.render_html(model, overview_limit=10).html)


# --- in a real browser --------------------------------------------------------------------

_SHOWN = (
    "var d = window.insatslogikNetwork.body.data.nodes;"
    "return d.get().filter(function (n) { return n.id[0] === 'n'; }).length;"
)
# The boxes drawn at full strength (column headings are never dimmed, so left out).
_LIT = (
    "var d = window.insatslogikNetwork.body.data.nodes;"
    "return d.getIds().filter(function (i) { var o = d.get(i).opacity;"
    " return i[0] !== 'h' && (o === undefined || o === 1); }).sort();"
)


def _page(driver: Any, path: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.as_uri())
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-drawn')") == "1"
    )


def _wait_block(driver: Any, number: int) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.body.dataset.block") == str(number)
    )


def _inflate(driver: Any, number: int) -> dict[str, Any]:
    # A group's data, as the page itself inflates it.
    data: dict[str, Any] = driver.execute_async_script(
        "var done = arguments[1];"
        "var t = document.getElementById('block-' + arguments[0]).textContent;"
        "var b = Uint8Array.from(atob(t), function (c) { return c.charCodeAt(0); });"
        "var s = new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'));"
        "new Response(s).text().then(function (x) { done(JSON.parse(x)); });",
        number,
    )
    return data


def _boxes_of(group: dict[str, Any], plan: str) -> list[str]:
    # Sorted as strings, as the page's ids are.
    return sorted(name for name, owner in group["plans"].items() if owner == plan)


def test_in_chromium_the_plan_choice_opens_another_plans_group_from_inside_one(
    portfolio: il.Model, tmp_path: Path
) -> None:
    from selenium.webdriver.support.ui import Select

    from tests.browser import chromium

    page = il.render_html(portfolio, cluster_by="plan", overview_limit=LIMIT)
    out = page.save(tmp_path / "portfolj.html")
    # Grouped by plan, each overview box is a plan's (its id first) and its group's number last.
    blocks = {info[0]: [info[4]] for info in _data(page.html)["info"].values()}
    first, second = _project_plans(portfolio)[:2]
    with chromium(tmp_path) as driver:
        _page(driver, out)
        choice = Select(driver.find_element("id", "plans"))
        choice.select_by_value(f"plan:{first}")
        _wait_block(driver, blocks[first][0])
        # From inside the first plan's group, the second plan's group opens.
        choice.select_by_value(f"plan:{second}")
        _wait_block(driver, blocks[second][0])
        group = _inflate(driver, blocks[second][0])
        assert driver.execute_script(_SHOWN) == len(group["info"])
        assert driver.execute_script(_LIT) == _boxes_of(group, second)
        # And a RUS plan, back from a project's group.
        choice.select_by_value("plan:r00")
        _wait_block(driver, blocks["r00"][0])
        assert driver.execute_script(_LIT) == _boxes_of(_inflate(driver, blocks["r00"][0]), "r00")
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []


def test_in_chromium_the_plan_choice_on_a_substrategy_overview_opens_or_lights_groups(
    portfolio: il.Model, tmp_path: Path
) -> None:
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from tests.browser import chromium

    page = il.render_html(portfolio, overview_limit=LIMIT)
    out = page.save(tmp_path / "oversikt.html")
    blocks = _data(page.html)["planBlocks"]
    project = next(plan for plan in _project_plans(portfolio) if len(blocks[plan]) == 1)
    with chromium(tmp_path) as driver:
        _page(driver, out)
        choice = Select(driver.find_element("id", "plans"))
        # A RUS spans several groups: they are lit on the overview.
        choice.select_by_value("plan:r03")
        assert driver.execute_script("return document.body.dataset.layout") == "overview"
        assert driver.execute_script(_LIT) == sorted(f"g{n}" for n in blocks["r03"])
        # A project is in one group: it opens, with the project's boxes lit.
        choice.select_by_value(f"plan:{project}")
        _wait_block(driver, blocks[project][0])
        group = _inflate(driver, blocks[project][0])
        assert driver.execute_script(_LIT) == _boxes_of(group, project)
        # From inside it, a RUS of another region: back to the overview, its groups lit.
        choice.select_by_value("plan:r10")
        WebDriverWait(driver, 10).until(
            lambda d: d.execute_script("return document.body.dataset.layout") == "overview"
        )
        assert driver.execute_script("return document.body.dataset.block") is None
        assert driver.execute_script(_LIT) == sorted(f"g{n}" for n in blocks["r10"])
        # Opening one of them keeps the choice: the plan's boxes are lit inside.
        number = blocks["r10"][0]
        driver.execute_script("window.insatslogikOpen(arguments[0])", number)
        _wait_block(driver, number)
        assert driver.execute_script(_LIT) == _boxes_of(_inflate(driver, number), "r10")
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
