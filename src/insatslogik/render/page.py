r"""The interactive page: the results chain in columns, zoomable, with details in tooltips.

The page is one self-contained HTML file: the vis-network script that ships with pyvis is
inlined, so it works with no network, and a Content-Security-Policy forbids loading anything
at all. pyvis's own page template is not used: it loads scripts from CDNs, does not escape its
heading and turns tooltips into HTML when any title contains ``href``. Here every user text
travels as JSON data inside the script and is shown by vis-network as plain text; the page's
few HTML texts go through :func:`html.escape`.

Nodes are placed by the page itself, not by a physics simulation: one column per chain level
(as in the graphviz diagram), nodes ordered in each column by where their neighbours are, so
the same model always gives the same picture and the same bytes.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="mal", title="Fler företag <digitaliseras>"),
...                   il.Activity(id="akt", title="Rådgivning", contributes_to=["mal"])], title="T")
>>> page = render_html(model)
>>> "<digitaliseras>" in page.html, "\\u003cdigitaliseras\\u003e" in page.html
(False, True)
>>> "<script src" in page.html or "<link" in page.html  # nothing is loaded from elsewhere
False
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from insatslogik.analyses.findings import Finding
from insatslogik.analyses.indicators import (
    comparison_text,
    component_lines,
    describe_target,
    target_history,
)
from insatslogik.analyses.tables import actor_ids
from insatslogik.errors import InsatslogikError
from insatslogik.formats.files import write_atomic
from insatslogik.i18n import (
    Lang,
    heading,
    indicator_column_heading,
    kind_label,
    quantity,
    resolve_lang,
    word,
)
from insatslogik.kinds import KIND_ORDER, EdgeKind, Kind
from insatslogik.model.model import Model
from insatslogik.model.schema import Indicator, Link, Node
from insatslogik.palette import HIGHLIGHT, KIND_STYLES
from insatslogik.render.style import FONT, WRAP_WIDTH, wrap
from insatslogik.render.view import INDICATOR_COLUMN, ChainView, chain_view

__all__ = ["InteractivePage", "render_html"]

_COLUMN_WIDTH: Final = 300
_LINE_HEIGHT: Final = 16
_NODE_PADDING: Final = 22
_NODE_GAP: Final = 18
_HEADING_GAP: Final = 50


@dataclass(frozen=True)
class InteractivePage:
    """A rendered interactive page: its HTML text; shows itself in Jupyter.

    Attributes:
        html: the whole page, UTF-8 text with everything inlined.
        height: the height in pixels Jupyter gives its frame.
    """

    html: str
    height: int = 640

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to `path` (UTF-8, atomically); nothing else is written.

        Args:
            path: the file to write, usually ``….html``.

        Returns:
            The path written, as given.

        Raises:
            WriteError: when the file cannot be written; the old file, if any, is unchanged.

        >>> import tempfile, pathlib
        >>> InteractivePage("<!DOCTYPE html>").save(pathlib.Path(tempfile.mkdtemp(), "s.html")).name
        's.html'
        """
        return write_atomic(path, self.html)

    def _repr_html_(self) -> str:
        # A sandboxed frame keeps the page's styles and scripts away from the notebook's, and
        # srcdoc needs no file or server: a frame that points at a written file comes out
        # blank in VS Code, Colab and remote kernels.
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd"></iframe>'
        )


@cache
def _vis_script() -> str:
    # Found without importing pyvis, which would pull in Jinja and its page machinery.
    spec = importlib.util.find_spec("pyvis")
    folders = list(spec.submodule_search_locations or ()) if spec else []
    for folder in folders:
        bundle = Path(folder, "lib", "vis-9.1.2", "vis-network.min.js")
        if bundle.is_file():
            script = bundle.read_text(encoding="utf-8")
            break
    else:
        raise InsatslogikError(
            "the interactive page needs the vis-network script that ships with pyvis 0.3.2: "
            "install it with `pip install pyvis`"
        )
    # The source-map comment would make browser tools reach for a file that is not there.
    # split("\n"), not splitlines(): the bundle holds U+2028 and form feeds inside strings.
    lines = [line for line in script.split("\n") if not line.startswith("//# sourceMappingURL")]
    return "\n".join(lines)


