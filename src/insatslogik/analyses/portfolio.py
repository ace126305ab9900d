"""Portfolio analyses: how the plans of a portfolio reach, share and report on each other's goals.

A portfolio (:func:`insatslogik.load_portfolio`) holds several plans, each node under its plan's
id (``RUS:naringsliv``); a plan loaded with :func:`insatslogik.load` holds its own nodes under
plain ids and the plans it uses under qualified ones. These analyses work on either:

- :func:`portfolio_coverage`: every goal, and which plans' activities and projects reach it;
- :func:`contribution_table`: what each plan's activities reach among the shared goals;
- :func:`alignment_matrix`: plans x shared goals and indicators, who reports on what, and
  which plans report on nothing shared (the evaluability gap of a programme);
- :func:`shared_chains`: where the chains of several plans meet, and the links that cross plans.

A goal or an indicator is *shared* when it lives in a plan that another plan uses, or when
another plan's nodes name it (link to it). The roll-up of indicators across plans is in
:mod:`insatslogik.analyses.rollup`.

>>> import insatslogik as il
>>> model = il.Model([
...     il.Goal(id="mal", title="Fler företag digitaliseras"),
...     il.Activity(id="akt", title="Rådgivning", contributes_to=["mal"]),
... ], title="Exempel")
>>> [(goal.goal, goal.plans) for goal in il.portfolio_coverage(model).goals]
[('mal', ('plan',))]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from insatslogik.analyses.plaintext import visible
from insatslogik.analyses.rollup import indicator_key
from insatslogik.analyses.tabular import TableResult, short_repr
from insatslogik.errors import UsageError
from insatslogik.i18n import Lang, kind_name, resolve_lang, word
from insatslogik.kinds import EdgeKind, Kind
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.reach import kinds_reached, kinds_reaching
from insatslogik.model.schema import Indicator

if TYPE_CHECKING:
    from insatslogik.model.index import ChainIndex

__all__ = [
    "MARKS",
    "AlignmentMatrix",
    "AlignmentRow",
    "Contribution",
    "ContributionTable",
    "GoalReach",
    "PortfolioCoverage",
    "SharedChain",
    "SharedChains",
    "alignment_matrix",
    "contribution_table",
    "portfolio_coverage",
    "shared_chains",
]

Mark = Literal["reaches", "names", "measures", "matches", ""]

#: What a cell of the alignment matrix says, strongest first; ``""`` is nothing.
MARKS: Final[tuple[Mark, ...]] = ("reaches", "names", "measures", "matches", "")


# --- Plans of nodes ------------------------------------------------------------------------------


def _plan_of_numbers(model: Model) -> list[str]:
    """The plan of every node number, as :meth:`insatslogik.Model.plan_of` gives it."""
    # A qualified id names its plan before the colon and a plain id is the loaded plan's: read
    # so, without a lookup per node, which at a million nodes is most of an analysis's time.
    home: str | None = None
    plans = []
    for node_id in model.index.ids:
        plan, colon, _ = node_id.partition(":")
        if not colon:
            if home is None:
                home = model.plan_of(node_id)
            plan = home
        plans.append(plan)
    return plans


def _all_plans(model: Model, plan_of: Sequence[str]) -> tuple[str, ...]:
    # A plan without nodes has its row too.
    return tuple(sorted({*model.plans, *plan_of}))


def _home_plans(model: Model) -> tuple[str, ...]:
    # The plans asked for: a plan only used by them is context, not judged.
    return tuple(sorted(plan for plan, info in model.plans.items() if info.home))


def _by_plan(
    numbers: Iterable[int], ids: Sequence[str], plan_of: Sequence[str]
) -> dict[str, tuple[str, ...]]:
    """The ids of `numbers` grouped by plan, plans and ids in order."""
    grouped: defaultdict[str, list[str]] = defaultdict(list)
    for number in numbers:
        grouped[plan_of[number]].append(ids[number])
    return {plan: tuple(sorted(grouped[plan])) for plan in sorted(grouped)}


_MEASURING: Final = frozenset({EdgeKind.MEASURED_BY.value, EdgeKind.COMPOSED_OF.value})


def _linking(model: Model, node_id: str, plan_of: Sequence[str]) -> tuple[set[str], set[str]]:
    """The other plans linking to `node_id`, and the plans (its own too) measuring with it."""
    number = model.index.number
    owner = plan_of[number[node_id]]
    named: set[str] = set()
    measured: set[str] = set()
    for source, keys in model.graph.pred[node_id].items():
        plan = plan_of[number[source]]
        # A plan's links inside its own hierarchy (sub-goal to goal) name no shared goal:
        # naming is linking to another plan's goal.
        if plan != owner:
            named.add(plan)
        if not _MEASURING.isdisjoint(keys):
            measured.add(plan)
    return named, measured


def _shared(model: Model, plan_of: Sequence[str], numbers: Iterable[int]) -> list[int]:
    """The numbers among `numbers` that are shared: their plan is one another plan uses."""
    # A link into another plan names it through `uses` (ALIAS:id), so a goal another plan
    # links to always lives in a used plan: the plans' `uses` say all there is to say.
    used = {plan for info in model.plans.values() for plan in info.uses.values() if plan != info.id}
    return [n for n in numbers if plan_of[n] in used]


# --- Tables shared by the results ----------------------------------------------------------------


def _heads(keys: Sequence[str], lang: Lang) -> list[list[str]]:
    return [[word(f"portfolio.{key}", lang)] for key in keys]


#: The headings of the tables, as keys of the words in i18n.
_COVERAGE_HEADS: Final = ("goal", "plan", "reached_by", "activities", "projects")
_CONTRIBUTION_HEADS: Final = ("plan", "goal", "goal_plan", "activities", "projects")
_CHAIN_HEADS: Final = ("node", "kind", "plan", "plans", "via")


# --- Coverage ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalReach:
    """One goal of a portfolio: its plan, and each plan's activities and projects that reach it.

    `plans` are the plans whose activities reach the goal (through sub-goals too), in id
    order; `activities` and `projects` hold their ids by plan. `shared` says whether the goal
    is shared (another plan uses its plan or links to it).
    """

    goal: str
    title: str
    plan: str
    shared: bool
    plans: tuple[str, ...]
    activities: dict[str, tuple[str, ...]]
    projects: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class PortfolioCoverage(TableResult):
    """Every goal of a portfolio and the plans that reach it.

    `plans` are all the plans of the model, in id order; `ratio` the share of goals some
    plan's activities reach (None without goals); `plan` the plan whose goals were asked for
    (None for all). Without goals, its text and Markdown say so in a sentence. Its records are the fields of each
    :class:`GoalReach`; its DataFrame is indexed by the goal's id; its JSON is
    ``{"format": "insatslogik-portfolio-coverage", "version": 1, "plans", "goals"}``. Its
    Markdown and HTML tables count the activities and projects that :meth:`table_cells` lists.
    """

    goals: tuple[GoalReach, ...]
    plans: tuple[str, ...]
    lang: Lang = "sv"
    plan: str | None = None

    _json_format = "insatslogik-portfolio-coverage"
    _frame_index = "goal"
    _rows_field = "goals"
    _row_type = GoalReach

    @property
    def ratio(self) -> float | None:
        """The share of goals that some plan's activities reach.

        Returns:
            A number from 0 to 1, or None when there are no goals.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="a", title="A"), il.Goal(id="b", title="B"),
        ...     il.Activity(id="x", title="X", contributes_to=["a"])], title="P")
        >>> il.portfolio_coverage(model).ratio
        0.5
        """
        if not self.goals:
            return None
        return sum(bool(goal.plans) for goal in self.goals) / len(self.goals)

    def __repr__(self) -> str:
        lines = [f"{goal.goal}: {', '.join(goal.plans) or '-'}" for goal in self.goals]
        summary = f"{len(self.goals)} goals, {len(self.plans)} plans"
        return short_repr("PortfolioCoverage", summary, lines)

    def _json_fields(self) -> dict[str, Any]:
        return {"plans": list(self.plans), "goals": self._records()}

    def _instead(self, lang: Lang) -> str | None:
        if self.goals:
            return None
        if self.plan is None:
            return word("portfolio.no_goals", lang)
        return word("portfolio.plan_no_goals", lang).format(plan=self.plan)

    def _shown_cells(self, lang: Lang) -> list[list[list[str]]]:
        # A page or a notebook shows how many activities and projects; the ids are in the
        # records and in table_cells, for a table that has room for them.
        body = [
            [
                [f"{goal.title} ({goal.goal})"],
                [goal.plan],
                list(goal.plans),
                [str(sum(map(len, goal.activities.values())))],
                [str(sum(map(len, goal.projects.values())))],
            ]
            for goal in self.goals
        ]
        return [_heads(_COVERAGE_HEADS, lang), *body]

    def table_cells(self, *, lang: Lang | None = None) -> list[list[list[str]]]:
        """The table as cells of lines, headings first, for :func:`insatslogik.render_portfolio_table`.

        Args:
            lang: the language of the headings; None for the model's.

        Returns:
            Rows of cells (goal | plan | reached by | activities | projects), each cell a list
            of lines: one id per line where a cell holds several.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="g", title="G"),
        ...     il.Activity(id="a", title="A", contributes_to=["g"])], title="P")
        >>> il.portfolio_coverage(model).table_cells(lang="en")[1]
        [['G (g)'], ['plan'], ['plan'], ['a'], []]
        """
        language = resolve_lang(lang, self.lang)
        body = [
            [
                [f"{goal.title} ({goal.goal})"],
                [goal.plan],
                list(goal.plans),
                [a for ids in goal.activities.values() for a in ids],
                [p for ids in goal.projects.values() for p in ids],
            ]
            for goal in self.goals
        ]
        return [_heads(_COVERAGE_HEADS, language), *body]

    def to_text(self, *, lang: Lang | None = None) -> str:
        """One line per goal: its plan and the plans that reach it.

        Args:
            lang: the language of the words; None for the model's.

        Returns:
            Lines ending in a newline.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="g", title="G")], title="P")
        >>> print(il.portfolio_coverage(model).to_text(lang="en"), end="")
        g (plan): reached by -
        """
        language = resolve_lang(lang, self.lang)
        instead = self._instead(language)
        if instead is not None:  # a plan without goals: said, not an empty answer
            return f"{instead}\n"
        reached = word("portfolio.reached_by", language)
        lines = [
            f"{visible(goal.goal)} ({goal.plan}): {reached} " + (", ".join(goal.plans) or "-")
            for goal in self.goals
        ]
        return "".join(line + "\n" for line in lines)


def portfolio_coverage(model: Model, *, plan: str | None = None) -> PortfolioCoverage:
    r"""Every goal (of one plan, or of all) and each plan's activities and projects that reach it.

    Args:
        model: a portfolio or a plan with the plans it uses.
        plan: only the goals of this plan (the strategy's, say); None for every goal.

    Returns:
        The goals in id order. Cost: one pass down the chain carrying the goals each node
        reaches, then linear in the answer.

    Raises:
        UsageError: for a plan the model does not hold.

    >>> import pathlib, tempfile, insatslogik as il
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "rus.yaml").write_text("insatslogik: 1\ntitle: RUS\nnodes:\n"
    ...     "  - {id: mal, kind: goal, title: Fler företag digitaliseras}\n")
    >>> for plan in ("a", "b"):
    ...     _ = (folder / f"{plan}.yaml").write_text(
    ...         f"insatslogik: 1\ntitle: Projekt {plan}\nuses: {{rus: rus.yaml}}\nnodes:\n"
    ...         "  - {id: akt, kind: activity, title: Rådgivning, contributes_to: [ut]}\n"
    ...         "  - {id: ut, kind: outcome, title: Fler får stöd, contributes_to: [rus:mal]}\n")
    >>> portfolio = il.load_portfolio(folder)
    >>> goal = il.portfolio_coverage(portfolio, plan="rus").goals[0]
    >>> goal.goal, goal.plans, goal.activities
    ('rus:mal', ('a', 'b'), {'a': ('a:akt',), 'b': ('b:akt',)})
    """
    with collector_paused():
        index = model.index
        plan_of = _plan_of_numbers(model)
        plans = _all_plans(model, plan_of)
        if plan is not None and plan not in plans:
            known = ", ".join(repr(p) for p in plans)
            msg = f"plan must be one of the model's plans ({known}) (got {plan!r})"
            raise UsageError(msg)
        lang = resolve_lang(None, model.language)
        activities_of, projects_of = _reaching_goals(index)
        goal_numbers = index.of_kind(Kind.GOAL.value)
        shared = set(_shared(model, plan_of, goal_numbers))
        ids = index.ids
        goals = []
        for number in goal_numbers:
            if plan is not None and plan_of[number] != plan:
                continue
            activities = _by_plan(activities_of[number], ids, plan_of)
            goals.append(
                GoalReach(
                    ids[number],
                    index.nodes[number].title,
                    plan_of[number],
                    number in shared,
                    tuple(activities),
                    activities,
                    _by_plan(projects_of[number], ids, plan_of),
                )
            )
        return PortfolioCoverage(tuple(goals), plans, lang, plan)


def _reaching_goals(index: ChainIndex) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """For every goal number, the activity and project numbers that reach it (as goal coverage)."""
    goals_reached = kinds_reached(index, {Kind.GOAL.value})
    activities_of: dict[int, list[int]] = {n: [] for n in index.of_kind(Kind.GOAL.value)}
    projects_of: dict[int, list[int]] = {n: [] for n in activities_of}
    goals_of_project: defaultdict[int, set[int]] = defaultdict(set)
    project, kinds = Kind.PROJECT.value, index.kind
    for number in index.of_kind(Kind.ACTIVITY.value):
        reached = goals_reached[number]
        for goal in reached:
            activities_of[goal].append(number)
        if reached:
            for above in index.ancestors(number):
                if kinds[above] == project:
                    goals_of_project[above].update(reached)
    for number in index.of_kind(project):
        for goal in goals_of_project.get(number, ()):
            projects_of[goal].append(number)
    return activities_of, projects_of


# --- Contributions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    """What one plan's activities and projects reach of one goal (another plan's, or shared)."""

    plan: str
    goal: str
    title: str
    goal_plan: str
    activities: tuple[str, ...]
    projects: tuple[str, ...]


@dataclass(frozen=True)
class ContributionTable(TableResult):
    """Each plan's contributions to goals, plan by plan; `silent` the plans that reach none.

    `plans` are the plans at home (those loaded, not the plans they only use), in id order.
    Its records are the fields of each :class:`Contribution`; its DataFrame is indexed by
    (plan, goal); its JSON is ``{"format": "insatslogik-contributions", "version": 1,
    "plans", "silent", "contributions"}``.
    """

    contributions: tuple[Contribution, ...]
    plans: tuple[str, ...]
    silent: tuple[str, ...]
    lang: Lang = "sv"

    _json_format = "insatslogik-contributions"
    _frame_index = ("plan", "goal")
    _rows_field = "contributions"
    _row_type = Contribution

    def __repr__(self) -> str:
        lines = [
            f"{c.plan} -> {c.goal}: {len(c.activities)} activities" for c in self.contributions
        ]
        summary = f"{len(self.contributions)} contributions, {len(self.silent)} plans reach nothing"
        return short_repr("ContributionTable", summary, lines)

    def _json_fields(self) -> dict[str, Any]:
        return {
            "plans": list(self.plans),
            "silent": list(self.silent),
            "contributions": self._records(),
        }

    def table_cells(self, *, lang: Lang | None = None) -> list[list[list[str]]]:
        """The table as cells of lines, headings first, for :func:`insatslogik.render_portfolio_table`.

        Args:
            lang: the language of the headings; None for the model's.

        Returns:
            Rows of cells (plan | goal | goal's plan | activities | projects), each cell a list
            of lines.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="g", title="G"),
        ...     il.Activity(id="a", title="A", contributes_to=["g"])], title="P")
        >>> il.contribution_table(model, shared_only=False).table_cells(lang="en")[1]
        [['plan'], ['G (g)'], ['plan'], ['a'], []]
        """
        language = resolve_lang(lang, self.lang)
        body = [
            [
                [c.plan],
                [f"{c.title} ({c.goal})"],
                [c.goal_plan],
                list(c.activities),
                list(c.projects),
            ]
            for c in self.contributions
        ]
        return [_heads(_CONTRIBUTION_HEADS, language), *body]

    def to_text(self, *, lang: Lang | None = None) -> str:
        """Plan by plan, the goals its activities reach; then the plans that reach none.

        Args:
            lang: the language of the words; None for the model's.

        Returns:
            Lines ending in a newline.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="g", title="G"),
        ...     il.Activity(id="a", title="A", contributes_to=["g"])], title="P")
        >>> print(il.contribution_table(model, shared_only=False).to_text(lang="en"), end="")
        plan: g (a)
        """
        language = resolve_lang(lang, self.lang)
        lines = [
            f"{c.plan}: {visible(c.goal)} ({', '.join(map(visible, c.activities))})"
            for c in self.contributions
        ]
        lines.extend(self._notes(language))
        return "".join(line + "\n" for line in lines)

    def _notes(self, lang: Lang) -> list[str]:
        # The plans that reach no shared goal have no row: the line after the table names them.
        if not self.silent:
            return []
        return [f"{word('portfolio.silent', lang)}: {', '.join(self.silent)}"]


def contribution_table(model: Model, *, shared_only: bool = True) -> ContributionTable:
    r"""What each plan's activities and projects reach among the shared goals (or all goals).

    Args:
        model: a portfolio or a plan with the plans it uses.
        shared_only: only shared goals (another plan uses the goal's plan or links to the
            goal); False for every goal, the plan's own included.

    Returns:
        The contributions by plan, then goal, in id order; `silent` the plans that reach none.

    >>> import pathlib, tempfile, insatslogik as il
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "rus.yaml").write_text("insatslogik: 1\ntitle: RUS\nnodes:\n"
    ...     "  - {id: mal, kind: goal, title: Fler företag digitaliseras}\n")
    >>> for plan in ("a", "b"):
    ...     _ = (folder / f"{plan}.yaml").write_text(
    ...         f"insatslogik: 1\ntitle: Projekt {plan}\nuses: {{rus: rus.yaml}}\nnodes:\n"
    ...         "  - {id: akt, kind: activity, title: Rådgivning, contributes_to: [ut]}\n"
    ...         "  - {id: ut, kind: outcome, title: Fler får stöd, contributes_to: [rus:mal]}\n")
    >>> portfolio = il.load_portfolio(folder)
    >>> table = il.contribution_table(portfolio)
    >>> [(c.plan, c.goal, c.activities) for c in table.contributions]
    [('a', 'rus:mal', ('a:akt',)), ('b', 'rus:mal', ('b:akt',))]
    >>> table.silent
    ('rus',)
    """
    coverage = portfolio_coverage(model)
    contributions = [
        Contribution(
            plan,
            goal.goal,
            goal.title,
            goal.plan,
            activities,
            goal.projects.get(plan, ()),
        )
        for goal in coverage.goals
        if goal.shared or not shared_only
        for plan, activities in goal.activities.items()
    ]
    contributions.sort(key=lambda c: (c.plan, c.goal))
    reaching = {c.plan for c in contributions}
    home = set(_home_plans(model))
    contributions = [c for c in contributions if c.plan in home]
    plans = tuple(plan for plan in coverage.plans if plan in home)
    silent = tuple(plan for plan in plans if plan not in reaching)
    return ContributionTable(tuple(contributions), plans, silent, coverage.lang)


# --- Alignment -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlignmentRow:
    """One plan's row of the alignment matrix: a mark per column (see :data:`MARKS`)."""

    plan: str
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class AlignmentMatrix(TableResult):
    """Plans x shared goals and indicators: who reports on what.

    There is a row for each plan at home (those loaded, not the plans they only use: those are
    context, not judged), in id order. `columns` are the shared goals, then the shared
    indicators, each in id order (those of used plans among them); `kinds` and
    `owners` give each column's kind and the plan it lives in. A goal's cell is ``reaches``
    when the plan's activities reach it and ``names`` when the plan links to it but no
    activity of it reaches it (a plan's links to its own goals, a sub-goal's to its goal, name
    nothing shared); an indicator's cell is ``measures`` when the plan's nodes are
    measured by it and ``matches`` when the plan has its own indicator of the same measure
    (:func:`insatslogik.analyses.rollup.indicator_key`). `silent` are the plans that reach
    or measure nothing shared.

    Its records are one dict per plan, ``plan`` and a mark per column id; its DataFrame is
    indexed by plan, marks as strings; its JSON is ``{"format": "insatslogik-alignment",
    "version": 1, "columns": [{"id", "kind", "plan"}], "rows", "silent"}``, marks as codes.
    """

    columns: tuple[str, ...]
    kinds: tuple[str, ...]
    owners: tuple[str, ...]
    rows: tuple[AlignmentRow, ...]
    silent: tuple[str, ...]
    lang: Lang = "sv"

    _json_format = "insatslogik-alignment"
    _frame_index = "plan"

    def __repr__(self) -> str:
        lines = [f"{row.plan}: {sum(bool(m) for m in row.marks)} marks" for row in self.rows]
        summary = f"{len(self.rows)} plans x {len(self.columns)} shared, {len(self.silent)} silent"
        return short_repr("AlignmentMatrix", summary, lines)

    def _records(self) -> list[dict[str, Any]]:
        return [
            {"plan": row.plan, **dict(zip(self.columns, row.marks, strict=True))}
            for row in self.rows
        ]

    def _frame_columns(self) -> list[str]:
        return ["plan", *self.columns]

    def _json_fields(self) -> dict[str, Any]:
        columns = [
            {"id": column, "kind": kind, "plan": owner}
            for column, kind, owner in zip(self.columns, self.kinds, self.owners, strict=True)
        ]
        return {"columns": columns, "rows": self._records(), "silent": list(self.silent)}

    def table_cells(self, *, lang: Lang | None = None) -> list[list[list[str]]]:
        """The matrix as cells of lines, headings first, for :func:`insatslogik.render_portfolio_table`.

        Args:
            lang: the language of the marks; None for the model's.

        Returns:
            Rows of cells: the plan, then a mark in words per column (empty for none).

        >>> import insatslogik as il
        >>> il.alignment_matrix(il.Model([], title="P")).table_cells(lang="en")
        [[['plan']], [['plan']]]
        """
        language = resolve_lang(lang, self.lang)
        head = [[word("portfolio.plan", language)], *([column] for column in self.columns)]
        body = [
            [[row.plan], *([word(f"portfolio.mark.{m}", language)] if m else [] for m in row.marks)]
            for row in self.rows
        ]
        return [head, *body]

    def to_text(self, *, lang: Lang | None = None) -> str:
        """Plan by plan, what it reports on; then the plans that report on nothing shared.

        Args:
            lang: the language of the words; None for the model's.

        Returns:
            Lines ending in a newline.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="g", title="G")], title="P")
        >>> print(il.alignment_matrix(model).to_text(lang="en"), end="")
        plan: -
        Plans reporting on nothing shared: plan
        """
        language = resolve_lang(lang, self.lang)
        lines = []
        for row in self.rows:
            marked = [
                f"{visible(column)} ({word(f'portfolio.mark.{mark}', language)})"
                for column, mark in zip(self.columns, row.marks, strict=True)
                if mark
            ]
            lines.append(f"{row.plan}: {', '.join(marked) or '-'}")
        lines.extend(self._notes(language))
        return "".join(line + "\n" for line in lines)

    def _notes(self, lang: Lang) -> list[str]:
        silent = ", ".join(self.silent) or "-"
        return [f"{word('portfolio.silent_plans', lang)}: {silent}"]


