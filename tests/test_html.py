"""The interactive page: self-contained, escaped, deterministic, drawn and inert in a browser."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import insatslogik as il
from insatslogik.cli import main
from tests.browser import chromium
from tests.conftest import EXAMPLES, SMALL_PLAN

VGR = EXAMPLES / "vgr_kraftsamling_digitalisering.yaml"

# Each payload marks the page if it ever runs.
PWN = "document.documentElement.setAttribute('data-pwn', '{}')"
HOSTILE = {
    "img": f'<img src=x onerror="{PWN.format("img")}">',
    "script": f"</script><script>{PWN.format('script')}</script>",
    "href": f'<a href="javascript:{PWN.format("href")}">läs mer</a>',
    "comment": "<!-- <script>",
    "quotes": "Säg \"hej\" & 'hå' \\N \\n {a|b} mål:1 – ✓ 🚀",
}


def _hostile_model() -> il.Model:
    nodes: list[il.Node] = [
        il.Goal(
            id="mal",
            title=HOSTILE["img"],
            description=HOSTILE["script"],
            measured_by=["ind"],
        ),
        il.Indicator(
            id="ind",
            title=HOSTILE["href"],
            source=HOSTILE["script"],
            unit="<b>%</b>",
            values={2020: 1.5},
        ),
        il.Actor(id="akt-or", title=HOSTILE["img"]),
        il.ShortTermEffect(id="kort", title=HOSTILE["comment"], contributes_to=["mal"]),
        il.Activity(
            id="a",
            title=HOSTILE["quotes"],
            performed_by=["akt-or"],
            contributes_to=[il.Link(to="kort", rationale=HOSTILE["img"])],
        ),
    ]
    return il.Model(nodes, title=HOSTILE["img"] + HOSTILE["script"])


def _data(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="chain-data">(.*?)</script>', page, re.S)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_the_page_is_self_contained_and_loads_nothing_from_elsewhere() -> None:
    page = il.render_html(il.loads(SMALL_PLAN)).html
    assert page.startswith("<!DOCTYPE html>")
    assert "<script src" not in page
    assert "<link" not in page
    assert "sourceMappingURL" not in page
    assert "default-src 'none'" in page  # the browser itself refuses any fetch
    assert "vis.Network" in page  # vis-network is inlined


def test_user_text_never_appears_as_markup() -> None:
    page = il.render_html(_hostile_model()).html
    for payload in HOSTILE.values():
        if "<" in payload:
            assert payload not in page
    assert "<img" not in page
    assert page.count("</script>") == 3  # the three script elements of the page itself
    assert f"<h1>{html.escape(_hostile_model().title)}</h1>" in page


def test_node_data_carries_plain_text_titles_and_tooltips() -> None:
    model = il.loads(SMALL_PLAN)
    data = _data(il.render_html(model, lang="sv").html)
    nodes = {node["label"]: node for node in data["nodes"] if "title" in node}
    activity = nodes[
        "Vi bidrar till att fler SMF\ninom tillverkningsindustrin\ntar steg i sin digitala\nutveckling"
    ]
    assert activity["title"].splitlines()[:2] == [
        "Aktivitet: Vi bidrar till att fler SMF inom tillverkningsindustrin tar steg i sin "
        "digitala utveckling",
        "id: smf-steg",
    ]
    assert "Aktörer: IUC-bolagen" in activity["title"]
    assert "Del av: Kraftsamling digitalisering" in activity["title"]
    indicator = next(n for label, n in nodes.items() if label.startswith("Andel SMF"))
    assert indicator["label"].endswith("90 % (2022)")
    for line in ("Senaste värde: 90 % (2022)", "Utgångsvärde: 82 % (2020)", "Mål: 90 % (2030)"):
        assert line in indicator["title"]
    assert "Jämfört med EU: 60 % (2020)" in indicator["title"]
    assert "Källa: DESI" in indicator["title"]
    rationale = [e["title"] for e in data["edges"] if "title" in e]
    assert rationale == ["Motivering: Stöd till SMF höjer den digitala mognaden i näringslivet"]
    english = _data(il.render_html(model, lang="en").html)
    assert {n["label"] for n in english["nodes"] if "title" not in n} == {
        "Activities",
        "Short-term effects",
        "Long-term effects",
        "Goals",
        "Indicators",
    }


def test_columns_follow_the_chain_levels_and_headings_sit_on_top() -> None:
    data = _data(il.render_html(il.loads(SMALL_PLAN)).html)
    headings = {n["label"]: n for n in data["nodes"] if "title" not in n}
    xs = [
        headings[h]["x"]
        for h in (
            "Aktiviteter",
            "Kortsiktiga effekter",
            "Långsiktiga effekter",
            "Mål",
            "Indikatorer",
        )
    ]
    assert xs == sorted(xs)
    assert len(set(xs)) == 5
    boxes = [n for n in data["nodes"] if "title" in n]
    assert all(n["y"] > headings["Mål"]["y"] for n in boxes)
    goal = next(n for n in boxes if n["title"].startswith("Mål:"))
    assert goal["x"] == headings["Mål"]["x"]


def test_findings_are_highlighted_and_listed_in_the_tooltip() -> None:
    model = il.Model(
        [il.Goal(id="mal", title="Mål"), il.Activity(id="ensam", title="Ensam aktivitet")],
        title="T",
    )
    data = _data(il.render_html(model).html)
    orphan = next(n for n in data["nodes"] if n.get("label") == "Ensam aktivitet")
    assert orphan["borderWidth"] == 3
    assert "Fynd:" in orphan["title"]
    plain = _data(il.render_html(model, highlight=False).html)
    assert (
        next(n for n in plain["nodes"] if n.get("label") == "Ensam aktivitet")["borderWidth"] == 1
    )


def test_focus_draws_only_that_chain() -> None:
    model = il.load(VGR)
    whole = _data(il.render_html(model).html)
    focused = _data(il.render_html(model, focus="omrade-naringsliv").html)
    assert 0 < len(focused["nodes"]) < len(whole["nodes"])
    with pytest.raises(KeyError):
        il.render_html(model, focus="finns-inte")


# Same bytes in other processes and under other hash seeds: tests/test_determinism.py.


def test_writing_touches_only_the_target_and_keeps_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    model = il.loads(SMALL_PLAN)
    before = il.dumps(model)
    out = tmp_path / "ut" / "plan.html"
    out.parent.mkdir()
    assert il.render_html(model).save(out) == out
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["plan.html", "ut"]
    assert out.read_text(encoding="utf-8").count("Näringslivets digitala transformation") >= 1
    assert il.dumps(model) == before


def test_jupyter_shows_the_page_in_a_sandboxed_frame() -> None:
    page = il.render_html(_hostile_model())
    frame = page._repr_html_()
    assert frame.startswith('<iframe srcdoc="')
    assert 'sandbox="allow-scripts"' in frame
    inner = frame.split('srcdoc="', 1)[1].split('" sandbox=', 1)[0]
    assert '"' not in inner
    assert "<" not in inner
    assert html.unescape(inner) == page.html


def test_cli_renders_html_without_graphviz(tmp_path: Path) -> None:
    out = tmp_path / "plan.html"
    code = subprocess.run(
        [sys.executable, "-m", "insatslogik", "render", str(VGR), "-o", str(out), "--lang", "en"],
        env={"PATH": "", "PYTHONPATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert code.returncode == 0, code.stderr
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
    assert main(["render", str(VGR), "-o", str(tmp_path / "plan.htm")]) == 2


# --- in a real browser -------------------------------------------------------------------


def _open(driver: Any, path: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.as_uri())
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-drawn')") == "1"
    )


def _hover_tooltip(driver: Any, name: str) -> str:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    container = driver.find_element("id", "chain")
    x, y = driver.execute_script(
        "var n = window.insatslogikNetwork; var p = n.canvasToDOM(n.getPosition(arguments[0]));"
        "return [p.x, p.y];",
        name,
    )
    size = container.size
    ActionChains(driver).move_to_element_with_offset(
        container, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).perform()
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(
            "var t = document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility === 'visible';"
        )
    )
    text: str = driver.execute_script("return document.querySelector('div.vis-tooltip').innerText")
    # Move away so the next hover opens a fresh tooltip.
    ActionChains(driver).move_to_element_with_offset(
        container, 0, -size["height"] // 2 + 2
    ).perform()
    return text


def test_in_chromium_the_real_plan_is_drawn(tmp_path: Path) -> None:
    model = il.load(VGR)
    out = il.render_html(model).save(tmp_path / "vgr.html")
    data = _data(out.read_text(encoding="utf-8"))
    with chromium(tmp_path) as driver:
        _open(driver, out)
        assert (
            driver.execute_script("return document.querySelectorAll('#chain canvas').length") == 1
        )
        drawn = driver.execute_script("return window.insatslogikNetwork.body.nodeIndices.length")
        assert drawn == len(data["nodes"])
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
        goal = next(n for n in data["nodes"] if n.get("title", "").startswith("Mål: Näringslivets"))
        tooltip = _hover_tooltip(driver, goal["id"])
        assert tooltip.startswith("Mål: Näringslivets digitala transformation ska öka")


def test_in_chromium_hostile_text_runs_nothing_and_shows_literally(tmp_path: Path) -> None:
    model = _hostile_model()
    out = il.render_html(model).save(tmp_path / "fientlig.html")
    data = _data(out.read_text(encoding="utf-8"))
    with chromium(tmp_path) as driver:
        _open(driver, out)
        assert (
            driver.execute_script("return document.querySelector('h1').textContent") == model.title
        )
        assert driver.execute_script("return document.title") == model.title
        boxes = [n for n in data["nodes"] if "title" in n]
        assert len(boxes) == 4  # activity, effect, goal, indicator
        for box in boxes:
            shown = _hover_tooltip(driver, box["id"])
            assert shown == box["title"]  # exactly the text, no markup interpreted
            # innerText turns line breaks into <br>; no other element may appear.
            tags = driver.execute_script(
                "return Array.from(document.querySelectorAll('div.vis-tooltip *'), e => e.tagName)"
            )
            assert set(tags) <= {"BR"}
        assert (
            driver.execute_script("return document.documentElement.getAttribute('data-pwn')")
            is None
        )
        assert driver.execute_script("return document.querySelectorAll('img, a').length") == 0


def test_a_long_unbroken_word_is_split_so_its_box_keeps_the_column_width() -> None:
    address = "https://www.vgregion.se/regional-utveckling/verksamhetsomraden/digitalisering/"
    model = il.Model([il.Goal(id="mal", title=f"Se {address}")], title="T")
    node = next(n for n in _data(il.render_html(model).html)["nodes"] if "title" in n)
    assert max(len(line) for line in node["label"].split("\n")) <= 30
    assert "".join(node["label"].split()) == f"Se{address}"
    assert address in node["title"]  # the tooltip has it whole
