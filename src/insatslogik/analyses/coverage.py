"""Goal coverage: which activities and projects reach each goal, how it is measured, its status.

>>> import insatslogik as il
>>> model = il.Model([
...     il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"]),
...     il.Activity(id="akt", title="Rådgivning", contributes_to=["mal"]),
...     il.Indicator(id="andel", title="Andel", source="SCB",
...                  baseline=il.Observation(year=2020, value=70), target=il.Observation(year=2030, value=90)),
... ], title="Exempel")
>>> coverage = il.goal_coverage(model)
>>> [(g.goal, g.activities, g.status) for g in coverage.goals]
[('mal', ('akt',), 'covered')]
>>> coverage.ratio
1.0
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, fields
from itertools import compress, count
from typing import TYPE_CHECKING, Any, Literal, get_args

from insatslogik.analyses.plaintext import markdown_text
from insatslogik.analyses.tabular import data_frame, json_document, records, short_repr
from insatslogik.i18n import Lang, counted, percent, resolve_lang, status_name, word
from insatslogik.kinds import Kind
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.reach import kinds_reached

if TYPE_CHECKING:
    import pandas as pd

    from insatslogik.model.schema import Node

__all__ = ["Coverage", "GoalCoverage", "goal_coverage"]

Status = Literal["covered", "partial", "uncovered"]


@dataclass(frozen=True)
class GoalCoverage:
    """One goal: what reaches it, what measures it, and its status.

    `status` is ``covered`` when an activity reaches the goal and one of its indicators has a
    source, a baseline and a target; ``partial`` when only one of the two holds; ``uncovered``
    when neither does.
    """

    goal: str
    title: str
    activities: tuple[str, ...]
    projects: tuple[str, ...]
    indicators: tuple[str, ...]
    complete_indicators: tuple[str, ...]
    status: Status


@dataclass(frozen=True)
class Coverage:
    """Coverage of every goal, and the share of covered goals overall and per strategy/substrategy.

    `lang` is the language its text is written in unless asked for another: the model's.
    """

    goals: tuple[GoalCoverage, ...]
    ratio: float | None
    by_structure: dict[str, float]
    lang: Lang = "sv"

    def __repr__(self) -> str:
        statuses = [goal.status for goal in self.goals]
        counts = ", ".join(f"{status} {statuses.count(status)}" for status in get_args(Status))
        ratio = "no goals" if self.ratio is None else f"ratio {self.ratio:.3g}"
        lines = [f"{goal.status} {goal.goal}" for goal in self.goals]
        return short_repr("Coverage", f"{len(self.goals)} goals ({counts}), {ratio}", lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per goal, for a DataFrame or a spreadsheet.

        Returns:
            The fields of each :class:`GoalCoverage` (ids as lists, as a DataFrame or JSON
            wants them), in goal id order.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
        ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["mal"]),
        ... ], title="Kraftsamling digitalisering")
        >>> il.goal_coverage(model).to_records()
        [{'goal': 'mal', 'title': 'Fler företag digitaliseras', 'activities': ['akt'], 'projects': [], 'indicators': [], 'complete_indicators': [], 'status': 'partial'}]
        """
        return records(self.goals)

    def to_dataframe(self) -> pd.DataFrame:
        """The coverage as a pandas DataFrame: one row per goal, indexed by the goal's id.

        Columns ``title``, ``status`` (the code, as in JSON), ``activities``, ``projects``,
        ``indicators`` and ``complete_indicators`` (lists of ids). Needs pandas (``pip
        install 'insatslogik[pandas]'``).

        Returns:
            The DataFrame, its index named ``goal``, in goal id order.

        Raises:
            MissingDependencyError: when pandas is not installed.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
        ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["mal"]),
        ... ], title="Kraftsamling digitalisering")
        >>> frame = il.goal_coverage(model).to_dataframe()
        >>> frame.loc["mal", "status"], frame.loc["mal", "activities"]
        ('partial', ['akt'])
        """
        columns = [field.name for field in fields(GoalCoverage)]
        return data_frame(
            self.to_records(), columns, index="goal", purpose="Coverage.to_dataframe()"
        )

    def to_json(self) -> str:
        """The coverage as JSON, for programs and CI; statuses are codes, in any language.

        Returns:
            ``{"format": "insatslogik-coverage", "version": 1, "ratio", "by_structure", "goals"}``,
            indented, ending in a newline.

        >>> import json, insatslogik as il
        >>> model = il.Model([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
        ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["mal"]),
        ... ], title="Kraftsamling digitalisering")
        >>> data = json.loads(il.goal_coverage(model).to_json())
        >>> data["format"], data["ratio"], data["goals"][0]["status"]
        ('insatslogik-coverage', 0.0, 'partial')
        """
        fields = {"ratio": self.ratio, "by_structure": self.by_structure}
        return json_document("insatslogik-coverage", {**fields, "goals": self.to_records()})

    def to_text(self, *, lang: Lang | None = None) -> str:
        """One line per goal, then the ratios.

        Args:
            lang: the language of the words and numbers; None for the model's. Ids are as
                they are.

        Returns:
            Lines ending in a newline.

        >>> goal = GoalCoverage("mal", "Mål", ("akt",), (), (), (), "partial")
        >>> print(Coverage((goal,), 0.0, {}, lang="sv").to_text(), end="")
        delvis täckt mal: 1 aktivitet, 0 projekt, indikatorer: -
        täckta mål: 0 %
        """
        language = resolve_lang(lang, self.lang)
        width = max(len(status_name(status, language)) for status in get_args(Status))
        lines = [
            f"{status_name(g.status, language):<{width}} {g.goal}: "
            f"{counted(len(g.activities), 'activity', language)}, "
            f"{counted(len(g.projects), 'project', language)}, "
            f"{word('coverage.indicators', language)}: {', '.join(g.indicators) or '-'}"
            for g in self.goals
        ]
        lines.append(f"{word('coverage.covered_goals', language)}: {self._percent(language)}")
        lines.extend(
            f"  {structure}: {percent(ratio, language)}"
            for structure, ratio in self.by_structure.items()
        )
        return "\n".join(lines) + "\n"

    def to_markdown(self, *, lang: Lang | None = None) -> str:
        """A Markdown table: goal | status | activities | projects | indicators.

        Args:
            lang: the language of the headings, statuses and numbers; None for the model's.

        Returns:
            The table and a line with the share of covered goals, ending in a newline.

        >>> goal = GoalCoverage("goal", "More firms go digital", ("advice",), (), (), (), "partial")
        >>> print(Coverage((goal,), 0.0, {}, lang="en").to_markdown(), end="")
        | goal | status | activities | projects | indicators |
        |---|---|---|---|---|
        | More firms go digital (`goal`) | partial | 1 | 0 |  |
        <BLANKLINE>
        Covered goals: 0%
        """
        language = resolve_lang(lang, self.lang)
        rows = ["| " + " | ".join(self._heads(language)) + " |", "|---|---|---|---|---|"]
        for g in self.goals:
            cells = [
                markdown_text(g.title) + f" (`{g.goal}`)",
                status_name(g.status, language),
                str(len(g.activities)),
                str(len(g.projects)),
                ", ".join(g.indicators),
            ]
            rows.append("| " + " | ".join(cells) + " |")
        covered = _capitalised(word("coverage.covered_goals", language))
        return "\n".join(rows) + f"\n\n{covered}: {self._percent(language)}\n"

    def _repr_html_(self) -> str:
        lang = self.lang
        head = (
            "<tr>"
            + "".join(f"<th>{html.escape(text)}</th>" for text in self._heads(lang))
            + "</tr>"
        )
        body = "".join(
            f"<tr><td style='text-align:left'>{html.escape(g.title)} ({html.escape(g.goal)})</td><td>{html.escape(status_name(g.status, lang))}</td>"
            f"<td>{len(g.activities)}</td><td>{len(g.projects)}</td><td>{html.escape(', '.join(g.indicators))}</td></tr>"
            for g in self.goals
        )
        covered = _capitalised(word("coverage.covered_goals", lang))
        caption = html.escape(f"{covered}: {self._percent(lang)}")
        return (
            f"<table><caption>{caption}</caption><thead>{head}</thead><tbody>{body}</tbody></table>"
        )

    @staticmethod
    def _heads(lang: Lang) -> list[str]:
        keys = ("goal", "status", "activities", "projects", "indicators")
        return [word(f"coverage.{key}", lang) for key in keys]

    def _percent(self, lang: Lang) -> str:
        return word("coverage.no_goals", lang) if self.ratio is None else percent(self.ratio, lang)


