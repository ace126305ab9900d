"""Indicator status: latest value, progress from baseline to target, and whether it is on track.

>>> import insatslogik as il
>>> model = il.Model([il.Indicator(
...     id="smf", title="Andel SMF med grundläggande digitaliseringsnivå", unit="%",
...     baseline=il.Observation(year=2020, value=82), target=il.Observation(year=2030, value=90),
...     values={2020: 82, 2022: 85})], title="Exempel")
>>> status = il.indicator_status(model)[0]
>>> status.latest_year, status.latest_value, status.status, round(status.progress, 3)
(2022, 85.0, 'on-track', 0.375)
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from insatslogik.analyses.findings import REPR_LINES
from insatslogik.errors import import_optional
from insatslogik.i18n import Lang, format_number, percent, resolve_lang, status_name, word
from insatslogik.kinds import Kind
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.schema import Indicator, Observation

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["IndicatorStatus", "IndicatorStatuses", "indicator_status"]

Status = Literal["achieved", "on-track", "off-track", "no-target", "no-data"]


@dataclass(frozen=True)
class IndicatorStatus:
    """Where one indicator stands.

    `progress` is the share of the way from baseline to target that the latest value has come
    (1.0 at the target; negative when it moved the wrong way). Without a baseline the earliest
    value starts the way; None without a target or anything to start from. The direction (up or
    down) is taken from the target: a target below the start means lower is better.
    """

    indicator: str
    title: str
    unit: str | None
    latest_year: int | None
    latest_value: float | None
    baseline: Observation | None
    target: Observation | None
    progress: float | None
    status: Status

    def to_dict(self) -> dict[str, Any]:
        """As plain JSON-ready data (baseline and target as ``{"year", "value"}``).

        Returns:
            A dict of the fields, by name.

        >>> import insatslogik as il
        >>> model = il.Model([il.Indicator(
        ...     id="smf", title="Andel SMF", unit="%", values={2022: 85},
        ...     baseline=il.Observation(year=2020, value=82), target=il.Observation(year=2030, value=90),
        ... )], title="Kraftsamling digitalisering")
        >>> il.indicator_status(model)[0].to_dict()
        {'indicator': 'smf', 'title': 'Andel SMF', 'unit': '%', 'latest_year': 2022, 'latest_value': 85.0, 'baseline': {'year': 2020, 'value': 82.0}, 'target': {'year': 2030, 'value': 90.0}, 'progress': 0.375, 'status': 'on-track'}
        """
        data = asdict(self)
        for name in ("baseline", "target"):
            observation = getattr(self, name)
            data[name] = None if observation is None else observation.model_dump()
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
    <IndicatorStatuses: 1 indicators (achieved 0, on-track 0, off-track 0, no-target 1, no-data 0)
      no-target desi>
    >>> isinstance(statuses, list), statuses[0].status, statuses.lang
    (True, 'no-target', 'sv')
    """

    def __init__(self, statuses: Iterable[IndicatorStatus] = (), *, lang: Lang = "sv") -> None:
        super().__init__(statuses)
        self.lang: Lang = lang

    def __repr__(self) -> str:
        # A few lines, however many indicators: Jupyter and the REPL show it beside the table.
        statuses = [status.status for status in self]
        counts = ", ".join(f"{status} {statuses.count(status)}" for status in get_args(Status))
        lines = [f"<IndicatorStatuses: {len(self)} indicators ({counts})"]
        lines.extend(f"  {status.status} {status.indicator}" for status in self[:REPR_LINES])
        if len(self) > REPR_LINES:
            lines.append(f"  … {len(self) - REPR_LINES} more")
        return "\n".join(lines) + ">"

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
        >>> frame = il.indicator_status(model).to_dataframe()
        >>> row = frame.loc["smf"]
        >>> float(row["baseline_value"]), int(row["target_year"]), float(row["progress"]), row["status"]
        (82.0, 2030, 0.375, 'on-track')
        """
        pandas = import_optional(
            "pandas", extra="pandas", purpose="IndicatorStatuses.to_dataframe()"
        )
        rows = []
        for status in self:
            row = status.to_dict()
            for name in ("baseline", "target"):
                observation = row.pop(name)
                row[f"{name}_year"] = None if observation is None else observation["year"]
                row[f"{name}_value"] = None if observation is None else observation["value"]
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
        frame: pd.DataFrame = pandas.DataFrame(rows, columns=columns).set_index("indicator")
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


def _status_of(indicator: Indicator) -> IndicatorStatus:
    observed = dict(indicator.values)
    start = indicator.baseline
    if start is not None:
        observed.setdefault(start.year, start.value)
    elif observed:
        first = min(observed)
        start = Observation(year=first, value=observed[first])
    latest_year = max(observed) if observed else None
    latest = observed[latest_year] if latest_year is not None else None
    target = indicator.target
    progress = None
    status: Status
    if latest is None or latest_year is None:
        status = "no-data"
    elif target is None or start is None:
        status = "no-target"
    else:
        rising = target.value >= start.value
        span = target.value - start.value
        progress = (
            (latest - start.value) / span if span else (1.0 if latest == target.value else 0.0)
        )
        if (latest >= target.value) if rising else (latest <= target.value):
            status = "achieved"
        else:
            years = target.year - start.year
            share = (latest_year - start.year) / years if years > 0 else 1.0
            expected = start.value + span * min(max(share, 0.0), 1.0)
            on_line = latest >= expected if rising else latest <= expected
            status = "on-track" if on_line else "off-track"
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
    )


def indicator_status(model: Model) -> IndicatorStatuses:
    """The status of every indicator, sorted by id.

    The latest value is the one of the latest year among `values` and the baseline. Status:
    ``no-data`` without any value; ``no-target`` without a target (or without any value to
    start the line from); ``achieved`` at or beyond the target; ``on-track`` at or beyond the
    straight line from the baseline to the target at the latest year; else ``off-track``.
    Cost: one look at each indicator.

    Returns:
        One :class:`IndicatorStatus` per indicator, in id order, in an
        :class:`IndicatorStatuses` (a list that shows itself as a table in Jupyter).

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Indicator(id="bredband", title="Hushåll med 1 Gbit/s", unit="%", values={2022: 75},
    ...                  baseline=il.Observation(year=2020, value=70),
    ...                  target=il.Observation(year=2025, value=98)),
    ...     il.Indicator(id="desi", title="DESI", values={2021: 52.5}),
    ...     il.Indicator(id="nri", title="Network Readiness Index"),
    ... ], title="Kraftsamling digitalisering")
    >>> [(status.indicator, status.latest_value, status.status) for status in indicator_status(model)]
    [('bredband', 75.0, 'off-track'), ('desi', 52.5, 'no-target'), ('nri', None, 'no-data')]
    """
    with collector_paused():
        return IndicatorStatuses(
            (
                _status_of(node)
                for node in model.nodes(Kind.INDICATOR)
                if isinstance(node, Indicator)
            ),
            lang=resolve_lang(None, model.language),
        )
