"""Mermaid itself reads and draws the flowcharts, in headless Chromium, as GitHub would.

The Mermaid bundle comes from the npm registry (``.ci/setup`` installs it into
``.cache/mermaid``); the grammar checks of ``tests/test_mermaid.py`` are a first line, this is
the real parser and renderer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import insatslogik as il
from insatslogik.render.view import chain_view
from tests.browser import chromium
from tests.conftest import EXAMPLES, ROOT
from tests.test_html import HOSTILE

MERMAID = ROOT / ".cache" / "mermaid" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
VGR = EXAMPLES / "vgr_kraftsamling_digitalisering.yaml"


def _page(text: str, security: str) -> str:
    if not MERMAID.is_file():
        pytest.fail(
            f"{MERMAID} is missing: run `bash .ci/setup` (npm install --prefix .cache/mermaid mermaid)"
        )
    data = json.dumps(text).replace("<", "\\u003c")  # no text may close the script element
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><script src="{MERMAID.as_uri()}"></script></head>
<body><div id="out"></div><script>
mermaid.initialize({{startOnLoad: false, securityLevel: {json.dumps(security)}}});
var text = {data};
mermaid.parse(text).then(function () {{
  return mermaid.render("chart", text);
}}).then(function (result) {{
  document.getElementById("out").innerHTML = result.svg;
  document.body.setAttribute("data-state", "drawn");
}}).catch(function (error) {{
  document.body.setAttribute("data-state", "error: " + error);
}});
</script></body></html>
"""


def _draw(driver: Any, tmp_path: Path, text: str, security: str = "strict") -> list[str]:
    from selenium.webdriver.support.ui import WebDriverWait

    page = tmp_path / "mermaid.html"
    page.write_text(_page(text, security), encoding="utf-8")
    driver.get(page.as_uri())
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-state')")
    )
    state = driver.execute_script("return document.body.getAttribute('data-state')")
    assert state == "drawn", state
    labels: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('#out g.node'), n => n.textContent)"
    )
    return labels


def _squeezed(text: str) -> str:
    # White space may become line breaks, and a zero-width space keeps a literal backslash-n
    # from being read as one (see mermaid_text).
    return "".join(text.replace("\u200b", "").split())


def _expected_titles(model: il.Model, text: str) -> list[str]:
    count = len(re.findall(r"^    n\d+\[", text, flags=re.M))
    view = chain_view(model)
    titles = [n.title for n in (*view.nodes, *view.indicators)]
    assert len(titles) == count
    return titles


def test_mermaid_draws_the_real_plan_with_every_node_and_heading(tmp_path: Path) -> None:
    model = il.load(VGR)
    text = il.render_mermaid(model)
    with chromium(tmp_path) as driver:
        labels = _draw(driver, tmp_path, text)
        assert sorted(map(_squeezed, labels)) == sorted(
            map(_squeezed, _expected_titles(model, text))
        )
        headings = driver.execute_script(
            "return Array.from(document.querySelectorAll('#out g.cluster-label'), n => n.textContent)"
        )
        assert sorted(headings) == sorted(
            [
                "Aktiviteter",
                "Kortsiktiga effekter",
                "Långsiktiga effekter",
                "Mål",
                "Indikatorer",
            ]
        )


def test_mermaid_shows_hostile_text_literally_even_with_html_labels_allowed(
    tmp_path: Path,
) -> None:
    goal = il.Goal(id="mal", title=HOSTILE["img"], measured_by=["ind"])
    nodes: list[il.Node] = [
        goal,
        il.Indicator(id="ind", title=HOSTILE["href"]),
        il.ShortTermEffect(id="kort", title=HOSTILE["script"], contributes_to=["mal"]),
        il.Activity(id="a", title=HOSTILE["quotes"], contributes_to=["kort"]),
        il.Activity(id="b", title="%%{init: {}}%% ``` end [x] (y) {z} #1; &amp; --> |a|"),
    ]
    model = il.Model(nodes, title="Fientlig")
    text = il.render_mermaid(model)
    with chromium(tmp_path) as driver:
        # "loose" lets Mermaid render HTML in labels: only the escaping keeps the text text.
        labels = _draw(driver, tmp_path, text, security="loose")
        assert sorted(map(_squeezed, labels)) == sorted(
            map(_squeezed, _expected_titles(model, text))
        )
        assert (
            driver.execute_script(
                "return document.querySelectorAll('#out img, #out a, #out script').length"
            )
            == 0
        )
        assert (
            driver.execute_script("return document.documentElement.getAttribute('data-pwn')")
            is None
        )
