"""`Model`: the typed nodes of one plan and their graph, read-only once built.

>>> from insatslogik.model.schema import Activity, Goal, ShortTermEffect
>>> model = Model([
...     Goal(id="mal", title="Näringslivets digitala transformation ska öka"),
...     ShortTermEffect(id="kort", title="Fler SMF har tagit del av insatser", contributes_to=["mal"]),
...     Activity(id="akt", title="Vi bidrar till att fler SMF tar steg", contributes_to=["kort"]),
... ], title="Kraftsamling digitalisering")
>>> model["akt"].title
'Vi bidrar till att fler SMF tar steg'
>>> [node.id for node in model.walk("akt", direction="up")]
['kort', 'mal']
>>> model.level("kort")
4
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, Protocol

import networkx as nx

from insatslogik.errors import ModelError, Problem, UsageError, import_optional
from insatslogik.kinds import KIND_ORDER, EdgeKind, Kind
from insatslogik.model.graph import Built, build_graph
from insatslogik.model.index import ChainIndex
from insatslogik.model.plans import (
    PlanInfo,
    absolute_path,
    plan_id_of,
    qualified,
    split_reference,
)
from insatslogik.model.validation import validate_header

if TYPE_CHECKING:
    import pandas as pd

    from insatslogik.model.schema import Document, Node

__all__ = ["Model", "PlanInfo", "collector_paused", "set_notebook_display"]

_CONTRIBUTES = EdgeKind.CONTRIBUTES_TO.value

#: What a notebook shows for a model: a function of the model that gives a MIME bundle.
NotebookDisplay = Callable[["Model"], dict[str, str]]


class _Site(NamedTuple):
    """Where a plan's nodes were written: its file, node positions by id in the plan, a locator."""

    source: str | None
    positions: Mapping[str, tuple[int, int]]
    locate: Locate | None


class Locate(Protocol):
    """A reader's way to find, when first asked, where a node or a link entry was written."""

    def node(self, node_id: str) -> tuple[int, int] | None:
        """The (line, column) where the node `node_id` starts, or None."""

    def link(
        self, source: str, target: str, start: tuple[int, int] | None
    ) -> tuple[int, int] | None:
        """The (line, column) of the entry in `source` (which starts at `start`, if known) that names `target`, or None."""


# The one slot of set_notebook_display: empty until the package fills it.
_DISPLAY: Final[dict[str, NotebookDisplay]] = {}


