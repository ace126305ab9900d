r"""Graphviz diagrams: the results chain in columns by level, and the steering structure.

Both return a :class:`Diagram`: its `.source` is the DOT text (no Graphviz needed), `.svg()`
the drawing, `.save(path)` writes it by suffix, and it shows itself in Jupyter; `.digraph` is
the `graphviz.Digraph` itself, for anything else Graphviz offers. User ids never reach DOT
(nodes are ``n0``, ``n1``, … in the plan's order) and user
text only through :func:`dot_label`, so no title can break the DOT or change the drawing.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="mal", title="Fler företag <digitaliseras>"),
...                   il.Activity(id="akt", title='Rådgivning "SMF"', contributes_to=["mal"])], title="T")
>>> source = render_chain(model).source
>>> print(source.splitlines()[5].strip())
n0 [label="Rådgivning \"SMF\"" color="#2f6f9f" fillcolor="#d9ecf7" shape=box style="filled,rounded" tooltip="Rådgivning \"SMF\""]
>>> "akt" in source, "n0 -> n1" in source  # user ids never reach DOT
(False, True)
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, cast

from insatslogik.analyses.diff import diff
from insatslogik.analyses.findings import Finding
from insatslogik.analyses.indicators import component_lines, describe_target
from insatslogik.analyses.judgements import link_notes, node_notes
from insatslogik.analyses.plaintext import visible
from insatslogik.codes import Severity
from insatslogik.errors import InsatslogikError, UsageError
from insatslogik.formats.files import write_atomic
from insatslogik.i18n import (
    Lang,
    counted,
    heading,
    indicator_column_heading,
    quantity,
    resolve_lang,
    severity_name,
    word,
)
from insatslogik.kinds import CHAIN_KINDS, EdgeKind, Kind
from insatslogik.model.model import Model
from insatslogik.model.schema import Indicator, Node
from insatslogik.palette import CHANGE, CROSS_PLAN, HIGHLIGHT, KIND_STYLES, plan_fill
from insatslogik.render.style import FONT, WRAP_WIDTH, wrap
from insatslogik.render.view import (
    INDICATOR_COLUMN,
    ChainView,
    PlanGroups,
    chain_view,
    plan_groups,
    plan_order,
)

if TYPE_CHECKING:
    import graphviz

__all__ = [
    "LAYERS",
    "PLAN_OVERVIEW_LIMIT",
    "ClusterBy",
    "Diagram",
    "GraphvizNotFoundError",
    "Layer",
    "chain_clusters",
    "dot_label",
    "dot_tooltip",
    "render_chain",
    "render_structure",
]

ClusterBy = Literal["project", "substrategy", "plan"]
_CLUSTER_BY: Final = (None, "project", "substrategy", "plan")

#: Above this many boxes a chain diagram grouped by plan draws the portfolio's overview: one
#: box per plan and the links between plans counted (a national portfolio has thousands).
PLAN_OVERVIEW_LIMIT: Final = 600

#: The optional layers a chain diagram can add: ``actors`` (who performs the activities) and
#: ``factors`` (the challenges the goals address and the factors that influence the chain).
Layer = Literal["actors", "factors"]
LAYERS: Final[tuple[Layer, ...]] = ("actors", "factors")

_ACTOR_COLUMN: Final = -1.0  # left of the resources
_CONTEXT_COLUMN: Final = 8.0  # right of the indicators

_FORMATS: Final = {".svg": "svg", ".png": "png", ".pdf": "pdf"}
_INSTALL_HINT: Final = (
    "Graphviz's `dot` program is needed to draw SVG, PNG and PDF (DOT and HTML work without it): "
    "install it with `sudo apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` "
    "(macOS), `conda install -c conda-forge graphviz` or `winget install graphviz` (Windows)"
)


class GraphvizNotFoundError(InsatslogikError, RuntimeError):
    """Graphviz's `dot` program is not installed, so SVG, PNG and PDF cannot be drawn."""


