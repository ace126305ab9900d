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
    # Links are drawn along Graphviz's curves, so their rationale is in the tooltip of the box
    # they start from, under the box they lead to.
    assert data["edges"] == []
    assert (
        "Motivering: Stöd till SMF höjer den digitala mognaden i näringslivet" in activity["title"]
    )
    assert "Leder till " in activity["title"]
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


# --- exploring in a real browser: search, focus, dimming, the address, findings ---------------

_OPACITY = (
    "var d = window.insatslogikNetwork.body.data.nodes;"
    "return Object.fromEntries(d.getIds().filter(function (i) { return i[0] === 'n'; })"
    ".map(function (i) { var o = d.get(i).opacity; return [i, o === undefined ? 1 : o]; }));"
)


def _chain_names(model: il.Model, node_id: str, data: dict[str, Any]) -> set[str]:
    """The DOT names of `node_id`'s whole chain, up and down, with the indicators measuring it."""
    from insatslogik.model.reach import backward, forward

    ids = forward(model.index, [node_id]) | backward(model.index, [node_id])
    ids |= {t for i in ids for e, t, _ in model[i].links if e is il.EdgeKind.MEASURED_BY}
    shown = {name: info[0] for name, info in data["info"].items()}
    return {name for name, i in shown.items() if i in ids}


def test_in_chromium_search_and_enter_focus_a_whole_chain_and_escape_lets_go(
    tmp_path: Path,
) -> None:
    from selenium.webdriver.common.keys import Keys

    model = il.load(VGR)
    out = il.render_html(model).save(tmp_path / "vgr.html")
    data = _data(out.read_text(encoding="utf-8"))
    goal = "omrade-naringsliv"
    with chromium(tmp_path) as driver:
        _open(driver, out)
        # The search box is the first stop of the keyboard.
        driver.find_element("tag name", "body").send_keys(Keys.TAB)
        assert driver.execute_script("return document.activeElement.id") == "search"
        search = driver.switch_to.active_element
        search.send_keys("näringslivets digitala")
        listed = driver.execute_script(
            "return Array.from(document.querySelectorAll('#matches button'), b => b.textContent)"
        )
        assert listed == [f"{model[goal].title} ({goal})"]
        search.send_keys(Keys.ENTER)
        assert driver.execute_script("return document.body.dataset.focus") == goal
        opacity = driver.execute_script(_OPACITY)
        chain = _chain_names(model, goal, data)
        assert 1 < len(chain) < len(opacity)
        assert {name for name, o in opacity.items() if o == 1} == chain
        assert {o for name, o in opacity.items() if name not in chain} == {0.15}
        assert driver.execute_script("return location.hash") == f"#focus={goal}"
        # The focused box is in view, with readable text.
        x, y = driver.execute_script(
            "var n = window.insatslogikNetwork;"
            "var p = n.canvasToDOM(n.getPosition(arguments[0])); return [p.x, p.y];",
            next(name for name, info in data["info"].items() if info[0] == goal),
        )
        size = driver.find_element("id", "chain").size
        assert 0 < x < size["width"]
        assert 0 < y < size["height"]
        search.send_keys(Keys.ESCAPE)
        assert set(driver.execute_script(_OPACITY).values()) == {1}
        assert driver.execute_script("return location.hash") == ""
        assert driver.execute_script("return document.body.dataset.focus") is None
        # A tag finds its boxes too.
        search.send_keys("inriktning-10")
        assert driver.execute_script("return document.getElementById('count').textContent") == (
            "1 träffar"
        )


