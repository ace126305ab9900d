"""Indicator status: latest value, progress towards the target, and what that says.

A target is a level (with or without a year) or relative to one of the indicator's comparison
series; `set_by` says whose target it is; the latest revision applies. The status words, in
the order they take precedence (the first that holds is given):

``no-data``
    nothing measured (no values, no baseline);
``no-target``
    no target;
``not-followed-up``
    nothing measured after the baseline year (or, without a baseline, after the first value):
    the plan cannot say it is on track;
``no-comparison``
    a relative target whose comparison (or the indicator itself) has no value for a year the
    rule needs: never guessed;
``achieved``
    the target is met (a relative target at or after its year, or without a year);
``stale``
    not achieved, and the latest value is more than `follow_up_every` years older than the
    reference year;
``not-yet``
    a target without a year that is not met: no deadline, so neither on nor off track;
``on-track`` / ``off-track``
    a level target at or beyond the straight line from the start to the target at the latest
    year (or a relative rule that holds now, before its year); else off track.

>>> import insatslogik as il
>>> model = il.Model([il.Indicator(
...     id="smf", title="Andel SMF med grundläggande digitaliseringsnivå", unit="%",
...     baseline=il.Observation(year=2020, value=82), target=il.Target(year=2030, value=90),
...     values={2020: 82, 2022: 85})], title="Exempel")
>>> status = il.indicator_status(model, year=2023)[0]
>>> status.latest_year, status.latest_value, status.status, round(status.progress, 3)
(2022, 85.0, 'on-track', 0.375)
>>> il.indicator_status(model, year=2026)[0].status
'stale'
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Final, Literal, get_args

from insatslogik.analyses.tabular import data_frame, short_repr
from insatslogik.i18n import (
    Lang,
    format_number,
    percent,
    quantity,
    resolve_lang,
    status_name,
    word,
)
from insatslogik.kinds import Kind
from insatslogik.model.measures import is_share
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.schema import GROWTH_RULES, Indicator, Observation, Revision, Target

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "STATUSES",
    "IndicatorStatus",
    "IndicatorStatuses",
    "aggregation",
    "comparison_text",
    "component_lines",
    "describe_target",
    "indicator_status",
    "target_history",
]

Status = Literal[
    "achieved",
    "on-track",
    "off-track",
    "not-yet",
    "not-followed-up",
    "stale",
    "no-comparison",
    "no-target",
    "no-data",
]

#: The status words, in the order they take precedence.
STATUSES: Final[tuple[Status, ...]] = (
    "no-data",
    "no-target",
    "not-followed-up",
    "no-comparison",
    "achieved",
    "stale",
    "not-yet",
    "on-track",
    "off-track",
)

#: Units of counts and amounts: the ones whose values add up across plans by default.
_SUMMABLE_UNITS: Final = frozenset(
    {"antal", "st", "st.", "stycken", "kr", "tkr", "mnkr", "sek", "tsek", "msek", "eur", "meur"}
)


def aggregation(indicator: Indicator) -> str:
    """How the indicator's values add across plans: its `aggregate`, or the unit's default.

    Without `aggregate`, counts and amounts (``antal``, ``st``, ``kr``, ``SEK`` …) are summed;
    anything else (shares, indices, rates, no unit) is not added up (``none``): summing a
    percentage or an index gives a number that means nothing.

    Args:
        indicator: the indicator.

    Returns:
        ``sum``, ``mean``, ``weighted-mean`` or ``none``.

    >>> import insatslogik as il
    >>> [aggregation(il.Indicator(id="i", title="I", unit=unit)) for unit in ("%", "antal", None)]
    ['none', 'sum', 'none']
    """
    if indicator.aggregate is not None:
        return indicator.aggregate
    unit = (indicator.unit or "").strip().lower()
    return "sum" if unit in _SUMMABLE_UNITS and not is_share(unit) else "none"


@dataclass(frozen=True)
class IndicatorStatus:
    """Where one indicator stands, and on what the status rests.

    `progress` is the share of the way from the start (the baseline, else the earliest value)
    to a level target that the latest value has come (1.0 at the target; negative when it
    moved the wrong way); None for relative targets and where there is no way to measure.
    `target` is the target that applies (the latest revision's); `revisions` the history.
    For a relative target `comparison` names the series and `comparison_value` is its value in
    the latest year (for a growth rule: its change since `since`, and `change` the
    indicator's own change over the same years; changes are differences in the unit, see
    docs/analyses.md). `reference_year` is the year staleness is measured from.
    """

    indicator: str
    title: str
    unit: str | None
    latest_year: int | None
    latest_value: float | None
    baseline: Observation | None
    target: Target | None
    progress: float | None
    status: Status
    number: str | None = None
    target_kind: Literal["level", "relative"] | None = None
    set_by: str | None = None
    comparison: str | None = None
    comparison_title: str | None = None
    comparison_value: float | None = None
    change: float | None = None
    revisions: tuple[Revision, ...] = ()
    components: tuple[str, ...] = ()
    measure: str = "level"
    aggregate: str = "none"
    follow_up_every: int = 2
    reference_year: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """As plain JSON-ready data (baseline, target and revisions as mappings of their fields).

        Returns:
            A dict of the fields, by name; fields of a target that are not set are left out.

        >>> import insatslogik as il
        >>> model = il.Model([il.Indicator(
        ...     id="smf", title="Andel SMF", unit="%", values={2022: 85},
        ...     baseline=il.Observation(year=2020, value=82), target=il.Target(year=2030, value=90),
        ... )], title="Kraftsamling digitalisering")
        >>> data = il.indicator_status(model, year=2023)[0].to_dict()
        >>> data["target"], data["status"], data["target_kind"], data["revisions"]
        ({'year': 2030, 'value': 90.0}, 'on-track', 'level', [])
        """
        data = asdict(self)
        data["baseline"] = None if self.baseline is None else self.baseline.model_dump()
        data["target"] = None if self.target is None else self.target.model_dump(exclude_none=True)
        data["revisions"] = [revision.model_dump(exclude_none=True) for revision in self.revisions]
        data["components"] = list(self.components)
        return data


class IndicatorStatuses(list[IndicatorStatus]):
    """The status of every indicator: a list, as before, that also shows itself as a table.

    It is a `list` of :class:`IndicatorStatus` in id order, so indexing, iterating, ``len``,
    comparing with a list and ``isinstance(..., list)`` work as they did when
    :func:`indicator_status` returned a plain list; it adds a short repr, a table in Jupyter
    (in `lang`, the model's language), :meth:`to_records` and :meth:`to_dataframe`. Slicing
    gives a plain list.

    Attributes:
        lang: the language of its table in Jupyter.

    >>> import insatslogik as il
    >>> model = il.Model([il.Indicator(id="desi", title="DESI", values={2021: 52.5})], title="T")
    >>> statuses = il.indicator_status(model)
    >>> statuses
    <IndicatorStatuses: 1 indicators (no-target 1)
      no-target desi>
    >>> isinstance(statuses, list), statuses[0].status, statuses.lang
    (True, 'no-target', 'sv')
    """

    def __init__(self, statuses: Iterable[IndicatorStatus] = (), *, lang: Lang = "sv") -> None:
        super().__init__(statuses)
        self.lang: Lang = lang

    def __repr__(self) -> str:
        statuses = [status.status for status in self]
        # Only the statuses that occur: nine words, most of them at 0, would hide the ones that do.
        counts = ", ".join(
            f"{status} {statuses.count(status)}"
            for status in get_args(Status)
            if status in statuses
        )
        lines = [f"{status.status} {status.indicator}" for status in self]
        return short_repr("IndicatorStatuses", f"{len(self)} indicators ({counts})", lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per indicator, as :meth:`IndicatorStatus.to_dict` gives it.

        Returns:
            The dicts, in id order (baseline and target as ``{"year", "value"}`` or None).

        >>> import insatslogik as il
        >>> model = il.Model([il.Indicator(id="desi", title="DESI", values={2021: 52.5})], title="T")
        >>> [(r["indicator"], r["latest_value"], r["status"]) for r in il.indicator_status(model).to_records()]
        [('desi', 52.5, 'no-target')]
        """
        return [status.to_dict() for status in self]

    def to_dataframe(self) -> pd.DataFrame:
        """The statuses as a pandas DataFrame: one row per indicator, indexed by its id.

        Columns ``title``, ``unit``, ``latest_year``, ``latest_value``, ``baseline_year``,
        ``baseline_value``, ``target_year``, ``target_value``, ``progress`` and ``status``
        (the code, as in JSON): baseline and target are spread over two columns each, so that
        every column holds numbers or text, as pandas works with them best. Needs pandas
        (``pip install 'insatslogik[pandas]'``).

        Returns:
            The DataFrame, its index named ``indicator``, in id order.

        Raises:
            MissingDependencyError: when pandas is not installed.

        >>> import insatslogik as il
        >>> model = il.Model([il.Indicator(
        ...     id="smf", title="Andel SMF", unit="%", values={2022: 85},
        ...     baseline=il.Observation(year=2020, value=82), target=il.Observation(year=2030, value=90),
        ... )], title="Kraftsamling digitalisering")
        >>> frame = il.indicator_status(model, year=2023).to_dataframe()
        >>> row = frame.loc["smf"]
        >>> float(row["baseline_value"]), int(row["target_year"]), float(row["progress"]), row["status"]
        (82.0, 2030, 0.375, 'on-track')
        """
        rows = []
        for status in self:
            row = status.to_dict()
            for name in ("baseline", "target"):
                observation = row.pop(name)
                # A target may have no year (no deadline) or no value (a relative target).
                row[f"{name}_year"] = None if observation is None else observation.get("year")
                row[f"{name}_value"] = None if observation is None else observation.get("value")
            rows.append(row)
        columns = [
            "indicator",
            "title",
            "unit",
            "latest_year",
            "latest_value",
            "baseline_year",
            "baseline_value",
            "target_year",
            "target_value",
            "progress",
            "status",
        ]
        purpose = "IndicatorStatuses.to_dataframe()"
        frame = data_frame(rows, columns, index="indicator", purpose=purpose)
        # Years are whole numbers even where some are missing (pandas' nullable integers).
        years = ["latest_year", "baseline_year", "target_year"]
        frame[years] = frame[years].astype("Int64")
        return frame

    def _repr_html_(self) -> str:
        lang = self.lang

        def value(number: float | None, year: int | None) -> str:
            return "-" if number is None else f"{format_number(number, lang)} ({year})"

        columns = ("indicator", "latest", "baseline", "target", "progress", "status")
        head = "".join(f"<th>{html.escape(word(f'indicators.{c}', lang))}</th>" for c in columns)
        body = []
        for s in self:
            cells = (
                f"{s.title} ({s.indicator})",
                value(s.latest_value, s.latest_year),
                "-" if s.baseline is None else value(s.baseline.value, s.baseline.year),
                "-" if s.target is None else value(s.target.value, s.target.year),
                "-" if s.progress is None else percent(s.progress, lang),
                status_name(s.status, lang),
            )
            body.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _observed(indicator: Indicator) -> dict[int, float]:
    """The values by year that status rests on (an incremental measure as running totals)."""
    observed = dict(sorted(indicator.values.items()))
    if indicator.measure == "incremental":
        # Each value is what was added that year; a target is a total to reach.
        total = 0.0
        for year, value in observed.items():
            total += value
            observed[year] = total
    baseline = indicator.baseline
    if baseline is not None:
        observed.setdefault(baseline.year, baseline.value)
    return observed


@dataclass
class _Relative:
    status: Status
    comparison_value: float | None = None
    change: float | None = None


def _relative(
    target: Target, indicator: Indicator, observed: dict[int, float], latest_year: int
) -> _Relative:
    comparison = indicator.comparisons.get(target.relative_to or "")
    rule = target.rule
    if comparison is None or rule is None:
        return _Relative("no-comparison")  # not in a valid model: the model checks both
    latest = observed[latest_year]
    theirs = comparison.values.get(latest_year)
    if theirs is None:
        return _Relative("no-comparison")
    change = None
    if rule in GROWTH_RULES:
        since = target.since
        if since is None or latest_year <= since:
            return _Relative("not-followed-up")
        ours_then, theirs_then = observed.get(since), comparison.values.get(since)
        if ours_then is None or theirs_then is None:
            return _Relative("no-comparison")
        change = latest - ours_then
        theirs -= theirs_then
        holds = change > theirs if rule == "growth-above" else change < theirs
    else:
        holds = latest > theirs if rule == "above" else latest < theirs
    if target.year is None:
        status: Status = "achieved" if holds else "not-yet"
    elif latest_year >= target.year:
        status = "achieved" if holds else "off-track"
    else:
        status = "on-track" if holds else "off-track"
    return _Relative(status, theirs, change)


def _level(
    target: Target, start: Observation, latest: float, latest_year: int
) -> tuple[Status, float | None]:
    value = target.value
    if value is None:
        return "no-target", None  # not in a valid model: the model checks it
    rising = value >= start.value
    span = value - start.value
    progress = (latest - start.value) / span if span else (1.0 if latest == value else 0.0)
    if (latest >= value) if rising else (latest <= value):
        return "achieved", progress
    if target.year is None:
        return "not-yet", progress
    years = target.year - start.year
    share = (latest_year - start.year) / years if years > 0 else 1.0
    expected = start.value + span * min(max(share, 0.0), 1.0)
    on_line = latest >= expected if rising else latest <= expected
    return ("on-track" if on_line else "off-track"), progress


def _status_of(indicator: Indicator, reference_year: int) -> IndicatorStatus:
    observed = _observed(indicator)
    start = indicator.baseline
    if start is None and observed:
        first = min(observed)
        start = Observation(year=first, value=observed[first])
    latest_year = max(observed) if observed else None
    latest = observed[latest_year] if latest_year is not None else None
    target = indicator.current_target
    progress = None
    relative = _Relative("no-target")
    status: Status
    if latest is None or latest_year is None or start is None:
        status = "no-data"
    elif target is None:
        status = "no-target"
    elif latest_year <= start.year and (indicator.baseline is not None or target.kind == "level"):
        status = "not-followed-up"
    elif target.kind == "relative":
        relative = _relative(target, indicator, observed, latest_year)
        status = relative.status
    else:
        status, progress = _level(target, start, latest, latest_year)
    if (
        status in {"on-track", "off-track", "not-yet"}
        and latest_year is not None
        and reference_year - latest_year > indicator.follow_up_every
    ):
        status = "stale"
    comparison = None
    if target is not None and target.relative_to in indicator.comparisons:
        comparison = indicator.comparisons[target.relative_to]
    return IndicatorStatus(
        indicator.id,
        indicator.title,
        indicator.unit,
        latest_year,
        latest,
        indicator.baseline,
        target,
        progress,
        status,
        number=indicator.number,
        target_kind=None if target is None else target.kind,
        set_by=None if target is None else target.set_by,
        comparison=None if target is None else target.relative_to,
        comparison_title=None if comparison is None else comparison.title,
        comparison_value=relative.comparison_value,
        change=relative.change,
        revisions=indicator.revisions,
        components=tuple(component.id for component in indicator.components),
        measure=indicator.measure,
        aggregate=aggregation(indicator),
        follow_up_every=indicator.follow_up_every,
        reference_year=reference_year,
    )


def indicator_status(model: Model, *, year: int | None = None) -> IndicatorStatuses:
    """The status of every indicator, sorted by id.

    The latest value is the one of the latest year among `values` and the baseline (for an
    `incremental` measure, the running total of the values). The status words and their
    precedence are listed in this module's documentation and in docs/analyses.md. Cost: one
    look at each indicator.

    Args:
        model: the model.
        year: the reference year a latest value is `stale` from (more than the indicator's
            `follow_up_every` years before it); None for this year.

    Returns:
        One :class:`IndicatorStatus` per indicator, in id order, in an
        :class:`IndicatorStatuses` (a list that shows itself as a table in Jupyter).

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Indicator(id="bredband", title="Hushåll med 1 Gbit/s", unit="%", values={2022: 75},
    ...                  baseline=il.Observation(year=2020, value=70),
    ...                  target=il.Target(year=2025, value=98)),
    ...     il.Indicator(id="desi", title="DESI", values={2021: 52.5}),
    ...     il.Indicator(id="nri", title="Network Readiness Index"),
    ...     il.Indicator(id="eu", title="SMF", unit="%", baseline=il.Observation(year=2020, value=82),
    ...                  target=il.Target(value=90, set_by="EU")),
    ... ], title="Kraftsamling digitalisering")
    >>> [(s.indicator, s.latest_value, s.status) for s in indicator_status(model, year=2023)]
    [('bredband', 75.0, 'off-track'), ('desi', 52.5, 'no-target'), ('eu', 82.0, 'not-followed-up'), ('nri', None, 'no-data')]
    """
    reference = datetime.datetime.now(tz=datetime.UTC).year if year is None else year
    home = model.home_ids()  # the indicators of the plans used are context
    with collector_paused():
        return IndicatorStatuses(
            (
                _status_of(node, reference)
                for node in model.nodes(Kind.INDICATOR)
                if isinstance(node, Indicator) and (home is None or node.id in home)
            ),
            lang=resolve_lang(None, model.language),
        )


def _owner(set_by: str | None, lang: Lang) -> str:
    if set_by is None:
        return word("target", lang)
    return word("target.set_by", lang).format(owner=set_by, genitive=_genitive(set_by))


def _genitive(name: str) -> str:
    # Swedish genitive: an abbreviation takes ":s" (EU:s), a name ending in s, x or z takes
    # nothing (Västra Götaland → "Västra Götalands", but "Region Halland" → "Region Hallands").
    if name.isupper():
        return f"{name}:s"
    if name[-1:].lower() in {"s", "x", "z"}:
        return name
    return f"{name}s"


def describe_target(
    indicator: Indicator, target: Target | None = None, *, lang: Lang
) -> str | None:
    r"""A target in words, as tables, diagrams and the page show it.

    A target set by someone else says whose it is ("EU:s mål"); a relative target names its
    comparison (its title, else its name) and rule; the year is given only when there is one.

    Args:
        indicator: the indicator (for its unit and comparisons).
        target: the target to describe; None for the one that applies (the latest revision's).
        lang: ``sv`` or ``en``.

    Returns:
        The text, or None when the indicator has no target.

    >>> import insatslogik as il
    >>> smf = il.Indicator(id="smf", title="SMF", unit="%", target=il.Target(value=90, set_by="EU"))
    >>> describe_target(smf, lang="sv"), describe_target(smf, lang="en")
    ('EU:s mål: 90 %', 'EU target: 90%')
    >>> dag = il.Indicator(id="dag", title="Dagbefolkning", comparisons={
    ...     "riket": {"title": "medianen för riket", "values": {2014: 0.0}}},
    ...     target=il.Target(relative_to="riket", rule="growth-above", since=2014, year=2025))
    >>> describe_target(dag, lang="sv")
    'mål: större ökning än medianen för riket sedan 2014 (2025)'
    """
    chosen = indicator.current_target if target is None else target
    if chosen is None:
        return None
    owner = _owner(chosen.set_by, lang)
    if chosen.kind == "relative":
        comparison = indicator.comparisons.get(chosen.relative_to or "")
        label = (comparison.title if comparison is not None else None) or chosen.relative_to or ""
        text = word(f"rule.{chosen.rule}", lang).format(
            comparison=label, since="" if chosen.since is None else chosen.since
        )
    else:
        text = "" if chosen.value is None else quantity(chosen.value, indicator.unit, lang)
    year = "" if chosen.year is None else f" ({chosen.year})"
    return f"{owner}: {text}{year}"


def target_history(indicator: Indicator, *, lang: Lang) -> list[str]:
    """The history of an indicator's target: the first target, then each revision with its reason.

    Args:
        indicator: the indicator.
        lang: ``sv`` or ``en``.

    Returns:
        One line per target, oldest first; empty without revisions.

    >>> import insatslogik as il
    >>> smf = il.Indicator(id="smf", title="SMF", unit="%", target=il.Target(value=90, year=2025),
    ...     revisions=[il.Revision(decided=2022, value=95, year=2030, reason="Skärpt")])
    >>> target_history(smf, lang="sv")
    ['ursprungligen mål: 90 % (2025)', 'ändrat 2022 till mål: 95 % (2030): Skärpt']
    """
    if not indicator.revisions:
        return []
    lines = []
    if indicator.target is not None:
        first = describe_target(indicator, indicator.target, lang=lang)
        lines.append(f"{word('target.original', lang)} {first}")
    for revision in sorted(indicator.revisions, key=lambda r: r.decided):
        text = describe_target(indicator, revision, lang=lang)
        decided = word("target.revised", lang).format(year=revision.decided)
        reason = f": {revision.reason}" if revision.reason else ""
        lines.append(f"{decided} {text}{reason}")
    return lines


def comparison_text(indicator: Indicator, name: str, *, lang: Lang) -> str:
    """One comparison series in words: its title (else its name) and values, with the source.

    Args:
        indicator: the indicator.
        name: the comparison's name in `comparisons`.
        lang: ``sv`` or ``en``.

    Returns:
        The text, e.g. ``medianen för riket: 0 (2014), 3,1 (2020) (SCB)``.

    Raises:
        KeyError: when the indicator has no comparison `name`.

    >>> import insatslogik as il
    >>> dag = il.Indicator(id="dag", title="Dagbefolkning", unit="%", comparisons={
    ...     "riket": {"title": "Medianen för riket", "values": {2020: 3.1}, "source": "SCB"}})
    >>> comparison_text(dag, "riket", lang="sv")
    'Medianen för riket: 3,1 % (2020) (SCB)'
    """
    comparison = indicator.comparisons[name]
    points = ", ".join(
        f"{quantity(value, indicator.unit, lang)} ({year})"
        for year, value in sorted(comparison.values.items())
    )
    source = f" ({comparison.source})" if comparison.source else ""
    return f"{comparison.title or name}: {points}{source}"


def component_lines(model: Model, indicator: Indicator, *, lang: Lang) -> list[str]:
    """An index's components as lines: each title, with its weight when given.

    Args:
        model: the model the index is in (for the components' titles).
        indicator: the index.
        lang: ``sv`` or ``en`` (the weight's number format and word).

    Returns:
        One line per component, in the order written; empty for an indicator without components.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Indicator(id="desi", title="DESI", components=["hk", {"id": "konn", "weight": 0.25}]),
    ...     il.Indicator(id="hk", title="Humankapital"),
    ...     il.Indicator(id="konn", title="Konnektivitet"),
    ... ], title="T")
    >>> component_lines(model, model["desi"], lang="sv")
    ['Humankapital', 'Konnektivitet (vikt 0,25)']
    """
    lines = []
    for component in indicator.components:
        weight = (
            ""
            if component.weight is None
            else f" ({word('summary.weight', lang)} {format_number(component.weight, lang)})"
        )
        lines.append(f"{model[component.id].title}{weight}")
    return lines