def _script_json(data: object) -> str:
    # JSON inside <script>: escaping <, > and & keeps any text from closing the script element
    # or starting a comment; U+2028/2029 are line ends in older JavaScript.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _indicator_lines(indicator: Indicator, lang: Lang) -> list[str]:
    unit = indicator.unit
    lines = []
    if indicator.values:
        year = max(indicator.values)
        latest = quantity(indicator.values[year], unit, lang)
        lines.append(f"{word('page.latest', lang)}: {latest} ({year})")
    if indicator.baseline is not None:
        value = quantity(indicator.baseline.value, unit, lang)
        lines.append(f"{word('page.baseline', lang)}: {value} ({indicator.baseline.year})")
    target = describe_target(indicator, lang=lang)
    if target is not None:
        lines.append(target[0].upper() + target[1:])
    lines.extend(target_history(indicator, lang=lang))
    if len(indicator.values) > 1:
        values = ", ".join(f"{y}: {quantity(v, unit, lang)}" for y, v in indicator.values.items())
        lines.append(f"{word('page.values', lang)}: {values}")
    for name in indicator.comparisons:
        lines.append(f"{word('page.compare', lang)} {comparison_text(indicator, name, lang=lang)}")
    for dimension, groups in indicator.disaggregation.items():
        for group, by_year in groups.items():
            points = ", ".join(
                f"{quantity(v, unit, lang)} ({y})" for y, v in sorted(by_year.items())
            )
            lines.append(f"{dimension}, {group}: {points}")
    if indicator.source:
        lines.append(f"{word('page.source', lang)}: {indicator.source}")
    if indicator.number:
        lines.insert(0, f"{word('summary.number', lang)} {indicator.number}")
    return lines


def _tooltip(model: Model, node: Node, findings: list[Finding], lang: Lang) -> str:
    lines = [f"{kind_label(node.kind, lang)}: {node.title}", f"id: {node.id}"]
    if node.description:
        lines.extend(["", *wrap(node.description, 60)])
    if isinstance(node, Indicator):
        lines.extend(["", *_indicator_lines(node, lang)])
        parts = component_lines(model, node, lang=lang)
        if parts:
            lines.append(f"{word('summary.components', lang)}:")
            lines.extend(f"↳ {part}" for part in parts)
        indices = [
            model[source].title
            for source, _, key in model.graph.in_edges(node.id, keys=True)
            if key == EdgeKind.COMPOSED_OF
        ]
        if indices:
            lines.append(f"{word('page.part_of_index', lang)}: {', '.join(sorted(indices))}")
    actors = [model[i].title for i in actor_ids(model, node.id)]
    if actors:
        lines.append(f"{word('page.actors', lang)}: {', '.join(actors)}")
    parent = model.parent(node.id)
    if parent is not None:
        lines.append(f"{word('page.part_of', lang)}: {parent.title}")
    if findings:
        lines.extend(["", f"{word('page.findings', lang)}:"])
        lines.extend(f"- {line}" for f in findings for line in wrap(f.message, 70))
    return "\n".join(lines)


def _link_tooltip(link: Link, lang: Lang) -> str | None:
    parts = [
        f"{word(f'page.{name}', lang)}: {text}"
        for name in ("rationale", "assumptions", "evidence")
        if (text := getattr(link, name))
    ]
    return "\n".join(parts) or None


def _label(node: Node, lang: Lang) -> str:
    # Boxes here are placed in fixed columns, so a long unbroken word (a web address) is split
    # rather than allowed to widen its box over the neighbouring column; the tooltip has it whole.
    lines = wrap(node.title, WRAP_WIDTH, break_long_words=True)
    if isinstance(node, Indicator) and node.values:
        year = max(node.values)
        lines.append(f"{quantity(node.values[year], node.unit, lang)} ({year})")
    return "\n".join(lines)