def test_in_chromium_a_click_focuses_the_chain_of_the_box(tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    model = il.load(VGR)
    out = il.render_html(model).save(tmp_path / "vgr.html")
    data = _data(out.read_text(encoding="utf-8"))
    name, info = next((n, i) for n, i in data["info"].items() if i[0] == "omrade-kompetens")
    with chromium(tmp_path) as driver:
        _open(driver, out)
        x, y = driver.execute_script(
            "var n = window.insatslogikNetwork; n.moveTo({position: n.getPosition(arguments[0])});"
            "var p = n.canvasToDOM(n.getPosition(arguments[0])); return [p.x, p.y];",
            name,
        )
        container = driver.find_element("id", "chain")
        size = container.size
        ActionChains(driver).move_to_element_with_offset(
            container, int(x - size["width"] / 2), int(y - size["height"] / 2)
        ).click().perform()
        assert driver.execute_script("return document.body.dataset.focus") == info[0]
        opacity = driver.execute_script(_OPACITY)
        assert {n for n, o in opacity.items() if o == 1} == _chain_names(model, info[0], data)


def test_in_chromium_the_address_opens_the_same_focus(tmp_path: Path) -> None:
    model = il.load(VGR)
    out = il.render_html(model).save(tmp_path / "vgr.html")
    data = _data(out.read_text(encoding="utf-8"))
    with chromium(tmp_path) as driver:
        driver.get(out.as_uri() + "#focus=omrade-kompetens")
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(driver, 20).until(
            lambda d: d.execute_script("return document.body.dataset.drawn") == "1"
        )
        assert driver.execute_script("return document.body.dataset.focus") == "omrade-kompetens"
        opacity = driver.execute_script(_OPACITY)
        chain = _chain_names(model, "omrade-kompetens", data)
        assert {n for n, o in opacity.items() if o == 1} == chain


def test_in_chromium_the_first_view_is_readable_and_shows_boxes(tmp_path: Path) -> None:
    for name, model in (("vgr", il.load(VGR)), ("liten", il.loads(SMALL_PLAN))):
        out = il.render_html(model).save(tmp_path / f"{name}.html")
        data = _data(out.read_text(encoding="utf-8"))
        with chromium(tmp_path) as driver:
            _open(driver, out)
            scale = driver.execute_script("return window.insatslogikNetwork.getScale()")
            # Labels are drawn at the font size times the zoom: about 12 px, never tiny.
            assert 11.5 <= scale * data["fontSize"] <= 24, name
            size = driver.find_element("id", "chain").size
            inside = driver.execute_script(
                "var n = window.insatslogikNetwork; var w = arguments[0], h = arguments[1];"
                "return Object.keys(arguments[2]).filter(function (i) {"
                "  var p = n.canvasToDOM(n.getPosition(i));"
                "  return p.x > 0 && p.y > 0 && p.x < w && p.y < h; }).length;",
                size["width"],
                size["height"],
                data["info"],
            )
            assert inside >= min(6, len(data["info"])), name
            if name == "liten":  # a small plan fits whole at a readable size
                assert inside == len(data["info"])


def test_in_chromium_the_findings_filter_lights_the_boxes_of_one_code(tmp_path: Path) -> None:
    from selenium.webdriver.support.ui import Select

    model = il.Model(
        [
            il.Goal(id="mal", title="Mål"),
            il.Goal(id="ensam-mal", title="Ingen når mig"),
            il.Activity(id="a", title="Gör", contributes_to=["mal"]),
            il.Activity(id="ensam", title="Ensam aktivitet"),
        ],
        title="T",
    )
    out = il.render_html(model).save(tmp_path / "fynd.html")
    data = _data(out.read_text(encoding="utf-8"))
    names = {info[0]: name for name, info in data["info"].items()}
    with chromium(tmp_path) as driver:
        _open(driver, out)
        choice = Select(driver.find_element("id", "findings"))
        assert [o.get_attribute("value") for o in choice.options] == [
            "",
            "severity:warning",
            "code:dead-end",
            "code:orphan-activity",
            "code:uncovered-goal",
        ]
        choice.select_by_value("code:uncovered-goal")
        opacity = driver.execute_script(_OPACITY)
        assert {n for n, o in opacity.items() if o == 1} == {names["ensam-mal"]}
        choice.select_by_value("severity:warning")
        opacity = driver.execute_script(_OPACITY)
        assert {n for n, o in opacity.items() if o == 1} == {names["ensam-mal"], names["ensam"]}
        choice.select_by_value("")
        assert set(driver.execute_script(_OPACITY).values()) == {1}


# --- large plans: an overview, groups opened on demand ----------------------------------------


def test_a_large_plan_opens_on_an_overview_with_its_groups_compressed() -> None:
    model = il.load(EXAMPLES / "kronoberg_rus.yaml")
    page = il.render_html(model, overview_limit=10).html
    data = _data(page)
    assert data["overview"] is True
    groups_shown = {info[0] for info in data["info"].values()}
    assert {"ris", "understrategier"} <= groups_shown
    assert all(model[g].kind in {"strategy", "substrategy"} for g in groups_shown if g)
    blocks = re.findall(
        r'<script type="application/octet-stream" id="block-(\d+)">([^<]*)</script>', page
    )
    # One block per group, and last the group of each box, for #focus=ID.
    assert [int(n) for n, _ in blocks] == list(range(len(data["info"]) + 1))
    import base64
    import gzip

    *groups, where = [json.loads(gzip.decompress(base64.b64decode(text))) for _, text in blocks]
    shown = sum(len(g["info"]) for g in groups)
    assert sorted(where) == sorted(info[0] for g in groups for info in g["info"].values())
    whole = _data(il.render_html(model).html)
    assert shown == len(whole["info"])  # every box is in exactly one group
    label = next(n["label"] for n in data["nodes"] if n["id"] == "g0")
    assert "rutor" in label


def test_in_chromium_an_overview_group_opens_on_a_click_and_back_returns(tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    model = il.load(EXAMPLES / "kronoberg_rus.yaml")
    out = il.render_html(model, overview_limit=10).save(tmp_path / "oversikt.html")
    data = _data(out.read_text(encoding="utf-8"))
    with chromium(tmp_path) as driver:
        _open(driver, out)
        assert driver.execute_script("return document.body.dataset.layout") == "overview"
        name = next(n for n, info in data["info"].items() if info[0] == "ris")
        x, y = driver.execute_script(
            "var n = window.insatslogikNetwork;"
            "var p = n.canvasToDOM(n.getPosition(arguments[0])); return [p.x, p.y];",
            name,
        )
        container = driver.find_element("id", "chain")
        size = container.size
        ActionChains(driver).move_to_element_with_offset(
            container, int(x - size["width"] / 2), int(y - size["height"] / 2)
        ).click().perform()
        WebDriverWait(driver, 10).until(
            lambda d: d.execute_script("return document.body.dataset.layout") == "columns"
        )
        ris = {n.id for n in model.nodes() if any(a.id == "ris" for a in model.ancestors(n.id))}
        shown = driver.execute_script(
            "return window.insatslogikNetwork.body.data.nodes.get()"
            ".filter(function (n) { return n.id[0] === 'n'; }).length"
        )
        chain_ris = [i for i in ris if model[i].kind in {k.value for k in il.CHAIN_KINDS}]
        assert shown >= len(chain_ris)
        # Inside a group, focusing works as on any page.
        driver.execute_script("window.insatslogikFocus(arguments[0])", sorted(chain_ris)[0])
        assert driver.execute_script("return document.body.dataset.focus") == sorted(chain_ris)[0]
        driver.find_element("id", "back").click()
        assert driver.execute_script("return document.body.dataset.layout") == "overview"
        assert driver.execute_script("return document.body.dataset.nodes") == str(
            len(data["nodes"])
        )


def test_in_chromium_every_bundled_example_draws_a_page_with_content(tmp_path: Path) -> None:
    # What the first view puts on the canvas: the share of pixels that are not background.
    inked = (
        "var c = document.querySelector('#chain canvas'); var x = c.getContext('2d');"
        "var d = x.getImageData(0, 0, c.width, c.height).data; var n = 0;"
        "for (var i = 0; i < d.length; i += 4) {"
        "  if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) { n++; } }"
        "return n / (c.width * c.height);"
    )
    with chromium(tmp_path) as driver:
        for example in sorted(EXAMPLES.glob("*.yaml")):
            out = il.render_html(il.load(example)).save(tmp_path / f"{example.stem}.html")
            _open(driver, out)
            share = driver.execute_script(inked)
            assert share > 0.05, example.name  # boxes, labels and links, not a blank page
            errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            assert errors == [], example.name


def test_in_chromium_hostile_notes_tags_and_group_titles_stay_text(tmp_path: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    model = il.Model(
        [
            il.Substrategy(id="del", title=HOSTILE["img"]),
            il.Goal(
                id="mal",
                title=HOSTILE["script"],
                part_of="del",
                notes=HOSTILE["img"],
                tags=(HOSTILE["href"],),
            ),
            il.Activity(
                id="a",
                title="Gör",
                part_of="del",
                contributes_to=[il.Link(to="mal", assumptions=HOSTILE["script"])],
            ),
        ],
        title="T",
    )
    for name, options in (
        ("grupper", {"cluster_by": "substrategy"}),
        ("oversikt", {"overview_limit": 1}),
    ):
        page = il.render_html(model, **options).html  # type: ignore[arg-type]
        assert "<img" not in page
        assert page.count("</script>") == 3 + page.count('type="application/octet-stream"')
        out = tmp_path / f"{name}.html"
        out.write_text(page, encoding="utf-8")
        with chromium(tmp_path) as driver:
            _open(driver, out)
            search = driver.find_element("id", "search")
            search.send_keys("script")
            search.send_keys(Keys.ENTER)
            search.send_keys("onerror")
            tags = driver.execute_script(
                "return Array.from(document.querySelectorAll('#matches *'), e => e.tagName)"
            )
            assert set(tags) <= {"LI", "BUTTON"}
            assert driver.execute_script("return document.querySelectorAll('img, a').length") == 0
            assert (
                driver.execute_script("return document.documentElement.getAttribute('data-pwn')")
                is None
            )


def test_in_chromium_an_address_opens_the_group_and_focus_from_the_overview(
    tmp_path: Path,
) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    model = il.load(EXAMPLES / "kronoberg_rus.yaml")
    out = il.render_html(model, overview_limit=10).save(tmp_path / "oversikt.html")
    goal = next(n.id for n in model.nodes(il.Kind.GOAL) if model.parent(n.id) is not None)
    with chromium(tmp_path) as driver:
        driver.get(out.as_uri() + f"#focus={goal}")
        WebDriverWait(driver, 20).until(
            lambda d: d.execute_script("return document.body.dataset.focus") == goal
        )
        assert driver.execute_script("return document.body.dataset.layout") == "columns"
        assert driver.execute_script("return document.body.dataset.block") is not None