def alignment_matrix(model: Model) -> AlignmentMatrix:
    r"""Plans x shared goals and indicators: which plan reaches, names, measures or matches what.

    Args:
        model: a portfolio or a plan with the plans it uses.

    Returns:
        The matrix (see :class:`AlignmentMatrix`). Cost: linear in the links, plus the
        size of the matrix.

    >>> import pathlib, tempfile, insatslogik as il
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "rus.yaml").write_text("insatslogik: 1\ntitle: RUS\nnodes:\n"
    ...     "  - {id: mal, kind: goal, title: Fler företag digitaliseras}\n")
    >>> for plan in ("a", "b"):
    ...     _ = (folder / f"{plan}.yaml").write_text(
    ...         f"insatslogik: 1\ntitle: Projekt {plan}\nuses: {{rus: rus.yaml}}\nnodes:\n"
    ...         "  - {id: akt, kind: activity, title: Rådgivning, contributes_to: [ut]}\n"
    ...         "  - {id: ut, kind: outcome, title: Fler får stöd, contributes_to: [rus:mal]}\n")
    >>> portfolio = il.load_portfolio(folder)
    >>> matrix = il.alignment_matrix(portfolio)
    >>> matrix.columns, [(row.plan, row.marks) for row in matrix.rows]
    (('rus:mal',), [('a', ('reaches',)), ('b', ('reaches',)), ('rus', ('',))])
    >>> matrix.silent
    ('rus',)
    """
    with collector_paused():
        index = model.index
        ids, kinds = index.ids, index.kind
        plan_of = _plan_of_numbers(model)
        plans = _home_plans(model)
        goals = _shared(model, plan_of, index.of_kind(Kind.GOAL.value))
        indicators = _shared(model, plan_of, index.of_kind(Kind.INDICATOR.value))
        activities_of, _ = _reaching_goals(index)
        keys_of_plans: defaultdict[str, set[str]] = defaultdict(set)
        for n in index.of_kind(Kind.INDICATOR.value):
            node = index.nodes[n]
            key = indicator_key(node) if isinstance(node, Indicator) else None
            if key is not None:
                keys_of_plans[key].add(plan_of[n])
        columns = [*goals, *indicators]
        marks_of: list[Callable[[str], Mark]] = []
        for n in goals:
            reaching = {plan_of[a] for a in activities_of[n]}
            marks_of.append(_goal_mark(reaching, _linking(model, ids[n], plan_of)[0]))
        for n in indicators:
            node = index.nodes[n]
            key = indicator_key(node) if isinstance(node, Indicator) else None
            matching = keys_of_plans.get(key, set()) if key is not None else set()
            marks_of.append(_indicator_mark(_linking(model, ids[n], plan_of)[1], matching))
        rows = tuple(AlignmentRow(plan, tuple(mark(plan) for mark in marks_of)) for plan in plans)
        reporting = {"reaches", "measures", "matches"}
        silent = tuple(row.plan for row in rows if not reporting.intersection(row.marks))
        return AlignmentMatrix(
            tuple(ids[n] for n in columns),
            tuple(kinds[n] for n in columns),
            tuple(plan_of[n] for n in columns),
            rows,
            silent,
            resolve_lang(None, model.language),
        )