def _ordered_columns(view: ChainView) -> dict[int, list[Node]]:
    # One sweep left to right: each column sorted by the mean position of what links into it
    # from columns already placed (the barycentre heuristic), ties by id. Linear in the links
    # plus a sort per column.
    columns = view.columns()
    shown = {n.id for members in columns.values() for n in members}
    into: dict[str, list[str]] = {}
    for members in columns.values():
        for node in members:
            for edge, target, _ in node.links:
                if target in shown and edge in (EdgeKind.CONTRIBUTES_TO, EdgeKind.MEASURED_BY):
                    into.setdefault(target, []).append(node.id)
    rank: dict[str, float] = {}
    ordered: dict[int, list[Node]] = {}
    for column, members in columns.items():

        def key(node: Node) -> tuple[float, str]:
            placed = [rank[s] for s in into.get(node.id, ()) if s in rank]
            return (sum(placed) / len(placed) if placed else float("inf"), node.id)

        members_sorted = sorted(members, key=key)
        for position, node in enumerate(members_sorted):
            rank[node.id] = position / max(len(members_sorted), 1)
        ordered[column] = members_sorted
    return ordered


def _page_data(model: Model, view: ChainView, lang: Lang) -> dict[str, Any]:
    by_node: dict[str, list[Finding]] = {}
    for finding in view.findings:
        for node_id in finding.nodes:
            by_node.setdefault(node_id, []).append(finding)
    nodes: list[dict[str, Any]] = []
    names: dict[str, str] = {}
    columns = _ordered_columns(view)
    labels = {node.id: _label(node, lang) for members in columns.values() for node in members}
    heights = {
        i: label.count("\n") * _LINE_HEIGHT + _LINE_HEIGHT + _NODE_PADDING
        for i, label in labels.items()
    }
    spans = {
        column: sum(heights[n.id] + _NODE_GAP for n in members)
        for column, members in columns.items()
    }
    tallest = max(spans.values(), default=0)
    # Only the columns in use, side by side; each centred on the tallest, so short columns of
    # goals sit in the middle of the chain rather than at its top.
    for place, (column, members) in enumerate(columns.items()):
        x = place * _COLUMN_WIDTH
        text = (
            heading(column, lang) if column != INDICATOR_COLUMN else indicator_column_heading(lang)
        )
        nodes.append(
            {
                "id": f"h{column}",
                "label": text,
                "x": x,
                "y": -_HEADING_GAP,
                "shape": "text",
                "font": {"size": 17, "face": FONT, "color": "#333333", "bold": True},
                "fixed": True,
                "chosen": False,
            }
        )
        y = (tallest - spans[column]) // 2
        for node in members:
            label, height = labels[node.id], heights[node.id]
            name = f"n{len(names)}"
            names[node.id] = name
            style = KIND_STYLES[Kind(node.kind)]
            mark = view.marks.get(node.id)
            border = HIGHLIGHT[mark.value] if mark else style.border
            nodes.append(
                {
                    "id": name,
                    "label": label,
                    "title": _tooltip(model, node, by_node.get(node.id, []), lang),
                    "x": x,
                    "y": y + height // 2,
                    "shape": "box",
                    "borderWidth": 3 if mark else 1,
                    "color": {
                        "background": style.fill,
                        "border": border,
                        "highlight": {"background": style.fill, "border": "#000000"},
                        "hover": {"background": style.fill, "border": "#000000"},
                    },
                    "widthConstraint": {"minimum": 150},
                    "shapeProperties": {"borderDashes": [4, 3]}
                    if column == INDICATOR_COLUMN
                    else {},
                }
            )
            y += height + _NODE_GAP
    edges: list[dict[str, Any]] = []
    for members in columns.values():
        for node in members:
            for edge, target, link in node.links:
                if target not in names or node.id not in names:
                    continue
                if edge is EdgeKind.CONTRIBUTES_TO:
                    backward_link = (Kind(model[target].kind).level or 0) < (
                        Kind(node.kind).level or 0
                    )
                    item: dict[str, Any] = {
                        "from": names[node.id],
                        "to": names[target],
                        "arrows": "to",
                        "color": HIGHLIGHT["error"] if backward_link else "#555555",
                        "width": 2 if backward_link else 1,
                    }
                    tooltip = None if link is None else _link_tooltip(link, lang)
                    if tooltip:
                        item["title"] = tooltip
                    edges.append(item)
                elif edge is EdgeKind.MEASURED_BY:
                    edges.append(
                        {
                            "from": names[node.id],
                            "to": names[target],
                            "dashes": True,
                            "color": "#999999",
                        }
                    )
    return {"nodes": nodes, "edges": edges}


