r"""The interactive page: the results chain in columns, zoomable, with details in tooltips.

The page is one self-contained HTML file: the vis-network script, which ships inside this
package (``render/vendor/``, with its licence), is inlined, so it works with no network, and a Content-Security-Policy forbids loading anything
at all. pyvis, whose page template loads scripts from CDNs, does not escape its heading and
turns tooltips into HTML when any title contains ``href``, is not used (docs/decisions.md). Here every user text
travels as JSON data inside the script and is shown by vis-network as plain text; the page's
few HTML texts go through :func:`html.escape`.

Boxes stand where Graphviz puts them in the chain diagram (:mod:`insatslogik.render.layout`):
the same columns, order and group boxes, links along the same curves, no physics simulation.
Without Graphviz the page places one column per chain level itself. Either way the same model
gives the same picture and the same bytes.

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

import base64
import gzip
import html
import json
import os
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

from insatslogik.analyses.findings import Finding
from insatslogik.analyses.indicators import (
    comparison_text,
    component_lines,
    describe_target,
    target_history,
)
from insatslogik.analyses.judgements import link_notes, node_notes
from insatslogik.analyses.tables import actor_ids
from insatslogik.errors import UsageError
from insatslogik.formats.files import write_atomic
from insatslogik.i18n import (
    Lang,
    heading,
    indicator_column_heading,
    kind_label,
    quantity,
    resolve_lang,
    severity_name,
    word,
)
from insatslogik.kinds import KIND_ORDER, EdgeKind, Kind
from insatslogik.model.model import Model
from insatslogik.model.schema import Indicator, Link, Node
from insatslogik.palette import CROSS_PLAN, HIGHLIGHT, KIND_STYLES, plan_fill
from insatslogik.render.diagrams import ClusterBy, GraphvizNotFoundError
from insatslogik.render.layout import ChainLayout, chain_layout
from insatslogik.render.style import FONT, WRAP_WIDTH, wrap
from insatslogik.render.view import (
    INDICATOR_COLUMN,
    ChainView,
    PlanGroups,
    chain_view,
    plan_groups,
)

__all__ = ["LAYOUT_LIMIT", "OVERVIEW_LIMIT", "VIS_NETWORK", "InteractivePage", "render_html"]

#: The file name of the vis-network script in ``insatslogik/render/vendor/``.
VIS_NETWORK: Final = "vis-network.min.js"

_COLUMN_WIDTH: Final = 300
_LINE_HEIGHT: Final = 16
_NODE_PADDING: Final = 22
_NODE_GAP: Final = 18
_HEADING_GAP: Final = 50
_COLUMN_FONT: Final = 13
#: The chain diagram's label size in points; the page draws Graphviz's boxes in points too.
_DIAGRAM_FONT: Final = 11
_HEADING_SIZE: Final = 13

#: Above this many boxes the page places its columns itself: Graphviz takes minutes there.
LAYOUT_LIMIT: Final = 2000

#: Above this many boxes the page opens on an overview of its groups.
OVERVIEW_LIMIT: Final = 2000


@dataclass(frozen=True)
class InteractivePage:
    """A rendered interactive page: its HTML text; shows itself in Jupyter.

    Attributes:
        html: the whole page, UTF-8 text with everything inlined.
        height: the height in pixels Jupyter gives its frame.
    """

    html: str
    height: int = 640

    def __repr__(self) -> str:
        # Short: the page is half a megabyte, and Jupyter shows the repr beside the frame.
        return f"<InteractivePage: {len(self.html)} characters of HTML, {self.height} px high>"

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
    # vis-network 9.1.2, shipped in the package (its MIT licence beside it): pyvis, which used
    # to provide it, brought 19 more packages and 69 MB into every install for this one file.
    script = files("insatslogik.render").joinpath("vendor", VIS_NETWORK).read_text("utf-8")
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


def _tooltip(
    model: Model, node: Node, findings: list[Finding], lang: Lang, groups: PlanGroups | None
) -> str:
    # The one place a box's tooltip is written: plain text, one fact per line, shown by the
    # browser as text (never as HTML). Add new facts about a node here. `groups` only for a
    # portfolio, whose boxes name their plan and its file.
    lines = [f"{kind_label(node.kind, lang)}: {node.title}", f"id: {node.id}"]
    if groups is not None:
        plan = groups.of[node.id]
        lines.append(f"{word('page.plan', lang)}: {groups.titles[plan]} ({plan})")
        where = model.location(node.id)
        file = groups.files.get(plan)
        if where is not None and where.file:
            file = f"{where.file}:{where.line}" if where.line else where.file
        if file:
            lines.append(f"{word('page.file', lang)}: {file}")
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
    if node.tags:
        lines.append(f"{word('page.tags', lang)}: {', '.join(node.tags)}")
    if node.notes:
        lines.extend([f"{word('page.notes', lang)}:", *wrap(node.notes, 60)])
    # Follow-up: the node's latest assessment and the assumptions about it.
    lines.extend(node_notes(model, node.id, lang=lang))
    for edge, target, link in node.links:
        text = (
            None
            if edge is not EdgeKind.CONTRIBUTES_TO
            else _link_tooltip(model, node.id, target, link, lang)
        )
        if text:
            lines.extend(["", f"{word('page.links_to', lang)} {model[target].title}:"])
            lines.extend(text.splitlines())
    if findings:
        lines.extend(["", f"{word('page.findings', lang)}:"])
        lines.extend(f"- {line}" for f in findings for line in wrap(f.message, 70))
    return "\n".join(lines)


def _link_tooltip(
    model: Model, source: str, target: str, link: Link | None, lang: Lang
) -> str | None:
    return "\n".join(link_notes(model, source, target, link, lang=lang)) or None


def _label(node: Node, lang: Lang) -> str:
    # Boxes here keep a fixed width, so a long unbroken word (a web address) is split rather
    # than allowed to widen its box over the neighbouring column; the tooltip has it whole.
    lines = wrap(node.title, WRAP_WIDTH, break_long_words=True)
    if isinstance(node, Indicator) and node.values:
        year = max(node.values)
        lines.append(f"{quantity(node.values[year], node.unit, lang)} ({year})")
    return "\n".join(lines)


def _ordered_columns(view: ChainView) -> dict[int, list[Node]]:
    # Without Graphviz: one sweep left to right, each column sorted by the mean position of
    # what links into it from columns already placed (the barycentre heuristic), ties in the
    # view's order (the plan's).
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

        def key(node: Node) -> float:
            placed = [rank[s] for s in into.get(node.id, ()) if s in rank]
            return sum(placed) / len(placed) if placed else float("inf")

        members_sorted = sorted(members, key=key)  # stable: ties keep the view's order
        for position, node in enumerate(members_sorted):
            rank[node.id] = position / max(len(members_sorted), 1)
        ordered[column] = members_sorted
    return ordered


def _column_heading(column: int, lang: Lang) -> str:
    return heading(column, lang) if column != INDICATOR_COLUMN else indicator_column_heading(lang)


def _heading_node(column: int, x: float, y: float, size: int, lang: Lang) -> dict[str, Any]:
    return {
        "id": f"h{column}",
        "label": _column_heading(column, lang),
        "x": x,
        "y": y,
        "shape": "text",
        "font": {"size": size, "face": FONT, "color": "#333333", "bold": True},
        "fixed": True,
        "chosen": False,
    }


def _box_node(name: str, node: Node, view: ChainView, tooltip: str, lang: Lang) -> dict[str, Any]:
    style = KIND_STYLES[Kind(node.kind)]
    mark = view.marks.get(node.id)
    return {
        "id": name,
        "label": _label(node, lang),
        "title": tooltip,
        "shape": "box",
        "borderWidth": 3 if mark else 1,
        "color": {
            "background": style.fill,
            "border": HIGHLIGHT[mark.value] if mark else style.border,
            "highlight": {"background": style.fill, "border": "#000000"},
            "hover": {"background": style.fill, "border": "#000000"},
        },
        "shapeProperties": {"borderDashes": [4, 3]} if isinstance(node, Indicator) else {},
    }


def _column_positions(
    view: ChainView, lang: Lang
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    # Columns placed by the page itself, for when Graphviz is not installed or the plan is too
    # large for it: headings, and each box's centre and minimum width.
    headings: list[dict[str, Any]] = []
    places: dict[str, dict[str, Any]] = {}
    columns = _ordered_columns(view)
    heights = {
        n.id: _label(n, lang).count("\n") * _LINE_HEIGHT + _LINE_HEIGHT + _NODE_PADDING
        for members in columns.values()
        for n in members
    }
    spans = {c: sum(heights[n.id] + _NODE_GAP for n in ms) for c, ms in columns.items()}
    tallest = max(spans.values(), default=0)
    # Each column centred on the tallest, so short columns of goals sit mid-chain.
    for place, (column, members) in enumerate(columns.items()):
        x = place * _COLUMN_WIDTH
        headings.append(_heading_node(column, x, -_HEADING_GAP, 17, lang))
        y = (tallest - spans[column]) // 2
        for node in members:
            height = heights[node.id]
            places[node.id] = {"x": x, "y": y + height // 2, "widthConstraint": {"minimum": 150}}
            y += height + _NODE_GAP
    return headings, places


def _graphviz_positions(
    layout: ChainLayout, lang: Lang
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    # Graphviz's boxes, exactly: the same width and height, at the same centre, so the page
    # shows the report's diagram; the label font is the diagram's 11 points.
    headings = [
        _heading_node(column, x, y, _HEADING_SIZE, lang)
        for column, (x, y) in layout.headings.items()
    ]
    places = {
        node_id: {
            "x": box.x,
            "y": box.y,
            # A minimum only: the browser's font may measure a little wider than dot's, and a
            # box that grows a little beats a label wrapped anew.
            "widthConstraint": {"minimum": box.width},
            "heightConstraint": {"minimum": box.height, "valign": "middle"},
            "margin": {"top": 4, "bottom": 4, "left": 6, "right": 6},
        }
        for node_id, box in layout.boxes.items()
    }
    return headings, places


def _page_data(
    model: Model,
    view: ChainView,
    layout: ChainLayout | None,
    lang: Lang,
    *,
    cluster_by: ClusterBy | None = None,
    groups: PlanGroups | None = None,
) -> dict[str, Any]:
    # `groups`: the model's plans, when the caller has them already (one pass over the model).
    by_node: dict[str, list[Finding]] = {}
    for finding in view.findings:
        for node_id in finding.nodes:
            by_node.setdefault(node_id, []).append(finding)
    shown = [*view.nodes, *view.indicators]
    names = view.dot_names()
    headings, places = (
        _column_positions(view, lang) if layout is None else _graphviz_positions(layout, lang)
    )
    nodes = list(headings)
    info: dict[str, list[Any]] = {}
    everyone = plan_groups(model) if groups is None else groups
    groups = everyone if everyone.several else None
    plan_of: dict[str, str] = {}
    for node in shown:
        name = names[node.id]
        tooltip = _tooltip(model, node, by_node.get(node.id, []), lang, groups)
        nodes.append({**_box_node(name, node, view, tooltip, lang), **places[node.id]})
        codes = sorted({(f.code.value, f.severity.value) for f in by_node.get(node.id, [])})
        info[name] = [node.id, node.title, " ".join(node.tags), [list(c) for c in codes]]
        if groups is not None:
            plan_of[name] = groups.of[node.id]
    links: list[list[str]] = []
    edges: list[dict[str, Any]] = []
    for node in shown:
        for edge, target, link in node.links:
            if target not in names or edge not in (EdgeKind.CONTRIBUTES_TO, EdgeKind.MEASURED_BY):
                continue
            links.append([names[node.id], names[target]])
            if layout is not None:
                continue  # drawn along Graphviz's curves instead
            if edge is EdgeKind.CONTRIBUTES_TO:
                backward_link = (Kind(model[target].kind).level or 0) < (Kind(node.kind).level or 0)
                crossing = groups is not None and groups.crosses(node.id, target)
                item: dict[str, Any] = {
                    "from": names[node.id],
                    "to": names[target],
                    "arrows": "to",
                    "color": HIGHLIGHT["error"]
                    if backward_link
                    else (CROSS_PLAN if crossing else "#555555"),
                    "width": 2 if backward_link or crossing else 1,
                }
                link_text = _link_tooltip(model, node.id, target, link, lang)
                if link_text:
                    item["title"] = link_text
                edges.append(item)
            else:
                edges.append(
                    {
                        "from": names[node.id],
                        "to": names[target],
                        "dashes": True,
                        "color": "#999999",
                    }
                )
    data: dict[str, Any] = {"nodes": nodes, "edges": edges, "links": links, "info": info}
    if plan_of:
        data["plans"] = plan_of  # a portfolio's: the page of one plan stays as it was
    if layout is None:
        data.update(curves=[], groups=[], fontSize=_COLUMN_FONT, firstArea=None)
        return data
    data["fontSize"] = _DIAGRAM_FONT
    data["curves"] = [
        [
            names[c.source],
            names[c.target],
            [v for point in c.points for v in point],
            [v for point in c.arrow for v in point],
            c.color,
            c.dashed,
            c.width,
        ]
        for c in layout.curves
    ]
    place = {plan: position for position, plan in enumerate(everyone.titles)}
    data["groups"] = [
        [
            everyone.titles[g.id] if cluster_by == "plan" else model[g.id].title,
            g.left,
            g.top,
            g.right,
            g.bottom,
            # A plan's box has its plan's tint, as in the diagram; other boxes the page's own.
            *([plan_fill(place[g.id])] if cluster_by == "plan" else []),
        ]
        for g in layout.groups
    ]
    first = layout.groups[0] if layout.groups else None
    data["firstArea"] = (
        None if first is None else [first.left, first.top, first.right, first.bottom]
    )
    data["bounds"] = [layout.width, layout.height]
    return data


def _block(data: dict[str, Any]) -> str:
    # One group's page data, gzip-compressed and base64-encoded: the browser inflates it with
    # DecompressionStream only when the group is opened. mtime=0 keeps the bytes the same.
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return base64.b64encode(gzip.compress(raw.encode("utf-8"), 6, mtime=0)).decode("ascii")


def _overview(
    model: Model, view: ChainView, lang: Lang, *, by_plan: bool
) -> tuple[dict[str, Any], list[str]]:
    # A plan too large to draw at once starts from one box per substrategy (or strategy, or
    # the plan itself for what is part of neither), with its counts and finding badges; each
    # group's boxes travel compressed and are drawn when the group is opened. A portfolio
    # grouped by plan starts from one box per plan.
    group_of: dict[str, str] = {}
    groups = plan_groups(model)
    for node in view.nodes:
        if by_plan:
            group_of[node.id] = groups.of[node.id]
            continue
        above = model.ancestors(node.id)
        group = next((a.id for a in above if a.kind == "substrategy"), None)
        group_of[node.id] = group or next((a.id for a in above if a.kind == "strategy"), "")
    for node in view.nodes:
        for edge, target, _ in node.links:
            if edge is EdgeKind.MEASURED_BY:
                group_of.setdefault(target, group_of[node.id])
    members: dict[str, tuple[list[Node], list[Indicator]]] = {}
    for node in view.nodes:
        members.setdefault(group_of[node.id], ([], []))[0].append(node)
    for indicator in view.indicators:
        members.setdefault(group_of.get(indicator.id, ""), ([], []))[1].append(indicator)
    nodes: list[dict[str, Any]] = []
    info: dict[str, list[Any]] = {}
    blocks: list[str] = []
    per_row = max(1, round(len(members) ** 0.5))
    where: dict[str, int] = {}
    # The groups that hold each plan's boxes, for the plan choice: its chain's boxes, or for a
    # plan of indicators only, those.
    chain_blocks: dict[str, set[int]] = {}
    indicator_blocks: dict[str, set[int]] = {}
    for number, (group, (chain, indicators)) in enumerate(sorted(members.items())):
        where.update(dict.fromkeys((n.id for n in (*chain, *indicators)), number))
        for node in chain:
            chain_blocks.setdefault(groups.of[node.id], set()).add(number)
        for indicator in indicators:
            indicator_blocks.setdefault(groups.of[indicator.id], set()).add(number)
        part = ChainView(tuple(chain), tuple(indicators), view.marks, view.findings)
        blocks.append(_block(_page_data(model, part, None, lang, groups=groups)))
        title = groups.titles[group] if by_plan else model[group].title if group else model.title
        boxes = len(chain) + len(indicators)
        marked: dict[str, int] = {}
        for node in (*chain, *indicators):
            if node.id in view.marks:
                severity = view.marks[node.id].value
                marked[severity] = marked.get(severity, 0) + 1
        badges = ", ".join(f"{severity_name(s, lang)}: {c}" for s, c in sorted(marked.items()))
        lines = [*wrap(title, WRAP_WIDTH), f"{boxes} {word('page.nodes', lang)}"]
        if badges:
            lines.append(badges)
        style = KIND_STYLES[Kind.SUBSTRATEGY if group or by_plan else Kind.STRATEGY]
        name = f"g{number}"
        worst = min(marked, key=list(HIGHLIGHT).index) if marked else None
        nodes.append(
            {
                "id": name,
                "label": "\n".join(lines),
                "title": f"{title}\n{word('page.open_group', lang)}",
                "shape": "box",
                "x": (number % per_row) * _COLUMN_WIDTH,
                "y": (number // per_row) * 120,
                "borderWidth": 3 if worst else 1,
                "color": {
                    "background": style.fill,
                    "border": HIGHLIGHT[worst] if worst else style.border,
                },
                "widthConstraint": {"minimum": 200, "maximum": 260},
            }
        )
        info[name] = [group, title, "", [], number]
    data: dict[str, Any] = {
        "nodes": nodes,
        "edges": [],
        "links": [],
        "info": info,
        "curves": [],
        "groups": [],
        "fontSize": _COLUMN_FONT,
        "firstArea": None,
        "overview": True,
    }
    if groups.several:
        data["planBlocks"] = {
            plan: sorted(chain_blocks.get(plan) or indicator_blocks[plan])
            for plan in sorted({*chain_blocks, *indicator_blocks})
        }
    # Last block: which group holds each box, so an address #focus=ID opens the right group.
    blocks.append(_block(where))
    return data, blocks


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


@cache
def _asset(name: str) -> str:
    # The page's own script and style sheet, kept as files beside this module so they can be
    # read and linted as what they are.
    return files("insatslogik.render").joinpath(name).read_text("utf-8")


def _legend(view: ChainView, lang: Lang) -> str:
    kinds = sorted(
        {Kind(n.kind) for n in (*view.nodes, *view.indicators)}, key=lambda k: KIND_ORDER[k.value]
    )
    items = [
        f'<li><span style="background:{KIND_STYLES[k].fill};border-color:{KIND_STYLES[k].border}">'
        f"</span>{html.escape(kind_label(k, lang))}</li>"
        for k in kinds
    ]
    severities = sorted({mark.value for mark in view.marks.values()}, key=list(HIGHLIGHT).index)
    items.extend(
        f'<li><span class="outline" style="border-color:{HIGHLIGHT[s]}"></span>'
        f"{html.escape(word('page.outline', lang))}: {html.escape(severity_name(s, lang))}</li>"
        for s in severities
    )
    return f'<ul class="legend" aria-label="{word("page.legend", lang)}">{"".join(items)}</ul>'


def _findings_filter(view: ChainView, lang: Lang) -> str:
    # One choice per severity and per finding code present, with how many boxes each marks.
    boxes_by: dict[str, set[str]] = {}
    for finding in view.findings:
        boxes_by.setdefault(f"severity:{finding.severity.value}", set()).update(finding.nodes)
        boxes_by.setdefault(f"code:{finding.code.value}", set()).update(finding.nodes)
    if not boxes_by:
        return ""
    options = [f'<option value="">{html.escape(word("page.all_findings", lang))}</option>']
    for key in sorted(boxes_by, key=lambda k: (not k.startswith("severity"), k)):
        kind, value = key.split(":", 1)
        text = (
            f"{word('page.severity', lang)}: {severity_name(value, lang)}"
            if kind == "severity"
            else value
        )
        options.append(
            f'<option value="{html.escape(key)}">{html.escape(text)} ({len(boxes_by[key])})</option>'
        )
    return (
        f"<label>{html.escape(word('page.findings_filter', lang))} "
        f'<select id="findings">{"".join(options)}</select></label>'
    )


def _plans_filter(view: ChainView, groups: PlanGroups, lang: Lang) -> str:
    # In a portfolio: one choice per plan drawn, with how many boxes it has; the script lights
    # that plan's boxes.
    if not groups.several:
        return ""
    counts: dict[str, int] = {}
    for node in (*view.nodes, *view.indicators):
        counts[groups.of[node.id]] = counts.get(groups.of[node.id], 0) + 1
    options = [f'<option value="">{html.escape(word("page.all_plans", lang))}</option>']
    options.extend(
        f'<option value="plan:{html.escape(plan, quote=True)}">'
        f"{html.escape(title)} ({counts[plan]})</option>"
        for plan, title in groups.titles.items()
        if plan in counts
    )
    return (
        f"<label>{html.escape(word('page.plan_filter', lang))} "
        f'<select id="plans">{"".join(options)}</select></label>'
    )


def _words(lang: Lang) -> dict[str, str]:
    return {"matches": word("page.matches", lang)}


def render_html(
    model: Model,
    *,
    lang: Lang | None = None,
    focus: str | None = None,
    show_indicators: bool = True,
    highlight: bool = True,
    cluster_by: ClusterBy | None = None,
    layout_limit: int = LAYOUT_LIMIT,
    overview_limit: int = OVERVIEW_LIMIT,
    focus_plan: str | None = None,
) -> InteractivePage:
    """The interactive page of `model`'s results chain: works offline, in any browser.

    The boxes stand where the chain diagram (:func:`render_chain`) puts them, in the same
    columns, order and group boxes, with the links along the same curves; without Graphviz,
    or past `layout_limit` boxes, the page places the columns itself. A search box finds boxes
    by title, id or tag; a click (or Enter) shows a box's whole chain and dims the rest, and
    the address then ends in ``#focus=ID``, which opens the page on that chain.

    Args:
        model: the model to draw.
        lang: headings, legend, tooltips and numbers in Swedish (``sv``) or English (``en``);
            None for the model's language.
        focus: only this node's chain, up and down.
        show_indicators: a last column of the indicators, linked to what they measure.
        highlight: outline the nodes that findings point at, as in the chain diagram.
        cluster_by: group boxes per ``project``, ``substrategy`` or ``plan``, as the chain
            diagram does.
        layout_limit: above this many boxes the page places the columns itself rather than
            wait for Graphviz.
        overview_limit: above this many boxes the page opens on an overview, one box per
            substrategy (or strategy) with its counts and findings, and draws a group's boxes
            when it is opened; the groups travel compressed inside the page. Grouped by
            ``plan``, the overview has one box per plan.
        focus_plan: in a portfolio, only this plan's chain nodes and those of other plans its
            links join it to.

    In a portfolio (nodes of more than one plan) each tooltip names the box's plan and file,
    links between plans are drawn thick and purple, and a choice lights one plan's boxes; on
    a page with an overview it opens the group that holds them (from the overview or from
    inside another group), or lights the groups when they are several.

    Returns:
        The page; `.save(path)` writes it, and Jupyter shows it.

    Raises:
        UsageError: for another language or `cluster_by`.
        KeyError: when `focus` names no node, or `focus_plan` no plan.

    Same model, same bytes. Cost: one run of Graphviz's ``dot``, plus the checks behind the
    highlighting.

    >>> import tempfile, pathlib, insatslogik as il
    >>> page = render_html(il.Model([il.Goal(id="mal", title="Mål")], title="T"))
    >>> page.html.startswith("<!DOCTYPE html>")
    True
    >>> page.save(pathlib.Path(tempfile.mkdtemp(), "sida.html")).name
    'sida.html'
    """
    if cluster_by not in (None, "project", "substrategy", "plan"):
        raise UsageError(
            f"cluster_by must be 'project', 'substrategy', 'plan' or None (got {cluster_by!r})"
        )
    lang = resolve_lang(lang, model.language)
    view = chain_view(
        model,
        focus=focus,
        show_indicators=show_indicators,
        highlight=highlight,
        lang=lang,
        plan=focus_plan,
    )
    size = len(view.nodes) + len(view.indicators)
    blocks: list[str] = []
    layout = None
    if size > overview_limit:
        data, blocks = _overview(model, view, lang, by_plan=cluster_by == "plan")
    elif size <= layout_limit:
        try:
            layout = chain_layout(
                model,
                focus=focus,
                lang=lang,
                cluster_by=cluster_by,
                show_indicators=show_indicators,
                highlight=highlight,
                focus_plan=focus_plan,
            )
        except GraphvizNotFoundError:
            layout = None  # the page still works, with columns it places itself
    if not blocks:
        data = _page_data(model, view, layout, lang, cluster_by=cluster_by)
    data["options"] = _OPTIONS
    data["words"] = _words(lang)
    title = html.escape(model.title)
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="insatslogik">
<title>{title}</title>
<style>{_asset("page.css")}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="hint">{html.escape(word("page.hint", lang))}</p>
<div class="tools">
<input id="search" type="search" autocomplete="off" placeholder="{html.escape(word("page.search", lang))}" aria-label="{html.escape(word("page.search", lang))}">
<span id="count" aria-live="polite"></span>
{_findings_filter(view, lang)}
{_plans_filter(view, plan_groups(model), lang)}
</div>
<button id="back" type="button" hidden>← {html.escape(word("page.overview", lang))}</button>
<ol id="matches"></ol>
{_legend(view, lang)}
</header>
<div id="chain"></div>
<script type="application/json" id="chain-data">{_script_json(data)}</script>
{"".join(f'<script type="application/octet-stream" id="block-{i}">{b}</script>' for i, b in enumerate(blocks))}
<script>{_vis_script()}</script>
<script>{_asset("page.js")}</script>
</body>
</html>
"""
    return InteractivePage(page)
