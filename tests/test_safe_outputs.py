"""Safe outputs: hostile text renders literally in every output, runs nothing, writes only UTF-8.

One model carries the texts that break renderers (quotes, backslashes and graphviz escapes,
HTML and script tags, ``href``, colons, Swedish letters, emoji, formulas, pipes) in every place
text can go: titles of every kind, descriptions, link rationales, indicator sources, units and
comparison names, and the model's own title. It goes through every output: DOT (chain and
structure, with and without clusters), SVG, PNG, PDF, the interactive page in headless
Chromium, the tables in every format, Mermaid and Excel. Escaping of single labels is tested
beside each renderer (tests/test_diagrams.py, test_html.py, test_tables.py); this file checks
the whole model end to end, that rendering changes nothing and writes only where it is told,
and that every file is UTF-8 whatever the locale.
"""

from __future__ import annotations

import copy
import csv
import html
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import insatslogik as il
from insatslogik.render.style import wrap
from tests.browser import chromium
from tests.conftest import ascii_locale
from tests.test_html import _data, _open

# Each payload marks the page if it ever runs.
PWN = "document.documentElement.setAttribute('data-pwn','{}')"
HOSTILE = {
    "quotes": "Säg \"hej\" och 'hå'",
    "backslashes": "C:\\new\\tabell \\N \\G \\l \\n",
    "bold": "<b>fet</b>",
    "lambda": "<lambda> <map>",
    "script": f"</script><script>{PWN.format('script')}</script>",
    "img": f'<img src=x onerror="{PWN.format("img")}">',
    "href": f'<a href="javascript:{PWN.format("href")}">läs mer</a>',
    "colons": "mål:1 akt:2:n port:sw",
    "swedish": "Förbättrad hälsa för äldre – ÅÄÖ åäö",
    "emoji": "Digitalt först 🚀 ✓ 👩🏽‍💻",
    "formula": '=HYPERLINK("http://x","klicka")',
    "pipes": "A | B {a|b} & C < D # E `F`",
    "entities": "AT&amp;T &lt;b&gt; &#123; &#x41;",
}
CHAIN_KINDS = {kind.value for kind in il.CHAIN_KINDS} | {"goal"}
SVG_NS = {"svg": "http://www.w3.org/2000/svg", "xlink": "http://www.w3.org/1999/xlink"}


def hostile_model() -> il.Model:
    """Every hostile text in every place text can go."""
    h = HOSTILE
    nodes: list[il.Node] = [
        il.Strategy(id="rus", title=h["swedish"], description=h["script"]),
        il.Substrategy(id="del", title=h["colons"], part_of="rus"),
        il.Project(id="proj", title=h["href"], part_of="del", performed_by=["aktor"]),
        il.Actor(id="aktor", title=h["img"]),
        il.Resource(id="res", title=h["swedish"], contributes_to=["akt.1"]),
        il.Activity(
            id="akt.1",
            title=h["quotes"],
            part_of="proj",
            description=h["script"] + "\nrad två",
            contributes_to=[il.Link(to="pres", rationale=h["img"], assumptions=h["href"])],
        ),
        il.Activity(
            id="akt-2",
            title=h["backslashes"],
            part_of="proj",
            contributes_to=[
                il.Link(
                    to="utf",
                    assumptions=["antagande", h["pipes"]],
                    assessments=[
                        il.Assessment(year=2023, by="aktor", judgement="partly", text=h["lambda"])
                    ],
                )
            ],
        ),
        il.Activity(id="akt_3", title=h["formula"], part_of="proj", contributes_to=["mal"]),
        il.Output(id="pres", title=h["bold"], contributes_to=["utf"]),
        il.Outcome(id="utf", title=h["lambda"], contributes_to=["kort"]),
        il.Outcome(id="utf2", title=h["colons"], contributes_to=["kort2"]),
        il.ShortTermEffect(id="kort2", title=h["entities"], contributes_to=["mal"]),
        il.Activity(id="akt-4", title=h["emoji"], contributes_to=["utf2"]),
        il.ShortTermEffect(id="kort", title=h["script"], contributes_to=["lang"]),
        il.LongTermEffect(id="lang", title=h["pipes"], contributes_to=["mal"]),
        il.Goal(
            id="mal",
            title=h["img"],
            measured_by=["ind"],
            part_of="del",
            assessments=[
                il.Assessment(
                    year=2023, by="utv", judgement="unclear", text=h["script"], evidence=h["href"]
                )
            ],
        ),
        # The follow-up part: questions, an evaluation and assumptions with hostile words.
        il.Question(
            id="fraga",
            title=h["formula"],
            about=["mal", "kort", "akt-4"],
            method=["enkät"],
            source=h["pipes"],
            when=il.Schedule(start=2022, until=2024),
            season="höst",
            responsible=["aktor"],
            assessments=[
                il.Assessment(year=2022, by="aktor", judgement="achieved", text=h["bold"])
            ],
        ),
        il.Evaluation(
            id="utv", title=h["emoji"], about=["mal"], responsible=["aktor"], when=(2023,)
        ),
        il.Assumption(
            id="antagande", title=h["quotes"], about=["kort"], status="fails", evidence="weak"
        ),
        il.Indicator(
            id="ind",
            title=h["emoji"],
            source=h["script"],
            unit="<b>%</b>",
            baseline=il.Observation(year=2020, value=1.5),
            target=il.Observation(year=2030, value=3),
            values={2020: 1.5, 2021: 2},
            comparisons={h["href"]: {2020: 1}},
        ),
    ]
    return il.Model(nodes, title=h["img"] + h["script"] + h["quotes"], description=h["href"])


