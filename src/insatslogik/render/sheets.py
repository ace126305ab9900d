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
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from insatslogik.errors import UsageError
from insatslogik.i18n import Lang
from insatslogik.kinds import EdgeKind, Kind
from insatslogik.model.model import Model
from insatslogik.render.diagrams import ClusterBy, Diagram, render_chain

__all__ = ["LEGIBLE", "PAPERS", "Sheet", "render_sheets", "save_sheets"]

Paper = Literal["a4", "a3"]

#: Printable width and height in millimetres (portrait), the paper less 15 mm on each side.
PAPERS: Final[dict[str, tuple[float, float]]] = {"a4": (180.0, 267.0), "a3": (267.0, 390.0)}

#: The smallest text, in points, a sheet should have on paper.
LEGIBLE: Final = 8.0

_FONT_SIZE: Final = 11.0  # the diagrams' label size (render/diagrams.py)
_MM_PER_INCH: Final = 25.4
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


def _top_goals(model: Model) -> list[str]:
    goals = [node for node in model.nodes() if Kind(node.kind) is Kind.GOAL]
    served = {
        target
        for goal in goals
        for edge, target, _ in goal.links
        if edge is EdgeKind.CONTRIBUTES_TO
    }
    return [goal.id for goal in goals if goal.id not in served]


def render_sheets(
    model: Model,
    *,
    paper: Paper = "a4",
    landscape: bool | None = None,
    lang: Lang | None = None,
    cluster_by: ClusterBy | None = None,
    show_indicators: bool = True,
    highlight: bool = True,
) -> list[Sheet]:
    """The chain diagrams of `model` for a report on `paper`, split per top goal if need be.

    Args:
        model: the model to draw.
        paper: ``a4`` or ``a3``.
        landscape: turn the paper on its side (True), keep it upright (False), or for each
            sheet whichever gives the larger text (None).
        lang: headings and numbers in Swedish (``sv``) or English (``en``); None for the
            model's language.
        cluster_by: group boxes per ``project`` or ``substrategy``.
        show_indicators: a last column of indicators.
        highlight: outline the boxes findings point at, with a legend.

    Returns:
        One sheet with the whole chain when its text is at least :data:`LEGIBLE` points on
        paper; otherwise one sheet per goal that leads to no other goal, in the plan's order.
        A goal's chain too large even alone keeps its smaller text; `font_size` says so.

    Raises:
        UsageError: for another paper, `cluster_by` or language.

    Cost: one Graphviz layout per sheet, plus one of the whole chain.

    >>> import insatslogik as il
    >>> model = il.load("examples/vgr_kraftsamling_digitalisering.yaml")
    >>> [sheet.font_size for sheet in render_sheets(model, paper="a3")]  # one per area
    [11.0, 11.0, 11.0, 11.0, 11.0]
    >>> [sheet.font_size for sheet in render_sheets(model, paper="a4")]
    [8.5, 7.9, 7.9, 8.5, 8.0]
    """
    if paper not in PAPERS:
        raise UsageError(f"paper must be one of 'a3', 'a4' (got {paper!r})")
    options = {
        "lang": lang,
        "cluster_by": cluster_by,
        "show_indicators": show_indicators,
        "highlight": highlight,
    }
    whole = render_chain(model, **options)  # type: ignore[arg-type]
    size = _fitted(whole, PAPERS[paper], landscape)
    goals = _top_goals(model)
    if size >= LEGIBLE or len(goals) < 2:  # one goal: splitting gains nothing
        return [Sheet(model.title, whole, size)]
    sheets = []
    for goal in goals:
        diagram = render_chain(model, focus=goal, **options)  # type: ignore[arg-type]
        sheets.append(Sheet(model[goal].title, diagram, _fitted(diagram, PAPERS[paper], landscape)))
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
