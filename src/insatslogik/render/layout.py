"""Where Graphviz places a chain diagram's boxes, group boxes and curves, for the page to reuse.

The interactive page draws what the report's diagram shows: the same columns, order and
group boxes, with the links along the curves Graphviz routed around the boxes. This module runs
``dot`` on the chain diagram (``-Tjson``) and turns its answer into page coordinates: points,
with y pointing down as in the browser.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="mal", title="Mål"),
...                   il.Activity(id="akt", title="Gör", contributes_to=["mal"])], title="T")
>>> layout = chain_layout(model)
>>> layout.boxes["akt"].x < layout.boxes["mal"].x, len(layout.curves)
(True, 1)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from insatslogik.i18n import Lang
from insatslogik.model.model import Model
from insatslogik.render.diagrams import ClusterBy, chain_clusters, render_chain
from insatslogik.render.view import chain_view

__all__ = ["Box", "ChainLayout", "Curve", "Group", "chain_layout"]

_POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class Box:
    """A box's centre and size in points (y down)."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Group:
    """A group box: its project's or substrategy's node id (or plan id), corners in points (y down)."""

    id: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Curve:
    """A link as Graphviz routed it: cubic Bézier points (start, then three per piece), arrow."""

    source: str
    target: str
    points: tuple[tuple[float, float], ...]
    arrow: tuple[tuple[float, float], ...]
    color: str
    dashed: bool
    width: float


@dataclass(frozen=True)
class ChainLayout:
    """The chain diagram as Graphviz laid it out, in points with y down.

    Attributes:
        width: the drawing's width.
        height: the drawing's height.
        boxes: each shown node's box, by node id.
        headings: each column heading's centre, by column number.
        groups: the group boxes, in the diagram's order.
        curves: the drawn links.
    """

    width: float
    height: float
    boxes: dict[str, Box]
    headings: dict[int, tuple[float, float]]
    groups: tuple[Group, ...]
    curves: tuple[Curve, ...]


def _points(text: str) -> list[float]:
    return [float(part) for part in text.split(",")]


def chain_layout(
    model: Model,
    *,
    focus: str | None = None,
    lang: Lang | None = None,
    cluster_by: ClusterBy | None = None,
    show_indicators: bool = True,
    highlight: bool = True,
    focus_plan: str | None = None,
) -> ChainLayout:
    """Lay out `model`'s chain diagram with Graphviz, as :func:`render_chain` draws it.

    Args:
        model: the model to lay out.
        focus: only this node's chain, up and down.
        lang: the language of the column headings (their widths count).
        cluster_by: group boxes per ``project``, ``substrategy`` or ``plan``.
        show_indicators: a last column of indicators.
        highlight: the highlighted findings' outlines (they are wider).
        focus_plan: in a portfolio, only this plan's chain and what its links join it to.

    Returns:
        The positions of the boxes, headings and group boxes, and the curves of the links.

    Raises:
        GraphvizNotFoundError: when Graphviz's `dot` is not installed.
        KeyError: when `focus` names no node, or `focus_plan` no plan.

    Cost: one run of ``dot`` on the diagram.

    >>> import insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="Mål")], title="T")
    >>> box = chain_layout(model).boxes["mal"]
    >>> box.width > 0 and box.height > 0
    True
    """
    diagram = render_chain(
        model,
        focus=focus,
        lang=lang,
        cluster_by=cluster_by,
        show_indicators=show_indicators,
        highlight=highlight,
        focus_plan=focus_plan,
        overview_limit=None,  # the page makes its own overview of a large portfolio
    )
    view = chain_view(
        model, focus=focus, show_indicators=show_indicators, highlight=False, plan=focus_plan
    )
    ids = {name: node_id for node_id, name in view.dot_names().items()}
    groups_by_name = {
        f"cluster_{number}": box
        for number, box in enumerate(chain_clusters(model, view.nodes, cluster_by))
    }
    laid: dict[str, Any] = json.loads(diagram.pipe("json"))
    left, bottom, right, top = _points(laid["bb"])

    def place(x: float, y: float) -> tuple[float, float]:
        # Graphviz's y axis points up, the page's down.
        return round(x - left, 2), round(top - y, 2)

    boxes: dict[str, Box] = {}
    headings: dict[int, tuple[float, float]] = {}
    groups: list[Group] = []
    names: list[str] = []
    for item in laid.get("objects", []):
        name = item["name"]
        names.append(name)
        if name in groups_by_name:
            x0, y0, x1, y1 = _points(item["bb"])
            (gx0, gy0), (gx1, gy1) = place(x0, y1), place(x1, y0)
            groups.append(Group(groups_by_name[name], gx0, gy0, gx1, gy1))
        elif "pos" in item:
            x, y = place(*_points(item["pos"]))
            if name in ids:
                width = float(item["width"]) * _POINTS_PER_INCH
                height = float(item["height"]) * _POINTS_PER_INCH
                boxes[ids[name]] = Box(x, y, round(width, 2), round(height, 2))
            elif name.startswith("h") and name[1:].isdigit():
                headings[int(name[1:])] = (x, y)
    curves: list[Curve] = []
    for edge in laid.get("edges", []):
        source, target = names[edge["tail"]], names[edge["head"]]
        if source not in ids or target not in ids:
            continue  # the invisible links that keep the column headings in order
        points: list[tuple[float, float]] = []
        color = "#555555"
        for op in edge.get("_draw_", []):
            if op["op"] == "b":
                points = [place(x, y) for x, y in op["points"]]
            elif op["op"] == "c":
                color = op["color"]
        arrow = tuple(
            place(x, y)
            for op in edge.get("_hdraw_", [])
            if op["op"] in ("P", "p")
            for x, y in op["points"]
        )
        curves.append(
            Curve(
                ids[source],
                ids[target],
                tuple(points),
                arrow,
                color,
                "dashed" in edge.get("style", ""),
                float(edge.get("penwidth", 1)),
            )
        )
    groups.sort(key=lambda g: list(groups_by_name.values()).index(g.id))
    return ChainLayout(
        round(right - left, 2),
        round(top - bottom, 2),
        boxes,
        headings,
        tuple(groups),
        tuple(curves),
    )