# --- graphviz: DOT, SVG, PNG, PDF ------------------------------------------------------------


def _svg_nodes(svg_text: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg_text)  # well-formed XML, or this raises
    return {
        group.findtext("svg:title", namespaces=SVG_NS) or "": group
        for group in root.iter(f"{{{SVG_NS['svg']}}}g")
        if group.get("class") == "node"
    }


def _assert_inert(svg_text: str) -> None:
    """No element of the SVG can run or load anything: no scripts, handlers or foreign HTML."""
    for element in ET.fromstring(svg_text).iter():
        assert element.tag.rsplit("}", 1)[-1] not in {"script", "foreignObject", "iframe"}
        assert not [name for name in element.attrib if name.lower().startswith("on")]
        href = element.get(f"{{{SVG_NS['xlink']}}}href") or element.get("href")
        assert href is None, href


def _tooltip(group: ET.Element) -> str | None:
    link = group.find(".//svg:a", SVG_NS)
    return None if link is None else link.get(f"{{{SVG_NS['xlink']}}}title")


def _texts(group: ET.Element) -> list[str]:
    return [t.text or "" for t in group.iter(f"{{{SVG_NS['svg']}}}text")]


@pytest.mark.parametrize("cluster_by", [None, "project", "substrategy"])
def test_the_chain_diagram_draws_every_text_verbatim(cluster_by: str | None) -> None:
    model = hostile_model()
    diagram = il.render_chain(model, cluster_by=cluster_by)  # type: ignore[arg-type]
    drawn = diagram.svg()  # dot accepts the DOT text, or this raises
    _assert_inert(drawn)
    groups = _svg_nodes(drawn)
    chain = [n for n in model if n.kind in CHAIN_KINDS or n.kind == "indicator"]
    headings = [name for name in groups if name.startswith("h")]
    # One group per chain node and per column heading: no phantom nodes from colons or ports.
    assert len(groups) == len(chain) + len(headings)
    # A tooltip is the title, then what follow-up says of the node, a line each.
    tooltips = {(_tooltip(g) or "").split("\n")[0] for g in groups.values()}
    for node in chain:
        assert node.title in tooltips
        group = next(g for g in groups.values() if (_tooltip(g) or "").split("\n")[0] == node.title)
        assert _texts(group)[: len(wrap(node.title))] == wrap(node.title)


def test_follow_up_text_in_diagram_tooltips_is_shown_verbatim() -> None:
    h = HOSTILE
    drawn = il.render_chain(hostile_model()).svg()
    _assert_inert(drawn)
    root = ET.fromstring(drawn)
    titles = [
        element.get(f"{{{SVG_NS['xlink']}}}title") or ""
        for element in root.iter(f"{{{SVG_NS['svg']}}}a")
    ]
    goal = next(t for t in titles if t.startswith(h["img"] + "\n"))
    assert goal.split("\n")[1] == (
        f"Senaste bedömning: 2023, {h['emoji']}: oklart. {h['script']} (belägg: {h['href']})"
    )
    effect = next(t for t in titles if t.startswith(h["script"] + "\n"))
    assert effect.split("\n")[1] == f"Antagande: {h['quotes']} (håller inte, svagt stöd)"
    link = next(t for t in titles if t.startswith("Antaganden: " + h["pipes"]))
    assert link.split("\n")[1:] == [
        f"Antagande: {h['quotes']} (håller inte, svagt stöd)",
        f"Senaste bedömning: 2023, {h['img']}: delvis uppnått. {h['lambda']}",
    ]