def _capitalised(text: str) -> str:
    return text[0].upper() + text[1:]


def goal_coverage(model: Model) -> Coverage:
    """Coverage of every goal: reaching activities and projects (through sub-goals too), indicators, status.

    Cost: one strongly-connected-components pass and one pass from the top of the chain down
    that carries the set of goals each node reaches (linear in the links plus the size of the
    sets); then each activity and project is handed to the goals it reaches, in id order, so
    no goal's list is sorted on its own: linear in the size of the answer.

    Returns:
        The goals in id order; the share of covered goals (None without goals); that share
        per strategy and substrategy the goals are part of; the model's language.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Strategy(id="rus", title="RUS 2021–2030"),
    ...     il.Project(id="proj", title="Kraftsamling digitalisering", part_of="rus"),
    ...     il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"], part_of="rus"),
    ...     il.Goal(id="export", title="Fler företag exporterar", part_of="rus"),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["mal"], part_of="proj"),
    ...     il.Indicator(id="andel", title="Andel SMF", unit="%", source="SCB",
    ...                  baseline=il.Observation(year=2020, value=82),
    ...                  target=il.Observation(year=2030, value=90)),
    ... ], title="RUS Västra Götaland")
    >>> coverage = goal_coverage(model)
    >>> [(goal.goal, goal.status, goal.activities, goal.projects) for goal in coverage.goals]
    [('export', 'uncovered', (), ()), ('mal', 'covered', ('akt',), ('proj',))]
    >>> coverage.ratio, coverage.by_structure
    (0.5, {'rus': 0.5})
    """
    with collector_paused():
        return _goal_coverage(model)