class Diagram:
    """A drawn diagram: its DOT text, its drawing by Graphviz, and a file by suffix.

    Attributes:
        digraph: the `graphviz.Digraph` it was drawn as (for Graphviz's own options).

    >>> import insatslogik as il
    >>> diagram = il.render_chain(il.Model([il.Goal(id="mal", title="Mål")], title="T"))
    >>> diagram.source.startswith("digraph insatslogik {")
    True
    """

    __slots__ = ("digraph",)

    def __init__(self, digraph: graphviz.Digraph) -> None:
        self.digraph = digraph

    def __repr__(self) -> str:
        return f"<Diagram {self.digraph.name!r}: {len(self.source.splitlines())} lines of DOT>"

    @property
    def source(self) -> str:
        """The DOT text: deterministic, same model, same bytes; no Graphviz needed.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
        ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["mal"]),
        ... ], title="Kraftsamling digitalisering")
        >>> print(render_chain(model).source.splitlines()[5].strip())
        n0 [label="Rådgivning till SMF" color="#2f6f9f" fillcolor="#d9ecf7" shape=box style="filled,rounded" tooltip="Rådgivning till SMF"]
        >>> render_chain(model).source == render_chain(model).source
        True
        """
        return cast(str, self.digraph.source)

    def svg(self) -> str:
        """The diagram drawn as SVG text.

        Returns:
            The SVG document.

        Raises:
            GraphvizNotFoundError: when Graphviz's `dot` is not installed.

        >>> import insatslogik as il
        >>> il.render_chain(il.Model([il.Goal(id="mal", title="Mål")], title="T")).svg()[:5]
        '<?xml'
        """
        return self.pipe("svg").decode("utf-8")

    def pipe(self, format: str) -> bytes:
        r"""The diagram drawn by Graphviz in `format` (``svg``, ``png``, ``pdf``, …).

        Args:
            format: an output format Graphviz knows.

        Returns:
            The drawing's bytes.

        Raises:
            GraphvizNotFoundError: when Graphviz's `dot` is not installed.

        >>> import insatslogik as il
        >>> il.render_chain(il.Model([], title="T")).pipe("png")[:4]
        b'\x89PNG'
        """
        import graphviz

        try:
            return cast(bytes, self.digraph.pipe(format=format, quiet=True))
        except graphviz.ExecutableNotFound as error:
            raise GraphvizNotFoundError(_INSTALL_HINT) from error

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the diagram to `path` by suffix: ``.dot``/``.gv`` (no Graphviz needed), ``.svg``, ``.png``, ``.pdf``.

        Only `path` is written, atomically.

        Args:
            path: the file to write.

        Returns:
            The path written, as given.

        Raises:
            UsageError: for another suffix.
            GraphvizNotFoundError: for SVG, PNG or PDF when Graphviz's `dot` is not installed.
            WriteError: when the file cannot be written; the old file, if any, is unchanged.

        >>> import tempfile, pathlib, insatslogik as il
        >>> diagram = il.render_chain(il.Model([il.Goal(id="mal", title="Mål")], title="T"))
        >>> diagram.save(pathlib.Path(tempfile.mkdtemp(), "kedja.dot")).name
        'kedja.dot'
        """
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix in {".dot", ".gv"}:
            return write_atomic(target, self.source)
        if suffix not in _FORMATS:
            raise UsageError(
                f"the diagram file must end in .svg, .png, .pdf or .dot (got {target.name!r})"
            )
        return write_atomic(target, self.pipe(_FORMATS[suffix]))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:  # noqa: ARG002 (IPython protocol)
        # The text is the short repr, not the DOT (thousands of lines for a whole plan), which
        # `.source` gives.
        try:
            return {"image/svg+xml": self.svg(), "text/plain": repr(self)}
        except GraphvizNotFoundError as error:
            return {"text/plain": f"{self!r}\n{error}"}


def dot_label(text: str, width: int | None = WRAP_WIDTH) -> str:
    r"""`text` as a DOT label that shows exactly that text, wrapped at `width` characters.

    Backslashes, quotes, angle brackets and entities lose any special meaning; lines are centred.

    Args:
        text: the text to show; its own line breaks are kept.
        width: characters per line; None to keep the lines as they are.

    Returns:
        The label, for the ``label`` attribute of a `graphviz` node, edge or graph.

    >>> print(dot_label("Vi bidrar till att fler SMF tar steg i sin digitala utveckling"))
    Vi bidrar till att fler SMF\ntar steg i sin digitala\nutveckling
    >>> dot_label(r"C:\new\tabell <b> AT&amp;T")
    'C:\\\\new\\\\tabell <b> AT&#38;amp;T'
    """
    return _lines_label(wrap(text, width) if width else text.splitlines() or [""])


def _lines_label(lines: list[str], *, backslash: str = "\\\\") -> str:
    import graphviz

    # nohtml keeps a label such as "<50 %>" from being read as an HTML-like label; dot reads
    # entities (&amp; &#123;) in any text as the characters they stand for, so & is written as
    # the entity of itself. Control characters are shown as `cat -v` shows them: SVG is XML,
    # which may not hold ESC or BEL, and dot would pass them into it.
    return cast(
        str,
        graphviz.nohtml(
            "\\n".join(
                visible(line).replace("&", "&#38;").replace("\\", backslash) for line in lines
            )
        ),
    )


def dot_tooltip(text: str) -> str:
    r"""`text` as a DOT tooltip that shows exactly that text (SVG ``<title>``, image maps).

    dot reads a tooltip's backslashes twice: ``\\N`` there is still the node's name, as ``\N``
    is in a label, so each backslash is written four times.

    Returns:
        The tooltip, for the ``tooltip`` attribute of a `graphviz` node or edge.

    >>> print(dot_tooltip("Fler SMF får rådgivning\nAntagande: SMF vill delta"))
    Fler SMF får rådgivning\nAntagande: SMF vill delta
    >>> dot_tooltip(r"C:\new \N")
    'C:\\\\\\\\new \\\\\\\\N'
    """
    return _lines_label(text.splitlines() or [""], backslash="\\" * 4)


def _digraph(name: str, rankdir: str) -> graphviz.Digraph:
    import graphviz

    graph = graphviz.Digraph(name)
    graph.attr(
        rankdir=rankdir,
        newrank="true",
        nodesep="0.25",
        ranksep="0.55",
        fontname=FONT,
        bgcolor="white",
    )
    graph.attr("node", fontname=FONT, fontsize="11", margin="0.12,0.06", penwidth="1.2")
    graph.attr("edge", fontname=FONT, fontsize="9", color="#555555", arrowsize="0.7")
    return graph


def _node_tooltip(model: Model, node: Node, lang: Lang) -> str:
    # The title, then what follow-up knows of the node: its latest assessment, its assumptions.
    return dot_tooltip("\n".join([node.title, *node_notes(model, node.id, lang=lang)]))


def _node_attributes(
    node: Node, marks: dict[str, Severity], label: str, tooltip: str
) -> dict[str, str]:
    style = KIND_STYLES[Kind(node.kind)]
    attributes = {
        "label": label,
        "shape": style.shape,
        "style": "filled,rounded" if style.shape == "box" else "filled",
        "fillcolor": style.fill,
        "color": style.border,
        "tooltip": tooltip,
    }
    if node.id in marks:
        attributes.update(color=HIGHLIGHT[marks[node.id].value], penwidth="3")
    return attributes


def _indicator_label(
    indicator: Indicator, lang: Lang, model: Model, width: int = WRAP_WIDTH
) -> str:
    number = f"{indicator.number}. " if indicator.number else ""
    lines = wrap(number + indicator.title, width)
    if indicator.values:
        year = max(indicator.values)
        lines.append(f"{quantity(indicator.values[year], indicator.unit, lang)} ({year})")
    target = describe_target(indicator, lang=lang)
    if target is not None:
        lines.append(target)
    # An index lists its components under it: they are part of what measures the node.
    lines.extend(f"↳ {line}" for line in component_lines(model, indicator, lang=lang))
    return _lines_label(lines)


def chain_clusters(
    model: Model, nodes: Sequence[Node], cluster_by: ClusterBy | None
) -> dict[str, list[Node]]:
    """The boxes a chain diagram groups `nodes` in: per project or substrategy they are part of.

    The chain diagram draws box number *i* of this order as ``cluster_i``; the interactive
    page reads the boxes back from Graphviz by that name.

    Args:
        model: the model the nodes come from.
        nodes: the nodes drawn.
        cluster_by: ``project``, ``substrategy``, ``plan`` (the plans of a portfolio) or
            None (no boxes).

    Returns:
        The nodes of each box by the id of its project or substrategy, in the plan's order;
        nodes that are part of none are in no box. By plan: every node in the box of its
        plan, keyed by plan id, in the portfolio's order.

    >>> import insatslogik as il
    >>> model = il.Model([il.Substrategy(id="ris", title="RIS"),
    ...                   il.Goal(id="mal", title="Mål", part_of="ris"),
    ...                   il.Goal(id="annat", title="Annat")], title="T")
    >>> {box: [n.id for n in members] for box, members in chain_clusters(
    ...     model, model.nodes(il.Kind.GOAL), "substrategy").items()}
    {'ris': ['mal']}
    """
    clusters: dict[str, list[Node]] = {}
    if cluster_by is None:
        return clusters
    if cluster_by == "plan":
        groups = plan_groups(model)
        for node in nodes:
            clusters.setdefault(groups.of[node.id], []).append(node)
        rank = {plan: position for position, plan in enumerate(groups.titles)}
        return dict(sorted(clusters.items(), key=lambda item: rank[item[0]]))
    for node in nodes:
        box = next((a.id for a in model.ancestors(node.id) if a.kind == cluster_by), None)
        if box is not None:
            clusters.setdefault(box, []).append(node)
    order = plan_order(model)
    return dict(sorted(clusters.items(), key=lambda item: order[item[0]]))


def render_chain(
    model: Model,
    *,
    focus: str | None = None,
    lang: Lang | None = None,
    cluster_by: ClusterBy | None = None,
    show_indicators: bool = True,
    highlight: bool = True,
    compare: Model | None = None,
    show: Sequence[Layer] = (),
    wrap_width: int = WRAP_WIDTH,
    focus_plan: str | None = None,
    overview_limit: int | None = PLAN_OVERVIEW_LIMIT,
) -> Diagram:
    r"""The results chain left to right: one column per chain level, goals at the right.

    Args:
        model: the model to draw.
        focus: draw only this node's chain, up and down.
        lang: column headings, numbers and the words of indicator boxes in Swedish (``sv``)
            or English (``en``); None for the model's language.
        cluster_by: group nodes in boxes per ``project`` or ``substrategy`` they are part of,
            or per ``plan`` of a portfolio (each box titled with its plan's title).
        show_indicators: draw each indicator, with its latest value and target, in a last
            column, linked to what it measures; unused indicators are left out.
        highlight: outline nodes that findings point at (orphan activities, dead ends,
            unsupported effects, uncovered goals, cycles, backward links).
        compare: an earlier version of the plan: mark what changed since it, as
            :func:`insatslogik.diff` finds it, instead of the findings. New nodes and links
            are outlined green, changed nodes (a probable rename among them) blue, and removed
            nodes and links are drawn dashed and grey where they were; a legend says so.
        show: optional layers: ``"actors"`` draws the actors of the drawn activities (their
            own and their project's) in a column of their own at the left, linked dashed to
            what they perform; ``"factors"`` draws the challenges the drawn goals address and
            the factors that influence a drawn node in a column at the right, linked dotted.
        wrap_width: characters per line of a box's title: fewer give narrower, taller boxes
            (a printed page uses that to keep a wide chain's text large).
        focus_plan: in a portfolio, draw only this plan's chain nodes and those of other
            plans its links join it to (with `focus`: only that node's chain among them).
        overview_limit: by plan, above this many boxes draw the portfolio's overview instead:
            one box per plan with its number of boxes, and one arrow per pair of linked plans
            with its number of links; None never does.

    In a portfolio (nodes of more than one plan) a link between two plans is drawn thick and
    purple, with a tooltip naming both plans, whether or not the plans are boxed.

    Returns:
        The diagram: `.source` is its DOT text (deterministic: same model, same bytes),
        `.save(path)` writes it, and Jupyter shows it.

    Raises:
        UsageError: for another `cluster_by`, layer or language, or a `wrap_width` under 8.
        KeyError: when `focus` names no node, or `focus_plan` no plan.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"]),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["mal"]),
    ...     il.Indicator(id="andel", title="Andel SMF", unit="%", values={2020: 82}),
    ... ], title="Kraftsamling digitalisering")
    >>> lines = [line.strip() for line in render_chain(model).source.splitlines()]
    >>> print(lines[7])  # the indicator, with its latest value
    n2 [label="Andel SMF\n82 % (2020)" color="#6b6b6b" fillcolor="#f4f4f4" fontsize=10 shape=note style=filled tooltip="Andel SMF"]
    >>> print(lines[10], lines[-3], sep="\n")  # a column heading, and the activity's link to the goal
    h1 [label=Aktiviteter fontcolor="#333333" fontsize=13 shape=plaintext]
    n0 -> n1
    """
    _check_options(cluster_by, show, wrap_width)
    lang = resolve_lang(lang, model.language)
    graph = _digraph("insatslogik", "LR")
    graph.attr(label=dot_label(model.title, 80), labelloc="t", fontsize="14")
    # Compared with an earlier version, the changes are what is marked, not the findings.
    view = chain_view(
        model,
        focus=focus,
        show_indicators=show_indicators,
        highlight=highlight and compare is None,
        plan=focus_plan,
    )
    groups = plan_groups(model)
    if (
        cluster_by == "plan"
        and overview_limit is not None
        and len(view.nodes) + len(view.indicators) > overview_limit
    ):
        return _plan_overview(graph, view, groups, lang)
    nodes, indicators, marks = view.nodes, view.indicators, view.marks
    names = view.dot_names()
    tiers = _goal_tiers(view.nodes)
    columns: dict[float, list[str]] = {}
    for column, members in view.columns().items():
        for node in members:
            place = column + tiers.get(node.id, 0) / 10
            columns.setdefault(place, []).append(names[node.id])
    changes = None if compare is None else _Changes(compare, model, lang)

    clusters = chain_clusters(model, nodes, cluster_by)
    in_cluster = {node.id for members in clusters.values() for node in members}
    # dot keeps the order of a connected part's nodes as declared, top to bottom, but stacks
    # the parts that no link joins (a plan's separate areas) from the bottom up: declared
    # parts last first, the plan's first part stands on top.
    declared = _declaration_order([*nodes, *indicators])
    for node in declared:
        if isinstance(node, Indicator):
            label = _indicator_label(node, lang, model, wrap_width)
            attributes = _marked(node, marks, changes, label, _node_tooltip(model, node, lang))
            graph.node(names[node.id], **attributes, fontsize="10")
        elif node.id not in in_cluster:
            graph.node(
                names[node.id],
                **_box(node, marks, changes, model=model, lang=lang, wrap_width=wrap_width),
            )
    declared_at = {node.id: position for position, node in enumerate(declared)}
    boxes = sorted(enumerate(clusters.items()), key=lambda box: declared_at[box[1][1][0].id])
    plan_place = {plan: position for position, plan in enumerate(groups.titles)}
    for number, (cluster, members) in boxes:
        with graph.subgraph(name=f"cluster_{number}") as box:
            look = {"style": "rounded,dashed", "color": "#8899aa", "fontsize": "11"}
            if cluster_by == "plan":
                # Each plan its own tint, by its place in the portfolio: the same plan has
                # the same colour in every drawing of the portfolio and on the page.
                look.update(style="rounded,dashed,filled", fillcolor=plan_fill(plan_place[cluster]))
            title = groups.titles[cluster] if cluster_by == "plan" else model[cluster].title
            box.attr(label=dot_label(title, 50), **look)
            for node in sorted(members, key=lambda member: declared_at[member.id]):
                box.node(
                    names[node.id],
                    **_box(node, marks, changes, model=model, lang=lang, wrap_width=wrap_width),
                )
    if changes is not None:
        changes.draw_removed(graph, names, columns, show_indicators=show_indicators)
    if "actors" in show:
        _draw_actors(graph, model, nodes, names, columns)
    if "factors" in show:
        _draw_context(graph, model, nodes, names, columns)

    _columns(graph, columns, lang)
    crossed = _edges(
        graph, model, nodes, names, changes, lang=lang, groups=groups if groups.several else None
    )
    if crossed:
        _cross_plan_legend(graph, lang)
    if changes is not None:
        changes.draw_legend(graph)
    elif marks:
        _highlight_legend(graph, view.findings, lang)
    return Diagram(graph)


def _box(
    node: Node,
    marks: dict[str, Severity],
    changes: _Changes | None,
    *,
    model: Model,
    lang: Lang,
    wrap_width: int,
) -> dict[str, str]:
    # A chain box's attributes: its title wrapped, its marks and its tooltip.
    label = dot_label(node.title, wrap_width)
    return _marked(node, marks, changes, label, _node_tooltip(model, node, lang))


def _check_cluster_by(cluster_by: object) -> None:
    if cluster_by not in _CLUSTER_BY:
        raise UsageError(
            f"cluster_by must be 'project', 'substrategy', 'plan' or None (got {cluster_by!r})"
        )


def _check_options(cluster_by: object, show: Sequence[str], wrap_width: object) -> None:
    _check_cluster_by(cluster_by)
    if isinstance(wrap_width, bool) or not isinstance(wrap_width, int) or wrap_width < 8:
        raise UsageError(f"wrap_width must be a whole number of 8 or more (got {wrap_width!r})")
    unknown = [layer for layer in show if layer not in LAYERS]
    if unknown or isinstance(show, str):
        raise UsageError(f"show must be a sequence of 'actors', 'factors' (got {show!r})")


def _plan_overview(
    graph: graphviz.Digraph, view: ChainView, groups: PlanGroups, lang: Lang
) -> Diagram:
    # A portfolio too large to draw box by box: one box per plan with how many boxes it
    # would draw, and one arrow per pair of plans with how many chain links join them.
    shown = [*view.nodes, *view.indicators]
    sizes: dict[str, int] = {}
    for node in shown:
        sizes[groups.of[node.id]] = sizes.get(groups.of[node.id], 0) + 1
    drawn = [plan for plan in groups.titles if plan in sizes]
    names = {plan: f"p{number}" for number, plan in enumerate(drawn)}
    rank = {plan: number for number, plan in enumerate(drawn)}
    for plan, name in names.items():
        text = f"{groups.titles[plan]}\n{counted(sizes[plan], 'box', lang)}"
        graph.node(
            name,
            label=dot_label(text, None),
            shape="tab",
            style="filled",
            fillcolor=KIND_STYLES[Kind.SUBSTRATEGY].fill,
            color=KIND_STYLES[Kind.SUBSTRATEGY].border,
            tooltip=dot_tooltip(groups.titles[plan]),
        )
    ids = {node.id for node in view.nodes}
    links: dict[tuple[str, str], int] = {}
    for node in view.nodes:
        for edge, target, _ in node.links:
            if (
                edge is EdgeKind.CONTRIBUTES_TO
                and target in ids
                and groups.crosses(node.id, target)
            ):
                pair = (groups.of[node.id], groups.of[target])
                links[pair] = links.get(pair, 0) + 1
    for (source, target), count in sorted(
        links.items(), key=lambda item: (rank[item[0][0]], rank[item[0][1]])
    ):
        graph.edge(
            names[source],
            names[target],
            label=dot_label(counted(count, "link", lang), None),
            color=CROSS_PLAN,
            fontcolor=CROSS_PLAN,
            penwidth="2.5",
        )
    return Diagram(graph)


def _layer_node(graph: graphviz.Digraph, name: str, node: Node) -> None:
    style = KIND_STYLES[Kind(node.kind)]
    graph.node(
        name,
        label=dot_label(node.title),
        shape=style.shape,
        style="filled,rounded" if style.shape == "box" else "filled",
        color=style.border,
        fillcolor=style.fill,
        fontsize="10",
        tooltip=dot_tooltip(node.title),
    )


def _draw_actors(
    graph: graphviz.Digraph,
    model: Model,
    nodes: Sequence[Node],
    names: dict[str, str],
    columns: dict[float, list[str]],
) -> None:
    # Who performs each drawn activity: its own actors and its project's, as the page's
    # tooltip lists them. The links do not pull on the layout (constraint=false): the actor
    # column stays left of the chain however many activities an actor performs.
    links: list[tuple[str, str]] = []
    for node in nodes:
        if Kind(node.kind) is not Kind.ACTIVITY:
            continue
        performers = list(getattr(node, "performed_by", ()))
        for ancestor in model.ancestors(node.id):
            performers += [a for a in getattr(ancestor, "performed_by", ()) if a not in performers]
        links += [(actor, node.id) for actor in performers if actor in model]
    actors = {actor for actor, _ in links}
    _draw_layer(graph, model, (names, columns), actors, links, prefix="a", column=_ACTOR_COLUMN)


def _draw_context(
    graph: graphviz.Digraph,
    model: Model,
    nodes: Sequence[Node],
    names: dict[str, str],
    columns: dict[float, list[str]],
) -> None:
    # The challenges drawn goals address and the factors that influence a drawn node, in a
    # column right of the indicators; dotted links that do not pull on the layout.
    shown = {node.id for node in nodes}
    links: list[tuple[str, str]] = []
    for node in nodes:
        links += [
            (node.id, target)
            for edge, target, _ in node.links
            if edge is EdgeKind.ADDRESSES and target in model
        ]
    for factor in model:
        if Kind(factor.kind) is Kind.FACTOR:
            links += [
                (factor.id, target)
                for edge, target, _ in factor.links
                if edge is EdgeKind.INFLUENCES and target in shown
            ]
    context = {target for _, target in links if target not in shown}
    context |= {source for source, _ in links if source not in shown}
    _draw_layer(graph, model, (names, columns), context, links, prefix="c", column=_CONTEXT_COLUMN)


def _draw_layer(
    graph: graphviz.Digraph,
    model: Model,
    places: tuple[dict[str, str], dict[float, list[str]]],
    ids: set[str],
    links: list[tuple[str, str]],
    *,
    prefix: str,
    column: float,
) -> None:
    # A layer's boxes in the plan's order in a column of their own (`places`: the names of
    # the diagram's boxes and its columns); its links grey, dashed for actors and dotted for
    # the context, without arrowheads and without pulling on the layout, so that the chain's
    # columns stay where they were.
    names, columns = places
    order = plan_order(model)
    for number, node_id in enumerate(sorted(ids, key=order.__getitem__)):
        names[node_id] = f"{prefix}{number}"
        columns.setdefault(column, []).append(names[node_id])
        _layer_node(graph, names[node_id], model[node_id])
    for source, target in links:
        graph.edge(
            names[source],
            names[target],
            style="dashed" if column == _ACTOR_COLUMN else "dotted",
            arrowhead="none",
            color="#8a8a8a",
            constraint="false",
        )


def _declaration_order(nodes: Sequence[Node]) -> list[Node]:
    # The connected parts of the drawing (by the links it draws), last part first, each part's
    # nodes in the given order.
    shown = {node.id for node in nodes}
    part = {node.id: node.id for node in nodes}

    def root(node_id: str) -> str:
        while part[node_id] != node_id:
            part[node_id] = part[part[node_id]]
            node_id = part[node_id]
        return node_id

    for node in nodes:
        for edge, target, _ in node.links:
            if target in shown and edge.value in _DRAWN_EDGES:
                part[root(node.id)] = root(target)
    parts: dict[str, list[Node]] = {}
    for node in nodes:
        parts.setdefault(root(node.id), []).append(node)
    return [node for members in reversed(parts.values()) for node in members]


def _highlight_legend(graph: graphviz.Digraph, findings: Sequence[Finding], lang: Lang) -> None:
    # What the thick outlines mean: one sample box per severity drawn, with the finding codes
    # behind it, so a printed diagram explains itself (`--no-highlight` leaves all this out).
    codes: dict[str, set[str]] = {}
    for finding in findings:
        codes.setdefault(finding.severity.value, set()).add(finding.code.value)
    with graph.subgraph(name="cluster_highlighted") as legend:
        legend.attr(
            label=dot_label(word("diagram.highlighted", lang), None),
            style="rounded",
            color="#bbbbbb",
            fontsize="11",
        )
        for severity in sorted(codes, key=list(HIGHLIGHT).index):
            text = f"{severity_name(severity, lang)}: {', '.join(sorted(codes[severity]))}"
            legend.node(
                f"legend_{severity}",
                label=dot_label(text, 40),
                shape="box",
                style="rounded",
                color=HIGHLIGHT[severity],
                penwidth="3",
                fontsize="10",
            )


#: The links a chain diagram draws: the chain, and indicators to what they measure.
_DRAWN_EDGES: Final = frozenset({EdgeKind.CONTRIBUTES_TO.value, EdgeKind.MEASURED_BY.value})


def _edges(
    graph: graphviz.Digraph,
    model: Model,
    nodes: Sequence[Node],
    names: dict[str, str],
    changes: _Changes | None,
    *,
    lang: Lang,
    groups: PlanGroups | None,
) -> bool:
    # `groups` only for a portfolio: its links between plans are drawn apart. Returns whether
    # such a link was drawn.
    crossed = False
    shown = {node.id for node in nodes}
    new_links = set() if changes is None else changes.new_links
    for node in nodes:
        for edge, target, link in node.links:
            attributes: dict[str, str] = {}
            if edge is EdgeKind.CONTRIBUTES_TO and target in shown:
                # The link's rationale, assumptions (with their status) and latest assessment.
                notes = link_notes(model, node.id, target, link, lang=lang)
                if groups is not None and groups.crosses(node.id, target):
                    plans = (
                        f"{groups.titles[groups.of[node.id]]} → {groups.titles[groups.of[target]]}"
                    )
                    attributes.update(color=CROSS_PLAN, penwidth="2.5")
                    notes = [plans, *notes]
                    crossed = True
                if notes:
                    attributes["tooltip"] = dot_tooltip("\n".join(notes))
                if (Kind(model[target].kind).level or 0) < (Kind(node.kind).level or 0):
                    attributes.update(color=HIGHLIGHT["error"], penwidth="2")
            elif edge is EdgeKind.MEASURED_BY and target in names:
                attributes.update(style="dashed", arrowhead="none", color="#999999")
            else:
                continue
            if (node.id, target, edge.value) in new_links:
                attributes.update(color=CHANGE["added"], penwidth="2")
            graph.edge(names[node.id], names[target], **attributes)
    return crossed


def _cross_plan_legend(graph: graphviz.Digraph, lang: Lang) -> None:
    # A sample of the thick purple link, so a printed portfolio diagram explains itself.
    with graph.subgraph(name="cluster_plans") as legend:
        legend.attr(label="", style="rounded", color="#bbbbbb")
        legend.node("legend_from", label="", shape="point", width="0.05", color=CROSS_PLAN)
        legend.node(
            "legend_to",
            label=dot_label(word("diagram.cross_plan", lang), None),
            shape="plaintext",
            fontsize="10",
            fontcolor=CROSS_PLAN,
        )
        legend.edge("legend_from", "legend_to", color=CROSS_PLAN, penwidth="2.5")


class _Changes:
    """What changed since an earlier version, as the chain diagram marks it."""

    def __init__(self, old: Model, new: Model, lang: Lang) -> None:
        found = diff(old, new, lang=lang)
        self.old_title = found.old_title
        self.lang = lang
        renamed = {rename.new: rename.old for rename in found.renames}
        self.renamed = renamed
        self.status: dict[str, str] = {ref.id: "added" for ref in found.added}
        self.status.update({change.id: "changed" for change in found.changed})
        self.status.update(dict.fromkeys(renamed, "changed"))
        # A renamed node is drawn once, under its new id: its old id is not drawn as removed,
        # and a link that only moved with it from the old id to the new is neither new nor gone.
        new_id = {old: new for new, old in renamed.items()}
        self.removed = [ref for ref in found.removed if ref.id not in new_id]

        def as_old(source: str, target: str, edge: str) -> tuple[str, str, str]:
            return renamed.get(source, source), renamed.get(target, target), edge

        dropped = {(link.source, link.target, link.edge) for link in found.links_removed}
        kept = {as_old(link.source, link.target, link.edge) for link in found.links_added}
        self.new_links: set[tuple[str, str, str]] = {
            (link.source, link.target, link.edge)
            for link in found.links_added
            if as_old(link.source, link.target, link.edge) not in dropped
        }
        self.old_links = [
            (new_id.get(link.source, link.source), new_id.get(link.target, link.target), link.edge)
            for link in found.links_removed
            if (link.source, link.target, link.edge) not in kept
        ]

    def draw_removed(
        self,
        graph: graphviz.Digraph,
        names: dict[str, str],
        columns: dict[float, list[str]],
        *,
        show_indicators: bool,
    ) -> None:
        # Removed nodes stand, dashed and grey, in the column of their level, with the removed
        # links that joined them to what is still drawn.
        for number, ref in enumerate(self.removed):
            level = Kind(ref.kind).level
            if level is None and not (show_indicators and ref.kind == Kind.INDICATOR):
                continue
            name = f"r{number}"
            names[ref.id] = name
            columns.setdefault(INDICATOR_COLUMN if level is None else level, []).append(name)
            graph.node(
                name,
                label=dot_label(ref.title),
                shape=KIND_STYLES[Kind(ref.kind)].shape,
                style="dashed,rounded",
                color=CHANGE["removed"],
                fontcolor=CHANGE["removed"],
                tooltip=dot_tooltip(f"{word('diagram.removed', self.lang)}: {ref.title}"),
            )
        for source, target, edge in self.old_links:
            if source in names and target in names and edge in _DRAWN_EDGES:
                attributes = {"style": "dashed", "color": CHANGE["removed"]}
                if edge == EdgeKind.MEASURED_BY:
                    attributes["arrowhead"] = "none"
                graph.edge(names[source], names[target], **attributes)

    def draw_legend(self, graph: graphviz.Digraph) -> None:
        heading = f"{word('diagram.changes', self.lang)} «{self.old_title}»"
        with graph.subgraph(name="cluster_changes") as legend:
            legend.attr(
                label=dot_label(heading, 60), style="rounded", color="#bbbbbb", fontsize="11"
            )
            for key in ("added", "changed", "removed"):
                legend.node(
                    f"legend_{key}",
                    label=dot_label(word(f"diagram.{key}", self.lang), None),
                    shape="box",
                    style="dashed,rounded" if key == "removed" else "rounded",
                    color=CHANGE[key],
                    fontcolor=CHANGE[key] if key == "removed" else "#333333",
                    penwidth="1" if key == "removed" else "3",
                    fontsize="10",
                )

    def node_attributes(self, node: Node) -> dict[str, str]:
        status = self.status.get(node.id)
        if status is None:
            return {}
        attributes = {"color": CHANGE[status], "penwidth": "3"}
        if node.id in self.renamed:
            tip = f"{node.title} ({word('diagram.renamed', self.lang)} {self.renamed[node.id]})"
            attributes["tooltip"] = dot_tooltip(tip)
        return attributes


def _marked(
    node: Node, marks: dict[str, Severity], changes: _Changes | None, label: str, tooltip: str
) -> dict[str, str]:
    attributes = _node_attributes(node, marks, label, tooltip)
    if changes is not None:
        attributes.update(changes.node_attributes(node))
    return attributes


def _goal_tiers(nodes: Sequence[Node]) -> dict[str, int]:
    # Goals that lead to other goals stand in columns of their own, left of the goals they
    # serve: a goal's tier is the longest run of goals leading to it (at most nine, which also
    # ends a cycle of goals), so a goal hierarchy reads as levels rather than one bundle.
    goals = {n.id for n in nodes if Kind(n.kind) is Kind.GOAL}
    into: dict[str, list[str]] = {}
    for node in nodes:
        if node.id in goals:
            for edge, target, _ in node.links:
                if edge is EdgeKind.CONTRIBUTES_TO and target in goals:
                    into.setdefault(target, []).append(node.id)
    tiers: dict[str, int] = {}
    for goal in into:
        tier, frontier = 0, {goal}
        while tier < _MAX_TIER:
            frontier = {source for target in frontier for source in into.get(target, ())}
            if not frontier:
                break
            tier += 1
        tiers[goal] = tier
    return tiers


#: Tiers of goals fit between the goal column (6) and the indicators' (7) as 6.1 … 6.9.
_MAX_TIER: Final = 9


def _columns(graph: graphviz.Digraph, columns: dict[float, list[str]], lang: Lang) -> None:
    # One heading per used column, chained by invisible edges so the columns keep their order
    # even where no link crosses between them (dot would otherwise place such columns freely).
    # Tiers of goals (6.1, 6.2, …) get an invisible anchor instead of a heading of their own.
    used = sorted(columns)
    anchors = {level: f"h{level}" if level == int(level) else f"t{level}" for level in used}
    anchors = {level: name.replace(".0", "").replace(".", "_") for level, name in anchors.items()}
    for level in used:
        with graph.subgraph() as column:
            column.attr(rank="same")
            if level != int(level):
                column.node(anchors[level], label="", shape="point", style="invis")
            else:
                number = int(level)
                text = {
                    INDICATOR_COLUMN: indicator_column_heading(lang),
                    int(_ACTOR_COLUMN): word("diagram.actors", lang),
                    int(_CONTEXT_COLUMN): word("diagram.context", lang),
                }.get(number) or heading(number, lang)
                column.node(
                    anchors[level],
                    label=dot_label(text, None),
                    shape="plaintext",
                    fontsize="13",
                    fontcolor="#333333",
                )
            for name in columns[level]:
                column.node(name)
    for left, right in itertools.pairwise(used):
        graph.edge(anchors[left], anchors[right], style="invis")


#: The most boxes of one level the structure diagram draws side by side.
_STRUCTURE_ROW: Final = 6


def render_structure(model: Model, *, lang: Lang | None = None) -> Diagram:
    """The steering chain (styrkedja): strategy → substrategies → projects → activities.

    Top-down, or left to right when a level has more than six boxes, so the drawing stays
    about as wide as high.

    `lang` (``sv``, ``en`` or None for the model's) is the language of the tooltips, which
    add a node's latest assessment and its assumptions to its title.

    Returns:
        The diagram: `.source` is its DOT text, `.save(path)` writes it, and Jupyter shows it.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Strategy(id="rus", title="RUS 2021–2030"),
    ...     il.Substrategy(id="kraft", title="Kraftsamling digitalisering", part_of="rus"),
    ...     il.Project(id="smf", title="Digitalisering i SMF", part_of="kraft"),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", part_of="smf"),
    ... ], title="Styrkedja")
    >>> lines = [line.strip() for line in render_structure(model).source.splitlines()]
    >>> print(lines[5])
    n0 [label="RUS 2021–2030" color="#3b5b8c" fillcolor="#dfe7f2" shape=tab style=filled tooltip="RUS 2021–2030"]
    >>> lines[-4:-1]
    ['n0 -> n1 [arrowhead=none]', 'n1 -> n2 [arrowhead=none]', 'n2 -> n3 [arrowhead=none]']
    """
    kinds = (Kind.STRATEGY, Kind.SUBSTRATEGY, Kind.PROJECT, Kind.ACTIVITY)
    nodes = [node for kind in kinds for node in model.nodes(kind)]
    # Top-down while a level fits a page's width; a level of more boxes (a plan's fourteen
    # activities drew 10:1 wide) is drawn left to right instead, the boxes stacked.
    widest = max((len(model.nodes(kind)) for kind in kinds), default=0)
    graph = _digraph("styrkedja", "TB" if widest <= _STRUCTURE_ROW else "LR")
    graph.attr(label=dot_label(model.title, 80), labelloc="t", fontsize="14")
    names = {node.id: f"n{i}" for i, node in enumerate(nodes)}
    language = resolve_lang(lang, model.language)
    for node in nodes:
        tooltip = _node_tooltip(model, node, language)
        graph.node(names[node.id], **_node_attributes(node, {}, dot_label(node.title), tooltip))
    for node in nodes:
        parent = getattr(node, "part_of", None)
        if parent in names:
            graph.edge(names[parent], names[node.id], arrowhead="none")
    return Diagram(graph)


#: Above this many chain nodes a notebook shows text, not a diagram nobody could read.
NOTEBOOK_LIMIT: Final = 400


def notebook_bundle(model: Model) -> dict[str, str]:
    """What Jupyter shows for a model: its chain diagram as SVG, or text when that cannot be drawn.

    Without Graphviz's `dot` the text says how to install it; past `NOTEBOOK_LIMIT` chain nodes
    it says how to draw one goal's chain instead.

    Returns:
        The media types Jupyter reads, with the text of each.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["mal"]),
    ... ], title="Kraftsamling digitalisering")
    >>> bundle = notebook_bundle(model)
    >>> sorted(bundle), bundle["text/plain"]
    (['image/svg+xml', 'text/plain'], "<Model 'Kraftsamling digitalisering': 2 nodes, 1 links>")
    """
    text = repr(model)
    chain_kinds = {kind.value for kind in CHAIN_KINDS}
    size = sum(1 for node in model if node.kind in chain_kinds)
    if size > NOTEBOOK_LIMIT:
        hint = "draw one goal's chain with il.render_chain(model, focus=ID)"
        return {"text/plain": f"{text}\n{size} chain nodes are too many to draw here; {hint}"}
    try:
        return {
            "image/svg+xml": render_chain(model).svg(),
            "text/plain": text,
        }
    except GraphvizNotFoundError as error:
        return {"text/plain": f"{text}\n{error}"}
