"""What a chain drawing shows: its nodes, their columns, indicators and highlighted findings.

The chain nodes are all of them or one node's chain; the indicators are those that measure a
shown node; the marks are the nodes that findings point at.

The graphviz diagram, the interactive page and other renderers take their selection from here,
so they always show the same nodes in the same columns.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="mal", title="Mål", measured_by=["ind"]),
...                   il.Indicator(id="ind", title="Andel"),
...                   il.Activity(id="akt", title="Gör", contributes_to=["mal"]),
...                   il.Activity(id="annan", title="Annat")], title="T")
>>> view = chain_view(model, focus="akt")
>>> [node.id for node in view.nodes], [i.id for i in view.indicators]
(['akt', 'mal'], ['ind'])
>>> view.column("akt"), view.column("ind")
(1, 7)
>>> chain_view(model).marks["annan"].value
'warning'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Final

from insatslogik.analyses.checks import check
from insatslogik.analyses.findings import Finding
from insatslogik.codes import Code, Severity
from insatslogik.i18n import Lang
from insatslogik.kinds import CHAIN_KINDS, KIND_ORDER, EdgeKind, Kind
from insatslogik.model.model import Model
from insatslogik.model.reach import backward, forward
from insatslogik.model.schema import Indicator, Node

__all__ = [
    "HIGHLIGHTED",
    "INDICATOR_COLUMN",
    "ChainView",
    "PlanGroups",
    "chain_view",
    "plan_groups",
    "plan_order",
]

#: The column of indicators, right of the goals (level 6).
INDICATOR_COLUMN: Final = 7

#: The findings a drawing marks on its nodes.
HIGHLIGHTED: Final = (
    Code.CYCLE,
    Code.BACKWARD_LINK,
    Code.ORPHAN_ACTIVITY,
    Code.DEAD_END,
    Code.UNSUPPORTED,
    Code.UNCOVERED_GOAL,
)


@dataclass(frozen=True)
class ChainView:
    """The nodes a chain drawing shows, in kind (chain) order then the plan's order.

    Attributes:
        nodes: the chain nodes and goals shown.
        indicators: the indicators that measure a shown node.
        marks: for each node a highlighted finding points at, the most severe such finding's
            severity.
        findings: those findings, for tooltips and legends.
    """

    nodes: tuple[Node, ...]
    indicators: tuple[Indicator, ...]
    marks: dict[str, Severity]
    findings: tuple[Finding, ...]

    def column(self, node_id: str) -> int:
        """The column a shown node is drawn in: its chain level, indicators in the last column.

        Args:
            node_id: a node the view shows.

        Returns:
            The column: the chain level (activities 1, goals 6), or :data:`INDICATOR_COLUMN`.

        Raises:
            KeyError: when the view does not show `node_id`.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"]),
        ...     il.ShortTermEffect(id="kort", title="Fler SMF har tagit del av insatser", contributes_to=["mal"]),
        ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["kort"]),
        ...     il.Indicator(id="andel", title="Andel SMF", unit="%"),
        ... ], title="Kraftsamling digitalisering")
        >>> view = chain_view(model)
        >>> view.column("akt"), view.column("kort"), view.column("andel")
        (1, 4, 7)
        """
        return self._column_of[node_id]

    def dot_names(self) -> dict[str, str]:
        """The DOT name of each shown node: ``n0``, ``n1``, … in the view's order, indicators last.

        User ids never reach DOT; the chain diagram and the page's layout, read back from
        Graphviz, agree on these names.

        Returns:
            The DOT name by node id.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="mal", title="Mål", measured_by=["ind"]),
        ...                   il.Indicator(id="ind", title="Andel")], title="T")
        >>> chain_view(model).dot_names()
        {'mal': 'n0', 'ind': 'n1'}
        """
        return {node.id: f"n{i}" for i, node in enumerate([*self.nodes, *self.indicators])}

    @cached_property
    def _column_of(self) -> dict[str, int]:
        return {node.id: column for column, members in self.columns().items() for node in members}

    def columns(self) -> dict[int, list[Node]]:
        """The shown nodes by column, left to right; only columns that hold a node.

        Returns:
            The nodes of each column, by column number, in the view's order.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"]),
        ...     il.ShortTermEffect(id="kort", title="Fler SMF har tagit del av insatser", contributes_to=["mal"]),
        ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["kort"]),
        ...     il.Indicator(id="andel", title="Andel SMF", unit="%"),
        ... ], title="Kraftsamling digitalisering")
        >>> {column: [node.id for node in nodes] for column, nodes in chain_view(model).columns().items()}
        {1: ['akt'], 4: ['kort'], 6: ['mal'], 7: ['andel']}
        """
        columns: dict[int, list[Node]] = {}
        for node in self.nodes:
            columns.setdefault(Kind(node.kind).level or 0, []).append(node)
        if self.indicators:
            columns[INDICATOR_COLUMN] = list(self.indicators)
        return dict(sorted(columns.items()))


def plan_order(model: Model) -> dict[str, int]:
    """Each node's place in the plan, the order its file (or the caller) gives the nodes.

    Drawings order the boxes of a column this way, as the plan writes them, not by id.

    Returns:
        The position of each node id, from 0.

    >>> import insatslogik as il
    >>> model = il.Model([il.Goal(id="b", title="B"), il.Goal(id="a", title="A")], title="T")
    >>> plan_order(model)
    {'b': 0, 'a': 1}
    """
    return {node.id: position for position, node in enumerate(model)}


@dataclass(frozen=True)
class PlanGroups:
    """The plans of a model's nodes, as drawings group and name them.

    Attributes:
        of: the plan id of each node, by node id.
        titles: each plan's title by plan id, in the portfolio's order.
        files: each plan's file by plan id (None for a plan built in Python).
    """

    of: dict[str, str]
    titles: dict[str, str]
    files: dict[str, str | None]

    @property
    def several(self) -> bool:
        """Whether the nodes come from more than one plan (a portfolio, or a plan with `uses`).

        Returns:
            True for more than one plan.

        >>> import insatslogik as il
        >>> plan_groups(il.Model([il.Goal(id="mal", title="Mål")], title="T")).several
        False
        """
        return len(self.titles) > 1

    def crosses(self, source: str, target: str) -> bool:
        """Whether a link from `source` to `target` joins two plans.

        Returns:
            True when the two nodes belong to different plans.

        >>> import insatslogik as il
        >>> groups = plan_groups(il.Model([il.Goal(id="mal", title="Mål"),
        ...                                il.Goal(id="annat", title="Annat")], title="T"))
        >>> groups.crosses("mal", "annat"), groups.several
        (False, False)
        """
        return self.of[source] != self.of[target]


def plan_groups(model: Model) -> PlanGroups:
    """Which plan each node of `model` belongs to, and each plan's title and file.

    A model of one file is one plan; a portfolio (:func:`insatslogik.load_portfolio`), or a
    file that uses others, names a plan per node (:meth:`insatslogik.Model.plan_of`).

    Returns:
        The plan of each node, and the plans' titles and files in the model's order of plans.

    Cost: one pass over the nodes.

    >>> import insatslogik as il
    >>> groups = plan_groups(il.Model([il.Goal(id="mal", title="Mål")], title="Kraftsamling"))
    >>> groups.titles, groups.several
    ({'plan': 'Kraftsamling'}, False)
    """
    plans = model.plans
    of = {node.id: model.plan_of(node.id) for node in model}
    titles = {plan: info.title for plan, info in plans.items()}
    files = {plan: info.path for plan, info in plans.items()}
    # A node whose plan the model does not describe (built in Python with a qualified id) is
    # in a plan named by its id.
    for plan in dict.fromkeys(of.values()):
        titles.setdefault(plan, plan)
        files.setdefault(plan, None)
    return PlanGroups(of, titles, files)


def _plan_nodes(model: Model, plan: str) -> list[Node]:
    # The plan's chain nodes, and the chain nodes of other plans its links join it to (either
    # way, one step): what the plan leads to elsewhere and what leads into it.
    groups = plan_groups(model)
    if plan not in groups.titles:
        known = ", ".join(repr(p) for p in groups.titles)
        raise KeyError(f"no plan {plan!r} in the model (its plans: {known})")
    chain_kinds = {kind.value for kind in CHAIN_KINDS}
    own = {node.id for node in model if groups.of[node.id] == plan and node.kind in chain_kinds}
    linked: set[str] = set()
    for node_id in own:
        for _, target, key in model.graph.out_edges(node_id, keys=True):
            if key == EdgeKind.CONTRIBUTES_TO:
                linked.add(target)
        for source, _, key in model.graph.in_edges(node_id, keys=True):
            if key == EdgeKind.CONTRIBUTES_TO:
                linked.add(source)
    return [model[i] for i in own | linked if model[i].kind in chain_kinds]


def _shown_nodes(
    model: Model, focus: str | None, plan: str | None, order: dict[str, int]
) -> list[Node]:
    # By kind (chain order), then as the plan writes them: a report's areas and goals come in
    # the document's order, which ids seldom follow.
    chain_kinds = {kind.value for kind in CHAIN_KINDS}
    if plan is not None:
        chosen = _plan_nodes(model, plan)
        if focus is not None:
            model[focus]  # the helpful KeyError for an unknown id
            index = model.index
            chain = forward(index, [focus]) | backward(index, [focus])
            chosen = [node for node in chosen if node.id in chain]
    elif focus is None:
        chosen = [node for node in model if node.kind in chain_kinds]
    else:
        model[focus]  # the helpful KeyError for an unknown id
        index = model.index
        chosen = [model[i] for i in forward(index, [focus]) | backward(index, [focus])]
    return sorted(chosen, key=lambda node: (KIND_ORDER[node.kind], order[node.id]))


def chain_view(
    model: Model,
    *,
    focus: str | None = None,
    show_indicators: bool = True,
    highlight: bool = True,
    lang: Lang | None = None,
    plan: str | None = None,
) -> ChainView:
    """Select what a chain drawing of `model` shows.

    Args:
        model: the model to draw.
        focus: only this node's chain, what leads to it and what it leads to.
        show_indicators: include the indicators that measure a shown node.
        highlight: run the checks of :data:`HIGHLIGHTED` and mark the nodes they point at.
        lang: the language of those findings' messages (``sv``, ``en``; None for the
            model's), which tooltips show.
        plan: in a portfolio, only this plan's chain nodes and those of other plans its
            `contributes_to` links join it to, either way (see :func:`plan_groups`).

    Cost: one `check` of the highlighted codes and at most two searches along the chain.

    Returns:
        The nodes, indicators, marks and findings to draw.

    Raises:
        KeyError: when `focus` names no node, or `plan` no plan.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["mal"]),
    ...     il.Activity(id="massa", title="Digitaliseringsmässa"),
    ... ], title="Kraftsamling digitalisering")
    >>> view = chain_view(model)
    >>> [node.id for node in view.nodes], view.marks
    (['akt', 'massa', 'mal'], {'massa': <Severity.WARNING: 'warning'>})
    >>> [finding.code.value for finding in view.findings]
    ['dead-end', 'orphan-activity']
    >>> [node.id for node in chain_view(model, focus="akt").nodes]
    ['akt', 'mal']
    """
    order = plan_order(model)
    nodes = _shown_nodes(model, focus, plan, order)
    indicators: list[Indicator] = []
    if show_indicators:
        measured = {t for n in nodes for e, t, _ in n.links if e is EdgeKind.MEASURED_BY}
        indicators = [n for n in model if n.id in measured and isinstance(n, Indicator)]
    marks: dict[str, Severity] = {}
    findings: list[Finding] = []
    if highlight:
        findings = list(check(model, select=HIGHLIGHTED, lang=lang))
        for finding in findings:
            for node_id in finding.nodes:
                if node_id not in marks or finding.severity.rank < marks[node_id].rank:
                    marks[node_id] = finding.severity
    return ChainView(tuple(nodes), tuple(indicators), marks, tuple(findings))
