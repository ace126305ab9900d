"""The tables of a plan as rows of cells: plan matrix, indicator summary, evaluation matrix, calendar.

The plan matrix follows Västra Götalandsregionen's follow-up plan for *kraftsamling
digitalisering* (2022): one row per goal, with the activities whose chains reach it, their
actors, the short- and long-term effects on those chains, and the goal's indicators. The
indicator summary follows its *Sammanställning nyckeltal*: source, baseline, one column per
year, target and comparisons. The evaluation matrix and the follow-up calendar are the
follow-up plan's. Each cell is a list of lines; :func:`insatslogik.render_table`
writes the rows as Markdown, HTML, CSV or text, and the Excel workbook has them as sheets.

>>> import insatslogik as il
>>> model = il.Model([
...     il.Goal(id="mal", title="Mål", measured_by=["smf"]),
...     il.Activity(id="akt", title="Stöd till SMF", contributes_to=["mal"], performed_by=["iuc"]),
...     il.Actor(id="iuc", title="IUC Väst"),
...     il.Indicator(id="smf", title="Andel SMF", unit="%", values={2020: 82}),
... ], title="Kraftsamling digitalisering")
>>> table_rows(model, lang="en")[1]
[['Mål'], ['Stöd till SMF'], ['IUC Väst'], [], [], ['Andel SMF']]
>>> table_rows(model, kind="indicators")
[[['Indikator'], ['Källa'], ['Utgångsvärde'], ['2020'], ['Mål / jämfört med']], [['Andel SMF'], [], [], ['82 %'], []]]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Literal

from insatslogik.analyses.followup import evaluation_matrix, follow_up
from insatslogik.analyses.indicators import (
    aggregation,
    comparison_text,
    component_lines,
    describe_target,
    target_history,
)
from insatslogik.analyses.judgements import assessment_text, assumption_text, latest_assessment
from insatslogik.errors import UsageError
from insatslogik.i18n import (
    Lang,
    format_number,
    kind_name,
    method_name,
    quantity,
    resolve_lang,
    season_name,
    series,
    word,
)
from insatslogik.kinds import CHAIN_KINDS, Kind
from insatslogik.model.model import Model
from insatslogik.model.reach import kinds_reaching
from insatslogik.model.schema import Assessment, Assumption, Indicator, Link, Schedule

__all__ = ["Cell", "TableKind", "actor_ids", "indicator_order", "table_rows", "when_text"]

TableKind = Literal["plan", "indicators", "matrix", "calendar"]

#: A cell is a list of lines: one per item in the plan matrix.
Cell = list[str]

_PLAN_COLUMNS: Final = (
    "goal",
    "activities",
    "actors",
    "short_term_effects",
    "long_term_effects",
    "indicators",
)


def actor_ids(model: Model, node_id: str) -> list[str]:
    """The actors who carry out a node: its own, then those of the structure it is part of.

    Each actor once, in that order; what tooltips and the plan matrix list as "Aktörer".

    Args:
        model: the model.
        node_id: the node, usually an activity or a project.

    Returns:
        The actors' ids.

    Raises:
        KeyError: when `node_id` names no node.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Actor(id="iuc", title="IUC Väst"),
    ...     il.Actor(id="vgr", title="Västra Götalandsregionen"),
    ...     il.Project(id="kraft", title="Kraftsamling digitalisering", performed_by=["vgr", "iuc"]),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", part_of="kraft", performed_by=["iuc"]),
    ... ], title="Kraftsamling digitalisering")
    >>> actor_ids(model, "akt")
    ['iuc', 'vgr']
    """
    found: dict[str, None] = {}
    for node in (model[node_id], *model.ancestors(node_id)):
        found.update(dict.fromkeys(getattr(node, "performed_by", ())))
    return list(found)


def _titles(model: Model, ids: Sequence[str] | frozenset[str]) -> Cell:
    return [model[i].title for i in sorted(ids)]


def _measured_by(model: Model, ids: Sequence[str], lang: Lang) -> Cell:
    # Each indicator, and an index's components under it.
    lines = []
    for indicator_id in ids:
        indicator = model[indicator_id]
        lines.append(indicator.title)
        if isinstance(indicator, Indicator):
            lines.extend(f"↳ {line}" for line in component_lines(model, indicator, lang=lang))
    return lines


# Each assumption node with the nodes and the links it is about.
_Places = list[tuple[Assumption, set[str], set[tuple[str, str]]]]


def _assumption_places(model: Model) -> _Places:
    # Its own `about`, and the links whose list of assumptions names it; in id order.
    places: _Places = []
    by_id: dict[str, set[tuple[str, str]]] = {}
    for node in model.nodes(Kind.ASSUMPTION):
        if isinstance(node, Assumption):
            nodes = {item for item in node.about if isinstance(item, str)}
            links = {(i.source, i.target) for i in node.about if not isinstance(i, str)}
            places.append((node, nodes, links))
            by_id[node.id] = links
    for node in model:
        for _, target, link in node.links:
            for assumption_id in () if link is None else link.assumption_ids:
                if assumption_id in by_id:
                    by_id[assumption_id].add((node.id, target))
    return places


def _assumption_cell(places: _Places, chain: set[str], lang: Lang) -> Cell:
    # The assumptions about a node on the goal's chain or about a link between two of them.
    return [
        assumption_text(assumption, lang=lang)
        for assumption, nodes, links in places
        if nodes & chain or any(s in chain and t in chain for s, t in links)
    ]


# Each assessed `contributes_to` link: its two ends and its latest assessment.
_Assessed = list[tuple[str, str, Assessment]]


def _assessed_links(model: Model) -> _Assessed:
    # In plan order: the nodes as written, and each node's links as written.
    found: _Assessed = []
    for node in model:
        for link in getattr(node, "contributes_to", ()):
            if isinstance(link, Link) and (latest := latest_assessment(link.assessments)):
                found.append((node.id, link.to, latest))
    return found


def _assessment_cell(
    model: Model, ids: Sequence[str], links: _Assessed, chain: set[str], lang: Lang
) -> Cell:
    # The latest assessment of each node of the row, the goal first, then of each link
    # between two nodes of the goal's chain ("A → B: ..."), as the tooltips show them.
    lines = []
    for node_id in ids:
        latest = latest_assessment(getattr(model[node_id], "assessments", ()))
        if latest is not None:
            lines.append(f"{model[node_id].title}: {assessment_text(model, latest, lang=lang)}")
    for source, target, latest in links:
        if source in chain and target in chain:
            ends = f"{model[source].title} → {model[target].title}"
            lines.append(f"{ends}: {assessment_text(model, latest, lang=lang)}")
    return lines


def _followed_up(model: Model, links: _Assessed) -> bool:
    # Columns for assumptions and assessments only where a plan has them, so that a plan
    # without follow-up keeps the table it had.
    return bool(links) or any(
        isinstance(node, Assumption)
        or (node.kind in _ROW_KINDS and getattr(node, "assessments", ()))
        for node in model
    )


_ROW_KINDS: Final = frozenset(
    {Kind.GOAL, Kind.ACTIVITY, Kind.SHORT_TERM_EFFECT, Kind.LONG_TERM_EFFECT}
)


def _plan_rows(model: Model, lang: Lang) -> tuple[list[list[Cell]], list[str]]:
    index = model.index
    wanted = {Kind.ACTIVITY.value, Kind.SHORT_TERM_EFFECT.value, Kind.LONG_TERM_EFFECT.value}
    # One pass in topological order carries up, for every node, the activities and effects whose
    # chains reach it: linear in the links plus the size of the answer, never a search per goal.
    reaching = kinds_reaching(index, wanted)
    links = _assessed_links(model)
    followed = _followed_up(model, links)
    places = _assumption_places(model) if followed else []
    # The whole chain of each goal, for the assumptions and assessments on its links: one more
    # such pass.
    chains = (
        kinds_reaching(index, {kind.value for kind in (*CHAIN_KINDS, Kind.GOAL)})
        if places or links
        else []
    )
    columns = [*_PLAN_COLUMNS, *(("assumptions", "assessments") if followed else ())]
    rows: list[list[Cell]] = [[[word(f"matrix.{column}", lang)] for column in columns]]
    # A plan loaded with the plans it uses: its own goals, and theirs that its chains reach,
    # each with its own activities and effects only.
    home = model.home_ids()
    ids: list[str] = []
    for goal in model.nodes(Kind.GOAL):
        by_kind: dict[str, list[str]] = {kind: [] for kind in wanted}
        for number in reaching[index.number[goal.id]]:
            if home is None or index.ids[number] in home:
                by_kind[index.kind[number]].append(index.ids[number])
        if home is not None and goal.id not in home and not any(by_kind.values()):
            continue
        activities = sorted(by_kind[Kind.ACTIVITY.value])
        follow_up: list[Cell] = []
        if followed:
            chain = (
                {index.ids[number] for number in chains[index.number[goal.id]]} if chains else set()
            )
            # A plan loaded with the plans it uses: the links its own nodes declare.
            own = links if home is None else [link for link in links if link[0] in home]
            shown = [
                goal.id,
                *sorted(by_kind[Kind.LONG_TERM_EFFECT.value]),
                *sorted(by_kind[Kind.SHORT_TERM_EFFECT.value]),
                *activities,
            ]
            follow_up = [
                _assumption_cell(places, chain, lang),
                _assessment_cell(model, shown, own, chain, lang),
            ]
        ids.append(goal.id)
        rows.append(
            [
                [goal.title],
                _titles(model, activities),
                _titles(
                    model,
                    sorted({a for activity in activities for a in actor_ids(model, activity)}),
                ),
                _titles(model, by_kind[Kind.SHORT_TERM_EFFECT.value]),
                _titles(model, by_kind[Kind.LONG_TERM_EFFECT.value]),
                _measured_by(model, getattr(goal, "measured_by", ()), lang),
                *follow_up,
            ]
        )
    return rows, ids


def _target_text(indicator: Indicator, lang: Lang) -> Cell:
    lines = []
    target = describe_target(indicator, lang=lang)
    if target is not None:
        lines.append(target)
    lines.extend(target_history(indicator, lang=lang))
    lines.extend(comparison_text(indicator, name, lang=lang) for name in indicator.comparisons)
    return lines


def _number_key(number: str | None) -> tuple[int, tuple[tuple[int, str], ...]]:
    # The plan's numbering in its natural order: "2" before "10", "3" before "3b".
    if number is None:
        return (1, ())
    parts = re.findall(r"\d+|\D+", number)
    return (0, tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts))


def indicator_order(model: Model) -> list[tuple[Indicator, int, float | None]]:
    """The indicators as the indicator table lists them, each index followed by its components.

    Indicators with the plan's `number` come first, in its natural order ("2" before "10"),
    then the others by id. A component comes right after the index it is part of (indented
    one level deeper), and not again on its own; a component of two indices is listed under
    each.

    Args:
        model: the model.

    Returns:
        (indicator, depth, weight) triples: depth 0 for an indicator that is part of no index,
        and the component's weight in its index (None: not given, or depth 0).

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Indicator(id="desi", title="DESI", number="2", components=["humankapital"]),
    ...     il.Indicator(id="humankapital", title="Humankapital"),
    ...     il.Indicator(id="smf", title="Andel SMF", number="1"),
    ... ], title="Kraftsamling digitalisering")
    >>> [(i.id, depth) for i, depth, _ in indicator_order(model)]
    [('smf', 0), ('desi', 0), ('humankapital', 1)]
    """
    home = model.home_ids()  # the indicators of the plans used are context, as in their status
    indicators = [
        n
        for n in model.nodes(Kind.INDICATOR)
        if isinstance(n, Indicator) and (home is None or n.id in home)
    ]
    by_id = {indicator.id: indicator for indicator in indicators}
    parts = {component.id for indicator in indicators for component in indicator.components}
    tops = sorted(
        (i for i in indicators if i.id not in parts), key=lambda i: (_number_key(i.number), i.id)
    )
    rows: list[tuple[Indicator, int, float | None]] = []

    def visit(indicator: Indicator, depth: int, weight: float | None, path: frozenset[str]) -> None:
        rows.append((indicator, depth, weight))
        for component in indicator.components:
            if component.id in by_id and component.id not in path:  # a valid model has no loops
                visit(by_id[component.id], depth + 1, component.weight, path | {component.id})

    for indicator in tops:
        visit(indicator, 0, None, frozenset({indicator.id}))
    return rows


def _breakdown_text(indicator: Indicator, lang: Lang) -> Cell:
    return [
        f"{dimension}, {group}: {series(dict(sorted(by_year.items())), indicator.unit, lang)}"
        for dimension, groups in indicator.disaggregation.items()
        for group, by_year in groups.items()
    ]


def _measure_text(indicator: Indicator, lang: Lang) -> Cell:
    return [
        f"{word('summary.measure', lang)}: {word(f'measure.{indicator.measure}', lang)}",
        f"{word('summary.aggregate', lang)}: {word(f'aggregate.{aggregation(indicator)}', lang)}",
    ]


def _title_text(indicator: Indicator, depth: int, weight: float | None, lang: Lang) -> str:
    if depth == 0:
        return indicator.title
    weighted = (
        "" if weight is None else f" ({word('summary.weight', lang)} {format_number(weight, lang)})"
    )
    return f"{'  ' * (depth - 1)}↳ {indicator.title}{weighted}"


def _indicator_rows(model: Model, lang: Lang) -> tuple[list[list[Cell]], list[str]]:
    ordered = indicator_order(model)
    indicators = [indicator for indicator, _, _ in ordered]
    years = sorted({year for indicator in indicators for year in indicator.values})
    # Columns for the newer fields only where a plan uses them, so a plain plan's table is as
    # short as it was.
    numbered = any(indicator.number is not None for indicator in indicators)
    broken_down = any(indicator.disaggregation for indicator in indicators)
    measured = any(
        indicator.measure != "level" or indicator.aggregate is not None for indicator in indicators
    )
    head = [
        *([word("summary.number", lang)] if numbered else []),
        word("summary.indicator", lang),
        word("summary.source", lang),
        word("summary.baseline", lang),
        *map(str, years),
        word("summary.target", lang),
        *([word("summary.breakdown", lang)] if broken_down else []),
        *([word("summary.measurement", lang)] if measured else []),
    ]
    rows: list[list[Cell]] = [[[text] for text in head]]
    for indicator, depth, weight in ordered:
        unit = indicator.unit
        baseline = indicator.baseline
        rows.append(
            [
                *([[indicator.number] if indicator.number else []] if numbered else []),
                [_title_text(indicator, depth, weight, lang)],
                [str(indicator.source)] if indicator.source else [],
                [f"{quantity(baseline.value, unit, lang)} ({baseline.year})"] if baseline else [],
                *(
                    [quantity(indicator.values[year], unit, lang)]
                    if year in indicator.values
                    else []
                    for year in years
                ),
                _target_text(indicator, lang),
                *([_breakdown_text(indicator, lang)] if broken_down else []),
                *([_measure_text(indicator, lang)] if measured else []),
            ]
        )
    return rows, [indicator.id for indicator in indicators]


def table_rows(
    model: Model,
    *,
    kind: TableKind = "plan",
    lang: Lang | None = None,
    year: int | None = None,
    plans: bool = False,
    ids: bool = False,
) -> list[list[Cell]]:
    """The table as rows of cells, each cell a list of lines; the first row is the headings.

    For other formats (a Word table through python-docx, a DataFrame): everything
    :func:`insatslogik.render_table` writes, before it is formatted.

    Args:
        model: the model.
        kind: ``plan`` (one row per goal: activities, actors, short- and long-term effects,
            indicators, and for a plan with follow-up its assumptions and latest
            assessments), ``indicators`` (one row per indicator: source, baseline, one column
            per year, target and comparisons), ``matrix`` (the evaluation matrix of
            :func:`insatslogik.evaluation_matrix`: question, about, method, source,
            responsible, when) or ``calendar`` (:func:`insatslogik.follow_up`: year, season,
            follow-up, kind, responsible, state, done by).
        lang: the headings and number format, ``sv`` or ``en``; None for the model's language.
        year: the reference year of the follow-up calendar (what is overdue before it);
            None for this year. The other tables do not depend on it.
        plans: add a last column, *Plan*, naming the plan of each row's goal, indicator,
            question or evaluation (the id of :attr:`Model.plans`): for a portfolio, whose
            rows come from several plans.
        ids: add a first column, *Id*, naming each row's goal, indicator, question or
            evaluation by its id: in a portfolio two plans may have rows of the same title.

    Returns:
        The rows: the headings first, then one row per goal or indicator in id order.

    Raises:
        UsageError: for another `kind` or language.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"]),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["mal"]),
    ...     il.Indicator(id="andel", title="Andel SMF", unit="%", values={2020: 82}),
    ... ], title="Kraftsamling digitalisering")
    >>> heading, row = table_rows(model)
    >>> heading[:2], row[:2]
    ([['Mål'], ['Aktiviteter']], [['Fler företag digitaliseras'], ['Rådgivning till SMF']])
    >>> table_rows(model, kind="indicators")[1]
    [['Andel SMF'], [], [], ['82 %'], []]
    >>> table_rows(model, plans=True)[1][-1]  # the plan of the row's goal
    ['plan']
    >>> table_rows(model, kind="indicators", ids=True)[1][0]  # the id of the row's indicator
    ['andel']
    """
    language = resolve_lang(lang, model.language)
    if kind == "plan":
        rows, row_ids = _plan_rows(model, language)
    elif kind == "indicators":
        rows, row_ids = _indicator_rows(model, language)
    elif kind == "matrix":
        rows, row_ids = _matrix_rows(model, language)
    elif kind == "calendar":
        rows, row_ids = _calendar_rows(model, language, year)
    else:
        msg = f"kind must be 'plan', 'indicators', 'matrix' or 'calendar' (got {kind!r})"
        raise UsageError(msg)
    if plans:
        rows[0].append([word("follow.plan", language)])
        for row, node_id in zip(rows[1:], row_ids, strict=True):
            row.append([model.plan_of(node_id)])
    if ids:
        rows[0].insert(0, [word("column.id", language)])
        for row, node_id in zip(rows[1:], row_ids, strict=True):
            row.insert(0, [node_id])
    return rows


def _names(model: Model, ids: Sequence[str] | str | None) -> Cell:
    # Titles of the nodes named, in the order given; an id the model lacks as it is written.
    if ids is None:
        return []
    return [model[i].title if i in model else i for i in ((ids,) if isinstance(ids, str) else ids)]


def when_text(when: Schedule | Sequence[int] | None, season: str | None, lang: Lang) -> str:
    """A schedule in words: its years, or its start, step and end; the season after it.

    Args:
        when: a list of years, a :class:`~insatslogik.Schedule`, or None.
        season: ``vår``, ``sommar``, ``höst``, ``vinter`` or None.
        lang: ``sv`` or ``en``.

    Returns:
        The words, such as ``varje år från 2022 till 2030, höst``; empty for no schedule.

    >>> import insatslogik as il
    >>> when_text(il.Schedule(start=2022, until=2030), "höst", "sv")
    'varje år från 2022 till 2030, höst'
    >>> when_text((2023, 2025), None, "en"), when_text(il.Schedule(start=2022, every=2), "vår", "en")
    ('2023, 2025', 'every 2 years from 2022, spring')
    """
    parts = []
    if isinstance(when, Schedule):
        key = "follow.yearly" if when.every == 1 else "follow.every"
        text = word(key, lang).format(every=when.every, start=when.start)
        if when.until is not None:
            text += " " + word("follow.until", lang).format(until=when.until)
        parts.append(text)
    elif when:
        parts.append(", ".join(map(str, when)))
    if season:
        parts.append(season_name(season, lang))
    return ", ".join(parts)


_MATRIX_COLUMNS: Final = ("question", "about", "method", "source", "responsible", "when")


def _matrix_rows(model: Model, lang: Lang) -> tuple[list[list[Cell]], list[str]]:
    rows: list[list[Cell]] = [[[word(f"follow.{column}", lang)] for column in _MATRIX_COLUMNS]]
    ids: list[str] = []
    for row in evaluation_matrix(model):
        ids.append(row.question)
        rows.append(
            [
                [row.title],
                _names(model, row.about),
                [method_name(method, lang) for method in row.method],
                [str(row.source)] if row.source else [],
                _names(model, row.responsible),
                _when_cell(row.when, row.season, lang),
            ]
        )
    return rows, ids


def _when_cell(when: Schedule | Sequence[int] | None, season: str | None, lang: Lang) -> Cell:
    text = when_text(when, season, lang)
    return [text] if text else []


_CALENDAR_COLUMNS: Final = ("year", "season", "item", "kind", "responsible", "state", "done_by")


def _calendar_rows(
    model: Model, lang: Lang, year: int | None
) -> tuple[list[list[Cell]], list[str]]:
    rows: list[list[Cell]] = [[[word(f"follow.{column}", lang)] for column in _CALENDAR_COLUMNS]]
    ids: list[str] = []
    for item in follow_up(model, year=year):
        ids.append(item.node_id)
        rows.append(
            [
                [str(item.year)],
                [season_name(item.season, lang)] if item.season else [],
                [item.title or model[item.node_id].title],
                [kind_name(item.kind, lang)],
                _names(model, item.responsible),
                [word(f"follow.state.{item.state}", lang)],
                _names(model, item.done_by),
            ]
        )
    return rows, ids