def test_the_structure_diagram_draws_every_text_verbatim() -> None:
    model = hostile_model()
    drawn = il.render_structure(model).svg()
    _assert_inert(drawn)
    groups = _svg_nodes(drawn)
    structure = [n for n in model if n.kind in {"strategy", "substrategy", "project", "activity"}]
    assert len(groups) == len(structure)
    for node in structure:
        assert any(_texts(g) == wrap(node.title) for g in groups.values()), node.title


def test_the_title_is_drawn_verbatim() -> None:
    model = hostile_model()
    root = ET.fromstring(il.render_chain(model).svg())
    graph = next(g for g in root.iter(f"{{{SVG_NS['svg']}}}g") if g.get("class") == "graph")
    title_lines = [
        t.text or "" for t in graph.findall("svg:text", SVG_NS)
    ]  # the graph label, outside every node
    assert title_lines == wrap(model.title, 80)


@pytest.mark.parametrize(
    ("suffix", "magic"),
    [
        (".dot", b"digraph insatslogik {"),
        (".svg", b"<?xml"),
        (".png", b"\x89PNG"),
        (".pdf", b"%PDF"),
    ],
)
def test_every_diagram_format_is_written(tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = il.render_chain(hostile_model()).save(tmp_path / f"kedja{suffix}")
    data = out.read_bytes()
    assert data.startswith(magic)
    if suffix in {".dot", ".svg"}:
        text = data.decode("utf-8")
        assert "ÅÄÖ åäö" in text
        assert "👩🏽\u200d💻" in text
    assert [p.name for p in tmp_path.iterdir()] == [f"kedja{suffix}"]


# --- the interactive page in a browser -------------------------------------------------------


def _hover(driver: Any, name: str) -> str:
    """Hover the node `name` with the mouse; its tooltip's text, once shown; then move away."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    container = driver.find_element("id", "chain")
    size = container.size
    network = "var n = window.insatslogikNetwork;"
    # The first view shows a readable part of a large plan: bring the node into view first.
    driver.execute_script(
        network + "n.moveTo({position: n.getPositions([arguments[0]])[arguments[0]]});", name
    )
    # A point of the node's box that no neighbour covers: a title of one long word (a URL, a
    # script) makes a box wider than its column.
    point = driver.execute_script(
        network
        + "var b = n.getBoundingBox(arguments[0]);"
        + "for (var i = 1; i < 10; i++) { for (var j = 1; j < 4; j++) {"
        + "  var p = n.canvasToDOM({x: b.left + (b.right - b.left) * i / 10,"
        + "                         y: b.top + (b.bottom - b.top) * j / 4});"
        + "  if (n.getNodeAt(p) === arguments[0]) { return [p.x, p.y]; } } }"
        + "return null;",
        name,
    )
    assert point is not None, f"{name} is covered by other nodes"
    x, y = point
    assert 0 < x < size["width"], "the node is outside the window"
    assert 0 < y < size["height"], "the node is outside the window"
    tooltip = "var t = document.querySelector('div.vis-tooltip');"
    ActionChains(driver).move_to_element_with_offset(
        container, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).perform()
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(tooltip + "return t && t.style.visibility === 'visible';")
    )
    text: str = driver.execute_script(tooltip + "return t.innerText")
    # Away to an empty corner, and wait until the tooltip is gone, so the next one is fresh.
    corner = (-size["width"] // 2 + 3, size["height"] // 2 - 3)
    assert (
        driver.execute_script(
            network + "return n.getNodeAt({x: 3, y: arguments[0]});", size["height"] - 3
        )
        is None
    )
    ActionChains(driver).move_to_element_with_offset(container, *corner).perform()
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(tooltip + "return t.style.visibility !== 'visible';")
    )
    return text


def test_in_chromium_every_hostile_text_shows_literally_and_runs_nothing(tmp_path: Path) -> None:
    model = hostile_model()
    out = il.render_html(model).save(tmp_path / "fientlig.html")
    data = _data(out.read_text(encoding="utf-8"))
    boxes = [n for n in data["nodes"] if "title" in n]
    # The chain and its indicator; no structure, no actors.
    assert len(boxes) == len([n for n in model if n.kind in CHAIN_KINDS or n.kind == "indicator"])
    with chromium(tmp_path) as driver:
        _open(driver, out)
        assert driver.execute_script("return document.title") == model.title
        # The labels vis-network drew on its canvas are the texts, not parsed markup.
        labels = driver.execute_script(
            "var n = window.insatslogikNetwork.body.data.nodes;"
            "return n.getIds().map(function (id) { return [id, n.get(id).label]; });"
        )
        assert dict(labels) == {n["id"]: n["label"] for n in data["nodes"]}
        # Labels are wrapped between words and, in long words, inside them: compare the text
        # without its white space.
        shown = ["".join(label.split()) for _, label in labels]
        for name, payload in HOSTILE.items():
            if name != "href":  # the project's title, which the chain does not draw
                assert any(label.startswith("".join(payload.split())) for label in shown), name
        for box in boxes:
            assert _hover(driver, box["id"]) == box["title"]
        assert (
            driver.execute_script("return document.documentElement.getAttribute('data-pwn')")
            is None
        )
        assert driver.execute_script("return document.querySelectorAll('img, a, b').length") == 0
        assert driver.execute_script("return document.scripts.length") == 3  # the page's own
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []


def test_the_page_carries_every_text_as_data() -> None:
    model = hostile_model()
    page = il.render_html(model).html
    data = _data(page)
    tooltips = "\n".join(n.get("title", "") for n in [*data["nodes"], *data["edges"]])
    for node in model:
        if node.kind in CHAIN_KINDS or node.kind in {"indicator", "actor"}:
            assert node.title in tooltips, node.id
    assert f"Källa: {HOSTILE['script']}" in tooltips
    assert f"Motivering: {HOSTILE['img']}" in tooltips
    assert f"Antaganden: {HOSTILE['href']}" in tooltips
    assert "<img" not in page
    assert "<a " not in page
    assert page.count("</script>") == 3


# --- tables ----------------------------------------------------------------------------------


def _markdown_cells(line: str) -> list[str]:
    # Split on the pipes that are not escaped with a backslash.
    assert line.startswith("| ")
    assert line.endswith(" |")
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line[1:-1])]


def _markdown_text(cell: str) -> list[str]:
    return [
        html.unescape(item).replace("\\|", "|").replace("\\\\", "\\") for item in cell.split("<br>")
    ]


@pytest.mark.parametrize("kind", ["plan", "indicators", "matrix", "calendar"])
def test_markdown_tables_keep_their_cells(kind: str) -> None:
    model = hostile_model()
    rows = il.table_rows(model, kind=kind)  # type: ignore[arg-type]
    lines = il.render_table(model, kind=kind, format="markdown").splitlines()  # type: ignore[arg-type]
    assert len(lines) == len(rows) + 1
    body = [lines[0], *lines[2:]]
    for line, row in zip(body, rows, strict=True):
        cells = _markdown_cells(line)
        assert len(cells) == len(row)
        for cell, items in zip(cells, row, strict=True):
            # Line breaks inside an item become spaces; everything else comes back exactly.
            assert _markdown_text(cell) == ([i.replace("\n", " ") for i in items] or [""])
        assert "<b>" not in line
        assert "<script" not in line


class _Table(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.cells: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag in ("td", "th"):
            self._cell = []
            self.cells.append(self._cell)
        elif tag == "li" and self._cell is not None:
            self._cell.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            if not self._cell:
                self._cell.append("")
            self._cell[-1] += data


@pytest.mark.parametrize("kind", ["plan", "indicators", "matrix", "calendar"])
def test_html_tables_show_the_literal_text_and_no_injected_tags(kind: str) -> None:
    model = hostile_model()
    rows = il.table_rows(model, kind=kind)  # type: ignore[arg-type]
    parser = _Table()
    parser.feed(il.render_table(model, kind=kind, format="html"))  # type: ignore[arg-type]
    assert set(parser.tags) <= {"table", "caption", "thead", "tbody", "tr", "th", "td", "ul", "li"}
    assert parser.attributes == [("class", "insatslogik")]
    assert parser.cells == [cell for row in rows for cell in row]


@pytest.mark.parametrize("kind", ["plan", "indicators", "matrix", "calendar"])
def test_csv_tables_round_trip_through_a_csv_reader(kind: str) -> None:
    model = hostile_model()
    rows = il.table_rows(model, kind=kind)  # type: ignore[arg-type]
    text = il.render_table(model, kind=kind, format="csv")  # type: ignore[arg-type]
    read = list(csv.reader(io.StringIO(text)))
    expected = [["\n".join(cell) for cell in row] for row in rows]
    # A cell that starts like a formula gets a leading apostrophe, and nothing else changes.
    assert [[c.removeprefix("'") for c in row] for row in read] == expected
    assert all(not c.startswith(("=", "+", "-", "@")) for row in read for c in row)
    # The formula is an activity's title (the plan matrix) and the question's (the others).
    assert any(HOSTILE["formula"] in c for row in read for c in row) == (kind != "indicators")


# --- Mermaid and Excel -----------------------------------------------------------------------


def test_mermaid_labels_hold_no_syntax_and_decode_to_the_text() -> None:
    model = hostile_model()
    text = il.render_mermaid(model)
    labels = re.findall(r'\["([^"]*)"\]', text)
    for label in labels:
        assert not set(label) & set('<>&"[]{}|`#') or re.fullmatch(
            r"(?:[^#<>&]|#\d+;|<br>)*", label
        )
    decoded = {
        re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label.replace("<br>", " "))
        for label in labels
    }
    for node in model:
        if node.kind in CHAIN_KINDS:
            assert " ".join(wrap(node.title)) in decoded, node.id
    # Every line is a statement Mermaid knows; user text never starts one.
    for line in text.splitlines():
        assert re.match(
            r"\s*(%%\{init|flowchart|subgraph|direction|end$|n\d+|classDef|class |style n\d+ |h\d)",
            line,
        ), line


def test_excel_cells_hold_the_literal_text_and_no_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    model = hostile_model()
    path = tmp_path / "plan.xlsx"
    il.write_excel(model, path)
    book = load_workbook(path)
    values = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in values), "no cell may be a formula"
    texts = {str(cell.value) for cell in values if cell.value is not None}
    for node in model:
        assert node.title in texts, node.id
    # The derived sheets: the evaluation matrix names the question, the plan matrix the
    # assumption with its status.
    assert HOSTILE["formula"] in {str(c.value) for c in book["Utvärderingsmatris"]["A"]}
    assert any(f"{HOSTILE['quotes']} (håller inte, svagt stöd)" in text for text in texts)
    assert il.read_excel(path) == model


# --- rendering changes nothing and writes only where it is told ------------------------------


def _render_everything(model: il.Model, out: Path) -> None:
    il.render_chain(model, cluster_by="project").save(out / "kedja.svg")
    il.render_chain(model).save(out / "kedja.png")
    il.render_chain(model).save(out / "kedja.pdf")
    il.render_structure(model).save(out / "styrkedja.dot")
    il.render_html(model).save(out / "kedja.html")
    for kind in ("plan", "indicators", "matrix", "calendar"):
        for fmt in ("markdown", "html", "csv", "text"):
            il.render_table(model, kind=kind, format=fmt)
    il.render_mermaid(model)
    il.write_excel(model, out / "plan.xlsx")
    il.check(model)
    il.render_html(model)._repr_html_()


def _graph_state(graph: Any) -> tuple[Any, ...]:
    return (
        type(graph),
        copy.deepcopy(dict(graph.graph)),
        copy.deepcopy(list(graph.nodes(data=True))),
        copy.deepcopy(list(graph.edges(keys=True, data=True))),
    )


def test_rendering_writes_nothing_into_the_current_folder_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, out = tmp_path / "here", tmp_path / "out"
    here.mkdir()
    out.mkdir()
    monkeypatch.chdir(here)
    model = hostile_model()
    text, nodes = il.dumps(model), [node.model_dump() for node in model]
    graph = il.to_networkx(model)
    graph_before, view_before = _graph_state(graph), _graph_state(model.graph)
    _render_everything(model, out)
    # A model made from the user's own graph renders without touching that graph either.
    from_graph = il.from_networkx(graph)
    assert from_graph == model
    _render_everything(from_graph, out)
    assert list(here.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["kedja.svg", "kedja.png", "kedja.pdf", "styrkedja.dot", "kedja.html", "plan.xlsx"]
    )
    assert il.dumps(model) == text
    assert [node.model_dump() for node in model] == nodes
    assert _graph_state(graph) == graph_before
    assert _graph_state(model.graph) == view_before
    assert nx.utils.graphs_equal(graph, il.to_networkx(model))


# --- UTF-8 whatever the locale ---------------------------------------------------------------

RENDER_SCRIPT = """
import sys
from pathlib import Path
import insatslogik as il
model, out = il.load(sys.argv[1]), Path(sys.argv[2])
il.save(model, out / "plan.yaml")
il.save(model, out / "plan.json")
for suffix in (".dot", ".svg"):
    il.render_chain(model, cluster_by="project").save(out / f"kedja{suffix}")
il.render_structure(model).save(out / "styrkedja.svg")
il.render_html(model).save(out / "kedja.html")
for kind in ("plan", "indicators", "matrix", "calendar"):
    for fmt in ("markdown", "html", "csv", "text"):
        text = il.render_table(model, kind=kind, format=fmt)
        (out / f"{kind}.{fmt}").write_bytes(text.encode("utf-8"))
"""


def test_every_output_is_utf8_under_a_non_utf8_locale(tmp_path: Path) -> None:
    plan = tmp_path / "fientlig.yaml"
    il.save(hostile_model(), plan)
    out = tmp_path / "out"
    out.mkdir()
    env = ascii_locale()
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import locale, sys; print(locale.getpreferredencoding(), sys.flags.utf8_mode)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.split() == ["ANSI_X3.4-1968", "0"]  # really ASCII, really no UTF-8 mode
    run = subprocess.run(
        [sys.executable, "-c", RENDER_SCRIPT, str(plan), str(out)],
        env=env,
        capture_output=True,
        check=False,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    commands = {
        "cli.html": ["render", str(plan), "-o", str(out / "cli.html")],
        "cli.mmd": ["render", str(plan), "-o", str(out / "cli.mmd")],
        "cli.svg": ["render", str(plan), "-o", str(out / "cli.svg"), "--structure"],
        "cli.csv": ["follow-up", str(plan), "--matrix", "-o", str(out / "cli.csv")],
    }
    for arguments in commands.values():
        cli = subprocess.run(
            [sys.executable, "-m", "insatslogik", *arguments],
            env=env,
            capture_output=True,
            check=False,
        )
        assert cli.returncode == 0, cli.stderr.decode(errors="replace")
    # Printed, not written: the table command's output under an ASCII locale.
    table = subprocess.run(
        [sys.executable, "-m", "insatslogik", "table", str(plan)],
        env=env,
        capture_output=True,
        check=False,
    )
    assert table.returncode == 0, table.stderr.decode(errors="replace")
    (out / "stdout.md").write_bytes(table.stdout)
    files = sorted(out.iterdir())
    assert len(files) == 27
    for path in files:
        text = path.read_bytes().decode("utf-8")  # strict: every file is UTF-8
        if path.suffix == ".svg":
            text = html.unescape(text)  # dot writes ' as &#39;
        assert "Digitalt först " in text, path.name  # the emoji title, in every output
        # Mermaid writes symbols as numeric entities (#128640;) and libyaml characters beyond
        # U+FFFF as escapes (\U0001F680): both ASCII, and read back as the same text.
        if path.suffix not in {".mmd", ".yaml"}:
            assert "🚀" in text, path.name
    assert table.stdout.decode("utf-8").startswith("| Mål | Aktiviteter |")
    assert il.load(out / "plan.yaml") == il.load(out / "plan.json") == il.load(plan)


# --- control characters, and Markdown as a site generator renders it --------------------------

#: Texts a terminal, a Markdown renderer or a spreadsheet would obey.
CONTROLS = {
    "terminal": "Mål\x1b]0;kapad\x07\x1b[2J\x1b[31m röd\x9b31m\x7f",
    "script": "<script>alert(1)</script> <img src=x onerror=alert(2)>",
    "link": "[läs mer](javascript:alert(3)) ![bild](javascript:alert(4)) <https://x.test>",
    "rows": "rad 1\rrad 2\u2028rad 3\u2029rad 4\x85rad 5",
    "formula": "Andel\r=cmd|' /C calc'!A0",
}
_C0_C1 = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_model() -> il.Model:
    """Goals titled with each text, none of them reached or measured: every check finds them."""
    return il.Model(
        [il.Goal(id=f"mal-{key}", title=text) for key, text in CONTROLS.items()],
        title=CONTROLS["terminal"],
    )


@pytest.mark.parametrize(
    ("command", "fmt"),
    [
        ("check", "text"),
        ("check", "markdown"),
        ("check", "json"),
        ("coverage", "text"),
        ("coverage", "markdown"),
        ("coverage", "json"),
        ("table", "markdown"),
        ("table", "csv"),
        ("table", "html"),
    ],
)
def test_the_command_line_prints_no_control_character(
    tmp_path: Path, command: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = il.save(control_model(), tmp_path / "plan.yaml")
    code = il.cli.main([command, str(plan), "--format", fmt])
    out, err = capsys.readouterr()
    assert code in (0, 1)
    assert _C0_C1.findall(out + err) == []
    if fmt == "json" and command == "check":  # the same JSON: each escape is the character
        assert json.loads(out)["title"] == CONTROLS["terminal"]
    elif command == "check" and fmt == "text":
        assert "Mål^[]0;kapad^G^[[2J^[[31m röd" + "M-^[31m^?" in out


def test_validate_prints_a_file_name_with_control_characters_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Values in messages are quoted with repr(), which escapes controls; a file name is not.
    plan = tmp_path / "plan\x1b[2J.yaml"
    plan.write_text("insatslogik: 1\ntitle: T\nnodes:\n  - {id: a, kind: x}\n", "utf-8")
    assert il.cli.main(["validate", str(plan)]) == 1
    assert il.cli.main(["validate", str(tmp_path / "saknas\x07.yaml")]) == 2
    out, err = capsys.readouterr()
    assert "plan^[[2J.yaml:4:19: node 'a': unknown kind 'x'" in out
    assert "saknas^G.yaml" in err
    assert _C0_C1.findall(out + err) == []


def _rendered(markdown_text: str) -> str:
    import markdown  # as mkdocs renders pages

    return markdown.markdown(markdown_text, extensions=["tables"])


@pytest.mark.parametrize("output", ["check", "coverage", "diff"])
def test_markdown_for_a_site_shows_titles_literally_and_runs_nothing(output: str) -> None:
    model = control_model()
    text = {
        "check": lambda: il.check(model).to_markdown(),
        "coverage": lambda: il.goal_coverage(model).to_markdown(),
        "diff": lambda: il.diff(il.Model([], title="T"), model).to_markdown(),
    }[output]()
    page = _rendered(text)
    parsed = _Table()
    parsed.feed(page)
    assert {"script", "img", "a"}.isdisjoint(parsed.tags), parsed.tags
    assert parsed.attributes == []
    assert "javascript:alert(3)" in html.unescape(page)  # shown, as text
    assert "<script>alert(1)</script>" in html.unescape(page)
    if output != "diff":
        # One table row per finding or goal: no line break of any kind ended a row early.
        rows = page.count("<tr>")
        expected = len(il.check(model).findings) if output == "check" else len(CONTROLS)
        assert rows == expected + 1


def test_a_bare_cr_cannot_start_a_csv_record_with_a_formula() -> None:
    text = il.render_table(control_model(), format="csv")
    assert "\r" not in text
    records = list(csv.reader(io.StringIO(text, newline="")))
    cells = [cell for record in records for cell in record]
    assert "Andel\n=cmd|' /C calc'!A0" in cells
    # Read naively, line by line, no line starts a formula outside a quoted cell.
    assert all(not line.startswith("=") for line in re.split("\r\n|\r|\n", text) if '"' not in line)


def test_svg_with_control_characters_is_xml_and_shows_them_visibly() -> None:
    svg = il.render_chain(control_model()).pipe(format="svg").decode("utf-8")
    root = ET.fromstring(svg)  # raises on ESC or BEL, which XML may not hold
    texts = " ".join(element.text or "" for element in root.iter(f"{{{SVG_NS['svg']}}}text"))
    assert "^[]0;kapad^G" in texts