def _goal_mark(reaching: set[str], naming: set[str]) -> Callable[[str], Mark]:
    def mark(plan: str) -> Mark:
        return "reaches" if plan in reaching else "names" if plan in naming else ""

    return mark


def _indicator_mark(measuring: set[str], matching: set[str]) -> Callable[[str], Mark]:
    def mark(plan: str) -> Mark:
        return "measures" if plan in measuring else "matches" if plan in matching else ""

    return mark


# --- Shared chains -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SharedChain:
    """A node where the chains of several plans meet.

    `plans` are the plans whose activities reach `node`, `activities` their ids by plan, and
    `via` the node's direct contributors that bring those chains (in id order).
    """

    node: str
    title: str
    kind: str
    plan: str
    plans: tuple[str, ...]
    activities: dict[str, tuple[str, ...]]
    via: tuple[str, ...]


@dataclass(frozen=True)
class SharedChains(TableResult):
    """Where the chains of a portfolio's plans meet, and the `contributes_to` links that cross plans.

    `chains` are the meeting points in chain order (lower levels first), each a node that the
    activities of two or more plans reach and none of whose contributors is reached by the
    same plans: above it the chains run together, so the nodes above are not listed again
    unless another plan joins. `crossings` are the links from a node of one plan to a node
    of another, as (from, to) in id order. Its records are the fields of each
    :class:`SharedChain`; its DataFrame is indexed by node id; its JSON is
    ``{"format": "insatslogik-shared-chains", "version": 1, "chains", "crossings"}``.
    """

    chains: tuple[SharedChain, ...]
    crossings: tuple[tuple[str, str], ...]
    lang: Lang = "sv"

    _json_format = "insatslogik-shared-chains"
    _frame_index = "node"
    _rows_field = "chains"
    _row_type = SharedChain

    def __repr__(self) -> str:
        lines = [f"{c.node}: {', '.join(c.plans)}" for c in self.chains]
        summary = f"{len(self.chains)} meeting points, {len(self.crossings)} links across plans"
        return short_repr("SharedChains", summary, lines)

    def _json_fields(self) -> dict[str, Any]:
        return {"chains": self._records(), "crossings": [list(link) for link in self.crossings]}

    def table_cells(self, *, lang: Lang | None = None) -> list[list[list[str]]]:
        """The meeting points as cells of lines, headings first, for :func:`insatslogik.render_portfolio_table`.

        Args:
            lang: the language of the headings and kinds; None for the model's.

        Returns:
            Rows of cells (node | kind | plan | plans | via), each cell a list of lines.

        >>> import insatslogik as il
        >>> il.shared_chains(il.Model([], title="P")).table_cells(lang="en")
        [[['node'], ['kind'], ['plan'], ['plans'], ['via']]]
        """
        language = resolve_lang(lang, self.lang)
        body = [
            [
                [f"{c.title} ({c.node})"],
                [kind_name(c.kind, language)],
                [c.plan],
                list(c.plans),
                list(c.via),
            ]
            for c in self.chains
        ]
        return [_heads(_CHAIN_HEADS, language), *body]

    def to_text(self, *, lang: Lang | None = None) -> str:
        """One line per meeting point, then the number of links that cross plans.

        Args:
            lang: the language of the words; None for the model's.

        Returns:
            Lines ending in a newline.

        >>> import insatslogik as il
        >>> print(il.shared_chains(il.Model([], title="P")).to_text(lang="en"), end="")
        Links across plans: 0
        """
        language = resolve_lang(lang, self.lang)
        lines = [
            f"{visible(c.node)} ({kind_name(c.kind, language)}): {', '.join(c.plans)}"
            for c in self.chains
        ]
        lines.extend(self._notes(language))
        return "".join(line + "\n" for line in lines)

    def _notes(self, lang: Lang) -> list[str]:
        # The links are in the records and the JSON; the table's readers get their count.
        return [f"{word('portfolio.crossings', lang)}: {len(self.crossings)}"]