_OPTIONS: Final = {
    "physics": False,
    "layout": {"hierarchical": False, "randomSeed": 1},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
    "nodes": {"font": {"face": FONT, "size": 13, "multi": False}, "margin": 10},
    "edges": {
        "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal"},
        "arrows": {"to": {"scaleFactor": 0.6}},
    },
}

_STYLE: Final = """
body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; color: #222; }
header { padding: 10px 16px; border-bottom: 1px solid #ddd; }
h1 { font-size: 18px; margin: 0 0 4px 0; }
p.hint { margin: 0; font-size: 12px; color: #555; }
ul.legend { list-style: none; margin: 6px 0 0 0; padding: 0; font-size: 12px; }
ul.legend li { display: inline-block; margin-right: 12px; }
ul.legend span { display: inline-block; width: 12px; height: 12px; vertical-align: -2px;
  margin-right: 4px; border: 1px solid; }
#chain { position: absolute; top: 92px; bottom: 0; left: 0; right: 0; }
div.vis-tooltip { position: absolute; visibility: hidden; padding: 6px 8px; white-space: pre-wrap;
  font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12px; color: #000;
  background: #fffff0; border: 1px solid #999; border-radius: 3px; max-width: 480px;
  box-shadow: 2px 2px 6px rgba(0,0,0,0.2); pointer-events: none; z-index: 5; }
"""

_SCRIPT: Final = """
(function () {
  var data = JSON.parse(document.getElementById("chain-data").textContent);
  var container = document.getElementById("chain");
  var network = new vis.Network(container, {
    nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)
  }, data.options);
  window.insatslogikNetwork = network;
  document.body.setAttribute("data-nodes", String(data.nodes.length));
  network.once("afterDrawing", function () {
    document.body.setAttribute("data-drawn", "1");
  });
})();
"""


def _legend(view: ChainView, lang: Lang) -> str:
    kinds = sorted(
        {Kind(n.kind) for n in (*view.nodes, *view.indicators)}, key=lambda k: KIND_ORDER[k.value]
    )
    items = [
        f'<li><span style="background:{KIND_STYLES[k].fill};border-color:{KIND_STYLES[k].border}">'
        f"</span>{html.escape(kind_label(k, lang))}</li>"
        for k in kinds
    ]
    return f'<ul class="legend" aria-label="{word("page.legend", lang)}">{"".join(items)}</ul>'


def render_html(
    model: Model,
    *,
    lang: Lang | None = None,
    focus: str | None = None,
    show_indicators: bool = True,
    highlight: bool = True,
) -> InteractivePage:
    """The interactive page of `model`'s results chain: works offline, in any browser.

    Args:
        model: the model to draw.
        lang: headings, legend, tooltips and numbers in Swedish (``sv``) or English (``en``);
            None for the model's language.
        focus: only this node's chain, up and down.
        show_indicators: a last column of the indicators, linked to what they measure.
        highlight: outline the nodes that findings point at, as in the chain diagram.

    Returns:
        The page; `.save(path)` writes it, and Jupyter shows it.

    Raises:
        UsageError: for another language.
        KeyError: when `focus` names no node.

    Same model, same bytes. Cost: linear in the shown nodes and links, plus the checks behind
    the highlighting.

    >>> import tempfile, pathlib, insatslogik as il
    >>> page = render_html(il.Model([il.Goal(id="mal", title="Mål")], title="T"))
    >>> page.html.startswith("<!DOCTYPE html>")
    True
    >>> page.save(pathlib.Path(tempfile.mkdtemp(), "sida.html")).name
    'sida.html'
    """
    lang = resolve_lang(lang, model.language)
    view = chain_view(
        model, focus=focus, show_indicators=show_indicators, highlight=highlight, lang=lang
    )
    data = _page_data(model, view, lang)
    data["options"] = _OPTIONS
    title = html.escape(model.title)
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="insatslogik">
<title>{title}</title>
<style>{_STYLE}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="hint">{html.escape(word("page.hint", lang))}</p>
{_legend(view, lang)}
</header>
<div id="chain"></div>
<script type="application/json" id="chain-data">{_script_json(data)}</script>
<script>{_vis_script()}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""
    return InteractivePage(page)