def _goal_coverage(model: Model) -> Coverage:
    index = model.index
    ids, nodes, kinds, parent, ancestors, number_of = (
        index.ids,
        index.nodes,
        index.kind,
        index.parent,
        index.ancestors,
        index.number,
    )
    activity, project = Kind.ACTIVITY.value, Kind.PROJECT.value
    goals_reached = kinds_reached(index, {Kind.GOAL.value})
    # A plan loaded with the plans it uses covers its own goals; theirs are context.
    home = model.home_ids()
    goal_nodes = [goal for goal in model.nodes(Kind.GOAL) if home is None or goal.id in home]
    activities_of: dict[int, list[str]] = {number_of[goal.id]: [] for goal in goal_nodes}
    projects_of: dict[int, list[str]] = {number: [] for number in activities_of}
    # Each activity is handed to the goals it reaches, in id order, so every goal's list comes
    # out sorted: a goal reached by a fifth of a million activities is not sorted on its own.
    # The activities go by number, their ids and goals read from lists, not from the nodes,
    # which in id order lie all over memory.
    for number in index.of_kind(activity):
        reached = goals_reached[number]
        if reached:
            name = ids[number]
            for target in reached:
                listed = activities_of.get(target)  # None: a used plan's goal
                if listed is not None:
                    listed.append(name)
    # The activities again, in model order, where a project's activities mostly follow one
    # another: the `part_of` walk above each is then the one before it, and is not repeated.
    goals_of_project: defaultdict[int, set[int]] = defaultdict(set)
    last_parent = -1
    projects_above: tuple[int, ...] = ()
    for number in compress(count(), map(activity.__eq__, kinds)):
        reached = goals_reached[number]
        if reached:
            above = parent[number]
            if above != last_parent:
                last_parent = above
                projects_above = tuple(p for p in ancestors(number) if kinds[p] == project)
            for p in projects_above:
                goals_of_project[p].update(reached)
    for number in index.of_kind(project):
        for target in goals_of_project.get(number, ()):
            if target in projects_of:
                projects_of[target].append(ids[number])

    complete_indicators: dict[str, bool] = {}
    structures = {Kind.STRATEGY.value, Kind.SUBSTRATEGY.value}
    goals = []
    totals: dict[int, list[int]] = {}
    for goal in goal_nodes:
        number = number_of[goal.id]
        activities = tuple(activities_of[number])
        indicators = tuple(getattr(goal, "measured_by", ()))
        for indicator in indicators:
            if indicator not in complete_indicators:
                complete_indicators[indicator] = _complete(nodes[number_of[indicator]])
        complete = tuple(i for i in indicators if complete_indicators[i])
        reached_any, measured = bool(activities), bool(complete)
        status: Status = (
            "covered"
            if reached_any and measured
            else "partial"
            if reached_any or measured
            else "uncovered"
        )
        goals.append(
            GoalCoverage(
                goal.id,
                goal.title,
                activities,
                tuple(projects_of[number]),
                indicators,
                complete,
                status,
            )
        )
        for structure in ancestors(number):
            if kinds[structure] in structures:
                counts = totals.setdefault(structure, [0, 0])
                counts[0] += status == "covered"
                counts[1] += 1
    covered = sum(entry.status == "covered" for entry in goals)
    ratio = covered / len(goals) if goals else None
    by_structure = {ids[s]: c / n for s, (c, n) in sorted(totals.items(), key=lambda t: ids[t[0]])}
    return Coverage(tuple(goals), ratio, by_structure, resolve_lang(None, model.language))


def _complete(indicator: Node) -> bool:
    return all(
        getattr(indicator, name, None) is not None for name in ("source", "baseline", "target")
    )
