"""Chain diagrams for a printed report: split per goal so each page stays legible on A4 or A3.

A whole regional plan drawn at 11 pt is about 40 × 43 cm: fitted on A4 its text is under 5 pt.
:func:`render_sheets` draws the whole chain when it fits at :data:`LEGIBLE` points or more,
and otherwise one sheet per top goal (a goal that leads to no other drawn goal) with that
goal's whole chain, in the plan's order; each sheet says the size its text has on paper.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="mal", title="Mål"),
...                   il.Activity(id="akt", title="Gör", contributes_to=["mal"])], title="T")
>>> [(sheet.title, sheet.font_size) for sheet in render_sheets(model)]
[('T', 11.0)]
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from insatslogik.errors import UsageError
from insatslogik.i18n import Lang
from insatslogik.kinds import EdgeKind, Kind
from insatslogik.model.model import Model
from insatslogik.render.diagrams import ClusterBy, Diagram, Layer, render_chain

__all__ = ["LEGIBLE", "PAPERS", "Sheet", "render_sheets", "save_sheets"]

Paper = Literal["a4", "a3"]

#: Printable width and height in millimetres (portrait), the paper less 15 mm on each side.
PAPERS: Final[dict[str, tuple[float, float]]] = {"a4": (180.0, 267.0), "a3": (267.0, 390.0)}

#: The smallest text, in points, a sheet should have on paper.
LEGIBLE: Final = 8.0

_FONT_SIZE: Final = 11.0  # the diagrams' label size (render/diagrams.py)
_MM_PER_INCH: Final = 25.4
_PAPER_RANKSEP: Final = "0.35"  # inches between columns on paper (0.55 on screen)
# Characters per line of a box on paper, tried in turn while a sheet's text is under LEGIBLE:
# the screen's 30, then narrower boxes that are taller but let a wide chain print larger.
_PAPER_WRAP_WIDTHS: Final = (30, 22, 16, 12)
_POINTS_PER_INCH: Final = 72.0


@dataclass(frozen=True)
class Sheet:
    """One page of a report's chain diagrams.

    Attributes:
        title: what the page shows: the plan's title, or the goal whose chain it is.
        diagram: the diagram, scaled by Graphviz to fit the paper.
        font_size: the size of its labels on paper, in points.
    """

    title: str
    diagram: Diagram
    font_size: float


def _fitted(diagram: Diagram, paper: tuple[float, float], landscape: bool | None) -> float:
    # dot scales a drawing down (never up) to `size`; the label size on paper follows. With no
    # orientation given, the one that gives the larger text.
    laid = json.loads(diagram.pipe("json"))
    left, bottom, right, top = (float(v) for v in laid["bb"].split(","))
    turns = [False, True] if landscape is None else [landscape]
    best: tuple[float, float, float] = (0.0, 0.0, 0.0)
    for turned in turns:
        width_mm, height_mm = (paper[1], paper[0]) if turned else paper
        width_pt = width_mm / _MM_PER_INCH * _POINTS_PER_INCH
        height_pt = height_mm / _MM_PER_INCH * _POINTS_PER_INCH
        scale = min(1.0, width_pt / max(right - left, 1.0), height_pt / max(top - bottom, 1.0))
        if scale > best[0]:
            best = (scale, width_mm, height_mm)
    scale, width_mm, height_mm = best
    diagram.digraph.attr(size=f"{width_mm / _MM_PER_INCH:.2f},{height_mm / _MM_PER_INCH:.2f}")
    return round(_FONT_SIZE * scale, 1)


def _chain(
    model: Model,
    focus: str | None,
    options: Mapping[str, object],
    paper: tuple[float, float],
    landscape: bool | None,
) -> tuple[Diagram, float]:
    # On paper the columns stand closer than on screen: a chain is as wide as its levels,
    # and the width between them is what most often keeps its text from 8 pt on A4. A chain
    # still too wide gets narrower, taller boxes, as long as that makes its text larger.
    def drawn(width: int) -> tuple[Diagram, float]:
        diagram = render_chain(model, focus=focus, wrap_width=width, **options)  # type: ignore[arg-type]
        diagram.digraph.attr(ranksep=_PAPER_RANKSEP)
        return diagram, _fitted(diagram, paper, landscape)

    best = drawn(_PAPER_WRAP_WIDTHS[0])
    for width in _PAPER_WRAP_WIDTHS[1:]:
        if best[1] >= LEGIBLE:
            break
        narrower = drawn(width)
        if narrower[1] <= best[1]:
            break
        best = narrower
    return best


def _top_goals(model: Model) -> list[str]:
    # In the plan's order (the order its file gives them), which is the report's order.
    goals = [node for node in model if Kind(node.kind) is Kind.GOAL]
    served = {
        target
        for goal in goals
        for edge, target, _ in goal.links
        if edge is EdgeKind.CONTRIBUTES_TO
    }
    return [goal.id for goal in goals if goal.id not in served]


def _feeders(model: Model) -> dict[str, list[str]]:
    # For each node, the chain nodes that contribute to it, in the plan's order.
    into: dict[str, list[str]] = {}
    for node in model:
        for edge, target, _ in node.links:
            if edge is EdgeKind.CONTRIBUTES_TO and target in model:
                into.setdefault(target, []).append(node.id)
    return into


def _branches(node_id: str, into: dict[str, list[str]]) -> list[str]:
    # The nearest nodes up the chain where it branches: a node fed by one node only is
    # drawn the same as that node's chain, so walk up to where two or more feed in.
    seen = {node_id}
    feeders = into.get(node_id, [])
    while len(feeders) == 1 and feeders[0] not in seen:
        seen.add(feeders[0])
        feeders = into.get(feeders[0], [])
    return [feeder for feeder in feeders if feeder not in seen]


def render_sheets(
    model: Model,
    *,
    paper: Paper = "a4",
    landscape: bool | None = None,
    lang: Lang | None = None,
    cluster_by: ClusterBy | None = None,
    show_indicators: bool = True,
    highlight: bool = True,
    show: Sequence[Layer] = (),
) -> list[Sheet]:
    """The chain diagrams of `model` for a report on `paper`, split until each is legible.

    Args:
        model: the model to draw.
        paper: ``a4`` or ``a3``.
        landscape: turn the paper on its side (True), keep it upright (False), or for each
            sheet whichever gives the larger text (None).
        lang: headings and numbers in Swedish (``sv``) or English (``en``); None for the
            model's language.
        cluster_by: group boxes per ``project``, ``substrategy`` or ``plan``.
        show_indicators: a last column of indicators.
        highlight: outline the boxes findings point at, with a legend.
        show: optional layers, ``actors`` and ``factors``, as :func:`render_chain` draws them.

    Returns:
        One sheet with the whole chain when its text is at least :data:`LEGIBLE` points on
        paper; otherwise one sheet per goal that leads to no other goal, in the plan's order,
        and a sheet still under :data:`LEGIBLE` points is split again by what leads to it (the
        goals of the next level, then the effects), each with its whole chain. A chain that
        cannot be split further keeps its smaller text; `font_size` says so.

    Raises:
        UsageError: for another paper, `cluster_by` or language.

    Cost: one Graphviz layout per sheet tried, plus one of the whole chain.

    >>> import insatslogik as il
    >>> model = il.load("examples/vgr_kraftsamling_digitalisering.yaml")
    >>> [sheet.font_size for sheet in render_sheets(model, paper="a3")]  # the whole plan
    [8.3]
    >>> [sheet.font_size for sheet in render_sheets(model, paper="a4")]  # one per area
    [8.8, 8.7, 8.7, 8.8, 8.9]
    """
    if paper not in PAPERS:
        raise UsageError(f"paper must be one of 'a3', 'a4' (got {paper!r})")
    options = {
        "lang": lang,
        "cluster_by": cluster_by,
        "show_indicators": show_indicators,
        "highlight": highlight,
        "show": show,
        "overview_limit": None,  # a sheet is split until legible, never summarised
    }
    whole, size = _chain(model, None, options, PAPERS[paper], landscape)
    if size >= LEGIBLE:
        return [Sheet(model.title, whole, size)]
    into = _feeders(model)
    drawn: set[str] = set()

    def split(node_id: str) -> list[Sheet]:
        # A sheet per branch up the chain, each split again while under LEGIBLE; `drawn`
        # keeps a cycle of links from splitting forever.
        drawn.add(node_id)
        diagram, size = _chain(model, node_id, options, PAPERS[paper], landscape)
        sheet = Sheet(model[node_id].title, diagram, size)
        branches = [b for b in _branches(node_id, into) if b not in drawn]
        if sheet.font_size >= LEGIBLE or len(branches) < 2:
            return [sheet]
        parts = [part for branch in branches for part in split(branch)]
        # A chain as wide as the paper (as many columns as it has levels) prints no larger
        # when split by rows: keep it whole unless the split raises its smallest text.
        if min(part.font_size for part in parts) <= sheet.font_size:
            return [sheet]
        return parts

    goals = _top_goals(model)
    if len(goals) == 1:
        sheets = split(goals[0])
    elif goals:
        sheets = [part for goal in goals for part in split(goal)]
    else:
        sheets = []
    if len(sheets) < 2:  # nothing to split by: the whole chain at its size
        return [Sheet(model.title, whole, size)]
    return sheets


def save_sheets(sheets: list[Sheet], path: str | os.PathLike[str]) -> list[Path]:
    """Write each sheet by the suffix of `path`: one file, or numbered ``name-1.pdf``, ``name-2.pdf``, ….

    Args:
        sheets: the sheets, from :func:`render_sheets`.
        path: the file name (``.svg``, ``.png``, ``.pdf`` or ``.dot``).

    Returns:
        The paths written.

    Raises:
        UsageError: for another suffix.
        GraphvizNotFoundError: when Graphviz's `dot` is not installed.
        WriteError: when a file cannot be written.

    >>> import tempfile, pathlib, insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="Mål")], title="T")
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in save_sheets(render_sheets(model), folder / "kedja.svg")]
    ['kedja.svg']
    """
    target = Path(path)
    if len(sheets) == 1:
        return [sheets[0].diagram.save(target)]
    return [
        sheet.diagram.save(target.with_name(f"{target.stem}-{number}{target.suffix}"))
        for number, sheet in enumerate(sheets, 1)
    ]
