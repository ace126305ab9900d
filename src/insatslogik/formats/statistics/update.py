"""Bring a plan's indicator values up to date from the services their structured `source` names.

>>> import insatslogik as il
>>> class Recorded:
...     def get(self, url):
...         return (b'{"values": [{"kpi": "N00945", "municipality": "1400", "period": 2021, '
...             b'"values": [{"gender": "T", "value": 7.5}]}]}')
...     def post(self, url, body):
...         raise NotImplementedError
>>> plan = il.Model([il.Indicator(id="andel", title="Andel",
...     source={"kolada": {"kpi": "N00945", "area": "1400"}}, values={2020: 7.0})], title="P")
>>> updated, report = update_values(plan, client=Recorded(), years=[2020, 2021])
>>> updated["andel"].values
{2020: 7.0, 2021: 7.5}
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from insatslogik.errors import ModelError, UsageError
from insatslogik.formats.statistics._values import StatisticValues
from insatslogik.formats.statistics.fetching import (
    KOLADA_API,
    FetchError,
    HttpClient,
    fetch_jsonstat,
    fetch_kolada,
)
from insatslogik.i18n import Lang, format_number, resolve_lang, word
from insatslogik.model.model import Model
from insatslogik.model.schema import Indicator, KoladaSource, Source

__all__ = ["FIRST_YEAR", "Change", "IndicatorUpdate", "ValuesUpdate", "update_values"]

#: The first year asked of Kolada when no years are given (the service starts about here).
FIRST_YEAR: int = 2000

# Kolada's gender codes, and the group each stands for in a `kön` breakdown.
_GENDER_GROUPS = {"K": "kvinnor", "M": "män"}
_GENDER_DIMENSION = "kön"

Status = Literal["failed", "conflict", "updated", "unchanged"]


@dataclass(frozen=True)
class Change:
    """One value the service gave: its year, the group (None for the total), old and new.

    Attributes:
        year: the year.
        group: ``"kön: kvinnor"`` for a breakdown, None for the indicator's own values.
        old: the value the plan held (None when it held none).
        new: the value the service gave.
    """

    year: int
    group: str | None
    old: float | None
    new: float


@dataclass(frozen=True)
class IndicatorUpdate:
    """What updating one indicator did.

    Attributes:
        id: the indicator's id.
        source: its source, as short text (``Kolada N00945, 1400``).
        added: values for years (or groups) the plan did not have, now added.
        changed: values that differed from the plan's and were overwritten (``overwrite``).
        conflicts: values that differ from the plan's, kept as written (no ``overwrite``).
        unchanged: how many values the service gave that the plan already had.
        failed: why the values could not be fetched, or None.
    """

    id: str
    source: str
    added: tuple[Change, ...] = ()
    changed: tuple[Change, ...] = ()
    conflicts: tuple[Change, ...] = ()
    unchanged: int = 0
    failed: str | None = None

    @property
    def status(self) -> Status:
        """The outcome in a word.

        Returns:
            ``failed``, ``conflict`` (some value kept against the service's), ``updated``
            (something added or overwritten) or ``unchanged``.

        >>> IndicatorUpdate("a", "Kolada N00945, 1400", unchanged=3).status
        'unchanged'
        """
        if self.failed is not None:
            return "failed"
        if self.conflicts:
            return "conflict"
        return "updated" if self.added or self.changed else "unchanged"


@dataclass(frozen=True)
class ValuesUpdate:
    """The report of `update_values`: what happened per indicator.

    Attributes:
        indicators: one `IndicatorUpdate` per indicator fetched.
        language: the plan's language, the report's unless `to_text` is told another.
    """

    indicators: tuple[IndicatorUpdate, ...] = ()
    language: str = "sv"

    @property
    def ok(self) -> bool:
        """Whether every indicator was fetched and no value was in conflict.

        Returns:
            True when nothing failed and nothing conflicted.

        >>> ValuesUpdate().ok
        True
        """
        return all(item.status in ("updated", "unchanged") for item in self.indicators)

    @property
    def changed(self) -> bool:
        """Whether the model differs from the one given (some value added or overwritten).

        Returns:
            True when saving would change the plan.

        >>> ValuesUpdate().changed
        False
        """
        return any(item.added or item.changed for item in self.indicators)

    def to_text(self, *, lang: Lang | None = None) -> str:
        """The report, one line per indicator and one per conflict or failure.

        Args:
            lang: ``sv`` or ``en``; None for the plan's language.

        Returns:
            The lines, each ending in a newline.

        >>> print(ValuesUpdate().to_text(lang="en"), end="")
        No indicator has a structured source.
        """
        chosen = resolve_lang(lang, self.language)
        if not self.indicators:
            return word("update.none", chosen) + "\n"
        lines: list[str] = []
        for item in self.indicators:
            head = f"{item.id} ({item.source}): {word(f'update.{item.status}', chosen)}"
            if item.failed is not None:
                lines.append(f"{head}: {item.failed}")
                continue
            counts = [
                f"{word(key, chosen)} {len(changes)}"
                for key, changes in (
                    ("update.added", item.added),
                    ("update.overwritten", item.changed),
                    ("update.conflicts", item.conflicts),
                )
                if changes
            ]
            counts.append(f"{word('update.same', chosen)} {item.unchanged}")
            lines.append(f"{head} ({', '.join(counts)})")
            for change in item.conflicts:
                where = f"{change.year}" + (f" {change.group}" if change.group else "")
                kept = "-" if change.old is None else format_number(change.old, chosen)
                fetched = format_number(change.new, chosen)
                lines.append(
                    f"  {where}: {word('update.kept', chosen)} {kept}, "
                    f"{word('update.fetched', chosen)} {fetched}"
                )
        return "\n".join(lines) + "\n"


def update_values(
    model: Model,
    *,
    only: Iterable[str] | None = None,
    overwrite: bool = False,
    client: HttpClient | None = None,
    kolada_url: str = KOLADA_API,
    years: Sequence[int] | None = None,
) -> tuple[Model, ValuesUpdate]:
    """Fetch the values of each indicator with a structured `source` and merge them in.

    A value the plan already has for a year is never changed unless `overwrite`: a
    different one is a conflict, reported. Missing values (None) are skipped. Kolada's K and
    M values go into ``disaggregation: {kön: {kvinnor, män}}`` under the same rule.

    Args:
        model: the plan.
        only: the ids of the indicators to update; None for every one with a structured source.
        overwrite: replace a value that differs from the service's.
        client: the HTTP client; by default a `UrllibClient`.
        kolada_url: Kolada's API address (another one for a mirror or a test server).
        years: the years to ask Kolada for; None for `FIRST_YEAR` to this year.
            JSON-stat sources give the years their address selects.

    Returns:
        The new model (the given one is not changed; the same one when nothing was added or
        overwritten) and the report.

    Raises:
        UsageError: an id in `only` that is not an indicator with a structured source.

    >>> update_values(Model([], title="P"))[1].indicators
    ()
    """
    wanted = _wanted(model, only)
    asked = list(years) if years is not None else _default_years()
    nodes = list(model)
    reports: list[IndicatorUpdate] = []
    for position, node in enumerate(nodes):
        if not isinstance(node, Indicator) or node.id not in wanted:
            continue
        source = node.source
        assert isinstance(source, Source)  # _wanted keeps these only
        try:
            fetched = _fetch(source, asked, client, kolada_url)
        except (FetchError, ModelError, UsageError) as error:
            reports.append(IndicatorUpdate(node.id, str(source), failed=_reason(error)))
            continue
        nodes[position], one = _merge(node, source, fetched, overwrite=overwrite)
        reports.append(one)
    update = ValuesUpdate(tuple(reports), model.language)
    if not update.changed:
        return model, update
    # The header (id, uses) and the plans used are kept: the plan is saved as it was written.
    return model.with_nodes(nodes), update


def _wanted(model: Model, only: Iterable[str] | None) -> set[str]:
    home = model.home_ids()  # a used plan's indicators are updated in its own file
    structured = {
        node.id
        for node in model.nodes("indicator")
        if isinstance(node, Indicator)
        and isinstance(node.source, Source)
        and (home is None or node.id in home)
    }
    if only is None:
        return structured
    chosen = set(only)
    for node_id in sorted(chosen - structured):
        if node_id not in model or not isinstance(model[node_id], Indicator):
            msg = f"no indicator {node_id!r} in the plan"
        else:
            msg = f"indicator {node_id!r} has no kolada, pxweb or jsonstat source to fetch from"
        raise UsageError(msg)
    return chosen


def _default_years() -> list[int]:
    return list(range(FIRST_YEAR, datetime.datetime.now(tz=datetime.UTC).year + 1))


def _fetch(
    source: Source, years: list[int], client: HttpClient | None, kolada_url: str
) -> StatisticValues:
    if source.kolada is not None:
        return fetch_kolada(
            source.kolada.kpi, source.kolada.area, years, client=client, base_url=kolada_url
        )
    part = source.pxweb or source.jsonstat
    assert part is not None  # a Source names one service
    query = source.pxweb.query if source.pxweb is not None else None
    return fetch_jsonstat(
        part.url, query, client=client, time=part.time, select=dict(part.select) or None
    )


def _reason(error: Exception) -> str:
    if isinstance(error, ModelError):
        return "; ".join(problem.message for problem in error.problems[:3])
    return str(error)


def _merge(
    node: Indicator, source: Source, fetched: StatisticValues, *, overwrite: bool
) -> tuple[Indicator, IndicatorUpdate]:
    kolada: KoladaSource | None = source.kolada
    totals = fetched.values
    breakdowns = fetched.breakdowns
    if kolada is not None and kolada.gender in _GENDER_GROUPS:
        # The indicator follows one gender: that series is its values, and no breakdown.
        totals = breakdowns.get(_GENDER_DIMENSION, {}).get(_GENDER_GROUPS[kolada.gender], {})
        breakdowns = {}
    added: list[Change] = []
    changed: list[Change] = []
    conflicts: list[Change] = []
    unchanged = 0

    def merge_series(
        held: Mapping[int, float], new: Mapping[int, float | None], group: str | None
    ) -> dict[int, float]:
        nonlocal unchanged
        result = dict(held)
        for year, value in sorted(new.items()):
            if value is None:
                continue  # a year the service lists without a number: nothing to add
            old = held.get(year)
            if old is None:
                added.append(Change(year, group, None, value))
                result[year] = value
            elif old == value:
                unchanged += 1
            elif overwrite:
                changed.append(Change(year, group, old, value))
                result[year] = value
            else:
                conflicts.append(Change(year, group, old, value))
        return dict(sorted(result.items()))

    values = merge_series(dict(node.values), dict(totals), None)
    disaggregation = {dim: dict(groups) for dim, groups in node.disaggregation.items()}
    for dimension, groups in sorted(breakdowns.items()):
        for group, series in sorted(groups.items()):
            if not any(value is not None for value in series.values()):
                continue
            held = dict(disaggregation.get(dimension, {}).get(group, {}))
            merged = merge_series(held, dict(series), f"{dimension}: {group}")
            if merged:
                disaggregation.setdefault(dimension, {})[group] = merged
    report = IndicatorUpdate(
        node.id, str(source), tuple(added), tuple(changed), tuple(conflicts), unchanged
    )
    if not added and not changed:
        return node, report
    updated = node.model_copy(update={"values": values, "disaggregation": disaggregation})
    return updated, report