def set_notebook_display(show: NotebookDisplay | None) -> NotebookDisplay | None:
    """Set what Jupyter shows for a model (None: the model's repr); return what was set before.

    The model draws nothing itself: importing :mod:`insatslogik` sets the chain diagram of
    :func:`insatslogik.render.diagrams.notebook_bundle`, which loads the renderer only when
    a notebook first shows a model. Like :func:`signal.signal`, it gives back the function it
    replaces, so that it can be put back.

    Args:
        show: a function of a model that gives its MIME bundle (a dict from MIME type to
            content), or None for the model's plain repr.

    Returns:
        The function set before, or None if there was none.

    >>> model = Model([], title="Tom")
    >>> before = set_notebook_display(lambda model: {"text/plain": f"en plan: {model.title}"})
    >>> model._repr_mimebundle_()
    {'text/plain': 'en plan: Tom'}
    >>> _ = set_notebook_display(None)
    >>> model._repr_mimebundle_()
    {'text/plain': "<Model 'Tom': 0 nodes, 0 links>"}
    >>> _ = set_notebook_display(before)
    """
    before = _DISPLAY.pop("notebook", None)
    if show is not None:
        _DISPLAY["notebook"] = show
    return before


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block (loading, analysing, saving a model).

    These allocate millions of objects and free almost none; the collector would scan them over
    and over, up to half the time of a large load or check, for no garbage.

    Returns:
        A context manager; on leaving it the collector runs again if it ran before.

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Model:
    """One plan: typed nodes, their graph, and where in the file each node was written.

    Build one with :func:`insatslogik.load`, or from nodes as below; either way every link is
    checked and a bad one raises :class:`ModelError` listing all problems. Anything among the
    nodes that is not one (a mapping read from a file, None) raises TypeError.

    Args:
        nodes: the nodes (instances of the classes in :mod:`insatslogik.model.schema`).
        title: the plan's title.
        language: the display language of the content (``sv`` by default).
        description: optional text about the plan.
    """

    def __init__(
        self,
        nodes: Iterable[Node],
        *,
        title: str,
        language: str = "sv",
        description: str | None = None,
    ) -> None:
        node_list = list(nodes)
        header = _header({"title": title, "language": language, "description": description})
        _check_types(node_list)
        built = build_graph(node_list)
        if built.issues:
            raise ModelError(issue.as_problem() for issue in built.issues)
        self._set(header, node_list, built, source=None, positions={})

    @classmethod
    def from_parts(
        cls,
        header: Document,
        nodes: list[Node],
        built: Built,
        *,
        source: str | None = None,
        positions: Mapping[str, tuple[int, int]] | None = None,
        locate: Locate | None = None,
    ) -> Model:
        """A model of valid nodes and the graph built of exactly them, checked no further.

        This is where :func:`insatslogik.model.assembly.assemble`, the step every reader ends
        in, makes its model once everything is valid; build models with the constructor or a
        reader instead, which check everything.

        Args:
            header: the plan's validated header.
            nodes: the nodes, each a valid node, in model order.
            built: what :func:`insatslogik.model.graph.build_graph` gave for `nodes`.
            source: the file the nodes were read from, if any.
            positions: where each node was written (line, column), by id.
            locate: how to find, when first asked, where the nodes (those not in `positions`)
                and the link entries were written: a reader passes it so that a plan is read
                for positions only when something must be located.

        Returns:
            The model, which holds `nodes`, `built`'s graph (frozen) and its numbering.

        Raises:
            ValueError: when the graph was built with issues.

        >>> from insatslogik.model.schema import DOCUMENT_ADAPTER, Goal
        >>> nodes = [Goal(id="mal", title="Mål")]
        >>> header = DOCUMENT_ADAPTER.validate_python({"insatslogik": 1, "title": "Plan"})
        >>> Model.from_parts(header, nodes, build_graph(nodes), source="plan.yaml").source
        'plan.yaml'
        """
        if built.issues:
            raise ValueError(f"the graph was built with {len(built.issues)} issues")
        model: Model = cls.__new__(cls)
        model._set(header, nodes, built, source=source, positions=positions or {})
        model._locate = locate
        return model

    def _set(
        self,
        header: Document,
        nodes: list[Node],
        built: Built,
        *,
        source: str | None,
        positions: Mapping[str, tuple[int, int]],
    ) -> None:
        self.title: str = header.title
        self.language: str = header.language
        self.description: str | None = header.description
        #: The file the model was loaded from, if any.
        self.source: str | None = source
        #: `source` made absolute when the model was read (None without a source): the
        #: paths of `uses` are relative to its folder, whatever the current folder is when
        #: the plan is saved.
        self.source_path: str | None = None if source is None else absolute_path(source)
        #: What a lenient reader of another organisation's file (IATI, node-link, Excel) could
        #: not read and left out, each located; empty for a model read strictly or built in
        #: Python. Not part of the model's content: equal models may differ here.
        self.warnings: tuple[Problem, ...] = ()
        self._nodes: dict[str, Node] = {node.id: node for node in nodes}
        self._graph = nx.freeze(built.graph)
        # The links by node number, which the index is made of.
        self._numbering = built.numbering
        self._positions = positions
        self._locate: Locate | None = None
        self._of_kind: dict[str, list[Node]] = {}
        #: The plan's id as its header writes it (None: not written), and the plans it uses as
        #: written (alias → path relative to its file); `save` writes both back.
        self.id: str | None = header.id
        self.uses: dict[str, str] = dict(header.uses)
        # The plans of a model of several (Model.combined); one plan otherwise, made when asked.
        self._plans: dict[str, PlanInfo] | None = None
        self._home_plan = header.id or (plan_id_of(source) if source else "plan")
        # Plans other than the one whose ids stay plain: where each one's nodes were written.
        self._sites: dict[str, _Site] = {}

    @classmethod
    def combined(
        cls,
        plans: Sequence[tuple[PlanInfo, Model]],
        *,
        plain: str | None,
        header: Document | None = None,
        source: str | None = None,
    ) -> Model:
        r"""One model of several plans, each loaded on its own: their nodes and every link between them.

        Each plan's model holds its own nodes with its ids as written, its links to used plans
        (``ALIAS:id``) checked but not in its graph. Here every node of a plan gets the
        qualified id ``PLAN:id`` (those of the plan `plain`, if any, keep their ids), every
        reference the id it names, and the graph is built again with the links between plans.

        Args:
            plans: each plan's :class:`PlanInfo` and model, the plan `plain` (if any) first;
                a plan's ``uses`` in its PlanInfo maps its aliases to the ids of plans among
                these.
            plain: the plan whose ids stay as written (the file :func:`insatslogik.load`
                read), or None for a portfolio, where every id is qualified.
            header: the header of the whole (title, language); None: that of the first plan.
            source: the model's `source`; None: that of the plan `plain`.

        Returns:
            The model; :attr:`plans` holds the PlanInfo given, and :meth:`location` gives each
            node's place in its own plan's file.

        Raises:
            ModelError: if the links between plans do not hold (not reached when each
                plan's model was checked against the plans it uses).

        >>> import insatslogik as il
        >>> rus = il.loads("insatslogik: 1\ntitle: RUS\nid: rus-vg\nnodes:\n"
        ...                "  - {id: mal, kind: goal, title: Mål}\n", name="rus.yaml")
        >>> proj = il.loads("insatslogik: 1\ntitle: Projekt\nnodes:\n"
        ...                 "  - {id: akt, kind: activity, title: Gör, contributes_to: [mal]}\n"
        ...                 "  - {id: mal, kind: goal, title: Projektets mål}\n", name="proj.yaml")
        >>> both = Model.combined(
        ...     [(PlanInfo("proj", "Projekt", "proj.yaml"), proj),
        ...      (PlanInfo("rus-vg", "RUS", "rus.yaml", home=False), rus)], plain="proj")
        >>> [node.id for node in both], both.plan_of("rus-vg:mal"), both.is_home("rus-vg:mal")
        (['akt', 'mal', 'rus-vg:mal'], 'rus-vg', False)
        """
        from insatslogik.model.plans import requalified

        nodes: list[Node] = []
        for info, part in plans:
            rename, ids = _renaming(info, plain)
            nodes.extend(requalified(list(part), rename, ids=ids))
        built = build_graph(nodes)
        if built.issues:
            raise ModelError(issue.as_problem(source) for issue in built.issues)
        at_home: Model | None = next((part for info, part in plans if info.id == plain), None)
        first = at_home or (plans[0][1] if plans else None)
        if header is None:
            header = _header(
                {
                    "title": first.title,
                    "language": first.language,
                    "description": first.description,
                }
                if first is not None
                else {"title": "-"}
            )
        model: Model = cls.__new__(cls)
        model._set(
            header,
            nodes,
            built,
            source=source if at_home is None else at_home.source,
            positions={} if at_home is None else at_home._positions,  # noqa: SLF001 (a Model's own)
        )
        # No plan's ids are plain in a portfolio: no node's plan is the empty id.
        model._home_plan = ""
        if at_home is not None:
            model.source_path = at_home.source_path  # as read, not as the folder is now
            model._locate = at_home._locate  # noqa: SLF001 (a Model's own)
            model.id, model.uses = at_home.id, at_home.uses
            model._home_plan = plain or ""
        model._plans = {info.id: info for info, _ in plans}
        model._sites = {info.id: _site_of(part) for info, part in plans if info.id != plain}
        return model

    def with_nodes(self, nodes: Iterable[Node]) -> Model:
        """A model like this one (header, plans, places) holding `nodes` instead.

        For a change to some nodes (new values of an indicator) that keeps what the model
        knows of its file: its ``id`` and ``uses``, the plans it uses, where nodes were written.

        Args:
            nodes: the new nodes, each of a node class; links are checked as by the
                constructor.

        Returns:
            The new model; this one is not changed.

        Raises:
            ModelError: when a link names no node of the new nodes.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="mal", title="Mål")], title="T")
        >>> model.with_nodes([il.Goal(id="mal", title="Nytt mål")])["mal"].title
        'Nytt mål'
        """
        node_list = list(nodes)
        _check_types(node_list)
        built = build_graph(node_list)
        if built.issues:
            raise ModelError(issue.as_problem(self.source) for issue in built.issues)
        model: Model = type(self).__new__(type(self))
        header = _header(
            {
                "title": self.title,
                "language": self.language,
                "description": self.description,
                "id": self.id,
                "uses": self.uses,
            }
        )
        model._set(header, node_list, built, source=self.source, positions=self._positions)
        model.source_path = self.source_path
        model._locate = self._locate
        model._plans, model._sites = self._plans, self._sites
        model._home_plan = self._home_plan
        model.warnings = self.warnings
        return model

    @property
    def plans(self) -> dict[str, PlanInfo]:
        """The plans of the model, by plan id: one for a plan loaded alone, more with ``uses`` or a portfolio.

        Returns:
            A new dict of plan id → :class:`PlanInfo`; its ``home`` says whether analyses
            report on the plan (a plan that was loaded) or it is context (a plan it uses).

        >>> import insatslogik as il
        >>> il.Model([], title="Tom").plans
        {'plan': PlanInfo(id='plan', title='Tom', path=None, uses={}, home=True)}
        """
        if self._plans is None:
            info = PlanInfo(
                self._home_plan, self.title, self.source, {}, absolute_path=self.source_path
            )
            return {info.id: info}
        return dict(self._plans)

    @property
    def is_portfolio(self) -> bool:
        """Whether the model is a portfolio (:func:`insatslogik.load_portfolio`), even of one plan.

        A plan loaded alone or with the plans it uses (:func:`insatslogik.load`) is a plan of
        its own: its ids are plain, and the formats of one plan write it as its file does. A
        portfolio has no plan of its own: every id is qualified by its plan (``PLAN:id``),
        so those formats refuse it.

        Returns:
            True for a model of :func:`insatslogik.load_portfolio`, or one made from it with
            :meth:`with_nodes`; False for any other.

        >>> import insatslogik as il
        >>> il.Model([il.Goal(id="mal", title="Mål")], title="T").is_portfolio
        False
        """
        # Model.combined leaves no plan plain for a portfolio; every other model has one.
        return not self._home_plan

    def plan_of(self, node_id: str) -> str:
        """The id of the plan a node belongs to.

        Args:
            node_id: the node's id (qualified ``PLAN:id`` for a node of another plan).

        Returns:
            The plan's id: for a plain id, that of the plan loaded (its header ``id``, or its
            file's name made id-safe).

        Raises:
            KeyError: for an unknown id.

        >>> import insatslogik as il
        >>> il.Model([il.Goal(id="mal", title="Mål")], title="T").plan_of("mal")
        'plan'
        """
        self[node_id]
        plan, _ = split_reference(node_id)
        return self._home_plan if plan is None else plan

    def is_home(self, node_id: str) -> bool:
        """Whether a node belongs to a plan at home (analyses report on it) rather than one used as context.

        Args:
            node_id: the node's id.

        Returns:
            True for a node of the file loaded or of a plan of a portfolio; False for a node
            of a plan that one only uses.

        Raises:
            KeyError: for an unknown id.

        >>> import insatslogik as il
        >>> il.Model([il.Goal(id="mal", title="Mål")], title="T").is_home("mal")
        True
        """
        plan = self.plan_of(node_id)
        if self._plans is None:
            return True
        info = self._plans.get(plan)
        return info is None or info.home

    def home_ids(self) -> frozenset[str] | None:
        """The ids of the nodes analyses report on, or None when that is every node.

        Every analysis asks this one question, so that on a plan loaded with the plans it
        uses, findings, coverage and statuses are about the plan's own nodes; the used
        plans' nodes are context (a goal of the RUS the plan contributes to is not
        "uncovered" in the plan's check). A portfolio has every plan at home.

        Returns:
            The ids of the nodes of the plans at home; None when every plan is at home.

        >>> import insatslogik as il
        >>> il.Model([il.Goal(id="mal", title="Mål")], title="T").home_ids() is None
        True
        """
        if self._plans is None or all(info.home for info in self._plans.values()):
            return None
        away = {plan for plan, info in self._plans.items() if not info.home}
        return frozenset(
            node_id for node_id in self._nodes if split_reference(node_id)[0] not in away
        )

    def plan_nodes(self, plan: str | None = None) -> list[Node]:
        """The nodes of one plan as its file writes them: its own ids, links as ``id`` or ``ALIAS:id``.

        What :func:`insatslogik.save` writes of a plan loaded with the plans it uses: its own
        nodes, each link to a used plan's node named through the alias of its ``uses``.

        Args:
            plan: the plan's id; None for the plan loaded (whose ids are plain).

        Returns:
            The plan's nodes in model order (new nodes where an id or a link is rewritten).

        Raises:
            KeyError: for a plan the model does not have.
            UsageError: with no `plan`, for a portfolio, which has no plan loaded on its own.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="mal", title="Mål")], title="T")
        >>> [node.id for node in model.plan_nodes()]
        ['mal']
        """
        from insatslogik.model.plans import requalified

        plans = self.plans
        if plan is None:
            if not self._home_plan:
                count = f"{len(plans)} plan" + ("" if len(plans) == 1 else "s")
                raise UsageError(
                    f"a portfolio of {count} has no plan loaded on its own (its "
                    f"plans: {', '.join(sorted(plans))}): each plan keeps its own file; load "
                    "a plan with insatslogik.load to write it"
                )
            plan = self._home_plan
        if plan not in plans:
            raise KeyError(f"no plan with id {plan!r} (the plans: {', '.join(sorted(plans))})")
        plain = plan == self._home_plan
        by_plan = {target: alias for alias, target in reversed(list(plans[plan].uses.items()))}

        def local(node_id: str) -> str:
            return node_id if plain else split_reference(node_id)[1]

        def written(reference: str) -> str:
            owner, node_id = split_reference(reference)
            if owner is None or owner == plan:
                return node_id
            alias = by_plan.get(owner)
            return reference if alias is None else f"{alias}:{node_id}"

        mine = [
            node
            for node in self._nodes.values()
            if (split_reference(node.id)[0] is None) == plain
            and (plain or split_reference(node.id)[0] == plan)
        ]
        if self._plans is None:
            return mine
        return requalified(mine, written, ids=local)

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The graph, frozen: node attribute `kind`, edge key = edge kind.

        >>> Model([], title="Tom").graph.add_node("x")
        Traceback (most recent call last):
        ...
        networkx.exception.NetworkXError: Frozen graph can't be modified
        """
        return self._graph

    def __getitem__(self, node_id: str) -> Node:
        try:
            return self._nodes[node_id]
        except KeyError:
            import difflib  # only for a helpful error: not worth its import time up front

            close = difflib.get_close_matches(str(node_id), self._nodes, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise KeyError(f"no node with id {node_id!r}{hint}") from None

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __iter__(self) -> Iterator[Node]:
        """The nodes, in the order they were given."""
        return iter(self._nodes.values())

    def __len__(self) -> int:
        return len(self._nodes)

    def __eq__(self, other: object) -> bool:
        # Node order is presentation, not content: equal models save to equal bytes.
        if not isinstance(other, Model):
            return NotImplemented
        return (
            self.title == other.title
            and self.language == other.language
            and self.description == other.description
            and self._nodes == other._nodes
            and self.id == other.id
            and self.uses == other.uses
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Model {self.title!r}: {len(self)} nodes, {self._graph.number_of_edges()} links>"

    @cached_property
    def index(self) -> ChainIndex:
        """The traversal index: the nodes and links by node number, for the analyses.

        Made on first use, O(nodes), from the numbers given while the graph was built, and
        kept: the model is read-only, so every analysis shares it.

        >>> from insatslogik.model.schema import Activity, Goal
        >>> model = Model([Goal(id="mal", title="Mål"),
        ...                Activity(id="akt", title="Gör", contributes_to=["mal"])], title="T")
        >>> model.index.up, model.index.ids
        ([None, [0]], ['mal', 'akt'])
        """
        return ChainIndex.from_numbering(self._numbering, self._nodes)

    def _sorted_kind(self, kind: str) -> list[Node]:
        nodes = self._of_kind.get(kind)
        if nodes is None:
            numbered = self.index.nodes
            nodes = self._of_kind[kind] = [numbered[n] for n in self.index.of_kind(kind)]
        return nodes

    def nodes(self, kind: Kind | str | None = None) -> list[Node]:
        """The nodes of one kind (all nodes if None), sorted by id.

        Args:
            kind: a kind, or its name as written in files (``"goal"``); None for every kind.

        Returns:
            A new list of the nodes; with no kind, those of each kind in chain order in turn.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="tillvaxt", title="Hållbar tillväxt"),
        ...     il.Goal(id="digital", title="Fler företag digitaliseras"),
        ...     il.Activity(id="radgivning", title="Rådgivning", contributes_to=["digital"]),
        ... ], title="T")
        >>> [node.id for node in model.nodes("goal")]
        ['digital', 'tillvaxt']
        >>> [node.id for node in model.nodes()]
        ['radgivning', 'digital', 'tillvaxt']
        """
        if kind is None:
            return [node for each in Kind for node in self._sorted_kind(each.value)]
        return list(self._sorted_kind(Kind(kind).value))

    # Every method that takes an id looks it up first (self[node_id]), so an unknown id raises
    # the same KeyError everywhere; networkx would read an unknown id as a collection of ids
    # (each letter of it) and answer for those.

    def level(self, node_id: str) -> int | None:
        """The chain level of a node: resource 0 … long-term effect 5, goal 6; None off the chain.

        Args:
            node_id: the node's id.

        Returns:
            The level of the node's kind, or None for structure, indicators, actors and context.

        Raises:
            KeyError: for an unknown id (naming a close match, if any); so do all the methods
                that take an id.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="mal", title="Fler företag digitaliseras")], title="T")
        >>> model.level("mal")
        6
        >>> model.level("mål")
        Traceback (most recent call last):
        ...
        KeyError: "no node with id 'mål' (did you mean 'mal'?)"
        """
        return Kind(self[node_id].kind).level

    def location(self, node_id: str) -> Problem | None:
        """Where the node was written (file, line, column), if the model came from a file.

        Args:
            node_id: the node's id.

        Returns:
            The place, as a :class:`Problem` whose message names the node (print it for
            ``file:line:column``), or None for a model built in Python or a node not located.

        Raises:
            KeyError: for an unknown id.

        >>> import insatslogik as il
        >>> model = il.loads('''
        ... insatslogik: 1
        ... title: Kraftsamling digitalisering
        ... nodes:
        ...   - id: mal
        ...     kind: goal
        ...     title: Fler företag digitaliseras
        ... ''', name="plan.yaml")
        >>> print(model.location("mal"))
        plan.yaml:5:5: goal 'mal'
        """
        node = self[node_id]
        source, positions, locate, local = self._site(node_id)
        position = positions.get(local)
        if position is None and locate is not None:
            position = locate.node(local)
        if position is None:
            return None
        return Problem(source, position[0], position[1], f"{node.kind} {node_id!r}")

    def _site(
        self, name: str
    ) -> tuple[str | None, Mapping[str, tuple[int, int]], Locate | None, str]:
        """Where the plan of node `name` was written, and the node's id in it."""
        if self._sites:
            plan, local = split_reference(name)
            site = None if plan is None else self._sites.get(plan)
            if site is not None:
                return site.source, site.positions, site.locate, local
        return self.source, self._positions, self._locate, name

    def _written(self, source: str, target: str) -> str:
        """The reference to `target` as the plan of `source` writes it: ``id`` or ``ALIAS:id``."""
        source_plan, target_plan = self.plan_of(source), self.plan_of(target)
        _, local = split_reference(target)
        if source_plan == target_plan:
            return local if ":" in target else target
        info = (self._plans or {}).get(source_plan)
        aliases = [] if info is None else [a for a, p in info.uses.items() if p == target_plan]
        return f"{aliases[0]}:{local}" if aliases else target

    def link_location(self, source: str, target: str) -> Problem | None:
        """Where the link entry from `source` to `target` was written, else where `source` was.

        A finding about a link (``backward-link``, ``skipped-level``, ``cycle``) points at the
        entry to change, as ``contributes_to: [mal]`` names it, not only at its node.

        Args:
            source: the id of the node that declares the link.
            target: the id the link names.

        Returns:
            The place of the entry (its message names the link), or :meth:`location` of
            `source` when the entry is not known (a model built in Python: None).

        Raises:
            KeyError: for an unknown id.

        >>> import insatslogik as il
        >>> model = il.loads('''
        ... insatslogik: 1
        ... title: Kraftsamling digitalisering
        ... nodes:
        ...   - {id: mal, kind: goal, title: Fler företag digitaliseras}
        ...   - id: akt
        ...     kind: activity
        ...     title: Rådgivning till SMF
        ...     contributes_to: [mal]
        ... ''', name="plan.yaml")
        >>> print(model.link_location("akt", "mal"))
        plan.yaml:9:22: link 'akt' → 'mal'
        """
        self[target]  # an unknown id is a KeyError, as for every method that takes one
        file, _, locate, local = self._site(source)
        if locate is None:
            return self.location(source)
        start = self.location(source)
        known = None if start is None or start.line is None else (start.line, start.column or 1)
        position = locate.link(local, self._written(source, target), known)
        if position is None:
            return start
        return Problem(file, position[0], position[1], f"link {source!r} → {target!r}")

    def parent(self, node_id: str) -> Node | None:
        """The strategy, substrategy or project the node is `part_of`, if any.

        Args:
            node_id: the node's id.

        Returns:
            The node named by its `part_of`, or None if it has none.

        Raises:
            KeyError: for an unknown id.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Project(id="kd", title="Kraftsamling digitalisering"),
        ...     il.Activity(id="radgivning", title="Rådgivning till SMF", part_of="kd"),
        ... ], title="T")
        >>> model.parent("radgivning").title, model.parent("kd")
        ('Kraftsamling digitalisering', None)
        """
        self[node_id]
        index = self.index
        above = index.parent[index.number[node_id]]
        return None if above < 0 else index.nodes[above]

    def ancestors(self, node_id: str) -> list[Node]:
        """The structure a node is part of, nearest first: its project, substrategy, strategy.

        Args:
            node_id: the node's id.

        Returns:
            The nodes up the `part_of` links from the node, itself left out (empty if none).

        Raises:
            KeyError: for an unknown id.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Strategy(id="rus", title="Regional utvecklingsstrategi"),
        ...     il.Project(id="kd", title="Kraftsamling digitalisering", part_of="rus"),
        ...     il.Activity(id="radgivning", title="Rådgivning till SMF", part_of="kd"),
        ... ], title="T")
        >>> [node.id for node in model.ancestors("radgivning")]
        ['kd', 'rus']
        """
        self[node_id]
        index = self.index
        return [index.nodes[above] for above in index.ancestors(index.number[node_id])]

    def children(self, node_id: str) -> list[Node]:
        """The nodes that are `part_of` this one, sorted by kind (chain order) and id.

        Args:
            node_id: the node's id.

        Returns:
            The nodes whose `part_of` names this one (empty if none), not their own parts.

        Raises:
            KeyError: for an unknown id.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Strategy(id="rus", title="Regional utvecklingsstrategi"),
        ...     il.Goal(id="mal", title="Fler företag digitaliseras", part_of="rus"),
        ...     il.Project(id="kd", title="Kraftsamling digitalisering", part_of="rus"),
        ...     il.Activity(id="radgivning", title="Rådgivning till SMF", part_of="kd"),
        ... ], title="T")
        >>> [node.id for node in model.children("rus")]
        ['kd', 'mal']
        """
        self[node_id]
        return self._sorted(
            u for u, _, key in self._graph.in_edges(node_id, keys=True) if key == EdgeKind.PART_OF
        )

    def contributes_to(self, node_id: str) -> list[Node]:
        """What this node contributes to directly (one step up), sorted by kind (chain order) and id.

        Args:
            node_id: the node's id.

        Returns:
            The nodes its `contributes_to` names (empty if none).

        Raises:
            KeyError: for an unknown id.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
        ...     il.ShortTermEffect(id="kort", title="SMF har fått råd", contributes_to=["mal"]),
        ...     il.Activity(id="radgivning", title="Rådgivning", contributes_to=["kort", "mal"]),
        ... ], title="T")
        >>> [node.id for node in model.contributes_to("radgivning")]
        ['kort', 'mal']
        """
        self[node_id]
        return self._sorted(
            v for _, v, key in self._graph.out_edges(node_id, keys=True) if key == _CONTRIBUTES
        )

    def contributors(self, node_id: str) -> list[Node]:
        """What contributes to this node directly (one step down), sorted by kind (chain order) and id.

        Args:
            node_id: the node's id.

        Returns:
            The nodes whose `contributes_to` names this one (empty if none).

        Raises:
            KeyError: for an unknown id.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
        ...     il.ShortTermEffect(id="kort", title="SMF har fått råd", contributes_to=["mal"]),
        ...     il.Activity(id="radgivning", title="Rådgivning", contributes_to=["kort", "mal"]),
        ... ], title="T")
        >>> [node.id for node in model.contributors("mal")]
        ['radgivning', 'kort']
        """
        self[node_id]
        return self._sorted(
            u for u, _, key in self._graph.in_edges(node_id, keys=True) if key == _CONTRIBUTES
        )

    def walk(self, node_id: str, *, direction: Literal["up", "down"] = "up") -> list[Node]:
        """Every node the chain leads to from this one ("up", towards goals) or from ("down").

        One breadth-first traversal along `contributes_to` links, linear in what it reaches;
        the start node is left out, the rest sorted by kind (chain order) and id.

        Args:
            node_id: the node to start from.
            direction: ``"up"`` for what it contributes to, directly or not; ``"down"`` for
                what contributes to it.

        Returns:
            The nodes reached (empty if none).

        Raises:
            KeyError: for an unknown id.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
        ...     il.ShortTermEffect(id="kort", title="SMF har fått råd", contributes_to=["mal"]),
        ...     il.Activity(id="radgivning", title="Rådgivning", contributes_to=["kort"]),
        ... ], title="T")
        >>> [node.id for node in model.walk("radgivning")]
        ['kort', 'mal']
        >>> [node.id for node in model.walk("mal", direction="down")]
        ['radgivning', 'kort']
        """
        self[node_id]
        edges = self._graph.out_edges if direction == "up" else self._graph.in_edges
        end = 1 if direction == "up" else 0
        seen = {node_id}
        queue = deque([node_id])
        while queue:
            for edge in edges(queue.popleft(), keys=True):
                if edge[2] == _CONTRIBUTES and edge[end] not in seen:
                    seen.add(edge[end])
                    queue.append(edge[end])
        seen.discard(node_id)
        return self._sorted(seen)

    def link_assumptions(self, source: str, target: str) -> tuple[str, ...]:
        """The assumptions the `contributes_to` link from `source` to `target` rests on.

        An assumption names the link from either side: the link's own `assumptions` list
        names it by id, or the assumption says it is ``about: [{from: source, to: target}]``.

        Args:
            source: the id of the node the link starts at.
            target: the id of the node it names.

        Returns:
            The ids of those assumption nodes, sorted, each once; empty when there is no such
            link or nothing names it.

        Raises:
            KeyError: for an unknown id.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
        ...     il.Activity(id="akt", title="Rådgivning",
        ...                 contributes_to=[il.Link(to="mal", assumptions=["ant-1", "Råd efterfrågas"])]),
        ...     il.Assumption(id="ant-1", title="Företagen vill digitaliseras"),
        ...     il.Assumption(id="ant-2", title="Konjunkturen håller",
        ...                   about=[il.LinkRef(source="akt", target="mal")]),
        ... ], title="T")
        >>> model.link_assumptions("akt", "mal")
        ('ant-1', 'ant-2')
        """
        node = self[source]
        self[target]
        found = set(self._assumptions_about_links.get((source, target), ()))
        for link in getattr(node, "contributes_to", ()):
            if link.to == target:
                found.update(link.assumption_ids)
        return tuple(sorted(found))

    @cached_property
    def _assumptions_about_links(self) -> dict[tuple[str, str], list[str]]:
        # Made on first use, from the assumption nodes only: (source, target) -> ids.
        about: dict[tuple[str, str], list[str]] = {}
        for node in self._sorted_kind(Kind.ASSUMPTION.value):
            for item in getattr(node, "about", ()):
                if not isinstance(item, str):
                    about.setdefault((item.source, item.target), []).append(node.id)
        return about

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per node, for a DataFrame or a spreadsheet, in the order of :meth:`nodes`.

        Each has ``id``, ``kind``, ``title`` and ``level`` (None off the chain), then the
        fields the node sets, as JSON would hold them (lists, not tuples); every link field
        (``part_of``, ``contributes_to``, ``measured_by``, …) holds the target ids only, the
        reasoning of a link staying in the model and its graph; an assumption's `about` holds
        its links in the chain as ``{"from": …, "to": …}`` after the ids.

        Returns:
            The dicts; fields a node leaves at their default are left out.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
        ...     il.Activity(id="akt", title="Rådgivning", tags=["smf"],
        ...                 contributes_to=[il.Link(to="mal", rationale="Stöd höjer mognaden")]),
        ... ], title="T")
        >>> model.to_records()[0]
        {'id': 'akt', 'kind': 'activity', 'title': 'Rådgivning', 'level': 1, 'tags': ['smf'], 'contributes_to': ['mal']}
        """
        from insatslogik.model.schema import LINK_FIELDS_OF

        records = []
        for node in self.nodes():
            link_fields = {edge.value for edge in LINK_FIELDS_OF[type(node)]}
            record: dict[str, Any] = {
                "id": node.id,
                "kind": node.kind,
                "title": node.title,
                "level": Kind(node.kind).level,
            }
            record.update(
                node.model_dump(
                    mode="json",
                    exclude_defaults=True,
                    exclude={"id", "kind", "title", *link_fields},
                )
            )
            for edge, target, _ in node.links:
                if edge is EdgeKind.PART_OF:
                    record[edge.value] = target
                else:
                    record.setdefault(edge.value, []).append(target)
            for ref in getattr(node, "about_links", ()):
                # An assumption about a link names no node: the link's two ends, as in files.
                record.setdefault(EdgeKind.ABOUT.value, []).append(ref.model_dump())
            records.append(record)
        return records

    def to_dataframe(self) -> pd.DataFrame:
        """The nodes as a pandas DataFrame: one row per node, indexed by id, as :meth:`to_records` gives them.

        Columns ``kind``, ``title``, ``level`` (pandas' nullable integers: missing off the
        chain), then every field some node sets, missing where a node does not. Needs pandas
        (``pip install 'insatslogik[pandas]'``).

        Returns:
            The DataFrame, its index named ``id``, in the order of :meth:`nodes`.

        Raises:
            MissingDependencyError: when pandas is not installed.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"]),
        ...     il.Activity(id="akt", title="Rådgivning", contributes_to=["mal"]),
        ...     il.Indicator(id="andel", title="Andel SMF", unit="%"),
        ... ], title="T")
        >>> frame = model.to_dataframe()
        >>> frame.loc["mal", "measured_by"], frame["kind"].tolist()
        (['andel'], ['activity', 'goal', 'indicator'])
        >>> frame.groupby("kind").size().to_dict()
        {'activity': 1, 'goal': 1, 'indicator': 1}
        """
        pandas = import_optional("pandas", extra="pandas", purpose="Model.to_dataframe()")
        records = self.to_records()
        columns = list(dict.fromkeys(key for record in records for key in record))
        frame: pd.DataFrame = pandas.DataFrame(
            records, columns=columns or ["id", "kind", "title", "level"]
        )
        frame["level"] = frame["level"].astype("Int64")
        return frame.set_index("id")

    def _sorted(self, ids: Iterable[str]) -> list[Node]:
        nodes = [self._nodes[node_id] for node_id in set(ids)]
        return sorted(nodes, key=lambda n: (KIND_ORDER[n.kind], n.id))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:  # noqa: ARG002 (IPython protocol)
        # Jupyter shows what the package set (the chain diagram): see set_notebook_display.
        show = _DISPLAY.get("notebook")
        return {"text/plain": repr(self)} if show is None else show(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # noqa: ARG002 (IPython protocol)
        printer.text(repr(self))


def _check_types(nodes: list[Any]) -> None:
    """Raise TypeError for the first item that is not a node, e.g. a mapping from a file.

    >>> _check_types([{"id": "mal", "kind": "goal", "title": "Mål"}])
    Traceback (most recent call last):
    TypeError: nodes[0] is of type dict, not a node: make nodes with the node classes (insatslogik.Goal(id=..., title=...) and the like), or read raw data with insatslogik.loads
    """
    from insatslogik.model.schema import NODE_TYPES  # loaded already: every model has a header

    classes = tuple(NODE_TYPES.values())
    exact = frozenset(classes)  # one hash per node, not a scan of the fourteen classes
    for position, node in enumerate(nodes):
        if type(node) in exact:
            continue
        if isinstance(node, classes):
            # Links are read by each class's own fields, so a subclass would not be drawn right.
            base = next(cls.__name__ for cls in classes if isinstance(node, cls))
            problem = (
                f"of type {type(node).__name__}, a subclass of {base}: a model holds instances "
                "of the node classes themselves"
            )
        else:
            what = "None" if node is None else f"of type {type(node).__name__}"
            problem = (
                f"{what}, not a node: make nodes with the node classes (insatslogik.Goal(id=..., "
                "title=...) and the like), or read raw data with insatslogik.loads"
            )
        raise TypeError(f"nodes[{position}] is {problem}")


def _header(fields: dict[str, Any]) -> Document:
    # Validated through the schema, so files and code follow one set of rules. The schema, and
    # pydantic's model machinery with it, loads on first use: docs/decisions.md.
    from insatslogik.model.schema import FORMAT_VERSION

    header, issues = validate_header({"insatslogik": FORMAT_VERSION, **fields})
    if header is None:
        raise ModelError(issue.as_problem() for issue in issues)
    return header


def _site_of(model: Model) -> _Site:
    """Where a plan's nodes were written: its file, their positions, its locator."""
    return _Site(model.source, model._positions, model._locate)  # noqa: SLF001 (a Model's own, in its module)


def _renaming(
    info: PlanInfo, plain: str | None
) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """How a plan's references and ids are renamed in a model of several plans."""
    uses = info.uses
    own = info.id

    if own == plain:

        def ids(node_id: str) -> str:
            return node_id

    else:

        def ids(node_id: str) -> str:
            return qualified(own, node_id)

    def rename(reference: str) -> str:
        alias, local = split_reference(reference)
        if alias is None:
            return ids(local)
        return qualified(uses.get(alias, alias), local)

    return rename, ids
