"""`check` and the analyses behind its findings: plain functions of a model, linear in its size.

Each `_find_*` function produces the findings of one group of codes from the model's shared
traversal index (:attr:`insatslogik.Model.index`); :func:`check` runs them all and filters the
result.

>>> import insatslogik as il
>>> model = il.Model([
...     il.Goal(id="mal", title="Fler företag digitaliseras"),
...     il.Activity(id="akt", title="Rådgivning till SMF"),
... ], title="Exempel")
>>> report = il.check(model, select=["orphan-activity", "uncovered-goal"])
>>> [(f.code.value, f.nodes) for f in report]
[('orphan-activity', ('akt',)), ('uncovered-goal', ('mal',))]
>>> [node.id for node in il.orphan_activities(model)]
['akt']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Final

import networkx as nx

from insatslogik.analyses._messages import name
from insatslogik.analyses.findings import Finding, Report
from insatslogik.analyses.followup_checks import FOLLOW_UP_CODES, follow_up_findings
from insatslogik.codes import CATALOGUE, Code
from insatslogik.i18n import Lang, finding_message, join_and, level_name, resolve_lang, word
from insatslogik.kinds import CHAIN_KINDS, GOAL_LEVEL, EdgeKind, Kind
from insatslogik.model.index import ChainIndex
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.reach import reached_from

if TYPE_CHECKING:
    from insatslogik.model.schema import Node

__all__ = ["check", "missing_links", "orphan_activities"]

_DEAD_END_KINDS: Final = frozenset(
    k.value
    for k in (Kind.RESOURCE, Kind.ACTIVITY, Kind.OUTPUT, Kind.OUTCOME, Kind.SHORT_TERM_EFFECT)
)
_SUPPORTED_KINDS: Final = frozenset(
    k.value for k in (Kind.OUTPUT, Kind.OUTCOME, Kind.SHORT_TERM_EFFECT, Kind.LONG_TERM_EFFECT)
)
_STRATEGIES: Final = frozenset({Kind.STRATEGY.value, Kind.SUBSTRATEGY.value})
# Plain names for comparisons in loops over every node: an enum attribute costs a lookup each time.
_ACTIVITY: Final = Kind.ACTIVITY.value
_GOAL: Final = Kind.GOAL.value
_PROJECT: Final = Kind.PROJECT.value


# The chain level of each kind by its plain name; off-chain kinds never reach the link checks.
_LEVEL_OF: Final = {kind.value: GOAL_LEVEL if kind.level is None else kind.level for kind in Kind}


_CHAIN: Final = frozenset(kind.value for kind in CHAIN_KINDS)
_USED_BY: Final = frozenset({EdgeKind.MEASURED_BY.value, EdgeKind.COMPOSED_OF.value})
_FOLLOW_UP: Final = frozenset(
    {Code.NOT_FOLLOWED_UP, Code.STALE_INDICATOR, Code.UNMATCHED_BREAKDOWN}
)


def _find_cycles(model: Model, index: ChainIndex, lang: Lang) -> Iterator[Finding]:
    for numbers in index.groups:
        if len(numbers) < 2:
            continue
        group = [index.ids[n] for n in numbers]
        # One concrete cycle to show; all edges inside a group are contributes_to links.
        edges = nx.find_cycle(model.graph.subgraph(group), source=group[0])
        path = [edge[0] for edge in edges]
        start = path.index(min(path))
        path = path[start:] + path[:start]
        shown = " → ".join([*(name(model, n, lang) for n in path), name(model, path[0], lang)])
        yield Finding(Code.CYCLE, finding_message(Code.CYCLE, lang, path=shown), tuple(path))


def _find_link_levels(model: Model, index: ChainIndex, lang: Lang) -> Iterator[Finding]:
    """backward-link and skipped-level: one look at every contributes_to link."""
    level_of = [_LEVEL_OF[kind] for kind in index.kind]
    used = sorted({_LEVEL_OF[kind] for kind in set(index.kind) if kind in _CHAIN})
    ids = index.ids
    for number, targets in enumerate(index.up):
        if targets is None:
            continue
        low = level_of[number]
        for target_number in targets:
            high = level_of[target_number]
            # Most links go one level up: nothing to report, and no message to build.
            if high >= low and high - low < 2:
                continue
            source, target = ids[number], ids[target_number]
            if high < low:
                parts = {"source": name(model, source, lang), "target": name(model, target, lang)}
                levels = {"from_level": level_name(low, lang), "to_level": level_name(high, lang)}
                yield Finding(
                    Code.BACKWARD_LINK,
                    finding_message(Code.BACKWARD_LINK, lang, **parts, **levels),
                    (source, target),
                )
                continue
            skipped = [level_name(level, lang) for level in used if low < level < high]
            if skipped:
                parts = {"source": name(model, source, lang), "target": name(model, target, lang)}
                joined = join_and(skipped, lang)
                yield Finding(
                    Code.SKIPPED_LEVEL,
                    finding_message(Code.SKIPPED_LEVEL, lang, **parts, skipped=joined),
                    (source, target),
                )


def _find_ends(model: Model, index: ChainIndex, lang: Lang) -> Iterator[Finding]:
    """dead-end and unsupported: chain nodes with no link out, or nothing in."""
    up, down = index.up, index.down
    for number, kind in enumerate(index.kind):
        if kind in _DEAD_END_KINDS and up[number] is None:
            node_id = index.ids[number]
            next_level = level_name(_LEVEL_OF[kind] + 1, lang)
            message = finding_message(
                Code.DEAD_END, lang, node=name(model, node_id, lang), next_level=next_level
            )
            yield Finding(Code.DEAD_END, message, (node_id,))
        if kind in _SUPPORTED_KINDS and down[number] is None:
            node_id = index.ids[number]
            lower = level_name(_LEVEL_OF[kind] - 1, lang)
            message = finding_message(
                Code.UNSUPPORTED, lang, node=name(model, node_id, lang), lower_level=lower
            )
            yield Finding(Code.UNSUPPORTED, message, (node_id,))


def _find_reach(
    model: Model, index: ChainIndex, leads_to_goal: bytearray, lang: Lang
) -> Iterator[Finding]:
    """orphan-activity and uncovered-goal: one search down from all goals, one up from all activities."""
    ids = index.ids
    for number, kind in enumerate(index.kind):
        if kind == _ACTIVITY and not leads_to_goal[number]:
            activity = ids[number]
            message = finding_message(Code.ORPHAN_ACTIVITY, lang, node=name(model, activity, lang))
            yield Finding(Code.ORPHAN_ACTIVITY, message, (activity,))
    reached = reached_from(index, _ACTIVITY, direction="up")
    for number, kind in enumerate(index.kind):
        if kind == _GOAL and not reached[number]:
            goal = ids[number]
            yield Finding(
                Code.UNCOVERED_GOAL,
                finding_message(Code.UNCOVERED_GOAL, lang, node=name(model, goal, lang)),
                (goal,),
            )


def _find_measurement(model: Model, lang: Lang) -> Iterator[Finding]:
    """unmeasured-goal, incomplete-indicator and unused-indicator."""
    graph = model.graph
    for goal in model.nodes(Kind.GOAL):
        if not getattr(goal, "measured_by", ()):
            yield Finding(
                Code.UNMEASURED_GOAL,
                finding_message(Code.UNMEASURED_GOAL, lang, node=name(model, goal.id, lang)),
                (goal.id,),
            )
    labels = [word(f"missing.{field}", lang) for field in ("source", "baseline", "target")]
    for indicator in model.nodes(Kind.INDICATOR):
        present = (
            getattr(indicator, "source", None),
            getattr(indicator, "baseline", None),
            getattr(indicator, "target", None),
        )
        missing = [label for label, value in zip(labels, present, strict=True) if value is None]
        if missing:
            joined = join_and(missing, lang)
            message = finding_message(
                Code.INCOMPLETE_INDICATOR,
                lang,
                node=name(model, indicator.id, lang),
                missing=joined,
            )
            yield Finding(Code.INCOMPLETE_INDICATOR, message, (indicator.id,))
        # A component of an index is used by its index, which is what the plan measures with.
        if not any(key in _USED_BY for _, _, key in graph.in_edges(indicator.id, keys=True)):
            message = finding_message(
                Code.UNUSED_INDICATOR, lang, node=name(model, indicator.id, lang)
            )
            yield Finding(Code.UNUSED_INDICATOR, message, (indicator.id,))


def _find_follow_up(model: Model, lang: Lang, year: int | None) -> Iterator[Finding]:
    """not-followed-up, stale-indicator (from the indicator status) and unmatched-breakdown."""
    # Indicator status needs the schema's types, which `import insatslogik` does not load.
    from insatslogik.analyses.indicators import indicator_status

    for status in indicator_status(model, year=year):
        node = name(model, status.indicator, lang)
        if status.status == "not-followed-up":
            start = status.baseline.year if status.baseline is not None else status.latest_year
            message = finding_message(Code.NOT_FOLLOWED_UP, lang, node=node, year=str(start))
            yield Finding(Code.NOT_FOLLOWED_UP, message, (status.indicator,))
        elif status.status == "stale":
            message = finding_message(
                Code.STALE_INDICATOR,
                lang,
                node=node,
                latest=str(status.latest_year),
                every=str(status.follow_up_every),
                year=str(status.reference_year),
            )
            yield Finding(Code.STALE_INDICATOR, message, (status.indicator,))
    for indicator in model.nodes(Kind.INDICATOR):
        values = getattr(indicator, "values", {})
        for dimension, groups in getattr(indicator, "disaggregation", {}).items():
            for group, by_year in groups.items():
                missing = sorted(set(by_year) - set(values))
                if missing:
                    message = finding_message(
                        Code.UNMATCHED_BREAKDOWN,
                        lang,
                        node=name(model, indicator.id, lang),
                        breakdown=f"{dimension}: {group}",
                        years=join_and([str(y) for y in missing], lang),
                    )
                    yield Finding(Code.UNMATCHED_BREAKDOWN, message, (indicator.id,))


def _find_structure(
    model: Model, index: ChainIndex, leads_to_goal: bytearray, lang: Lang
) -> Iterator[Finding]:
    """unanchored-project, unowned-activity and no-actor, along the part_of tree."""
    ids, nodes, kinds, parent = index.ids, index.nodes, index.kind, index.parent
    anchored_projects = bytearray(len(ids))
    for number, kind in enumerate(kinds):
        if kind != _ACTIVITY:
            continue
        projects = [above for above in index.ancestors(number) if kinds[above] == _PROJECT]
        if leads_to_goal[number]:
            for above in projects:
                anchored_projects[above] = 1
        if parent[number] < 0:
            message = finding_message(
                Code.UNOWNED_ACTIVITY, lang, node=name(model, ids[number], lang)
            )
            yield Finding(Code.UNOWNED_ACTIVITY, message, (ids[number],))
        if not getattr(nodes[number], "performed_by", ()) and not any(
            getattr(nodes[p], "performed_by", ()) for p in projects
        ):
            yield Finding(
                Code.NO_ACTOR,
                finding_message(Code.NO_ACTOR, lang, node=name(model, ids[number], lang)),
                (ids[number],),
            )
    for number, kind in enumerate(kinds):
        if kind != _PROJECT:
            continue
        project = nodes[number]
        reasons = []
        if not any(kinds[above] in _STRATEGIES for above in index.ancestors(number)):
            reasons.append(word("unanchored.no-strategy", lang))
        if not anchored_projects[number]:
            reasons.append(word("unanchored.no-goal", lang))
        if reasons:
            reason = join_and(reasons, lang)
            message = finding_message(
                Code.UNANCHORED_PROJECT, lang, node=name(model, project.id, lang), reason=reason
            )
            yield Finding(Code.UNANCHORED_PROJECT, message, (project.id,))


def _findings(model: Model, lang: Lang, codes: set[Code], year: int | None) -> Iterator[Finding]:
    index = model.index
    leads_to_goal = reached_from(index, _GOAL, direction="down")
    if Code.CYCLE in codes:
        yield from _find_cycles(model, index, lang)
    if codes & {Code.BACKWARD_LINK, Code.SKIPPED_LEVEL}:
        yield from _find_link_levels(model, index, lang)
    if codes & {Code.DEAD_END, Code.UNSUPPORTED}:
        yield from _find_ends(model, index, lang)
    if codes & {Code.ORPHAN_ACTIVITY, Code.UNCOVERED_GOAL}:
        yield from _find_reach(model, index, leads_to_goal, lang)
    if codes & {Code.UNMEASURED_GOAL, Code.INCOMPLETE_INDICATOR, Code.UNUSED_INDICATOR}:
        yield from _find_measurement(model, lang)
    if codes & _FOLLOW_UP:
        yield from _find_follow_up(model, lang, year)
    if codes & {Code.UNANCHORED_PROJECT, Code.UNOWNED_ACTIVITY, Code.NO_ACTOR}:
        yield from _find_structure(model, index, leads_to_goal, lang)
    if codes & FOLLOW_UP_CODES:
        yield from follow_up_findings(model, lang, codes, year)


def _silenced(model: Model, finding: Finding) -> bool:
    return any(finding.code in model[node_id].ignore for node_id in finding.nodes)


def check(
    model: Model,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    lang: Lang | None = None,
    year: int | None = None,
) -> Report:
    """Run every analysis and report the findings of the catalogue (see `insatslogik.CATALOGUE`).

    A finding is also left out when a node it names lists its code under ``ignore``. Cost: a
    few searches of the chain, on links numbered when the model was built (one
    strongly-connected-components pass, one search up from all activities and one down from
    all goals), and one look at each node and link: O(nodes + links).

    Args:
        model: the model to check; it is not changed.
        select: codes to report (all if None); analyses whose codes are not selected are skipped.
        ignore: codes to leave out.
        lang: language of the messages, ``sv`` or ``en``; None for the model's language
            (English for a model in English, else Swedish).
        year: the reference year an indicator's latest value is stale from
            (``stale-indicator``) and a scheduled follow-up is overdue from
            (``overdue-follow-up``); None for this year.

    Returns:
        The report: the findings, most serious first, with the model's title.

    Raises:
        UsageError: for a code in `select` or `ignore` that is not in the catalogue.
        UsageError: for another language.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["mal"]),
    ...     il.Activity(id="massa", title="Digitaliseringsmässa"),
    ... ], title="Kraftsamling digitalisering")
    >>> report = check(model, ignore=["no-actor", "unowned-activity"])
    >>> report.codes()
    ['dead-end', 'orphan-activity', 'unmeasured-goal']
    >>> print(report.findings[-1].message)
    Målet «Fler företag digitaliseras» (mal) har ingen indikator: lägg till measured_by med en indikator som visar om målet nås.
    >>> print(check(model, select=["unmeasured-goal"], lang="en").findings[0].message)
    Goal «Fler företag digitaliseras» (mal) has no indicator: add measured_by with an indicator that shows whether it is reached.
    """
    chosen = set(CATALOGUE) if select is None else {Code(code) for code in select}
    chosen -= {Code(code) for code in ignore}
    language = resolve_lang(lang, model.language)
    home = model.home_ids()
    # A model read from files knows where each node was written: one file, or (a portfolio
    # given several files) each plan its own. A model built in Python has no places.
    placed = model.source is not None or any(info.path for info in model.plans.values())
    with collector_paused():
        kept = tuple(
            _located(model, f) if placed else f
            for f in _findings(model, language, chosen, year)
            if f.code in chosen and not _silenced(model, f) and (home is None or f.nodes[0] in home)
        )
        return Report(kept, title=model.title, lang=language)


# Findings about one link: the entry written in the first node, naming the second.
_ABOUT_A_LINK: Final = frozenset({Code.BACKWARD_LINK, Code.SKIPPED_LEVEL, Code.CYCLE})


def _located(model: Model, finding: Finding) -> Finding:
    """The finding with the place of its subject, or of its link entry, when the model knows it."""
    subject = finding.nodes[0]
    # Found when first asked: a JSON plan, or a link entry, is read again for its places.
    if finding.code in _ABOUT_A_LINK and len(finding.nodes) > 1:
        return replace(finding, where=partial(model.link_location, subject, finding.nodes[1]))
    return replace(finding, where=partial(model.location, subject))


def orphan_activities(model: Model) -> list[Node]:
    """The activities with no `contributes_to` path to any goal, sorted by id.

    One search down the chain from all goals at once: O(nodes + links).

    Returns:
        The activity nodes, in id order; empty when every activity leads to a goal.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["mal"]),
    ...     il.Activity(id="massa", title="Digitaliseringsmässa"),
    ... ], title="Kraftsamling digitalisering")
    >>> [(node.id, node.title) for node in orphan_activities(model)]
    [('massa', 'Digitaliseringsmässa')]
    """
    with collector_paused():
        index = model.index
        leads_to_goal = reached_from(index, _GOAL, direction="down")
        # By number, as goal coverage does: only the orphans' nodes are read.
        nodes = index.nodes
        orphans = [nodes[n] for n in index.of_kind(_ACTIVITY) if not leads_to_goal[n]]
        home = model.home_ids()
        return orphans if home is None else [node for node in orphans if node.id in home]


def missing_links(model: Model, *, lang: Lang | None = None) -> Report:
    """The findings about the links of the results chain: the codes marked `link` in the catalogue.

    These are cycle, backward-link, dead-end, unsupported and skipped-level: where a link is
    missing, points the wrong way, or jumps. Cost as :func:`check`.

    Args:
        model: the model to check; it is not changed.
        lang: language of the messages, ``sv`` or ``en``; None for the model's language.

    Returns:
        The report of those codes only.

    Raises:
        UsageError: for another language.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
    ...     il.Output(id="radgivning", title="200 SMF har fått rådgivning"),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["radgivning"]),
    ... ], title="Kraftsamling digitalisering")
    >>> [(finding.code.value, finding.nodes) for finding in missing_links(model)]
    [('dead-end', ('radgivning',))]
    """
    return check(model, select=[code for code, info in CATALOGUE.items() if info.link], lang=lang)