def shared_chains(model: Model) -> SharedChains:
    r"""Where the chains of several plans meet, and the links that cross from one plan to another.

    Args:
        model: a portfolio or a plan with the plans it uses.

    Returns:
        The meeting points in chain order, and the crossing links. Cost: one pass up the
        chain carrying the activities that reach each node, then linear in the answer.

    >>> import pathlib, tempfile, insatslogik as il
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "rus.yaml").write_text("insatslogik: 1\ntitle: RUS\nnodes:\n"
    ...     "  - {id: mal, kind: goal, title: Fler företag digitaliseras}\n")
    >>> for plan in ("a", "b"):
    ...     _ = (folder / f"{plan}.yaml").write_text(
    ...         f"insatslogik: 1\ntitle: Projekt {plan}\nuses: {{rus: rus.yaml}}\nnodes:\n"
    ...         "  - {id: akt, kind: activity, title: Rådgivning, contributes_to: [ut]}\n"
    ...         "  - {id: ut, kind: outcome, title: Fler får stöd, contributes_to: [rus:mal]}\n")
    >>> portfolio = il.load_portfolio(folder)
    >>> chains = il.shared_chains(portfolio)
    >>> [(c.node, c.plans, c.via) for c in chains.chains]
    [('rus:mal', ('a', 'b'), ('a:ut', 'b:ut'))]
    >>> chains.crossings
    (('a:ut', 'rus:mal'), ('b:ut', 'rus:mal'))
    """
    with collector_paused():
        index = model.index
        ids, kinds, nodes = index.ids, index.kind, index.nodes
        plan_of = _plan_of_numbers(model)
        reaching = kinds_reaching(index, {Kind.ACTIVITY.value})
        # Nodes with one contributor share its set: the plans of each set are found once.
        plans_of_set: dict[int, frozenset[str]] = {}

        def plans_of(number: int) -> frozenset[str]:
            activities = reaching[number]
            found = plans_of_set.get(id(activities))
            if found is None:
                found = plans_of_set[id(activities)] = frozenset(plan_of[a] for a in activities)
            return found

        chains = []
        for group in index.groups:
            # Members of a cycle share one set: only contributors outside it can bring the
            # same plans in before it.
            inside = set(group) if len(group) > 1 else ()
            for number in group:
                plans = plans_of(number)
                if len(plans) < 2:
                    continue
                below = index.down[number] or ()
                if any(plans_of(c) == plans for c in below if c not in inside):
                    continue
                via = sorted(ids[c] for c in below if reaching[c])
                chains.append(
                    SharedChain(
                        ids[number],
                        nodes[number].title,
                        kinds[number],
                        plan_of[number],
                        tuple(sorted(plans)),
                        _by_plan(reaching[number], ids, plan_of),
                        tuple(via),
                    )
                )
        crossings = sorted(
            (ids[source], ids[target])
            for source, targets in enumerate(index.up)
            for target in targets or ()
            if plan_of[source] != plan_of[target]
        )
        return SharedChains(tuple(chains), tuple(crossings), resolve_lang(None, model.language))
