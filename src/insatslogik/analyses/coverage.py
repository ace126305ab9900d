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
import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from itertools import compress, count
from typing import TYPE_CHECKING, Any, Literal

from insatslogik.kinds import Kind
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.reach import kinds_reached

if TYPE_CHECKING:
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
    """Coverage of every goal, and the share of covered goals overall and per strategy/substrategy."""

    goals: tuple[GoalCoverage, ...]
    ratio: float | None
    by_structure: dict[str, float]

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per goal."""
        return [asdict(goal) for goal in self.goals]

    def to_json(self) -> str:
        """``{"format": "insatslogik-coverage", "version": 1, "ratio", "by_structure", "goals"}``."""
        data = {
            "format": "insatslogik-coverage",
            "version": 1,
            "ratio": self.ratio,
            "by_structure": self.by_structure,
            "goals": self.to_records(),
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def to_text(self) -> str:
        """One line per goal, then the ratios."""
        lines = [
            f"{g.status:<9} {g.goal}: {len(g.activities)} activities, {len(g.projects)} projects, "
            f"indicators: {', '.join(g.indicators) or '-'}"
            for g in self.goals
        ]
        lines.append(f"covered goals: {_percent(self.ratio)}")
        lines.extend(
            f"  {structure}: {_percent(ratio)}" for structure, ratio in self.by_structure.items()
        )
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        """A Markdown table: goal | status | activities | projects | indicators."""
        rows = ["| goal | status | activities | projects | indicators |", "|---|---|---|---|---|"]
        for g in self.goals:
            cells = [
                _md(g.title) + f" (`{g.goal}`)",
                g.status,
                str(len(g.activities)),
                str(len(g.projects)),
                ", ".join(g.indicators),
            ]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows) + f"\n\nCovered goals: {_percent(self.ratio)}\n"

    def _repr_html_(self) -> str:
        head = "<tr><th>goal</th><th>status</th><th>activities</th><th>projects</th><th>indicators</th></tr>"
        body = "".join(
            f"<tr><td style='text-align:left'>{html.escape(g.title)} ({html.escape(g.goal)})</td><td>{g.status}</td>"
            f"<td>{len(g.activities)}</td><td>{len(g.projects)}</td><td>{html.escape(', '.join(g.indicators))}</td></tr>"
            for g in self.goals
        )
        return f"<table><caption>Covered goals: {_percent(self.ratio)}</caption><thead>{head}</thead><tbody>{body}</tbody></table>"


def _percent(ratio: float | None) -> str:
    return "no goals" if ratio is None else f"{ratio:.0%}"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def goal_coverage(model: Model) -> Coverage:
    """Coverage of every goal: reaching activities and projects (through sub-goals too), indicators, status.

    Cost: one strongly-connected-components pass and one pass from the top of the chain down
    that carries the set of goals each node reaches (linear in the links plus the size of the
    sets); then each activity and project is handed to the goals it reaches, in id order, so
    no goal's list is sorted on its own: linear in the size of the answer.
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
    goal_nodes = model.nodes(Kind.GOAL)
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
                activities_of[target].append(name)
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
    return Coverage(tuple(goals), ratio, by_structure)


def _complete(indicator: Node) -> bool:
    return all(
        getattr(indicator, name, None) is not None for name in ("source", "baseline", "target")
    )
